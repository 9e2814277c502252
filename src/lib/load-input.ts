/**
 * The numbers a reader types into a calculator, and the same numbers read back from a link: bounds,
 * messages a reader can act on, and URL state. A link is untrusted input: anyone can write one, so
 * every value is checked as if typed, and a bad one falls back to its default with a notice.
 * Runs at build time and in the browser; no DOM here.
 */

export interface NumberField {
	label: string;
	unit: string;
	min: number;
	max: number;
	step: number;
	/** Whole numbers only (requests, tasks, users); fractions are refused, never rounded silently. */
	integer?: boolean;
}

export interface LoadField extends NumberField {
	/** The worked example's value, shown until the reader changes it. */
	default: number;
}

export type LoadFields<K extends string = string> = Record<K, LoadField>;
export type Load<K extends string = string> = Record<K, number>;

/** Longest value a link may carry for one number; anything longer is refused before parsing. */
const maxLength = 32;

/**
 * A value as typed or as found in a URL: a number within the field's bounds, or why not. `quote`
 * repeats what was typed in the message; a link's value is never repeated, so a crafted link cannot
 * put its own words in the page.
 */
export function checkValue(field: NumberField, raw: string, { quote = true } = {}): { value: number } | { error: string } {
	const name = field.label.toLowerCase();
	if (raw.length > maxLength) return { error: `${field.label} is too long to be a number.` };
	const text = raw.trim().replace(/[,_\s]/g, '');
	if (text === '') return { error: `Enter a number for ${name}.` };
	// Plain decimal notation only: Number() would also take "0x10", "1e3" and "Infinity".
	if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return { error: quote ? `${field.label} must be a number, not “${raw}”.` : `${field.label} must be a number.` };
	const n = Number(text);
	if (n < field.min) return { error: `${field.label} must be at least ${field.min.toLocaleString('en-US')} ${field.unit}.` };
	if (n > field.max) return { error: `${field.label} can be at most ${field.max.toLocaleString('en-US')} ${field.unit}.` };
	if (field.integer && !Number.isInteger(n)) return { error: `${field.label} must be a whole number.` };
	return { value: n };
}

export function defaultLoad<K extends string>(fields: LoadFields<K>): Load<K> {
	return Object.fromEntries(Object.entries<LoadField>(fields).map(([key, field]) => [key, field.default])) as Load<K>;
}

/** Checks a form's values; a value with an error keeps its default so the figures never show NaN. */
export function loadFromForm<K extends string>(fields: LoadFields<K>, raw: Partial<Record<string, string>>): { load: Load<K>; errors: Partial<Record<K, string>> } {
	const load = defaultLoad(fields);
	const errors: Partial<Record<K, string>> = {};
	for (const [key, field] of Object.entries<LoadField>(fields) as Array<[K, LoadField]>) {
		const result = checkValue(field, raw[key] ?? '');
		if ('error' in result) errors[key] = result.error;
		else load[key] = result.value;
	}
	return { load, errors };
}

/**
 * The load a link carries. Keys the calculator does not know are left alone (other parts of the page
 * read them); a known key that is repeated or whose value fails the checks keeps its default, and a
 * notice says so in words a reader can act on.
 */
export function loadFromParams<K extends string>(fields: LoadFields<K>, params: URLSearchParams): { load: Load<K>; notices: string[]; fromLink: boolean } {
	const load = defaultLoad(fields);
	const notices: string[] = [];
	let fromLink = false;
	for (const [key, field] of Object.entries<LoadField>(fields) as Array<[K, LoadField]>) {
		const values = params.getAll(key);
		if (values.length === 0) continue;
		fromLink = true;
		const fallback = `so the default, ${field.default.toLocaleString('en-US')} ${field.unit}, is used`;
		if (values.length > 1) {
			notices.push(`The link gives ${field.label.toLowerCase()} ${values.length} times, ${fallback}.`);
			continue;
		}
		const result = checkValue(field, values[0]!, { quote: false });
		if ('error' in result) notices.push(`The link's value for ${field.label.toLowerCase()} was not used: ${result.error} The default, ${field.default.toLocaleString('en-US')} ${field.unit}, is used instead.`);
		else load[key] = result.value;
	}
	return { load, notices, fromLink };
}

/** The URL's query with the load written into it; other keys (a tab choice, say) are kept. */
export function loadToParams<K extends string>(fields: LoadFields<K>, load: Load<K>, params: URLSearchParams): URLSearchParams {
	const next = new URLSearchParams(params);
	for (const key of Object.keys(fields)) next.set(key, String(load[key as K]));
	return next;
}

/**
 * The patterns index's narrowing, read from the address. The address is untrusted (anyone can write
 * a link): a value that is not one of the choices, a repeated key, or anything else odd falls back
 * to "all" with a notice, and nothing from it reaches the page but that notice, as text.
 */
export interface PatternFilter {
	category: string;
	service: string;
	/** Why a value in the address was ignored; empty when none was. */
	notice: string;
}

export function readPatternFilter(search: string, choices: { category: readonly string[]; service: readonly string[] }): PatternFilter {
	const params = new URLSearchParams(search);
	const ignored: string[] = [];
	const pick = (key: 'category' | 'service'): string => {
		const values = params.getAll(key);
		if (values.length === 0 || (values.length === 1 && values[0] === '')) return '';
		if (values.length === 1 && choices[key].includes(values[0]!)) return values[0]!;
		ignored.push(key);
		return '';
	};
	const category = pick('category');
	const service = pick('service');
	const notice = ignored.length ? `The link names no such ${ignored.join(' or ')}; showing every ${ignored.join(' and every ')}.` : '';
	return { category, service, notice };
}

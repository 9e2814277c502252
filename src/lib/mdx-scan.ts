/**
 * A small reader for the MDX this site writes: it finds JSX elements (with their attributes and
 * children), ESM lines and `{expressions}` outside code, and leaves everything else as it is, so
 * the Markdown export keeps the authors' prose byte for byte. It knows code fences and code spans,
 * so `<html>` in a shell example is never mistaken for an element.
 */

/** An attribute value: a string, `true` for a bare attribute, or a JS literal from `{...}`. */
export type Literal = string | number | boolean | null | Literal[] | { [key: string]: Literal };

export interface JsxElement {
	name: string;
	attributes: Record<string, Literal>;
	/** The raw source between the opening and the closing tag; '' for a self-closing element. */
	children: string;
	/** Offset of the children in the scanned source (the end of the opening tag). */
	childrenStart: number;
	selfClosing: boolean;
	/** Offsets in the scanned source: the element runs from `start` to `end`. */
	start: number;
	end: number;
	/** Only whitespace precedes the element on its line: it stands as a block, not inside a sentence. */
	block: boolean;
}

export class MdxScanError extends Error {
	constructor(where: string, message: string) {
		super(`${where}: ${message}`);
		this.name = 'MdxScanError';
	}
}

interface Tag {
	name: string;
	closing: boolean;
	selfClosing: boolean;
	attributes: Record<string, Literal>;
	start: number;
	end: number;
}

type Where = (offset: number) => string;

const fenceOpen = /^([ \t]*)(`{3,}|~{3,})/;

/** End offset (after the newline) of the fenced block that opens at `start`. An unclosed fence runs to the end. */
function fenceEnd(src: string, start: number, marker: string): number {
	const char = marker[0]!;
	let at = src.indexOf('\n', start);
	while (at !== -1) {
		const lineStart = at + 1;
		const next = src.indexOf('\n', lineStart);
		const line = src.slice(lineStart, next === -1 ? src.length : next);
		const close = new RegExp(`^[ \\t]*\\${char}{${marker.length},}[ \\t]*$`).exec(line);
		if (close) return next === -1 ? src.length : next + 1;
		at = next;
	}
	return src.length;
}

/** End offset of an import/export statement starting at `start`: it runs on while its braces are open or a line ends with a comma. */
function esmEnd(src: string, start: number): number {
	let at = start;
	let depth = 0;
	for (;;) {
		const next = src.indexOf('\n', at);
		const line = src.slice(at, next === -1 ? src.length : next);
		depth += (line.match(/[{[(]/g)?.length ?? 0) - (line.match(/[}\])]/g)?.length ?? 0);
		if ((depth <= 0 && !/,\s*$/.test(line)) || next === -1) return next === -1 ? src.length : next + 1;
		at = next + 1;
	}
}

/** End offset of a code span opening at `start`, or -1 when the backticks are literal. */
function codeSpanEnd(src: string, start: number): number {
	const run = /^`+/.exec(src.slice(start))![0];
	let at = start + run.length;
	for (;;) {
		const found = src.indexOf(run, at);
		if (found === -1) return -1;
		const after = found + run.length;
		if (src[after] !== '`' && src[found - 1] !== '`') return after;
		at = after;
		while (src[at] === '`') at++;
	}
}

/** End offset of the `{...}` that opens at `start`, skipping braces inside string literals. */
function braceEnd(src: string, start: number, where: Where): number {
	let depth = 0;
	for (let i = start; i < src.length; i++) {
		const c = src[i]!;
		if (c === '"' || c === "'" || c === '`') {
			const close = src.indexOf(c, i + 1);
			if (close === -1) break;
			i = close;
		} else if (c === '{') depth++;
		else if (c === '}') {
			depth--;
			if (depth === 0) return i + 1;
		}
	}
	throw new MdxScanError(where(start), 'an expression `{` is never closed');
}

/** Parses a JS literal (strings, numbers, booleans, null, arrays, objects): all an attribute here needs. */
export function parseLiteral(text: string, where = 'expression'): Literal {
	let i = 0;
	const fail = (message: string): never => {
		throw new MdxScanError(where, `${message} in {${text}}: attributes take strings, numbers, booleans, arrays and objects only`);
	};
	const space = () => {
		while (/\s/.test(text[i] ?? '')) i++;
	};
	const value = (): Literal => {
		space();
		const c = text[i];
		if (c === '[') {
			i++;
			const items: Literal[] = [];
			for (;;) {
				space();
				if (text[i] === ']') return i++, items;
				items.push(value());
				space();
				if (text[i] === ',') i++;
				else if (text[i] !== ']') fail('expected , or ]');
			}
		}
		if (c === '{') {
			i++;
			const object: Record<string, Literal> = {};
			for (;;) {
				space();
				if (text[i] === '}') return i++, object;
				let key: string;
				if (text[i] === '"' || text[i] === "'") key = string();
				else {
					const name = /^[A-Za-z_$][\w$-]*/.exec(text.slice(i))?.[0] ?? fail('expected a key');
					key = name;
					i += name.length;
				}
				space();
				if (text[i] !== ':') fail(`expected : after "${key}"`);
				i++;
				object[key] = value();
				space();
				if (text[i] === ',') i++;
				else if (text[i] !== '}') fail('expected , or }');
			}
		}
		if (c === '"' || c === "'") return string();
		const word = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i))?.[0];
		if (!word) return fail(`unexpected "${text.slice(i, i + 20)}"`);
		i += word.length;
		return word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : Number(word);
	};
	const string = (): string => {
		const quote = text[i]!;
		let out = '';
		for (i++; i < text.length; i++) {
			const c = text[i]!;
			if (c === quote) return i++, out;
			if (c === '\\') {
				const next = text[++i] ?? '';
				out += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[next] ?? next;
			} else out += c;
		}
		return fail('unterminated string');
	};
	const result = value();
	space();
	if (i < text.length) fail(`unexpected "${text.slice(i, i + 20)}"`);
	return result;
}

/** Reads the tag at `start` (`<Name ...>`, `<Name ... />` or `</Name>`), or null when the `<` is text. */
function readTag(src: string, start: number, where: Where): Tag | null {
	const head = /^<(\/)?([A-Za-z][\w.:-]*)/.exec(src.slice(start, start + 200));
	if (!head) return null;
	const [, slash, name] = head;
	let i = start + head[0].length;
	const space = () => {
		while (/\s/.test(src[i] ?? '')) i++;
	};
	if (slash) {
		space();
		if (src[i] !== '>') throw new MdxScanError(where(start), `</${name}> is not closed with >`);
		return { name: name!, closing: true, selfClosing: false, attributes: {}, start, end: i + 1 };
	}
	const attributes: Record<string, Literal> = {};
	for (;;) {
		space();
		if (src.startsWith('/>', i)) return { name: name!, closing: false, selfClosing: true, attributes, start, end: i + 2 };
		if (src[i] === '>') return { name: name!, closing: false, selfClosing: false, attributes, start, end: i + 1 };
		const attr = /^[A-Za-z_:][\w:.-]*/.exec(src.slice(i))?.[0];
		if (!attr) throw new MdxScanError(where(i), `<${name}> has an attribute the export cannot read: "${src.slice(i, i + 30)}"`);
		i += attr.length;
		space();
		if (src[i] !== '=') {
			attributes[attr] = true;
			continue;
		}
		i++;
		space();
		const quote = src[i];
		if (quote === '"' || quote === "'") {
			const close = src.indexOf(quote, i + 1);
			if (close === -1) throw new MdxScanError(where(i), `<${name} ${attr}=...> has an unterminated string`);
			attributes[attr] = src.slice(i + 1, close);
			i = close + 1;
		} else if (quote === '{') {
			const end = braceEnd(src, i, where);
			attributes[attr] = parseLiteral(src.slice(i + 1, end - 1), `${where(i)}: <${name} ${attr}>`);
			i = end;
		} else throw new MdxScanError(where(i), `<${name} ${attr}=...> needs a quoted or {braced} value`);
	}
}

export type Segment = { kind: 'text'; text: string } | { kind: 'element'; element: JsxElement };

/**
 * Splits MDX into text and JSX elements. Text keeps code fences, code spans and escapes as written;
 * import/export lines and `{/* comments *\/}` are dropped. Any other `{expression}` throws, since the
 * export cannot evaluate it. `firstLine` numbers errors when `src` is a part of a file.
 */
export function scanMdx(src: string, file: string, firstLine = 1): Segment[] {
	const where: Where = (offset) => `${file}:${firstLine + (src.slice(0, offset).match(/\n/g)?.length ?? 0)}`;
	const segments: Segment[] = [];
	let text = '';
	let i = 0;
	const flush = () => {
		if (text) segments.push({ kind: 'text', text });
		text = '';
	};
	while (i < src.length) {
		if (i === 0 || src[i - 1] === '\n') {
			const lineEnd = src.indexOf('\n', i);
			const line = src.slice(i, lineEnd === -1 ? src.length : lineEnd);
			const fence = fenceOpen.exec(line);
			if (fence) {
				const end = fenceEnd(src, i, fence[2]!);
				text += src.slice(i, end);
				i = end;
				continue;
			}
			if (/^(import|export)\s/.test(line)) {
				i = esmEnd(src, i);
				continue;
			}
		}
		const c = src[i]!;
		if (c === '\\') {
			text += src.slice(i, i + 2);
			i += 2;
			continue;
		}
		if (c === '`') {
			const end = codeSpanEnd(src, i);
			const stop = end === -1 ? i + /^`+/.exec(src.slice(i))![0].length : end;
			text += src.slice(i, stop);
			i = stop;
			continue;
		}
		if (c === '{') {
			const end = braceEnd(src, i, where);
			if (!/^\{\s*\/\*[\s\S]*\*\/\s*\}$/.test(src.slice(i, end))) {
				throw new MdxScanError(where(i), `the expression ${src.slice(i, Math.min(end, i + 60))} cannot be exported to Markdown; use a component the export knows`);
			}
			i = end;
			continue;
		}
		if (c === '<') {
			const tag = readTag(src, i, where);
			if (tag) {
				if (tag.closing) throw new MdxScanError(where(i), `</${tag.name}> closes an element that was never opened`);
				let children = '';
				let end = tag.end;
				if (!tag.selfClosing) {
					const close = findClose(src, tag, where);
					children = src.slice(tag.end, close.start);
					end = close.end;
				}
				const newline = text.lastIndexOf('\n');
				const startsLine = newline !== -1 || isBlockEnd(segments.at(-1));
				const lineEnd = src.indexOf('\n', end);
				const after = src.slice(end, lineEnd === -1 ? src.length : lineEnd);
				const block = startsLine && /^[ \t]*$/.test(text.slice(newline + 1)) && /^[ \t]*$/.test(after);
				flush();
				segments.push({
					kind: 'element',
					element: { name: tag.name, attributes: tag.attributes, children, childrenStart: tag.end, selfClosing: tag.selfClosing, start: tag.start, end, block },
				});
				i = end;
				continue;
			}
		}
		text += c;
		i++;
	}
	flush();
	return segments;
}

/** Whether the segment before an element leaves it at the start of a line. */
function isBlockEnd(segment: Segment | undefined): boolean {
	return segment === undefined || (segment.kind === 'element' && segment.element.block);
}

/** The matching closing tag of `open`, skipping code, nested elements of the same name and attribute strings. */
function findClose(src: string, open: Tag, where: Where): { start: number; end: number } {
	let depth = 1;
	let i = open.end;
	while (i < src.length) {
		if (src[i - 1] === '\n') {
			const lineEnd = src.indexOf('\n', i);
			const fence = fenceOpen.exec(src.slice(i, lineEnd === -1 ? src.length : lineEnd));
			if (fence) {
				i = fenceEnd(src, i, fence[2]!);
				continue;
			}
		}
		const c = src[i]!;
		if (c === '\\') {
			i += 2;
			continue;
		}
		if (c === '`') {
			const end = codeSpanEnd(src, i);
			i = end === -1 ? i + /^`+/.exec(src.slice(i))![0].length : end;
			continue;
		}
		if (c === '{') {
			i = braceEnd(src, i, where);
			continue;
		}
		if (c === '<') {
			const tag = readTag(src, i, where);
			if (tag) {
				if (tag.name === open.name && !tag.selfClosing) depth += tag.closing ? -1 : 1;
				if (depth === 0) return { start: tag.start, end: tag.end };
				i = tag.end;
				continue;
			}
		}
		i++;
	}
	throw new MdxScanError(where(open.start), `<${open.name}> is never closed`);
}

/** Removes the indentation every non-blank line shares (children of an element are indented in the source). */
export function dedent(text: string): string {
	const lines = text.split('\n');
	const indents = lines.filter((line) => line.trim()).map((line) => /^[ \t]*/.exec(line)![0].length);
	const common = indents.length > 0 ? Math.min(...indents) : 0;
	return common === 0 ? text : lines.map((line) => line.slice(Math.min(common, /^[ \t]*/.exec(line)![0].length))).join('\n');
}

/** Line number (1-based) of `offset` in `src`. */
export function lineAt(src: string, offset: number): number {
	return 1 + (src.slice(0, offset).match(/\n/g)?.length ?? 0);
}

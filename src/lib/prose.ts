/**
 * Prices live in content/pricing/ and reach pages only through components. This finds money typed
 * by hand into prose ("$0.20", "USD 5", "5 dollars"), ignoring fenced code blocks, where "$1" is
 * shell or regex syntax.
 */
export interface MoneyMention {
	line: number;
	text: string;
}

const money = /\$\s?\d|\bUSD\s?\d|\d\s?(?:USD|dollars?)\b/i;

export function findTypedMoney(source: string): MoneyMention[] {
	const found: MoneyMention[] = [];
	let inFence = false;
	source.split('\n').forEach((line, i) => {
		if (/^\s*(```|~~~)/.test(line)) {
			inFence = !inFence;
			return;
		}
		if (!inFence && money.test(line)) found.push({ line: i + 1, text: line.trim() });
	});
	return found;
}

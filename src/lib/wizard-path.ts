/**
 * The wizard's state is the list of answers taken from the start, kept in the URL as answer
 * numbers ("?path=1.0.2"), so a pasted link opens the same step. Shared by the page script and
 * the tests.
 */
export interface TreeShape {
	start: string;
	/** For each question node, the node each answer leads to; leaves have no entry. */
	next: Record<string, string[]>;
}

export type Walk = { ok: true; nodes: string[] } | { ok: false; reason: string };

/** Longer than any guide's deepest path; a longer value is refused before it is split. */
const maxLength = 200;

export function parsePath(value: string | null): number[] | null {
	if (value === null || value === '') return [];
	if (value.length > maxLength || !/^\d{1,3}(\.\d{1,3})*$/.test(value)) return null;
	return value.split('.').map(Number);
}

/** The answers a link carries: none without `path`, null (start over, with a notice) when it is given twice or is not a path. */
export function pathFromParams(params: URLSearchParams): number[] | null {
	const values = params.getAll('path');
	if (values.length > 1) return null;
	return parsePath(values[0] ?? null);
}

export function formatPath(path: number[]): string {
	return path.join('.');
}

/** The nodes visited by following `path` from the start; fails when an answer does not exist. */
export function walk(tree: TreeShape, path: number[]): Walk {
	const nodes = [tree.start];
	for (const [step, answer] of path.entries()) {
		const answers = tree.next[nodes[nodes.length - 1]!];
		if (!answers) return { ok: false, reason: `step ${step + 1} answers a recommendation` };
		const next = answers[answer];
		if (next === undefined) return { ok: false, reason: `step ${step + 1} has no answer ${answer}` };
		nodes.push(next);
	}
	return { ok: true, nodes };
}

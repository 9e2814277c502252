import type { DecisionTree, LeafNode } from '../schemas/decision.ts';

export interface TreeProblem {
	field: string;
	message: string;
}

/**
 * Structural rules a schema cannot express: every answer leads to a node that exists, every node
 * is reachable from the start, and no path loops back on itself.
 */
export function checkTree(tree: DecisionTree): TreeProblem[] {
	const problems: TreeProblem[] = [];
	const { nodes, start } = tree;
	if (!nodes[start]) {
		return [{ field: 'start', message: `points to "${start}", which is not a node` }];
	}
	for (const [id, node] of Object.entries(nodes)) {
		if (node.kind !== 'question') continue;
		node.answers.forEach((answer, i) => {
			if (!nodes[answer.next]) {
				problems.push({ field: `nodes.${id}.answers[${i}].next`, message: `points to "${answer.next}", which is not a node` });
			}
		});
	}
	if (problems.length > 0) return problems;

	const reached = new Set<string>();
	const onPath = new Set<string>();
	const visit = (id: string, path: string[]) => {
		if (onPath.has(id)) {
			problems.push({ field: `nodes.${path.at(-1)}`, message: `loops back to "${id}" (${[...path, id].join(' -> ')})` });
			return;
		}
		if (reached.has(id)) return;
		reached.add(id);
		onPath.add(id);
		const node = nodes[id]!;
		if (node.kind === 'question') for (const answer of node.answers) visit(answer.next, [...path, id]);
		onPath.delete(id);
	};
	visit(start, []);
	for (const id of Object.keys(nodes)) {
		if (!reached.has(id)) problems.push({ field: `nodes.${id}`, message: `cannot be reached from "${start}"` });
	}
	return problems;
}


/** Every leaf, in the order a depth-first walk from the start meets it. */
export function leavesOf(tree: DecisionTree): Array<{ id: string; node: LeafNode }> {
	const seen = new Set<string>();
	const leaves: Array<{ id: string; node: LeafNode }> = [];
	const visit = (id: string) => {
		if (seen.has(id)) return;
		seen.add(id);
		const node = tree.nodes[id];
		if (!node) return;
		if (node.kind === 'leaf') leaves.push({ id, node });
		else node.answers.forEach((answer) => visit(answer.next));
	};
	visit(tree.start);
	return leaves;
}

function escapeMermaid(text: string): string {
	return text.replace(/"/g, '#quot;');
}

/** The tree as a Mermaid flowchart: questions as diamonds' text in rounded boxes, leaves as boxes. */
export function treeToMermaid(tree: DecisionTree, serviceName: (id: string) => string): string {
	const lines = ['flowchart TD'];
	const ids = Object.keys(tree.nodes);
	const key = (id: string) => `n${ids.indexOf(id)}`;
	for (const [id, node] of Object.entries(tree.nodes)) {
		if (node.kind === 'question') lines.push(`  ${key(id)}{{"${escapeMermaid(node.text)}"}}`);
		else lines.push(`  ${key(id)}["${escapeMermaid(node.label || serviceName(node.service))}"]`);
	}
	for (const [id, node] of Object.entries(tree.nodes)) {
		if (node.kind !== 'question') continue;
		for (const answer of node.answers) lines.push(`  ${key(id)} -->|"${escapeMermaid(answer.label)}"| ${key(answer.next)}`);
	}
	return lines.join('\n');
}

import { guideGroups, type DecisionTree, type LeafNode } from '../schemas/decision.ts';

type GuideGroup = (typeof guideGroups)[number];

/** How /decisions/ heads each group of guides: the question its readers start with. */
export const guideGroupLabels: Record<GuideGroup, string> = {
	run: 'Where should my code run?',
	data: 'Where should my data live, and how do I analyse it?',
	connect: 'How do the parts connect, and how do users reach them?',
	access: 'Who can do what, and where do secrets and accounts go?',
	ai: 'How do I add machine learning or generative AI?',
	operate: 'How do I stay up through a disaster, and pay less for what runs?',
	move: 'How do I move to AWS, and in which tool do I write the infrastructure?',
};

/**
 * Guides (or anything with a group) under their group's heading, in the groups' order, leaving out
 * groups with none: the guide list on /decisions/, its "On this page" and its Markdown export.
 */
export function groupGuides<T>(items: T[], groupOf: (item: T) => GuideGroup): Array<{ group: GuideGroup; label: string; items: T[] }> {
	return guideGroups
		.map((group) => ({ group, label: guideGroupLabels[group], items: items.filter((item) => groupOf(item) === group) }))
		.filter(({ items }) => items.length > 0);
}

/**
 * Where a leaf sends the reader: the service it names, or the docs page it names instead. The
 * caller says how a service and a page path become a link (the site, or the Markdown export).
 */
export function leafTarget(
	node: LeafNode,
	service: (id: string) => { href: string; name: string },
	pageHref: (path: string) => string
): { href: string; name: string } {
	if (node.page !== undefined) return { href: pageHref(node.page), name: node.label };
	const { href, name } = service(node.service!);
	return { href, name };
}

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

/**
 * Whether a guide recommends a service: as a leaf, as a leaf's alternative, or as the first choice
 * or the alternative for a workload in its quick-reference table. A service page's "Decision
 * guides" list and its Markdown export both come from this.
 */
export function recommends(tree: DecisionTree, serviceId: string): boolean {
	return (
		Object.values(tree.nodes).some((node) => node.kind === 'leaf' && (node.service === serviceId || node.alternatives.includes(serviceId))) ||
		tree.quickReference.some((row) => row.first === serviceId || row.alternative === serviceId)
	);
}

/**
 * How a tree is written out as a list without repeating itself: the start, then each question that
 * two or more answers lead to, once, in the order a depth-first walk meets them. In each part, an
 * answer that leads to another part's question refers to it instead of repeating its branch.
 */
export function outlineParts(tree: DecisionTree): string[] {
	const incoming = new Map<string, number>();
	for (const node of Object.values(tree.nodes)) {
		if (node.kind === 'question') for (const answer of node.answers) incoming.set(answer.next, (incoming.get(answer.next) ?? 0) + 1);
	}
	const parts = [tree.start];
	const seen = new Set<string>();
	const visit = (id: string) => {
		if (seen.has(id)) return;
		seen.add(id);
		const node = tree.nodes[id];
		if (node?.kind !== 'question') return;
		if (id !== tree.start && (incoming.get(id) ?? 0) > 1) parts.push(id);
		node.answers.forEach((answer) => visit(answer.next));
	};
	visit(tree.start);
	return parts;
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
		else lines.push(`  ${key(id)}["${escapeMermaid(node.label || serviceName(node.service!))}"]`);
	}
	for (const [id, node] of Object.entries(tree.nodes)) {
		if (node.kind !== 'question') continue;
		for (const answer of node.answers) lines.push(`  ${key(id)} -->|"${escapeMermaid(answer.label)}"| ${key(answer.next)}`);
	}
	return lines.join('\n');
}

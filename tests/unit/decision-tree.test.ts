import { describe, expect, it } from 'vitest';
import { checkTree, leavesOf, outlineParts, recommends, treeToMermaid } from '../../src/lib/decision-tree';
import type { DecisionTree } from '../../src/schemas/decision';

const leaf = (service: string) => ({ kind: 'leaf' as const, service, label: service, why: 'because', alternatives: [] });
const question = (...next: string[]) => ({
	kind: 'question' as const,
	text: 'Which?',
	answers: next.map((n, i) => ({ label: `answer ${i}`, next: n })),
});

function tree(nodes: DecisionTree['nodes'], start = 'q1'): DecisionTree {
	return { title: 't', summary: 's', group: 'run', start, nodes, quickReference: [] };
}

describe('checkTree', () => {
	it('accepts a tree whose nodes are all reachable and acyclic', () => {
		expect(checkTree(tree({ q1: question('q2', 'a'), q2: question('a', 'b'), a: leaf('lambda'), b: leaf('ec2') }))).toEqual([]);
	});

	it('reports an answer that points to a missing node', () => {
		expect(checkTree(tree({ q1: question('a', 'nowhere'), a: leaf('lambda') }))).toEqual([
			{ field: 'nodes.q1.answers[1].next', message: 'points to "nowhere", which is not a node' },
		]);
	});

	it('reports a node that cannot be reached from the start', () => {
		const problems = checkTree(tree({ q1: question('a', 'b'), q4: question('a', 'b'), a: leaf('lambda'), b: leaf('ec2') }));
		expect(problems).toEqual([{ field: 'nodes.q4', message: 'cannot be reached from "q1"' }]);
	});

	it('reports a loop, as the seed compute tree has between Q5 and Q8', () => {
		const problems = checkTree(tree({ q1: question('q5', 'a'), q5: question('q8', 'a'), q8: question('q5', 'b'), a: leaf('ecs'), b: leaf('ec2') }));
		expect(problems).toHaveLength(1);
		expect(problems[0]!.field).toBe('nodes.q8');
		expect(problems[0]!.message).toContain('loops back to "q5"');
	});

	it('reports a start that is not a node', () => {
		expect(checkTree(tree({ a: leaf('lambda') }, 'q0'))).toEqual([{ field: 'start', message: 'points to "q0", which is not a node' }]);
	});
});

describe('leavesOf and treeToMermaid', () => {
	const t = tree({ q1: question('a', 'q2'), q2: question('b', 'a'), a: leaf('lambda'), b: leaf('ec2') });

	it('lists each leaf once, in walk order', () => {
		expect(leavesOf(t).map((l) => l.id)).toEqual(['a', 'b']);
	});

	it('draws every node and every answer as an edge, escaping quotes', () => {
		const code = treeToMermaid({ ...t, nodes: { ...t.nodes, q1: { ...question('a', 'q2'), text: 'Say "yes"?' } } }, (id) => id);
		expect(code.split('\n')[0]).toBe('flowchart TD');
		expect(code).toContain('#quot;yes#quot;');
		expect(code.match(/-->/g)).toHaveLength(4);
	});
});

describe('outlineParts', () => {
	it('is the start alone when no question is reached twice', () => {
		expect(outlineParts(tree({ q1: question('q2', 'a'), q2: question('a', 'b'), a: leaf('lambda'), b: leaf('ec2') }))).toEqual(['q1']);
	});

	it('adds each question that several answers lead to, once, in walk order; shared leaves stay inline', () => {
		const shared = tree({
			q1: question('q2', 'q3', 'q4'),
			q2: question('q4', 'a'),
			q3: question('q5', 'q4'),
			q4: question('q5', 'b'),
			q5: question('a', 'b'),
			a: leaf('lambda'),
			b: leaf('ec2'),
		});
		expect(outlineParts(shared)).toEqual(['q1', 'q4', 'q5']);
	});
});

describe('recommends', () => {
	const t = {
		...tree({ q1: question('a', 'b'), a: { ...leaf('lambda'), alternatives: ['fargate'] }, b: leaf('ec2') }),
		quickReference: [{ workload: 'w', first: 'batch', alternative: 'step-functions', why: 'y' }],
	};
	it('is true for a leaf, an alternative and either service of a quick-reference row', () => {
		for (const id of ['lambda', 'ec2', 'fargate', 'batch', 'step-functions']) expect(recommends(t, id), id).toBe(true);
	});
	it('is false for a service the guide does not name', () => expect(recommends(t, 'eks')).toBe(false));
});

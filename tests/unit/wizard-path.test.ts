import { describe, expect, it } from 'vitest';
import { formatPath, parsePath, walk, type TreeShape } from '../../src/lib/wizard-path';

const tree: TreeShape = { start: 'q1', next: { q1: ['a', 'q2'], q2: ['b', 'c', 'a'] } };

describe('wizard path', () => {
	it('round-trips answers through the URL value', () => {
		expect(parsePath('1.2')).toEqual([1, 2]);
		expect(formatPath([1, 2])).toBe('1.2');
		expect(parsePath(null)).toEqual([]);
		expect(parsePath('')).toEqual([]);
	});

	it('rejects values that are not answer numbers', () => {
		expect(parsePath('1..2')).toBeNull();
		expect(parsePath('x')).toBeNull();
		expect(parsePath('-1')).toBeNull();
	});

	it('walks from the start to the node the answers lead to', () => {
		expect(walk(tree, [])).toEqual({ ok: true, nodes: ['q1'] });
		expect(walk(tree, [1, 1])).toEqual({ ok: true, nodes: ['q1', 'q2', 'c'] });
	});

	it('fails on an answer that does not exist or a step past a recommendation', () => {
		expect(walk(tree, [1, 3])).toEqual({ ok: false, reason: 'step 2 has no answer 3' });
		expect(walk(tree, [0, 0])).toEqual({ ok: false, reason: 'step 2 answers a recommendation' });
	});
});

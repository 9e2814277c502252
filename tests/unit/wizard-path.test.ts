import { describe, expect, it } from 'vitest';
import { formatPath, parsePath, pathFromParams, walk, type TreeShape } from '../../src/lib/wizard-path';

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

	it.each([
		['markup', '?path=%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
		['a very long path', `?path=${Array(500).fill('0').join('.')}`],
		['an answer number too large to be one', '?path=1.99999999999999999999'],
		['look-alike digits', '?path=%EF%BC%91.%EF%BC%90'],
		['a repeated key', '?path=1&path=0'],
	])('starts over (null) for a link with %s', (_, query) => {
		expect(pathFromParams(new URLSearchParams(query))).toBeNull();
	});

	it('reads one path from a link and none from a link without it', () => {
		expect(pathFromParams(new URLSearchParams('?iac=cdk&path=1.0'))).toEqual([1, 0]);
		expect(pathFromParams(new URLSearchParams('?iac=cdk'))).toEqual([]);
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

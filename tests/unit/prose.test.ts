import { describe, expect, it } from 'vitest';
import { findTypedMoney } from '../../src/lib/prose';

describe('findTypedMoney', () => {
	it('finds dollar figures typed in prose, with their line', () => {
		expect(findTypedMoney('Intro.\nIt costs $0.20 per million.\nUSD 5 a month, or 5 dollars.')).toEqual([
			{ line: 2, text: 'It costs $0.20 per million.' },
			{ line: 3, text: 'USD 5 a month, or 5 dollars.' },
		]);
	});

	it('ignores code fences and dollar signs that are not money', () => {
		expect(findTypedMoney('Use `$context.requestId`.\n```sh\necho $1\n```\nPay per request.')).toEqual([]);
	});
});

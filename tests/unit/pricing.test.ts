import { describe, expect, it } from 'vitest';
import { findPrice, formatFreeTier, formatPer, formatQuantity, formatTotal, formatUsd, oldestCheck } from '../../src/lib/pricing';
import type { PriceList } from '../../src/schemas/pricing';

const list: PriceList = {
	service: 'lambda',
	prices: [
		{
			id: 'requests',
			item: 'Requests',
			value: 0.2,
			currency: 'USD',
			unit: 'request',
			per: 1_000_000,
			region: 'us-east-1',
			source: 'https://aws.amazon.com/lambda/pricing/',
			checked: new Date('2026-11-25'),
		},
	],
	freeTier: [],
};

describe('price formatting', () => {
	it('keeps every published digit of a small rate', () => {
		expect(formatUsd(0.0000166667)).toBe('$0.0000166667');
		expect(formatUsd(0.2)).toBe('$0.20');
		expect(formatUsd(1)).toBe('$1.00');
		expect(formatUsd(0.04048)).toBe('$0.04048');
	});

	it('rounds totals to cents', () => {
		expect(formatTotal(5.275)).toBe('$5.28');
		expect(formatTotal(283.24)).toBe('$283.24');
	});

	it('writes the billed quantity the way pricing pages do', () => {
		expect(formatQuantity(1_000_000)).toBe('1M');
		expect(formatQuantity(10_000)).toBe('10K');
		expect(formatQuantity(400_000)).toBe('400K');
		expect(formatQuantity(1)).toBe('1');
		expect(formatPer({ per: 1_000_000, unit: 'request' })).toBe('per 1M requests');
		expect(formatPer({ per: 1, unit: 'GB-second' })).toBe('per GB-second');
		expect(formatFreeTier({ id: 'x', item: 'Compute', quantity: 400_000, unit: 'GB-second', period: 'month', source: 'https://a.example', checked: new Date() })).toBe(
			'400K GB-seconds per month'
		);
	});

	it('reports the oldest check of a set of rates', () => {
		const dates = ['2026-03-01', '2025-12-31', '2026-11-25'].map((d) => ({ checked: new Date(d) }));
		expect(oldestCheck(dates)?.toISOString().slice(0, 10)).toBe('2025-12-31');
		expect(oldestCheck([])).toBeUndefined();
	});

	it('throws naming the service and the known ids when a price id does not exist', () => {
		expect(findPrice(list, 'requests').value).toBe(0.2);
		expect(() => findPrice(list, 'duration')).toThrow(/No price "duration" for service "lambda".*Known ids: requests/);
	});
});

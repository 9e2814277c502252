import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/content';
import type { PriceBook } from '../../src/lib/costs';
import { workedExamples } from '../../src/lib/examples';

const content = loadContent({ content: 'content', docs: 'src/content/docs' });
const book: PriceBook = Object.fromEntries(content.prices.map((entry) => [entry.data.service, entry.data]));

describe('the price list', () => {
	it('has one file per service, named after it', () => {
		for (const entry of content.prices) expect(entry.id).toBe(entry.data.service);
	});

	for (const [id, example] of Object.entries(workedExamples)) {
		it(`prices the worked example "${id}" from rates that exist`, () => {
			const options = example.compute(book);
			expect(options.length).toBeGreaterThan(0);
			for (const { estimate } of options) {
				expect(Number.isFinite(estimate.total)).toBe(true);
				expect(estimate.total).toBeGreaterThanOrEqual(0);
			}
			for (const service of example.services) expect(book[service], `content/pricing/${service}.yaml`).toBeDefined();
		});
	}
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/content';
import type { PriceBook } from '../../src/lib/costs';
import { patternSizing } from '../../src/lib/iac/sizing';
import { checkValue, defaultLoad, loadFromForm, loadFromParams, loadToParams, type LoadField, type LoadFields } from '../../src/lib/load-input';
import { pricePattern, slimBook } from '../../src/lib/pattern-calculator';
import { idleLabel, patternCosts, type PatternExampleId } from '../../src/lib/pattern-costs';

const content = loadContent({ content: 'content', docs: 'src/content/docs' });
const book: PriceBook = Object.fromEntries(content.prices.map((entry) => [entry.data.service, entry.data]));
const ids = Object.keys(patternCosts) as PatternExampleId[];
const sizing = (id: PatternExampleId) => patternSizing(join(process.cwd(), 'content', 'patterns', id));

/** Words a page must never show for a number. */
const broken = /NaN|Infinity|undefined|\[object/;

describe("every pattern's calculator", () => {
	it('covers every pattern in content/patterns/', () => {
		expect(ids.sort()).toEqual(content.patterns.map((p) => p.id).sort());
	});

	for (const id of ids) {
		const model = patternCosts[id];
		it(`${id}: defaults that pass its own checks, an idle option first and one at-load option`, () => {
			for (const [key, field] of Object.entries<LoadField>(model.fields)) {
				expect(checkValue(field, String(field.default)), `${id}.${key}`).toEqual({ value: field.default });
				expect(field.min, `${id}.${key}`).toBeLessThanOrEqual(field.max);
			}
			const options = model.example(sizing(id)).compute(book);
			expect(options[0]!.label).toBe(idleLabel);
			expect(options.filter((o) => o.atLoad)).toHaveLength(1);
		});

		it(`${id}: prices at every bound with the slim price list the page carries, without NaN or a throw`, () => {
			const s = sizing(id);
			const services = model.example(s).services;
			const slim = slimBook(book, services);
			const fields = Object.entries<LoadField>(model.fields);
			const loads = [
				defaultLoad(model.fields as LoadFields),
				Object.fromEntries(fields.map(([key, field]) => [key, field.min])),
				Object.fromEntries(fields.map(([key, field]) => [key, field.max])),
			];
			for (const load of loads) {
				const priced = pricePattern(id, s, slim, load);
				const full = pricePattern(id, s, book, load);
				expect(priced.options.map((o) => o.estimate.total)).toEqual(full.options.map((o) => o.estimate.total));
				for (const option of priced.options) {
					expect(Number.isFinite(option.estimate.total), `${id} ${option.label} at ${JSON.stringify(load)}`).toBe(true);
					expect(option.estimate.total).toBeGreaterThanOrEqual(0);
				}
				expect(priced.html).not.toMatch(broken);
				expect(priced.summary).not.toMatch(broken);
			}
		});
	}
});

describe('a load typed or read from a link', () => {
	const field: LoadField = { label: 'Requests per month', unit: 'requests', min: 0, max: 1_000_000, step: 1, integer: true, default: 1000 };
	const fields = { requests: field, durationMs: { label: 'Average function duration', unit: 'ms', min: 1, max: 900_000, step: 1, default: 400 } };

	it('takes plain and grouped numbers', () => {
		expect(checkValue(field, '1,000')).toEqual({ value: 1000 });
		expect(checkValue(field, ' 25_000 ')).toEqual({ value: 25_000 });
	});

	it.each([
		['', 'Enter a number for requests per month.'],
		['-5', 'Requests per month must be at least 0 requests.'],
		['2.5', 'Requests per month must be a whole number.'],
		['1e9', 'Requests per month must be a number, not “1e9”.'],
		['0x10', 'Requests per month must be a number, not “0x10”.'],
		['Infinity', 'Requests per month must be a number, not “Infinity”.'],
		['５', 'Requests per month must be a number, not “５”.'],
		['1000001', 'Requests per month can be at most 1,000,000 requests.'],
		['9'.repeat(40), 'Requests per month is too long to be a number.'],
	])('refuses %j with a message a reader can act on', (raw, message) => {
		expect(checkValue(field, raw)).toEqual({ error: message });
	});

	it('keeps the default where a typed value is wrong, so no figure shows NaN', () => {
		const { load, errors } = loadFromForm(fields, { requests: 'abc', durationMs: '200' });
		expect(load).toEqual({ requests: 1000, durationMs: 200 });
		expect(Object.keys(errors)).toEqual(['requests']);
	});

	it.each([
		['markup', '?requests=%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
		['an attribute break-out', '?requests=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E'],
		['a very long value', `?requests=${'1'.repeat(5000)}`],
		['look-alike digits', '?requests=%EF%BC%91%EF%BC%90'],
		['a repeated key', '?requests=10&requests=20'],
		['an empty value', '?requests='],
	])('falls back to the default with a notice for %s, and never echoes markup', (_, query) => {
		const { load, notices, fromLink } = loadFromParams(fields, new URLSearchParams(query));
		expect(load).toEqual({ requests: 1000, durationMs: 400 });
		expect(fromLink).toBe(true);
		expect(notices).toHaveLength(1);
		expect(notices[0]).toMatch(/default, 1,000 requests, is used/);
		expect(notices[0]!.length).toBeLessThan(300);
	});

	it('reads good values, ignores keys it does not own and writes them back beside them', () => {
		const params = new URLSearchParams('?iac=terraform&requests=5000&unknown=x');
		const { load, notices } = loadFromParams(fields, params);
		expect(load).toEqual({ requests: 5000, durationMs: 400 });
		expect(notices).toEqual([]);
		expect(loadToParams(fields, { requests: 7, durationMs: 90 }, params).toString()).toBe('iac=terraform&requests=7&unknown=x&durationMs=90');
	});

	it('says a link without any of its keys carries no load', () => {
		expect(loadFromParams(fields, new URLSearchParams('?iac=cdk')).fromLink).toBe(false);
	});
});

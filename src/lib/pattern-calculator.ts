/**
 * A pattern's calculator, priced: the example at a load, its tables as HTML and a one-line summary.
 * The build renders the default with it and the browser loads it only when the reader changes an
 * input or follows a link with a load, so a pattern page's first load carries none of the formulas.
 */
import type { PriceBook } from './costs.ts';
import { exampleHtml } from './example-html.ts';
import type { PatternSizing } from './iac/sizing.ts';
import type { Load } from './load-input.ts';
import { idleLabel, patternCosts, type Option, type PatternExampleId } from './pattern-costs.ts';
import { formatTotal } from './pricing.ts';

export function pricePattern(id: PatternExampleId, sizing: PatternSizing, book: PriceBook, load: Partial<Load> = {}) {
	const example = patternCosts[id].example(sizing, load as never);
	const options = example.compute(book);
	return { example, options, html: exampleHtml(example, options), summary: summary(options) };
}

/** What a screen reader hears after each change: the idle and at-load totals, not every table. */
export function summary(options: Option[]): string {
	const idle = options.find((o) => o.label === idleLabel);
	const atLoad = options.find((o) => o.atLoad);
	return [idle, atLoad]
		.filter((o): o is Option => o !== undefined)
		.map((o) => `${o.label}: ${formatTotal(o.estimate.total)} a month.`)
		.join(' ');
}

/**
 * The price lists an example reads, cut to what the formulas use (ids, values, quantities), for a
 * page to carry to the browser without every source and note.
 */
export function slimBook(book: PriceBook, services: string[]): PriceBook {
	return Object.fromEntries(
		[...new Set(services)].map((id) => {
			const list = book[id];
			if (!list) throw new Error(`No price list for service "${id}" in content/pricing/.`);
			return [
				id,
				{
					service: list.service,
					prices: list.prices.map(({ id: priceId, value, per }) => ({ id: priceId, value, per })),
					freeTier: list.freeTier.map(({ id: tierId, quantity }) => ({ id: tierId, quantity })),
				},
			];
		})
	) as unknown as PriceBook;
}

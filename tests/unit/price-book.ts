/**
 * The site's price list as the cost tests read it (content/pricing/), with a rate per single unit and
 * the free allowances: the expected side of a test is worked from these, never copied from an output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { unitRate, type PriceBook } from '../../src/lib/costs';
import { PriceListSchema } from '../../src/schemas/pricing';

const pricingDir = join(process.cwd(), 'content', 'pricing');

export const book: PriceBook = Object.fromEntries(
	readdirSync(pricingDir)
		.filter((name) => name.endsWith('.yaml'))
		.map((name) => {
			const list = PriceListSchema.parse(parseYaml(readFileSync(join(pricingDir, name), 'utf8')));
			return [list.service, list];
		})
);

/** A rate per single unit (a price divided by the quantity it is for). */
export const rate = (service: string, id: string) => unitRate(book, service, id);

/** A free allowance's quantity, as the price list states it. */
export function free(service: string, id: string): number {
	const tier = book[service]?.freeTier.find((t) => t.id === id);
	if (!tier) throw new Error(`No free tier "${id}" for ${service} in content/pricing/`);
	return tier.quantity;
}

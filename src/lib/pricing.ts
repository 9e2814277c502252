import type { FreeTier, Price, PriceList } from '../schemas/pricing.ts';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });

/** "1M", "10K", "1": how a price's quantity reads in "per 1M requests". */
export function formatQuantity(quantity: number): string {
	return quantity >= 1000 ? compact.format(quantity) : String(quantity);
}

/** Unit with an "s" when the quantity is more than one: "requests", "GB-second". */
export function pluralUnit(unit: string, quantity: number): string {
	return quantity === 1 || unit.endsWith('s') ? unit : `${unit}s`;
}

/** A rate with every significant digit it was published with: 0.0000166667 stays as it is. */
export function formatUsd(value: number): string {
	const fixed = value.toFixed(10).replace(/0+$/, '');
	const [whole, fraction = ''] = fixed.split('.');
	return `$${whole}.${fraction.padEnd(2, '0')}`;
}

/** Money as a reader sees a total: two decimals, cents rounded half away from zero. */
export function formatTotal(value: number): string {
	return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(value);
}

export function formatPer(price: Pick<Price, 'per' | 'unit'>): string {
	return price.per === 1 ? `per ${price.unit}` : `per ${formatQuantity(price.per)} ${pluralUnit(price.unit, price.per)}`;
}

export function formatFreeTier(tier: FreeTier): string {
	return `${formatQuantity(tier.quantity)} ${pluralUnit(tier.unit, tier.quantity)} per ${tier.period}`;
}

/** ISO date (YYYY-MM-DD) in UTC, the way prices record when they were checked. */
export function isoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** The oldest `checked` date of a set of rates: a table is only as fresh as its stalest row. */
export function oldestCheck(items: Array<{ checked: Date }>): Date | undefined {
	return items.reduce<Date | undefined>((oldest, { checked }) => (!oldest || checked < oldest ? checked : oldest), undefined);
}

/** Looks a rate up by id and says which ids exist when it is not there. */
export function findPrice(list: PriceList, id: string): Price {
	const price = list.prices.find((p) => p.id === id);
	if (!price) {
		throw new Error(
			`No price "${id}" for service "${list.service}" in content/pricing/. Known ids: ${list.prices.map((p) => p.id).join(', ')}`
		);
	}
	return price;
}

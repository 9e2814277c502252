import { z } from 'astro/zod';
import { ServiceIdSchema } from './service.ts';

const isoDate = z.coerce.date({ error: 'a date in YYYY-MM-DD form is required' }).describe('When the value was last read from its source (YYYY-MM-DD).');
const httpsUrl = z.url({ protocol: /^https$/, error: 'a source is an https:// URL' });

/** One rate, for example Lambda requests at 0.20 USD per 1,000,000 requests. */
export const PriceSchema = z
	.object({
		id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a price id is kebab-case'),
		item: z.string().min(1).describe('What is charged, as a reader would say it.'),
		value: z.number().nonnegative(),
		currency: z.literal('USD'),
		unit: z.string().min(1).describe('The billed unit, singular: "request", "GB-second", "GB-month".'),
		per: z.number().positive().default(1).describe('How many units the value pays for.'),
		region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'a region code such as us-east-1'),
		source: httpsUrl,
		checked: isoDate,
		note: z.string().optional().describe('Tier, architecture or other condition the rate depends on.'),
	})
	.strict();

/** An allowance that is free each month, for example Lambda's 1M requests. */
export const FreeTierSchema = z
	.object({
		id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
		item: z.string().min(1),
		quantity: z.number().positive(),
		unit: z.string().min(1),
		period: z.enum(['month']),
		source: httpsUrl,
		checked: isoDate,
		note: z.string().optional(),
	})
	.strict();

/** One file in content/pricing/: every rate of one service. */
export const PriceListSchema = z
	.object({
		service: ServiceIdSchema,
		prices: z.array(PriceSchema).min(1),
		freeTier: z.array(FreeTierSchema).default([]),
	})
	.strict();

export type Price = z.output<typeof PriceSchema>;
export type FreeTier = z.output<typeof FreeTierSchema>;
export type PriceList = z.output<typeof PriceListSchema>;

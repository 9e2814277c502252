import { z } from 'astro/zod';

/** Service categories, in the order the sidebar shows them. */
export const serviceCategories = [
	'compute',
	'storage',
	'database',
	'networking',
	'integration',
	'analytics',
	'ml',
	'security',
	'observability',
	'devtools',
	'cost',
	'migration',
] as const;

export const ServiceIdSchema = z
	.string()
	.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a service id is kebab-case, for example "api-gateway"')
	.describe('Kebab-case id that decision trees, patterns and prices use to refer to this service.');

/**
 * The `service` block of a service page's frontmatter: the one place a service's id, names and
 * category are defined.
 */
export const ServiceSchema = z
	.object({
		id: ServiceIdSchema,
		name: z.string().min(1).describe('Name as AWS writes it, for example "AWS Lambda".'),
		aliases: z
			.array(z.string().min(1))
			.default([])
			.describe('Other names readers search for: acronyms, long names, old names, engine names.'),
		category: z.enum(serviceCategories),
		related: z
			.array(ServiceIdSchema)
			.default([])
			.describe('Services a reader of this page should compare or combine it with.'),
		retired: z
			.object({ date: z.coerce.date(), replacement: z.string().min(1) })
			.strict()
			.optional()
			.describe('Set when AWS has ended the service: guides never recommend it.'),
	})
	.strict();

export type ServiceInput = z.input<typeof ServiceSchema>;
export type Service = z.output<typeof ServiceSchema>;

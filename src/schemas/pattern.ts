import { z } from 'astro/zod';
import { ServiceIdSchema } from './service.ts';

/** The three IaC variants every pattern ships, in tab order. */
export const iacVariants = ['cdk', 'terraform', 'cloudformation'] as const;
export type IacVariant = (typeof iacVariants)[number];

/** `content/patterns/<id>/pattern.yaml`. */
export const PatternSchema = z
	.object({
		title: z.string().min(1).describe('What you get, as a verb phrase: "Deploy a serverless REST API".'),
		summary: z.string().min(1),
		services: z.array(ServiceIdSchema).min(1).describe('Services the pattern deploys, in data-flow order.'),
		whenToUse: z.array(z.string().min(1)).min(1),
		whenToAvoid: z.array(z.string().min(1)).min(1),
		diagram: z
			.object({
				title: z.string().min(1),
				description: z.string().min(1),
				mermaid: z.string().min(1),
			})
			.strict(),
		security: z.array(z.string().min(1)).default([]),
	})
	.strict();

export type Pattern = z.output<typeof PatternSchema>;

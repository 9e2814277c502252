import { z } from 'astro/zod';
import { AcknowledgementSchema, CfnLintExceptionSchema, DeclaredDifferenceSchema } from './pattern.ts';
import { ServiceIdSchema } from './service.ts';

/** The six pillars of the AWS Well-Architected Framework, in the framework's order. */
export const pillars = [
	'operational-excellence',
	'security',
	'reliability',
	'performance-efficiency',
	'cost-optimization',
	'sustainability',
] as const;
export type Pillar = (typeof pillars)[number];

/**
 * `content/snippets/<id>/snippet.yaml`: a small, complete IaC example for one Well-Architected
 * practice. A snippet is built like a pattern (cdk/, terraform/ and cloudformation/ folders proven by
 * the same IaC tests) but is one practice, not an architecture, so it has no diagram or guidance lists.
 */
export const SnippetSchema = z
	.object({
		title: z.string().min(1).describe('What the snippet sets up, as a verb phrase: "Encrypt a bucket with a customer managed KMS key".'),
		summary: z.string().min(1),
		pillar: z.enum(pillars).describe('The pillar page that shows the snippet.'),
		services: z.array(ServiceIdSchema).describe('Services the snippet deploys; the IaC tests check each variant deploys them.'),
		acknowledgements: z
			.array(AcknowledgementSchema)
			.default([])
			.describe('cdk-nag findings the snippet accepts on purpose, with the resources and the reason; [] when there are none.'),
		cfnLint: z
			.array(CfnLintExceptionSchema)
			.default([])
			.describe('cfn-lint errors and warnings the snippet accepts on purpose, per variant, with the reason; [] when there are none.'),
		differences: z
			.array(DeclaredDifferenceSchema)
			.default([])
			.describe('Where the CDK, CloudFormation and Terraform variants behave differently on purpose, with the reason; [] when they agree on every fact.'),
	})
	.strict();

export type Snippet = z.output<typeof SnippetSchema>;

import { z } from 'astro/zod';
import { ServiceIdSchema } from './service.ts';

/** The three IaC variants every pattern ships, in tab order. */
export const iacVariants = ['cdk', 'terraform', 'cloudformation'] as const;
export type IacVariant = (typeof iacVariants)[number];

/**
 * A cdk-nag AwsSolutions finding that a pattern accepts on purpose. The IaC tests hold the code to
 * this list: the CloudFormation template passes cdk-nag with exactly these acknowledged (by logical
 * id), and the CDK app acknowledges the same rules on constructs with the same ids, for the same
 * reason. So the security notes on the page show every exception the code makes, and no other.
 */
export const AcknowledgementSchema = z
	.object({
		rule: z
			.string()
			.regex(
				/^AwsSolutions-[A-Z]+[0-9]+(\[.+\])?$/,
				'a cdk-nag AwsSolutions rule id, for example "AwsSolutions-APIG4" or "AwsSolutions-IAM5[Resource::*]"'
			)
			.describe('The cdk-nag rule id, as cdk-nag reports it (granular findings include their [suffix]).'),
		resources: z
			.array(z.string().regex(/^[A-Za-z0-9]+$/, 'a CloudFormation logical id, letters and digits only'))
			.min(1)
			.describe(
				'Logical ids in cloudformation/template.yaml. In the CDK app, the construct with the same id (its path without "Resource") acknowledges the rule.'
			),
		reason: z
			.string()
			.min(20)
			.describe('Why the exception is acceptable, in the words the CDK code passes to Validations.of(...).acknowledge().'),
	})
	.strict();

export type Acknowledgement = z.output<typeof AcknowledgementSchema>;

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
		acknowledgements: z
			.array(AcknowledgementSchema)
			.default([])
			.describe('cdk-nag findings the pattern accepts on purpose, with the resources and the reason; [] when there are none.'),
	})
	.strict();

export type Pattern = z.output<typeof PatternSchema>;

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

/** The templates cfn-lint checks: the hand-written cloudformation/ one, or the ones the CDK app synthesizes. */
export const cfnLintVariants = ['cloudformation', 'cdk'] as const;

/**
 * A cfn-lint finding (https://github.com/aws-cloudformation/cfn-lint) that a pattern accepts on
 * purpose. The IaC tests run cfn-lint on the hand-written template and on every template the CDK app
 * synthesizes, and fail on any error or warning this list does not cover, and on an entry that covers
 * no finding (a stale exception). Informational findings never fail, so they need no entry.
 */
export const CfnLintExceptionSchema = z
	.object({
		rule: z
			.string()
			.regex(/^[EW][0-9]{4}$/, 'a cfn-lint error or warning rule id, for example "W1030"')
			.describe('The cfn-lint rule id, as cfn-lint reports it: E for errors, W for warnings.'),
		variant: z
			.enum(cfnLintVariants)
			.describe('Which templates the exception applies to: cloudformation/ (hand-written) or cdk (synthesized from the CDK app).'),
		resource: z
			.string()
			.regex(/^[A-Za-z0-9]+$/, 'a CloudFormation logical id, letters and digits only')
			.optional()
			.describe(
				'The logical id the finding is on (a resource, parameter or output). For the CDK app, either the synthesized logical id or the same id without its hash (the construct path without "Resource"). Omitted, the exception covers every finding of the rule in that variant.'
			),
		reason: z.string().min(20).describe('Why the finding is acceptable, for the reader and the next maintainer.'),
	})
	.strict();

export type CfnLintException = z.output<typeof CfnLintExceptionSchema>;

/**
 * A difference between the variants that the pattern keeps on purpose. tests/iac/equivalence.test.ts
 * reduces each variant to facts (sizes, network rules, IAM statements...) and fails on any fact that
 * differs unless one of these matches it; an entry that matches no difference fails too.
 */
export const DeclaredDifferenceSchema = z
	.object({
		match: z.string().min(5).describe('Text that every differing fact it covers contains, as the test reports the fact.'),
		reason: z.string().min(20).describe('Why the variants differ, for the reader and the next maintainer.'),
	})
	.strict();

export type DeclaredDifference = z.output<typeof DeclaredDifferenceSchema>;

/** A sample default that a production deployment should change. */
export const ProductionChangeSchema = z
	.object({
		change: z.string().min(5).describe('What to change, as an instruction: "Add an authorizer to the API".'),
		why: z.string().min(10).describe('What the sample default costs or risks in production.'),
	})
	.strict();

/**
 * One CloudFormation template of a pattern that deploys more than one stack, and the Regions it is
 * deployed in (a stack each). The IaC tests read every template as often as it is deployed, each
 * copy in its Region, so a template deployed in two Regions counts twice against the CDK app and
 * the Terraform configuration.
 */
export const DeploymentSchema = z
	.object({
		template: z
			.string()
			.regex(/^[a-z0-9][a-z0-9-]*\.ya?ml$/, 'a YAML file name in cloudformation/, for example "template.yaml"')
			.describe('File name of the template in cloudformation/.'),
		regions: z
			.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'a Region code such as us-east-1'))
			.min(1)
			.describe('The Regions the README deploys it in, by their default values: one stack in each.'),
	})
	.strict();

export type Deployment = z.output<typeof DeploymentSchema>;

/** The job a pattern does, which groups the patterns index; a reader narrows the list by it. */
export const patternCategories = ['apis', 'containers', 'events', 'data', 'ai', 'networking', 'delivery'] as const;
export type PatternCategory = (typeof patternCategories)[number];
export const patternCategoryLabels: Record<PatternCategory, string> = {
	apis: 'APIs and web applications',
	containers: 'Containers and Kubernetes',
	events: 'Events, queues and workflows',
	data: 'Databases and analytics',
	ai: 'Generative AI',
	networking: 'Networking, edge and resilience',
	delivery: 'Delivery and operations',
};

/** `content/patterns/<id>/pattern.yaml`. */
export const PatternSchema = z
	.object({
		title: z.string().min(1).describe('What you get, as a verb phrase: "Deploy a serverless REST API".'),
		summary: z.string().min(1),
		services: z.array(ServiceIdSchema).min(1).describe('Services the pattern deploys, in data-flow order.'),
		category: z.enum(patternCategories).describe('The job it does, which groups it on the patterns index.'),
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
		cfnLint: z
			.array(CfnLintExceptionSchema)
			.default([])
			.describe('cfn-lint errors and warnings the pattern accepts on purpose, per variant, with the reason; [] when there are none.'),
		differences: z
			.array(DeclaredDifferenceSchema)
			.default([])
			.describe('Where the CDK, CloudFormation and Terraform variants behave differently on purpose, with the reason; [] when they agree on every fact.'),
		beforeProduction: z
			.array(ProductionChangeSchema)
			.min(1)
			.describe('The sample defaults a production deployment should change, shown on the page as a checklist.'),
		deployments: z
			.array(DeploymentSchema)
			.min(1)
			.optional()
			.describe(
				'The CloudFormation templates and the Regions each is deployed in, when the pattern deploys more than cloudformation/template.yaml once; left out, it is that one template in one Region.'
			),
	})
	.strict();

export type Pattern = z.output<typeof PatternSchema>;

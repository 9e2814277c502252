import { z } from 'astro/zod';
import { ServiceIdSchema } from './service.ts';

const NodeIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a node id is kebab-case');

export const AnswerSchema = z
	.object({
		label: z.string().min(1),
		next: NodeIdSchema.describe('The node this answer leads to.'),
	})
	.strict();

export const QuestionNodeSchema = z
	.object({
		kind: z.literal('question'),
		text: z.string().min(1),
		help: z.string().optional().describe('What the question means and why it matters.'),
		answers: z.array(AnswerSchema).min(2, 'a question needs at least two answers'),
	})
	.strict();

export const LeafNodeSchema = z
	.object({
		kind: z.literal('leaf'),
		service: ServiceIdSchema.optional().describe('The recommended service. A leaf names a service or a page, not both.'),
		page: z
			.string()
			.regex(/^\/([a-z0-9-]+\/)+$/, 'a site path such as /iac/choosing/')
			.optional()
			.describe('A docs page to recommend, for a choice that is not an AWS service (Terraform, say).'),
		label: z.string().min(1).describe('The recommendation as shown, for example "ECS on Fargate".'),
		why: z.string().min(1),
		alternatives: z.array(ServiceIdSchema).default([]),
		cost: z
			.object({
				service: ServiceIdSchema,
				price: z.string().min(1).describe('A price id in content/pricing/<service>.yaml.'),
			})
			.strict()
			.optional()
			.describe('The rate that drives this option\'s bill, shown with the recommendation.'),
	})
	.strict();

/** One row of a guide's quick-reference table: a common workload and where to start. */
export const QuickReferenceSchema = z
	.object({
		workload: z.string().min(1),
		first: ServiceIdSchema,
		firstLabel: z.string().optional().describe('How to show the first choice, when not the service name ("ECS on Fargate").'),
		alternative: ServiceIdSchema,
		alternativeLabel: z.string().optional(),
		why: z.string().min(1),
	})
	.strict();

/** The question a reader starts with, which groups the guides on /decisions/ (labels: src/lib/decision-tree.ts). */
export const guideGroups = ['run', 'data', 'connect', 'access', 'ai', 'operate', 'move'] as const;

export const DecisionNodeSchema = z.discriminatedUnion('kind', [QuestionNodeSchema, LeafNodeSchema]);

/** One file in content/decisions/: a decision tree. */
export const DecisionTreeSchema = z
	.object({
		title: z.string().min(1),
		summary: z.string().min(1),
		group: z.enum(guideGroups).describe('The question a reader starts with; groups the guides on /decisions/.'),
		start: NodeIdSchema,
		nodes: z.record(NodeIdSchema, DecisionNodeSchema),
		quickReference: z.array(QuickReferenceSchema).min(1, 'a guide needs a quick-reference table'),
	})
	.strict();

export type DecisionNode = z.output<typeof DecisionNodeSchema>;
export type QuestionNode = z.output<typeof QuestionNodeSchema>;
export type LeafNode = z.output<typeof LeafNodeSchema>;
export type DecisionTree = z.output<typeof DecisionTreeSchema>;
export type QuickReference = z.output<typeof QuickReferenceSchema>;

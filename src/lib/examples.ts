/**
 * Worked cost examples shown on service, decision and pattern pages. Each states its assumptions in
 * words and computes its figures from the price list with the formulas in costs.ts, so no page
 * types a total. A pattern's example also reads its sizes from the pattern's code (patternSizing),
 * so the figures follow the code.
 */
import {
	HOURS_PER_MONTH,
	albCost,
	apiGatewayCost,
	auroraServerlessCost,
	combine,
	dynamoDbOnDemandCost,
	dynamoDbProvisionedCost,
	ec2Cost,
	eksCost,
	fargateCost,
	lambdaCost,
	line,
	unitRate,
	type Estimate,
	type PriceBook,
} from './costs.ts';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { patternSizing, type PatternSizing } from './iac/sizing.ts';
import { idleLabel, patternExamples, type PatternExampleId, type WorkedExample } from './pattern-costs.ts';
import { findPrice } from './pricing.ts';

export { alwaysOn, idleLabel, patternExamples, type Option, type PatternExampleId, type WorkedExample } from './pattern-costs.ts';

const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

const sized = new Map<string, { stamp: number; sizing: PatternSizing }>();

/**
 * A pattern's sizes, read from its CloudFormation template when a page or an export first asks and
 * again when the template changes. Reading lazily keeps importing this module free of file reads.
 */
export function sizingOf(id: PatternExampleId, root = process.cwd()): PatternSizing {
	const dir = join(root, 'content', 'patterns', id);
	const stamp = statSync(join(dir, 'cloudformation', 'template.yaml')).mtimeMs;
	let entry = sized.get(dir);
	if (entry?.stamp !== stamp) sized.set(dir, (entry = { stamp, sizing: patternSizing(dir) }));
	return entry.sizing;
}

/** What a pattern costs in a month with no traffic, from its worked example (the patterns index shows it). */
export function idleMonth(id: string, book: PriceBook): Estimate {
	if (!(id in patternExamples)) throw new Error(`content/patterns/${id}/ has no worked example: add it to patternExamples in src/lib/examples.ts`);
	const example = patternExamples[id as PatternExampleId](sizingOf(id as PatternExampleId));
	const idle = example.compute(book).find((option) => option.label === idleLabel);
	if (!idle) throw new Error(`The worked example of ${id} has no "${idleLabel}" option: every pattern example starts with one`);
	return idle.estimate;
}



export const workedExamples = {
	'lambda-1m': {
		title: '1 million invocations a month',
		assumptions: '512 MB on x86, 400 ms per invocation, without the always-free allowance.',
		services: ['lambda'],
		compute: (book) => [
			{ label: 'Without free tier', estimate: lambdaCost(book, { requests: 1_000_000, durationMs: 400, memoryMb: 512 }) },
			{ label: 'With the free tier', estimate: lambdaCost(book, { requests: 1_000_000, durationMs: 400, memoryMb: 512 }, { freeTier: true }) },
		],
	},
	'api-gateway-http-vs-rest': {
		title: '10 million requests a month: HTTP API compared with REST API',
		assumptions: 'Request charges only, at the first volume tier; data transfer and caching are extra.',
		services: ['api-gateway'],
		compute: (book) => [
			{ label: 'HTTP API', estimate: apiGatewayCost(book, 10_000_000, 'http') },
			{ label: 'REST API', estimate: apiGatewayCost(book, 10_000_000, 'rest') },
		],
	},
	'fargate-one-task': {
		title: 'One task of 1 vCPU and 2 GB running all month',
		assumptions: 'Linux on x86, on-demand, 730 hours.',
		services: ['fargate'],
		compute: (book) => [{ label: 'Fargate', estimate: fargateCost(book, { tasks: 1, vcpu: 1, memoryGb: 2 }) }],
	},
	'eks-three-nodes': {
		title: 'One cluster with three m5.large nodes',
		assumptions: 'Kubernetes version in standard support, on-demand Linux nodes, 730 hours; load balancers, storage and data transfer are extra.',
		services: ['eks', 'ec2'],
		compute: (book) => [{ label: 'EKS', estimate: eksCost(book, { nodes: 3, nodeType: 'm5.large' }) }],
	},
	'ec2-t3-medium': {
		title: 'One t3.medium running all month',
		assumptions: 'On-demand Linux, 730 hours; EBS volumes and data transfer are extra.',
		services: ['ec2'],
		compute: (book) => [{ label: 'EC2', estimate: ec2Cost(book, 't3.medium') }],
	},
	'dynamodb-steady-modes': {
		title: 'A steady 100 reads and 20 writes per second: on-demand compared with provisioned',
		assumptions:
			'Strongly consistent reads of items up to 4 KB and writes up to 1 KB, every second of a 730-hour month. Provisioned capacity is set exactly to the load, with no auto scaling headroom; storage is left out.',
		services: ['dynamodb'],
		compute: (book) => [
			{
				label: 'On-demand',
				estimate: dynamoDbOnDemandCost(book, { readUnits: 100 * SECONDS_PER_MONTH, writeUnits: 20 * SECONDS_PER_MONTH, storageGb: 0 }),
			},
			{ label: 'Provisioned', estimate: dynamoDbProvisionedCost(book, { readCapacityUnits: 100, writeCapacityUnits: 20 }) },
		],
	},
	'secrets-50': {
		title: '50 secrets read 100,000 times a month',
		assumptions: 'Secrets Manager charges per secret and per 10,000 API calls; Parameter Store advanced parameters per parameter. Standard parameters have no storage charge.',
		services: ['secrets-manager', 'parameter-store'],
		compute: (book) => [
			{
				label: 'Secrets Manager',
				estimate: combine(
					line('Secrets', 50, 'secret-month', unitRate(book, 'secrets-manager', 'secret-month')),
					line('API calls', 100_000, 'API call', unitRate(book, 'secrets-manager', 'api-calls'))
				),
			},
			{ label: 'Parameter Store, advanced parameters', estimate: line('Advanced parameters', 50, 'parameter-month', unitRate(book, 'parameter-store', 'advanced-parameter-month')) },
		],
	},
	'api-compute-10m': {
		title: 'An API with 10 million requests a month on Lambda, Fargate or EC2',
		assumptions:
			'Lambda: 512 MB on x86, 200 ms per request, behind an HTTP API, without the free tier. Fargate: two tasks of 0.5 vCPU and 1 GB running all month behind an Application Load Balancer. EC2: two on-demand t3.small instances behind an Application Load Balancer. The load balancer is assumed to use one capacity unit (LCU) on average. Data transfer, logs and storage are left out.',
		services: ['lambda', 'api-gateway', 'fargate', 'ec2', 'elb'],
		compute: (book) => [
			{
				label: 'Lambda and HTTP API',
				estimate: combine(apiGatewayCost(book, 10_000_000, 'http'), lambdaCost(book, { requests: 10_000_000, durationMs: 200, memoryMb: 512 })),
			},
			{ label: 'Fargate and ALB', estimate: combine(fargateCost(book, { tasks: 2, vcpu: 0.5, memoryGb: 1 }), albCost(book, { lcu: 1 })) },
			{ label: 'EC2 and ALB', estimate: combine(ec2Cost(book, 't3.small', 2), albCost(book, { lcu: 1 })) },
		],
	},
	'dr-strategies': {
		title: 'The recovery Region of one web application under each disaster recovery strategy',
		assumptions:
			'The workload: two on-demand m5.large instances with a 50 GB gp3 volume each, behind an Application Load Balancer using one capacity unit (LCU) on average, and an Aurora Serverless v2 database averaging 2 ACU with 100 GB of Aurora Standard storage. Each figure is what the recovery Region adds each month, priced at us-east-1 rates. Backup and restore keeps the latest EBS snapshots of both volumes there (100 GB; snapshots are incremental, so this is the least they take). Pilot light adds an Aurora Global Database secondary cluster with its own copy of the storage, running at 0.5 ACU. Warm standby runs that database at 2 ACU and one instance behind a load balancer. Multi-site runs a full copy. Left out, for lack of a sourced rate: Aurora snapshot and backup storage, cross-Region data transfer and replicated write I/O, and Route 53 health checks.',
		services: ['ec2', 'ebs', 'elb', 'aurora'],
		compute: (book) => {
			const snapshots = line('EBS snapshots copied to the recovery Region', 100, 'GB-month', unitRate(book, 'ebs', 'snapshot-standard'));
			const storage = line('Aurora storage of the secondary cluster', 100, 'GB-month', unitRate(book, 'aurora', 'storage-standard'));
			const volumes = (count: number) => line(`EBS gp3 volumes (${count} x 50 GB)`, count * 50, 'GB-month', unitRate(book, 'ebs', 'storage-gp3'));
			const database = (acu: number) => auroraServerlessCost(book, { instances: 1, acu }, `Aurora Serverless v2 secondary at ${acu} ACU`);
			return [
				{ label: 'Backup and restore', estimate: snapshots },
				{ label: 'Pilot light', estimate: combine(snapshots, storage, database(0.5)) },
				{ label: 'Warm standby', estimate: combine(snapshots, storage, database(2), ec2Cost(book, 'm5.large', 1), volumes(1), albCost(book, { lcu: 1 })) },
				{ label: 'Multi-site active/active', estimate: combine(storage, database(2), ec2Cost(book, 'm5.large', 2), volumes(2), albCost(book, { lcu: 1 })) },
			];
		},
	},
} satisfies Record<string, WorkedExample>;

export type WorkedExampleId = keyof typeof workedExamples;

export interface StorageOption {
	label: string;
	service: string;
	priceId: string;
	kind: 'Object' | 'Block' | 'File';
}

/** The seed's "1 TB for a month" comparison: storage charges only, no requests or retrievals. */
export const storageOptions: StorageOption[] = [
	{ label: 'S3 Express One Zone', service: 's3', priceId: 'storage-express-one-zone', kind: 'Object' },
	{ label: 'S3 Standard', service: 's3', priceId: 'storage-standard', kind: 'Object' },
	{ label: 'S3 Standard-IA', service: 's3', priceId: 'storage-standard-ia', kind: 'Object' },
	{ label: 'S3 One Zone-IA', service: 's3', priceId: 'storage-one-zone-ia', kind: 'Object' },
	{ label: 'S3 Glacier Instant Retrieval', service: 's3', priceId: 'storage-glacier-instant', kind: 'Object' },
	{ label: 'S3 Glacier Flexible Retrieval', service: 's3', priceId: 'storage-glacier-flexible', kind: 'Object' },
	{ label: 'S3 Glacier Deep Archive', service: 's3', priceId: 'storage-deep-archive', kind: 'Object' },
	{ label: 'EBS gp3', service: 'ebs', priceId: 'storage-gp3', kind: 'Block' },
	{ label: 'EBS gp2', service: 'ebs', priceId: 'storage-gp2', kind: 'Block' },
	{ label: 'EBS st1', service: 'ebs', priceId: 'storage-st1', kind: 'Block' },
	{ label: 'EBS sc1', service: 'ebs', priceId: 'storage-sc1', kind: 'Block' },
	{ label: 'EFS Standard', service: 'efs', priceId: 'storage-standard', kind: 'File' },
];

export function storageMonth(book: PriceBook, gb: number, options = storageOptions) {
	return options
		.map((option) => {
			const price = findPrice(book[option.service] ?? missing(option.service), option.priceId);
			return { ...option, price, cost: (gb * price.value) / price.per };
		})
		.sort((a, b) => a.cost - b.cost);
}

function missing(service: string): never {
	throw new Error(`No price list for service "${service}" in content/pricing/.`);
}

/**
 * Worked cost examples shown on service pages. Each states its assumptions in words and computes
 * its figures from the price list with the formulas in costs.ts, so no page types a total.
 */
import {
	HOURS_PER_MONTH,
	apiGatewayCost,
	combine,
	dynamoDbOnDemandCost,
	dynamoDbProvisionedCost,
	ec2Cost,
	albCost,
	eksCost,
	fargateCost,
	lambdaCost,
	serverlessApiCost,
	unitRate,
	type Estimate,
	type PriceBook,
} from './costs.ts';
import { findPrice } from './pricing.ts';

export interface WorkedExample {
	title: string;
	/** What is assumed, in a sentence or two; shown above the figures. */
	assumptions: string;
	/** Services whose rates the example reads; their check dates are shown with it. */
	services: string[];
	/** One option, or several to compare; each is priced on its own. */
	compute: (book: PriceBook) => Option[];
}

export interface Option {
	label: string;
	estimate: Estimate;
}

const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

function line(item: string, quantity: number, unit: string, rate: number): Estimate {
	return { lines: [{ item, quantity, unit, cost: quantity * rate }], total: quantity * rate };
}

export const workedExamples = {
	'serverless-api-1m': {
		title: 'A serverless API with 1 million requests a month',
		assumptions:
			'API Gateway HTTP API, a Lambda function with 512 MB on x86 running 400 ms per request, and one DynamoDB on-demand read and one write (items up to 1 KB) per request; storage and data transfer left out. Priced with and without the always-free Lambda allowance.',
		services: ['api-gateway', 'lambda', 'dynamodb'],
		compute: (book) => [
			{ label: 'Without free tier', estimate: serverlessApiCost(book, { requests: 1_000_000, durationMs: 400, memoryMb: 512 }) },
			{ label: 'With the Lambda free tier', estimate: serverlessApiCost(book, { requests: 1_000_000, durationMs: 400, memoryMb: 512 }, { freeTier: true }) },
		],
	},
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
	'pattern-container-microservice': {
		title: 'The container microservice running all month',
		assumptions:
			'Two Fargate tasks of 0.5 vCPU and 1 GB (the pattern runs them on arm64; priced here at the x86 rate, the only one this site has verified) behind an Application Load Balancer averaging one capacity unit. Not included: the two NAT gateways and their data processing, logs and data transfer, whose rates this site has not verified yet.',
		services: ['fargate', 'elb'],
		compute: (book) => [{ label: 'Container microservice', estimate: combine(fargateCost(book, { tasks: 2, vcpu: 0.5, memoryGb: 1 }), albCost(book, { lcu: 1 })) }],
	},
	'pattern-aurora-postgresql': {
		title: 'The Aurora PostgreSQL cluster idling at its minimum',
		assumptions:
			'A writer and a reader, each held at 0.5 ACU for a 730-hour month at the Aurora Standard rate. Not included: storage, I/O, backups beyond the free allowance, the KMS key and the secret (see their service pages), and the VPC flow logs.',
		services: ['aurora'],
		compute: (book) => [{ label: 'Aurora Serverless v2', estimate: line('Aurora capacity (2 instances at 0.5 ACU)', 2 * 0.5 * HOURS_PER_MONTH, 'ACU-hour', unitRate(book, 'aurora', 'serverless-v2-acu-standard')) }],
	},
	'pattern-three-tier-web-app': {
		title: 'The three-tier web app running all month',
		assumptions:
			'Two Fargate tasks of 0.5 vCPU and 1 GB (the pattern runs them on arm64; priced here at the x86 rate, the only one this site has verified), an internal Application Load Balancer averaging one capacity unit, and Aurora Serverless v2 with a writer and a reader held at 0.5 ACU each. Not included: the NAT gateway, CloudFront and S3 traffic, Aurora storage and I/O, the KMS key, logs.',
		services: ['fargate', 'elb', 'aurora'],
		compute: (book) => [
			{
				label: 'Three-tier web app',
				estimate: combine(
					fargateCost(book, { tasks: 2, vcpu: 0.5, memoryGb: 1 }),
					albCost(book, { lcu: 1 }),
					line('Aurora capacity (2 instances at 0.5 ACU)', 2 * 0.5 * HOURS_PER_MONTH, 'ACU-hour', unitRate(book, 'aurora', 'serverless-v2-acu-standard'))
				),
			},
		],
	},
	'pattern-static-website': {
		title: 'A static site serving 100 GB a month',
		assumptions:
			'5 GB of files in S3 Standard and 100 GB a month delivered by CloudFront in North America, before the CloudFront always-free allowance (1 TB out each month), which covers this volume. Requests, logs and invalidations beyond the free ones are left out.',
		services: ['s3', 'cloudfront'],
		compute: (book) => [
			{
				label: 'Before the free tier',
				estimate: combine(
					line('S3 Standard storage', 5, 'GB-month', unitRate(book, 's3', 'storage-standard')),
					line('CloudFront data transfer out', 100, 'GB', unitRate(book, 'cloudfront', 'transfer-out-na-first-10tb'))
				),
			},
		],
	},
	'pattern-event-driven-pipeline': {
		title: '100,000 uploads a month through the event-driven pipeline',
		assumptions:
			'One Lambda invocation of 256 MB on x86 running 200 ms per upload, one DynamoDB on-demand write per upload and 1 GB stored, without the Lambda free tier. S3, EventBridge and SQS charges are left out: their rates are not yet in this site\'s price list.',
		services: ['lambda', 'dynamodb'],
		compute: (book) => [
			{
				label: 'Event-driven pipeline',
				estimate: combine(
					lambdaCost(book, { requests: 100_000, durationMs: 200, memoryMb: 256 }),
					dynamoDbOnDemandCost(book, { readUnits: 0, writeUnits: 100_000, storageGb: 1 })
				),
			},
		],
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

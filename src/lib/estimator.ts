/**
 * The cost estimator's model: inputs with their bounds, validation with messages a reader can act
 * on, URL encoding, and the comparison itself, built from the same formulas as the rest of the site.
 * Runs at build time (the default comparison, readable without JavaScript) and in the browser.
 */
import { checkValue, loadFromParams, type LoadFields, type NumberField } from './load-input.ts';
import { albCost, apiGatewayCost, combine, dynamoDbOnDemandCost, dynamoDbProvisionedCost, ec2Cost, fargateCost, lambdaCost, storageCost, HOURS_PER_MONTH, type Estimate, type PriceBook } from './costs.ts';

export const instanceTypes = ['t3.small', 't3.medium', 'm5.large', 'c5.xlarge', 'r5.large'] as const;

export interface EstimatorInput {
	requests: number;
	durationMs: number;
	memoryMb: number;
	tasks: number;
	taskVcpu: number;
	taskMemoryGb: number;
	instances: number;
	instanceType: (typeof instanceTypes)[number];
	storageGb: number;
}

/** Bounds keep the arithmetic meaningful: nothing negative, nothing past what one account runs. */
export const fields: Record<Exclude<keyof EstimatorInput, 'instanceType'>, NumberField> = {
	requests: { label: 'Requests per month', unit: 'requests', min: 0, max: 1e12, step: 1, integer: true },
	durationMs: { label: 'Function duration per request', unit: 'ms', min: 1, max: 900_000, step: 1 },
	memoryMb: { label: 'Function memory', unit: 'MB', min: 128, max: 10_240, step: 1, integer: true },
	tasks: { label: 'Fargate tasks running all month', unit: 'tasks', min: 1, max: 1000, step: 1, integer: true },
	taskVcpu: { label: 'vCPU per task', unit: 'vCPU', min: 0.25, max: 16, step: 0.25 },
	taskMemoryGb: { label: 'Memory per task', unit: 'GB', min: 0.5, max: 120, step: 0.5 },
	instances: { label: 'EC2 instances running all month', unit: 'instances', min: 1, max: 1000, step: 1, integer: true },
	storageGb: { label: 'Data stored', unit: 'GB', min: 0, max: 10_000_000, step: 1 },
};

export const defaultInput: EstimatorInput = {
	requests: 10_000_000,
	durationMs: 200,
	memoryMb: 512,
	tasks: 2,
	taskVcpu: 0.5,
	taskMemoryGb: 1,
	instances: 2,
	instanceType: 't3.small',
	storageGb: 100,
};

export type Errors = Partial<Record<keyof EstimatorInput, string>>;

/** Parses raw form values; every field falls back to its default when absent. */
export function parseInput(raw: Partial<Record<keyof EstimatorInput, string | null | undefined>>): { input: EstimatorInput; errors: Errors } {
	const input: EstimatorInput = { ...defaultInput };
	const errors: Errors = {};
	for (const [key, field] of Object.entries(fields) as Array<[Exclude<keyof EstimatorInput, 'instanceType'>, NumberField]>) {
		const value = raw[key];
		if (value === undefined || value === null) continue;
		const result = checkValue(field, value);
		if ('error' in result) errors[key] = result.error;
		else input[key] = result.value;
	}
	const type = raw.instanceType;
	if (type !== undefined && type !== null) {
		if ((instanceTypes as readonly string[]).includes(type)) input.instanceType = type as EstimatorInput['instanceType'];
		else errors.instanceType = `Choose one of ${instanceTypes.join(', ')}.`;
	}
	return { input, errors };
}

/**
 * The input a link carries: values that pass the checks are used, and a bad, repeated or unknown
 * instance type keeps its default with a notice, as in the pattern calculators.
 */
export function inputFromParams(params: URLSearchParams): { input: EstimatorInput; notices: string[]; fromLink: boolean } {
	const numbers = Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, { ...field, default: defaultInput[key as keyof typeof fields] }])) as LoadFields<keyof typeof fields>;
	const { load, notices, fromLink } = loadFromParams(numbers, params);
	const input: EstimatorInput = { ...defaultInput, ...load };
	const types = params.getAll('instanceType');
	if (types.length === 1 && (instanceTypes as readonly string[]).includes(types[0]!)) input.instanceType = types[0] as EstimatorInput['instanceType'];
	else if (types.length > 0) notices.push(`The link's EC2 instance type was not used: choose one of ${instanceTypes.join(', ')}. The default, ${defaultInput.instanceType}, is used instead.`);
	return { input, notices, fromLink: fromLink || types.length > 0 };
}

export function toSearchParams(input: EstimatorInput): URLSearchParams {
	return new URLSearchParams(Object.entries(input).map(([key, value]) => [key, String(value)]));
}

export interface Comparison {
	title: string;
	/** Each option, and the pattern on this site that builds it (content/patterns/<id>/), if one does. */
	options: Array<{ label: string; estimate: Estimate; pattern?: string }>;
}

export function compare(book: PriceBook, input: EstimatorInput): Comparison[] {
	const perSecond = input.requests / (HOURS_PER_MONTH * 3600);
	return [
		{
			title: 'Compute for the API',
			options: [
				{
					label: 'Lambda and HTTP API',
					pattern: 'serverless-rest-api',
					estimate: combine(
						apiGatewayCost(book, input.requests, 'http'),
						lambdaCost(book, { requests: input.requests, durationMs: input.durationMs, memoryMb: input.memoryMb })
					),
				},
				{
					label: 'Fargate and ALB',
					pattern: 'container-microservice',
					estimate: combine(fargateCost(book, { tasks: input.tasks, vcpu: input.taskVcpu, memoryGb: input.taskMemoryGb }), albCost(book, { lcu: 1 })),
				},
				{ label: `EC2 ${input.instanceType} and ALB`, estimate: combine(ec2Cost(book, input.instanceType, input.instances), albCost(book, { lcu: 1 })) },
			],
		},
		{
			title: 'DynamoDB for one read and one write per request',
			options: [
				{ label: 'On-demand', pattern: 'serverless-rest-api', estimate: dynamoDbOnDemandCost(book, { readUnits: input.requests, writeUnits: input.requests, storageGb: 0 }) },
				{
					label: 'Provisioned at the average rate',
					estimate: dynamoDbProvisionedCost(book, { readCapacityUnits: Math.ceil(perSecond), writeCapacityUnits: Math.ceil(perSecond) }),
				},
			],
		},
		{
			title: 'Storing the data for a month',
			options: [
				{ label: 'S3 Standard', estimate: single('S3 Standard', input.storageGb, storageCost(book, 's3', 'storage-standard', input.storageGb)) },
				{ label: 'S3 Standard-IA', estimate: single('S3 Standard-IA', input.storageGb, storageCost(book, 's3', 'storage-standard-ia', input.storageGb)) },
				{ label: 'EBS gp3', estimate: single('EBS gp3', input.storageGb, storageCost(book, 'ebs', 'storage-gp3', input.storageGb)) },
				{ label: 'EFS Standard', estimate: single('EFS Standard', input.storageGb, storageCost(book, 'efs', 'storage-standard', input.storageGb)) },
			],
		},
	];
}

function single(item: string, gb: number, cost: number): Estimate {
	return { lines: [{ item, quantity: gb, unit: 'GB-month', cost }], total: cost };
}

/** The services whose rates the comparison reads. */
export const estimatorServices = ['api-gateway', 'lambda', 'fargate', 'ec2', 'elb', 'dynamodb', 's3', 'ebs', 'efs'];

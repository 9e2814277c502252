import { describe, expect, it } from 'vitest';
import { HOURS_PER_MONTH, albCost, eksCost, fargateCost, lambdaCost, serverlessApiCost, storageCost, unitRate, type PriceBook } from '../../src/lib/costs';
import type { Price, PriceList } from '../../src/schemas/pricing';
import { workedExamples } from '../../src/lib/examples';

// Rates as the fact-check confirms them (us-east-1). The tests own their numbers, so a change in
// content/pricing/ cannot silently change what the formulas are proven against.
function list(service: string, prices: Array<[id: string, value: number, per: number]>, freeTier: PriceList['freeTier'] = []): PriceList {
	const price = ([id, value, per]: [string, number, number]): Price => ({
		id, item: id, value, per, unit: 'unit', currency: 'USD', region: 'us-east-1', source: 'https://aws.amazon.com/pricing/', checked: new Date('2026-11-25'),
	});
	return { service, prices: prices.map(price), freeTier };
}

const book: PriceBook = {
	lambda: list('lambda', [['requests', 0.2, 1_000_000], ['duration-x86', 0.0000166667, 1]], [
		{ id: 'requests', item: 'Requests', quantity: 1_000_000, unit: 'request', period: 'month', source: 'https://aws.amazon.com/lambda/pricing/', checked: new Date('2026-11-25') },
		{ id: 'duration', item: 'Duration', quantity: 400_000, unit: 'GB-second', period: 'month', source: 'https://aws.amazon.com/lambda/pricing/', checked: new Date('2026-11-25') },
	]),
	'api-gateway': list('api-gateway', [['http-api-requests', 1.0, 1_000_000], ['rest-api-requests', 3.5, 1_000_000]]),
	dynamodb: list('dynamodb', [['on-demand-reads', 0.125, 1_000_000], ['on-demand-writes', 0.625, 1_000_000], ['storage-standard', 0.25, 1]]),
	fargate: list('fargate', [['vcpu-linux-x86', 0.04048, 1], ['memory-linux-x86', 0.004445, 1]]),
	ec2: list('ec2', [['on-demand-m5-large', 0.096, 1]]),
	ebs: list('ebs', [['storage-gp3', 0.08, 1], ['snapshot-standard', 0.05, 1]]),
	aurora: list('aurora', [['serverless-v2-acu-standard', 0.12, 1], ['storage-standard', 0.1, 1]]),
	eks: list('eks', [['cluster-standard', 0.1, 1], ['cluster-extended', 0.6, 1]]),
	s3: list('s3', [['storage-standard', 0.023, 1]]),
	elb: list('elb', [['alb-hour', 0.0225, 1], ['alb-lcu', 0.008, 1]]),
};

describe('cost formulas', () => {
	it('divide a rate by the quantity it pays for', () => {
		expect(unitRate(book, 'lambda', 'requests')).toBeCloseTo(0.0000002, 12);
		expect(() => unitRate(book, 'lambda', 'arm')).toThrow(/No price "arm" for service "lambda"/);
		expect(() => unitRate(book, 'sagemaker', 'x')).toThrow(/No price list for service "sagemaker"/);
	});

	it('price the seed serverless API at 1M requests a month at about $5.28 before free tiers', () => {
		// By hand: HTTP API 1M x $1.00/M = $1.00. Lambda 1M x $0.20/M = $0.20, plus 1M x 0.4 s x 0.5 GB
		// = 200,000 GB-s x $0.0000166667 = $3.33334. DynamoDB 1M reads x $0.125/M + 1M writes x $0.625/M = $0.75.
		// $1.00 + $0.20 + $3.33334 + $0.75 = $5.28334.
		const result = serverlessApiCost(book, { requests: 1_000_000, durationMs: 400, memoryMb: 512 });
		expect(result.total).toBeCloseTo(5.28334, 5);
	});

	it('take the always-free Lambda allowance off the same API, leaving $1.75', () => {
		// By hand: 1M requests and 200,000 GB-s both fit in the 1M requests and 400,000 GB-s free each month.
		const result = serverlessApiCost(book, { requests: 1_000_000, durationMs: 400, memoryMb: 512 }, { freeTier: true });
		expect(result.total).toBeCloseTo(1.75, 10);
		expect(lambdaCost(book, { requests: 3_000_000, durationMs: 100, memoryMb: 2048 }, { freeTier: true }).total).toBeCloseTo(
			// 2M billable requests x $0.20/M = $0.40; 3M x 0.1 s x 2 GB = 600,000 GB-s - 400,000 = 200,000 x $0.0000166667 = $3.33334.
			0.4 + 3.33334,
			5
		);
	});

	it('price the seed EKS example at $283.24, not $333', () => {
		// By hand: control plane $0.10 x 730 = $73.00; 3 x m5.large $0.096 x 730 = $210.24.
		expect(eksCost(book, { nodes: 3, nodeType: 'm5.large' }).total).toBeCloseTo(283.24, 10);
		// Extended support: $0.60 x 730 = $438.00 for the control plane.
		expect(eksCost(book, { nodes: 3, nodeType: 'm5.large', extendedSupport: true }).total).toBeCloseTo(648.24, 10);
	});

	it('price one Fargate task of 1 vCPU and 2 GB running all month at about $36.04', () => {
		// By hand: 730 x $0.04048 = $29.5504; 730 x 2 x $0.004445 = $6.4897; together $36.0401.
		expect(fargateCost(book, { tasks: 1, vcpu: 1, memoryGb: 2 }).total).toBeCloseTo(36.0401, 10);
		expect(HOURS_PER_MONTH).toBe(730);
	});

	it('price an ALB averaging one LCU for a month at $22.265', () => {
		// By hand: 730 h x $0.0225 = $16.425; 730 LCU-h x $0.008 = $5.84; together $22.265.
		expect(albCost(book, { lcu: 1 }).total).toBeCloseTo(22.265, 10);
	});

	it('price 1 TB (1,024 GB) in S3 Standard for a month at $23.552', () => {
		expect(storageCost(book, 's3', 'storage-standard', 1024)).toBeCloseTo(23.552, 10);
	});
});

describe('the disaster recovery example', () => {
	const totals = Object.fromEntries(workedExamples['dr-strategies'].compute(book).map((option) => [option.label, option.estimate.total]));

	it('prices the recovery Region of each strategy by hand', () => {
		// Backup and restore: 100 GB of snapshots x $0.05 = $5.
		expect(totals['Backup and restore']).toBeCloseTo(5, 10);
		// Pilot light: $5 + 100 GB x $0.10 = $10 + 730 h x 0.5 ACU x $0.12 = $43.80; $58.80.
		expect(totals['Pilot light']).toBeCloseTo(58.8, 10);
		// Warm standby: $5 + $10 + 730 x 2 x $0.12 = $175.20 + 730 x $0.096 = $70.08 + 50 GB x $0.08 = $4 + ALB $22.265; $286.545.
		expect(totals['Warm standby']).toBeCloseTo(286.545, 10);
		// Multi-site: $10 + $175.20 + 2 x $70.08 + 100 GB x $0.08 = $8 + $22.265; $355.625.
		expect(totals['Multi-site active/active']).toBeCloseTo(355.625, 10);
	});
});

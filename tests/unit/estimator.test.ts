import { describe, expect, it } from 'vitest';
import { compare, defaultInput, parseInput, toSearchParams } from '../../src/lib/estimator';
import type { PriceBook } from '../../src/lib/costs';
import type { Price, PriceList } from '../../src/schemas/pricing';

function list(service: string, prices: Array<[id: string, value: number, per: number]>): PriceList {
	const price = ([id, value, per]: [string, number, number]): Price => ({
		id, item: id, value, per, unit: 'unit', currency: 'USD', region: 'us-east-1', source: 'https://aws.amazon.com/pricing/', checked: new Date('2026-11-25'),
	});
	return { service, prices: prices.map(price), freeTier: [] };
}

// Rates as the fact-check confirms them; the expected totals below are worked by hand from these.
const book: PriceBook = {
	lambda: list('lambda', [['requests', 0.2, 1_000_000], ['duration-x86', 0.0000166667, 1]]),
	'api-gateway': list('api-gateway', [['http-api-requests', 1.0, 1_000_000]]),
	fargate: list('fargate', [['vcpu-linux-x86', 0.04048, 1], ['memory-linux-x86', 0.004445, 1]]),
	ec2: list('ec2', [['on-demand-m5-large', 0.096, 1]]),
	elb: list('elb', [['alb-hour', 0.0225, 1], ['alb-lcu', 0.008, 1]]),
	dynamodb: list('dynamodb', [['on-demand-reads', 0.125, 1_000_000], ['on-demand-writes', 0.625, 1_000_000], ['storage-standard', 0.25, 1], ['provisioned-reads', 0.00013, 1], ['provisioned-writes', 0.00065, 1]]),
	s3: list('s3', [['storage-standard', 0.023, 1], ['storage-standard-ia', 0.0125, 1]]),
	ebs: list('ebs', [['storage-gp3', 0.08, 1]]),
	efs: list('efs', [['storage-standard', 0.3, 1]]),
};

describe('parseInput', () => {
	it('takes defaults for missing fields and numbers with separators', () => {
		const { input, errors } = parseInput({ requests: '2,000,000', memoryMb: '1024' });
		expect(errors).toEqual({});
		expect(input).toEqual({ ...defaultInput, requests: 2_000_000, memoryMb: 1024 });
	});

	it('explains empty, negative, absurd, fractional and non-numeric input instead of computing NaN', () => {
		const { errors } = parseInput({ requests: '', durationMs: '-5', storageGb: '99999999999', tasks: '1.5', memoryMb: 'lots', instanceType: 'x1.huge' });
		expect(errors).toEqual({
			requests: 'Enter a number for requests per month.',
			durationMs: 'Function duration per request must be at least 1 ms.',
			storageGb: 'Data stored can be at most 10,000,000 GB.',
			tasks: 'Fargate tasks running all month must be a whole number.',
			memoryMb: 'Function memory must be a number, not “lots”.',
			instanceType: 'Choose one of t3.small, t3.medium, m5.large, c5.xlarge, r5.large.',
		});
	});

	it('round-trips through the URL', () => {
		const { input } = parseInput(Object.fromEntries(toSearchParams({ ...defaultInput, requests: 5 })));
		expect(input).toEqual({ ...defaultInput, requests: 5 });
	});
});

describe('compare', () => {
	const input = { requests: 1_000_000, durationMs: 400, memoryMb: 512, tasks: 1, taskVcpu: 1, taskMemoryGb: 2, instances: 1, instanceType: 'm5.large' as const, storageGb: 1024 };
	const [compute, dynamo, storage] = compare(book, input);

	it('prices the API on Lambda, Fargate and EC2', () => {
		// Lambda: $1.00 HTTP API + $0.20 requests + 200,000 GB-s x $0.0000166667 = $4.53334.
		// Fargate: 730 x $0.04048 + 730 x 2 x $0.004445 = $36.0401, plus the ALB 730 x $0.0225 + 730 x $0.008 = $22.265.
		// EC2: 730 x $0.096 = $70.08, plus the same ALB.
		expect(compute!.options.map((o) => o.estimate.total)).toEqual([expect.closeTo(4.53334, 5), expect.closeTo(58.3051, 5), expect.closeTo(92.345, 5)]);
	});

	it('prices DynamoDB on-demand and provisioned at the average rate', () => {
		// On-demand: 1M reads x $0.125/M + 1M writes x $0.625/M = $0.75.
		// Provisioned: 1M requests / 2,628,000 s is 0.38 per second, so 1 RCU and 1 WCU: 730 x ($0.00013 + $0.00065) = $0.5694.
		expect(dynamo!.options.map((o) => o.estimate.total)).toEqual([expect.closeTo(0.75, 10), expect.closeTo(0.5694, 10)]);
	});

	it('prices a month of storage in each option', () => {
		// 1,024 GB x $0.023, $0.0125, $0.08, $0.30.
		expect(storage!.options.map((o) => o.estimate.total)).toEqual([expect.closeTo(23.552, 10), expect.closeTo(12.8, 10), expect.closeTo(81.92, 10), expect.closeTo(307.2, 10)]);
	});
});

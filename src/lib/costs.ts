/**
 * Monthly cost from usage. Every rate comes from the price list (content/pricing/), looked up by
 * service and price id, so a price change flows into every table and estimate. Pure functions:
 * the build uses them for tables and the browser can use them for calculators.
 */
import type { PriceList } from '../schemas/pricing.ts';
import { findPrice } from './pricing.ts';

/** Every service's price list, keyed by service id. */
export type PriceBook = Readonly<Record<string, PriceList>>;

/** AWS prices a month of always-on resources as 730 hours. */
export const HOURS_PER_MONTH = 730;

/** The cost of one unit: a price's value divided by the quantity it pays for. */
export function unitRate(book: PriceBook, service: string, priceId: string): number {
	const list = book[service];
	if (!list) throw new Error(`No price list for service "${service}" in content/pricing/.`);
	const price = findPrice(list, priceId);
	return price.value / price.per;
}

function freeQuantity(book: PriceBook, service: string, tierId: string): number {
	const tier = book[service]?.freeTier.find((t) => t.id === tierId);
	if (!tier) throw new Error(`No free tier "${tierId}" for service "${service}" in content/pricing/.`);
	return tier.quantity;
}

export interface CostLine {
	item: string;
	/** Quantity billed, after any free tier, in `unit`s. */
	quantity: number;
	unit: string;
	cost: number;
}

export interface Estimate {
	lines: CostLine[];
	total: number;
}

function estimate(lines: CostLine[]): Estimate {
	return { lines, total: lines.reduce((sum, line) => sum + line.cost, 0) };
}

export interface LambdaUsage {
	requests: number;
	/** Average billed duration of one invocation. */
	durationMs: number;
	memoryMb: number;
}

/** Lambda on x86 at the first duration tier; with `freeTier`, the always-free allowance is deducted. */
export function lambdaCost(book: PriceBook, usage: LambdaUsage, { freeTier = false } = {}): Estimate {
	const gbSeconds = usage.requests * (usage.durationMs / 1000) * (usage.memoryMb / 1024);
	const requests = Math.max(0, usage.requests - (freeTier ? freeQuantity(book, 'lambda', 'requests') : 0));
	const compute = Math.max(0, gbSeconds - (freeTier ? freeQuantity(book, 'lambda', 'duration') : 0));
	return estimate([
		{ item: 'Lambda requests', quantity: requests, unit: 'request', cost: requests * unitRate(book, 'lambda', 'requests') },
		{ item: 'Lambda compute', quantity: compute, unit: 'GB-second', cost: compute * unitRate(book, 'lambda', 'duration-x86') },
	]);
}

export type ApiType = 'http' | 'rest';

/** API Gateway requests at the first volume tier. */
export function apiGatewayCost(book: PriceBook, requests: number, type: ApiType = 'http'): Estimate {
	const id = type === 'http' ? 'http-api-requests' : 'rest-api-requests';
	return estimate([
		{ item: `API Gateway ${type === 'http' ? 'HTTP' : 'REST'} API requests`, quantity: requests, unit: 'request', cost: requests * unitRate(book, 'api-gateway', id) },
	]);
}

export interface DynamoDbOnDemandUsage {
	/** Read request units: one strongly consistent read of up to 4 KB each. */
	readUnits: number;
	/** Write request units: one write of up to 1 KB each. */
	writeUnits: number;
	storageGb: number;
}

export function dynamoDbOnDemandCost(book: PriceBook, usage: DynamoDbOnDemandUsage): Estimate {
	return estimate([
		{ item: 'DynamoDB reads (on-demand)', quantity: usage.readUnits, unit: 'read request unit', cost: usage.readUnits * unitRate(book, 'dynamodb', 'on-demand-reads') },
		{ item: 'DynamoDB writes (on-demand)', quantity: usage.writeUnits, unit: 'write request unit', cost: usage.writeUnits * unitRate(book, 'dynamodb', 'on-demand-writes') },
		{ item: 'DynamoDB storage', quantity: usage.storageGb, unit: 'GB-month', cost: usage.storageGb * unitRate(book, 'dynamodb', 'storage-standard') },
	]);
}

export interface DynamoDbProvisionedUsage {
	readCapacityUnits: number;
	writeCapacityUnits: number;
	hours?: number;
}

export function dynamoDbProvisionedCost(book: PriceBook, usage: DynamoDbProvisionedUsage): Estimate {
	const hours = usage.hours ?? HOURS_PER_MONTH;
	return estimate([
		{ item: 'DynamoDB read capacity', quantity: usage.readCapacityUnits * hours, unit: 'RCU-hour', cost: usage.readCapacityUnits * hours * unitRate(book, 'dynamodb', 'provisioned-reads') },
		{ item: 'DynamoDB write capacity', quantity: usage.writeCapacityUnits * hours, unit: 'WCU-hour', cost: usage.writeCapacityUnits * hours * unitRate(book, 'dynamodb', 'provisioned-writes') },
	]);
}

export interface FargateUsage {
	tasks: number;
	vcpu: number;
	memoryGb: number;
	hours?: number;
}

/** Fargate, Linux on x86. */
export function fargateCost(book: PriceBook, usage: FargateUsage): Estimate {
	const taskHours = usage.tasks * (usage.hours ?? HOURS_PER_MONTH);
	return estimate([
		{ item: 'Fargate vCPU', quantity: taskHours * usage.vcpu, unit: 'vCPU-hour', cost: taskHours * usage.vcpu * unitRate(book, 'fargate', 'vcpu-linux-x86') },
		{ item: 'Fargate memory', quantity: taskHours * usage.memoryGb, unit: 'GB-hour', cost: taskHours * usage.memoryGb * unitRate(book, 'fargate', 'memory-linux-x86') },
	]);
}

/** On-demand Linux instances; `instanceType` as AWS writes it, for example "m5.large". */
export function ec2Cost(book: PriceBook, instanceType: string, count = 1, hours = HOURS_PER_MONTH): Estimate {
	const id = `on-demand-${instanceType.replace('.', '-')}`;
	return estimate([
		{ item: `EC2 ${instanceType} (on-demand)`, quantity: count * hours, unit: 'instance-hour', cost: count * hours * unitRate(book, 'ec2', id) },
	]);
}

export interface EksUsage {
	nodes: number;
	nodeType: string;
	hours?: number;
	/** Clusters on a Kubernetes version in extended support pay a higher control-plane rate. */
	extendedSupport?: boolean;
}

export function eksCost(book: PriceBook, usage: EksUsage): Estimate {
	const hours = usage.hours ?? HOURS_PER_MONTH;
	const clusterId = usage.extendedSupport ? 'cluster-extended' : 'cluster-standard';
	return estimate([
		{ item: 'EKS control plane', quantity: hours, unit: 'cluster-hour', cost: hours * unitRate(book, 'eks', clusterId) },
		...ec2Cost(book, usage.nodeType, usage.nodes, hours).lines,
	]);
}

/** An Application Load Balancer: hours plus an average of `lcu` capacity units each hour. */
export function albCost(book: PriceBook, { lcu, hours = HOURS_PER_MONTH }: { lcu: number; hours?: number }): Estimate {
	return estimate([
		{ item: 'Application Load Balancer', quantity: hours, unit: 'hour', cost: hours * unitRate(book, 'elb', 'alb-hour') },
		{ item: 'Load balancer capacity units', quantity: hours * lcu, unit: 'LCU-hour', cost: hours * lcu * unitRate(book, 'elb', 'alb-lcu') },
	]);
}

/** A network load balancer's hours plus an average of `nlcu` capacity units each hour. */
export function nlbCost(book: PriceBook, { nlcu, hours = HOURS_PER_MONTH }: { nlcu: number; hours?: number }): Estimate {
	return estimate([
		{ item: 'Network Load Balancer', quantity: hours, unit: 'hour', cost: hours * unitRate(book, 'elb', 'nlb-hour') },
		{ item: 'Network load balancer capacity units', quantity: hours * nlcu, unit: 'NLCU-hour', cost: hours * nlcu * unitRate(book, 'elb', 'nlb-nlcu') },
	]);
}

/** NAT gateways: every hour each one exists, plus every GB they process. */
export function natGatewayCost(book: PriceBook, { gateways, dataGb = 0, hours = HOURS_PER_MONTH }: { gateways: number; dataGb?: number; hours?: number }): Estimate {
	return estimate([
		{ item: `NAT gateways (${gateways})`, quantity: gateways * hours, unit: 'NAT gateway-hour', cost: gateways * hours * unitRate(book, 'vpc', 'nat-gateway-hour') },
		...(dataGb > 0 ? [{ item: 'NAT gateway data processed', quantity: dataGb, unit: 'GB', cost: dataGb * unitRate(book, 'vpc', 'nat-gateway-data') }] : []),
	]);
}

/** Public IPv4 addresses (Elastic IP addresses included), billed by the hour whether in use or idle. */
export function publicIpv4Cost(book: PriceBook, { addresses, hours = HOURS_PER_MONTH }: { addresses: number; hours?: number }): Estimate {
	return estimate([
		{ item: `Public IPv4 addresses (${addresses})`, quantity: addresses * hours, unit: 'address-hour', cost: addresses * hours * unitRate(book, 'vpc', 'public-ipv4-address-hour') },
	]);
}

export interface AuroraServerlessUsage {
	/** DB instances in the cluster: each bills its own capacity. */
	instances: number;
	/** Average capacity of each instance over `hours`, in ACUs; 0 while paused. */
	acu: number;
	hours?: number;
}

/** Aurora Serverless v2 capacity at the Aurora Standard rate. */
export function auroraServerlessCost(book: PriceBook, usage: AuroraServerlessUsage, item = 'Aurora Serverless v2 capacity'): Estimate {
	const acuHours = usage.instances * usage.acu * (usage.hours ?? HOURS_PER_MONTH);
	return estimate([{ item, quantity: acuHours, unit: 'ACU-hour', cost: acuHours * unitRate(book, 'aurora', 'serverless-v2-acu-standard') }]);
}

/** Customer managed KMS keys and Secrets Manager secrets: a monthly fee each, used or not. */
export function keysAndSecretsCost(book: PriceBook, { kmsKeys, secrets }: { kmsKeys: number; secrets: number }): Estimate {
	return estimate([
		...(kmsKeys > 0 ? [{ item: 'KMS customer managed keys', quantity: kmsKeys, unit: 'key-month', cost: kmsKeys * unitRate(book, 'kms', 'key-month') }] : []),
		...(secrets > 0 ? [{ item: 'Secrets Manager secrets', quantity: secrets, unit: 'secret-month', cost: secrets * unitRate(book, 'secrets-manager', 'secret-month') }] : []),
	]);
}

/** One line item: a quantity at a unit rate. */
export function line(item: string, quantity: number, unit: string, rate: number): Estimate {
	return { lines: [{ item, quantity, unit, cost: quantity * rate }], total: quantity * rate };
}

/** Adds estimates of several services into one. */
export function combine(...parts: Estimate[]): Estimate {
	return estimate(parts.flatMap((part) => part.lines));
}

/** The seed's serverless API: HTTP API -> Lambda -> DynamoDB, one read and one write per request. */
export function serverlessApiCost(
	book: PriceBook,
	usage: { requests: number; durationMs: number; memoryMb: number; storageGb?: number },
	{ freeTier = false } = {}
): Estimate {
	return combine(
		apiGatewayCost(book, usage.requests, 'http'),
		lambdaCost(book, usage, { freeTier }),
		dynamoDbOnDemandCost(book, { readUnits: usage.requests, writeUnits: usage.requests, storageGb: usage.storageGb ?? 0 })
	);
}

/** A month of storing `gb` gigabytes at a per-GB-month rate. */
export function storageCost(book: PriceBook, service: string, priceId: string, gb: number): number {
	return gb * unitRate(book, service, priceId);
}

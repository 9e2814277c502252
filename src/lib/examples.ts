/**
 * Worked cost examples shown on service, decision and pattern pages. Each states its assumptions in
 * words and computes its figures from the price list with the formulas in costs.ts, so no page
 * types a total. A pattern's example also reads its sizes from the pattern's code (patternSizing),
 * so the figures follow the code.
 */
import {
	HOURS_PER_MONTH,
	apiGatewayCost,
	auroraServerlessCost,
	combine,
	dynamoDbOnDemandCost,
	dynamoDbProvisionedCost,
	ec2Cost,
	albCost,
	eksCost,
	fargateCost,
	keysAndSecretsCost,
	lambdaCost,
	natGatewayCost,
	nlbCost,
	publicIpv4Cost,
	serverlessApiCost,
	unitRate,
	type Estimate,
	type PriceBook,
} from './costs.ts';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { patternSizing, type DatabaseClusterSize, type FunctionSize, type PatternSizing } from './iac/sizing.ts';
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

/** The label of the option every pattern example starts with: the month with no traffic at all. */
export const idleLabel = 'At zero traffic';

const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

function line(item: string, quantity: number, unit: string, rate: number): Estimate {
	return { lines: [{ item, quantity, unit, cost: quantity * rate }], total: quantity * rate };
}

// ---------------------------------------------------------------------------------------------
// Pattern examples: sizes from the code, traffic typed here

/**
 * The patterns that have a worked example, by the folder name under content/patterns/. Each
 * builder takes the sizes patternSizing() reads from the pattern's CloudFormation template, so the
 * function memory, task size and count, database capacity and every always-on resource on the
 * page are the ones the code deploys. Only traffic (requests, durations, GB, load) is typed, and
 * the assumptions text is written from the same values the figures use.
 */
export const patternExamples = {
	'serverless-rest-api': (s: PatternSizing): WorkedExample => {
		const fn = onlyOne(s.functions, 'Lambda function', 'serverless-rest-api');
		const requests = 1_000_000;
		const durationMs = 400;
		const usage = (n: number) => ({ requests: n, durationMs, memoryMb: fn.memoryMb });
		const priced = (book: PriceBook, n: number, freeTier: boolean) =>
			combine(lambdaArchitecture(serverlessApiCost(book, usage(n), { freeTier }), fn), alwaysOn(book, s));
		return {
			title: `The serverless REST API at zero traffic and at ${millions(requests)} requests a month`,
			assumptions: sentences(
				deployed(s),
				idle(s),
				`At load: ${count(requests, 'request')} a month through the API Gateway HTTP API, each running the function for ${durationMs} ms and making one DynamoDB on-demand read and one write (items up to 1 KB); table storage is left at 0 GB. Priced with and without the always-free Lambda allowance`,
				architectureNotes(s),
				notIncluded(s, ['CloudWatch Logs for the function and the API access log', 'DynamoDB point-in-time recovery (per GB stored)', 'data transfer']),
			),
			services: ['api-gateway', 'lambda', 'dynamodb', ...servicesOf(s)],
			compute: (book) => [
				{ label: idleLabel, estimate: priced(book, 0, false) },
				{ label: `At ${millions(requests)} requests, without the free tier`, estimate: priced(book, requests, false) },
				{ label: `At ${millions(requests)} requests, with the Lambda free tier`, estimate: priced(book, requests, true) },
			],
		};
	},
	'event-driven-pipeline': (s: PatternSizing): WorkedExample => {
		const fn = onlyOne(s.functions, 'Lambda function', 'event-driven-pipeline');
		const uploads = 100_000;
		const durationMs = 200;
		const storageGb = 1;
		const priced = (book: PriceBook, n: number, gb: number) =>
			combine(
				lambdaArchitecture(lambdaCost(book, { requests: n, durationMs, memoryMb: fn.memoryMb }), fn),
				dynamoDbOnDemandCost(book, { readUnits: 0, writeUnits: n, storageGb: gb }),
				alwaysOn(book, s)
			);
		return {
			title: `The event-driven pipeline at zero traffic and at ${count(uploads, 'upload')} a month`,
			assumptions: sentences(
				deployed(s),
				`${idle(s)}; nothing is stored yet`,
				`At load: ${count(uploads, 'upload')} a month, each running the function once for ${durationMs} ms and writing one DynamoDB on-demand item, with ${storageGb} GB stored in the table; without the Lambda free tier`,
				architectureNotes(s),
				notIncluded(s, [
					"S3, EventBridge and SQS charges, whose rates are not yet in this site's price list",
					'CloudWatch Logs',
					'DynamoDB point-in-time recovery (per GB stored)',
				]),
			),
			services: ['lambda', 'dynamodb', ...servicesOf(s)],
			compute: (book) => [
				{ label: idleLabel, estimate: priced(book, 0, 0) },
				{ label: `At ${count(uploads, 'upload')} a month`, estimate: priced(book, uploads, storageGb) },
			],
		};
	},
	'static-website': (s: PatternSizing): WorkedExample => {
		const filesGb = 5;
		const deliveredGb = 100;
		const priced = (book: PriceBook, gb: number) =>
			combine(
				line('S3 Standard storage', filesGb, 'GB-month', unitRate(book, 's3', 'storage-standard')),
				line('CloudFront data transfer out', gb, 'GB', unitRate(book, 'cloudfront', 'transfer-out-na-first-10tb')),
				alwaysOn(book, s)
			);
		return {
			title: `The static website at zero traffic and serving ${deliveredGb} GB a month`,
			assumptions: sentences(
				deployed(s),
				`${idle(s)}; the site's ${filesGb} GB of files in S3 Standard are billed whether or not anyone visits`,
				`At load: ${deliveredGb} GB a month delivered by CloudFront in North America, priced before the CloudFront always-free allowance (1 TB out each month), which covers this volume`,
				notIncluded(s, ['requests', 'logs', 'invalidations beyond the free ones']),
			),
			services: ['s3', 'cloudfront', ...servicesOf(s)],
			compute: (book) => [
				{ label: idleLabel, estimate: priced(book, 0) },
				{ label: `At ${deliveredGb} GB a month, before the free tier`, estimate: priced(book, deliveredGb) },
			],
		};
	},
	'container-microservice': (s: PatternSizing): WorkedExample => {
		const task = onlyOne(s.tasks, 'ECS service', 'container-microservice');
		const lcu = 1;
		return {
			title: 'The container microservice at zero traffic and under a steady load',
			assumptions: sentences(
				deployed(s),
				idle(s),
				`At load: the load balancer averages ${count(lcu, 'capacity unit')} (LCU) and the service stays at ${count(task.running, 'task')}; each task that scaling adds bills the same per hour`,
				architectureNotes(s),
				notIncluded(s, ['container logs and the load balancer access logs in S3', 'data transfer']),
			),
			services: servicesOf(s),
			compute: (book) => [
				{ label: idleLabel, estimate: alwaysOn(book, s) },
				{ label: `At ${count(lcu, 'LCU')} on average`, estimate: alwaysOn(book, s, { lcu }) },
			],
		};
	},
	'aurora-postgresql': (s: PatternSizing): WorkedExample => {
		const db = onlyOne(s.databases, 'database cluster', 'aurora-postgresql');
		const busyHours = 8 * 22;
		const busyAcu = withinRange(1, db);
		const inUse = (book: PriceBook, cluster: DatabaseClusterSize) =>
			combine(
				auroraServerlessCost(book, { instances: cluster.instances, acu: busyAcu, hours: busyHours }, `Aurora capacity in use (${count(cluster.instances, 'instance')} at ${busyAcu} ACU)`),
				auroraServerlessCost(
					book,
					{ instances: cluster.instances, acu: cluster.minAcu ?? 0, hours: HOURS_PER_MONTH - busyHours },
					`Aurora capacity the other ${HOURS_PER_MONTH - busyHours} hours (${count(cluster.instances, 'instance')} at ${cluster.minAcu ?? 0} ACU${cluster.minAcu === 0 ? ', paused' : ''})`
				)
			);
		return {
			title: 'The Aurora PostgreSQL cluster at zero traffic and in use on working days',
			assumptions: sentences(
				deployed(s),
				idle(s),
				`In use: ${busyHours} hours a month (8 hours on 22 working days) at ${busyAcu} ACU on each instance, at its minimum the rest of the ${HOURS_PER_MONTH}-hour month; Aurora Standard rate`,
				notIncluded(s, ['CloudWatch Logs']),
			),
			services: servicesOf(s),
			compute: (book) => [
				{ label: idleLabel, estimate: alwaysOn(book, s) },
				{ label: `In use ${busyHours} hours a month`, estimate: alwaysOn(book, s, { database: (cluster) => inUse(book, cluster) }) },
			],
		};
	},
	'three-tier-web-app': (s: PatternSizing): WorkedExample => {
		const db = onlyOne(s.databases, 'database cluster', 'three-tier-web-app');
		const lcu = 1;
		const acu = withinRange(1, db);
		return {
			title: 'The three-tier web app at zero traffic and under a steady load',
			assumptions: sentences(
				deployed(s),
				idle(s),
				`At load: the load balancer averages ${count(lcu, 'capacity unit')} (LCU) and each database instance averages ${acu} ACU all month at the Aurora Standard rate`,
				architectureNotes(s),
				notIncluded(s, ['CloudFront and S3 traffic', 'logs', 'data transfer']),
			),
			services: servicesOf(s),
			compute: (book) => [
				{ label: idleLabel, estimate: alwaysOn(book, s) },
				// The minimum capacity is a parameter of every variant: at 0 the database pauses when
				// idle, for the first request after a pause to wait about 15 seconds.
				...(db.minAcu
					? [
							{
								label: 'At zero traffic, with the minimum capacity set to 0',
								estimate: alwaysOn(book, s, {
									database: (cluster: DatabaseClusterSize) =>
										auroraServerlessCost(book, { instances: cluster.instances, acu: 0 }, `Aurora Serverless v2 capacity (${count(cluster.instances, 'instance')} paused)`),
								}),
							},
						]
					: []),
				{
					label: 'Under a steady load',
					estimate: alwaysOn(book, s, {
						lcu,
						database: (cluster) => auroraServerlessCost(book, { instances: cluster.instances, acu }, `Aurora Serverless v2 capacity (${count(cluster.instances, 'instance')} at ${acu} ACU)`),
					}),
				},
			],
		};
	},
	'vpc-networking': (s: PatternSizing): WorkedExample => {
		const natDataGb = 100;
		return {
			title: `The VPC at zero traffic and with ${natDataGb} GB a month through its NAT gateways`,
			assumptions: sentences(
				deployed(s),
				idle(s),
				'The VPC, its subnets, route tables, internet gateway and gateway endpoints have no charge',
				`At load: ${natDataGb} GB a month in total through the NAT gateways`,
				notIncluded(s, ['data transfer out to the internet and between Availability Zones'], { natDataPriced: true }),
			),
			services: servicesOf(s),
			compute: (book) => [
				{ label: idleLabel, estimate: alwaysOn(book, s) },
				{ label: `With ${natDataGb} GB through the NAT gateways`, estimate: alwaysOn(book, s, { natDataGb }) },
			],
		};
	},
} satisfies Record<string, (sizing: PatternSizing) => WorkedExample>;

export type PatternExampleId = keyof typeof patternExamples;

/**
 * A pattern's worked example, built when a page first reads it and rebuilt when its template
 * changes. Reading the template lazily keeps importing this module free of file reads.
 */
function fromPattern(id: PatternExampleId): WorkedExample {
	let built: { stamp: number; example: WorkedExample } | undefined;
	const current = (): WorkedExample => {
		const dir = join(process.cwd(), 'content', 'patterns', id);
		const stamp = statSync(join(dir, 'cloudformation', 'template.yaml')).mtimeMs;
		if (built?.stamp !== stamp) built = { stamp, example: patternExamples[id](patternSizing(dir)) };
		return built.example;
	};
	return {
		get title() {
			return current().title;
		},
		get assumptions() {
			return current().assumptions;
		},
		get services() {
			return current().services;
		},
		compute: (book) => current().compute(book),
	};
}

/** What a pattern costs in a month with no traffic, from its worked example (the patterns index shows it). */
export function idleMonth(id: string, book: PriceBook): Estimate {
	if (!(id in patternExamples)) throw new Error(`content/patterns/${id}/ has no worked example: add it to patternExamples in src/lib/examples.ts`);
	const example = fromPattern(id as PatternExampleId);
	const idle = example.compute(book).find((option) => option.label === idleLabel);
	if (!idle) throw new Error(`The worked example of ${id} has no "${idleLabel}" option: every pattern example starts with one`);
	return idle.estimate;
}

export interface AlwaysOnLoad {
	/** Average load balancer capacity units (LCU or NLCU) each hour; 0 at zero traffic. */
	lcu?: number;
	/** GB processed by the NAT gateways in the month. */
	natDataGb?: number;
	/** A database cluster's capacity charge; by default each instance at its minimum all month. */
	database?: (cluster: DatabaseClusterSize) => Estimate;
}

/**
 * Every charge that accrues whether or not traffic comes, from the sizing: tasks at their running
 * count, load balancer hours, NAT gateway hours, public IPv4 addresses, database capacity at its
 * minimum, keys and secrets. `load` adds what traffic adds to these same resources.
 */
export function alwaysOn(book: PriceBook, s: PatternSizing, load: AlwaysOnLoad = {}): Estimate {
	const { lcu = 0, natDataGb = 0 } = load;
	const database = load.database ?? ((cluster: DatabaseClusterSize) => auroraServerlessCost(book, { instances: cluster.instances, acu: cluster.minAcu ?? 0 }, auroraIdleItem(cluster)));
	return combine(
		...s.tasks.map((task) =>
			relabel(fargateCost(book, { tasks: task.running, vcpu: task.vcpu, memoryGb: task.memoryGb }), (item) =>
				`${item} (${count(task.running, 'task')}${task.architecture === 'ARM64' ? ', arm64 at the x86 rate' : ''})`
			)
		),
		...s.loadBalancers.flatMap((lb) => {
			const priced = lb.type === 'application' ? albCost(book, { lcu }) : lb.type === 'network' ? nlbCost(book, { nlcu: lcu }) : undefined;
			return priced ? [relabel(priced, (item) => (item.endsWith('Load Balancer') ? `${item} (${lb.scheme})` : item))] : [];
		}),
		...(s.natGateways > 0 ? [natGatewayCost(book, { gateways: s.natGateways, dataGb: natDataGb })] : []),
		...(s.elasticIps > 0 ? [publicIpv4Cost(book, { addresses: s.elasticIps })] : []),
		...s.databases.filter((cluster) => cluster.minAcu !== undefined).map(database),
		keysAndSecretsCost(book, { kmsKeys: s.kmsKeys, secrets: s.secrets })
	);
}

/** The services whose rates alwaysOn() reads for this sizing. */
function servicesOf(s: PatternSizing): string[] {
	return [
		...(s.tasks.length > 0 ? ['fargate'] : []),
		...(s.loadBalancers.length > 0 ? ['elb'] : []),
		...(s.natGateways > 0 || s.elasticIps > 0 ? ['vpc'] : []),
		...(s.databases.some((cluster) => cluster.minAcu !== undefined) ? ['aurora'] : []),
		...(s.kmsKeys > 0 ? ['kms'] : []),
		...(s.secrets > 0 ? ['secrets-manager'] : []),
	];
}

/** "Read from the pattern's CloudFormation template: ...", every size and always-on resource in words; empty when there is none. */
function deployed(s: PatternSizing): string {
	const parts = [
		...s.functions.map((f) => `the function ${f.id} with ${f.memoryMb} MB of memory on ${f.architecture}`),
		...s.tasks.map(
			(t) =>
				`${count(t.running, 'Fargate task')} of ${t.vcpu} vCPU and ${t.memoryGb} GB on ${t.architecture === 'ARM64' ? 'arm64' : 'x86_64'} running at all times` +
				(t.min !== undefined ? ` (the service scales between ${t.min} and ${t.max} tasks)` : '')
		),
		...s.databases.map((d) =>
			d.minAcu !== undefined
				? `an Aurora Serverless v2 cluster of ${count(d.instances, 'instance')}, each between ${d.minAcu} and ${d.maxAcu} ACU` +
					(d.autoPauseSeconds !== undefined && d.minAcu === 0 ? ` and pausing after ${d.autoPauseSeconds} seconds without connections` : '')
				: `a ${d.engine} cluster of ${count(d.instances, 'instance')} (${d.instanceClasses.join(', ')})`
		),
		...s.loadBalancers.map(
			(lb) => `${lb.scheme === 'internal' ? 'an internal' : 'an internet-facing'} ${lb.type === 'network' ? 'Network' : 'Application'} Load Balancer in ${count(lb.subnets, 'subnet')}`
		),
		...(s.natGateways > 0 ? [count(s.natGateways, 'NAT gateway')] : []),
		...(s.elasticIps > 0 ? [count(s.elasticIps, 'Elastic IP address', 'Elastic IP addresses')] : []),
		...(s.interfaceEndpoints.length > 0 ? [count(s.interfaceEndpoints.length, 'interface endpoint')] : []),
		...(s.kmsKeys > 0 ? [count(s.kmsKeys, 'customer managed KMS key')] : []),
		...(s.secrets > 0 ? [count(s.secrets, 'Secrets Manager secret')] : []),
		...(s.alarms > 0 ? [count(s.alarms, 'CloudWatch alarm')] : []),
		...(s.dashboards > 0 ? [count(s.dashboards, 'CloudWatch dashboard')] : []),
		...(s.flowLogs > 0 ? [count(s.flowLogs, 'VPC flow log')] : []),
		...s.containerInsights.filter((v) => v !== 'disabled').map((v) => `Container Insights${v === 'enhanced' ? ' with enhanced observability' : ''}`),
	];
	return parts.length > 0 ? `Read from the pattern's CloudFormation template: ${and(parts)}` : '';
}

/** How resources without a verified rate for their architecture are priced. */
function architectureNotes(s: PatternSizing): string {
	const notes = [
		...(s.functions.some((f) => f.architecture === 'arm64')
			? ["the arm64 function's duration is priced at the x86 rate, the only Lambda duration rate this site has verified (AWS prices arm64 duration lower)"]
			: []),
		...(s.tasks.some((t) => t.architecture === 'ARM64') ? ['the arm64 tasks are priced at the x86 rate, the only Fargate rate this site has verified'] : []),
	];
	return notes.join('. ');
}

/** "Not included: ...": what the sizing shows but the estimate does not price, and why, plus the pattern's own list. */
function notIncluded(s: PatternSizing, extra: string[], { natDataPriced = false } = {}): string {
	const internetFacing = s.loadBalancers.filter((lb) => lb.scheme === 'internet-facing').length;
	const parts = [
		...(internetFacing > 0
			? [
					'the public IPv4 addresses of the internet-facing load balancer, because no AWS page this site has read states how many an Application Load Balancer holds (the number changes as it scales) or confirms that they are billed',
				]
			: []),
		...(s.natGateways > 0 && !natDataPriced ? ['data processed by the NAT gateways (per GB)'] : []),
		...(s.containerInsights.some((v) => v !== 'disabled') ? ['Container Insights metrics, which CloudWatch bills at a rate this site has not verified'] : []),
		...(s.flowLogs > 0 ? ['flow log data ingested into and stored in CloudWatch Logs (per GB)'] : []),
		...(s.databases.length > 0 ? ["database storage, I/O and backups beyond the free allowance, whose rates are not yet in this site's price list (a new, idle cluster stores little)"] : []),
		...s.databases.filter((d) => d.minAcu === undefined).map((d) => `the provisioned instances of ${d.id}`),
		...(s.interfaceEndpoints.length > 0 ? ['interface endpoint hours and data'] : []),
		...(s.alarms > 0 || s.dashboards > 0 ? ['CloudWatch alarms and dashboards'] : []),
		...extra,
	];
	return parts.length > 0 ? `Not included: ${parts.join('; ')}` : '';
}

/** What bills at zero traffic, in words, from the same sizing alwaysOn() prices. */
function idle(s: PatternSizing): string {
	const running = s.databases.filter((d) => d.minAcu !== undefined && d.minAcu > 0);
	const paused = s.databases.filter((d) => d.minAcu === 0);
	const hourly = [
		...s.tasks.map((t) => count(t.running, 'task')),
		...(s.loadBalancers.length > 0 ? [count(s.loadBalancers.length, 'load balancer')] : []),
		...(s.natGateways > 0 ? [count(s.natGateways, 'NAT gateway')] : []),
		...(s.elasticIps > 0 ? [count(s.elasticIps, 'public IPv4 address', 'public IPv4 addresses')] : []),
		...running.map((d) => `${count(d.instances, 'database instance')} at ${d.minAcu} ACU`),
	];
	const monthly = [...(s.kmsKeys > 0 ? [count(s.kmsKeys, 'KMS key')] : []), ...(s.secrets > 0 ? [count(s.secrets, 'secret')] : [])];
	const bills = [
		...(hourly.length > 0 ? [`${and(hourly)} bill by the hour (${HOURS_PER_MONTH} hours a month)`] : []),
		...(monthly.length > 0 ? [`${and(monthly)}${hourly.length > 0 ? '' : ' bill'} by the month`] : []),
	];
	const notes = paused.length > 0 ? [`the database ${paused.some((d) => d.autoPauseSeconds !== undefined) ? 'pauses and ' : ''}bills no compute`] : [];
	return bills.length + notes.length > 0
		? `At zero traffic, ${and([...bills, ...notes])}`
		: 'At zero traffic, nothing the template creates bills by the hour or by the month';
}

/** Lambda duration lines say when an arm64 function is priced at the x86 rate. */
function lambdaArchitecture(estimate: Estimate, fn: FunctionSize): Estimate {
	return fn.architecture === 'arm64' ? relabel(estimate, (item) => (item === 'Lambda compute' ? `${item} (arm64 at the x86 rate)` : item)) : estimate;
}

function auroraIdleItem(cluster: DatabaseClusterSize): string {
	const paused = cluster.minAcu === 0 && cluster.autoPauseSeconds !== undefined;
	return `Aurora Serverless v2 capacity${paused ? ', paused' : ''} (${count(cluster.instances, 'instance')} at ${cluster.minAcu ?? 0} ACU)`;
}

/** A typed load in ACUs, kept inside the cluster's capacity range. */
function withinRange(acu: number, cluster: DatabaseClusterSize): number {
	return Math.min(Math.max(acu, cluster.minAcu ?? acu), cluster.maxAcu ?? acu);
}

function relabel(estimate: Estimate, item: (item: string) => string): Estimate {
	return { ...estimate, lines: estimate.lines.map((l) => ({ ...l, item: item(l.item) })) };
}

function onlyOne<T extends { id: string }>(items: T[], what: string, pattern: string): T {
	const [only] = items;
	if (items.length !== 1 || !only) {
		throw new Error(
			`content/patterns/${pattern}/cloudformation/template.yaml has ${items.length} ${what}s (${items.map((i) => i.id).join(', ') || 'none'}); its worked example in src/lib/examples.ts prices exactly one. Update the example.`
		);
	}
	return only;
}

function count(n: number, one: string, many = `${one}s`): string {
	return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function millions(n: number): string {
	return `${n / 1_000_000}M`;
}

function and(items: string[]): string {
	return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Joins sentences, leaving out empty ones, each ending in a full stop. */
function sentences(...parts: string[]): string {
	return parts
		.filter((p) => p.length > 0)
		.map((p) => `${p.charAt(0).toUpperCase()}${p.slice(1)}.`)
		.join(' ');
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
	// Each pattern's example is built from the sizes in its CloudFormation template (see patternExamples below).
	'serverless-api-1m': fromPattern('serverless-rest-api'),
	'pattern-container-microservice': fromPattern('container-microservice'),
	'pattern-aurora-postgresql': fromPattern('aurora-postgresql'),
	'pattern-three-tier-web-app': fromPattern('three-tier-web-app'),
	'pattern-static-website': fromPattern('static-website'),
	'pattern-event-driven-pipeline': fromPattern('event-driven-pipeline'),
	'pattern-vpc-networking': fromPattern('vpc-networking'),
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

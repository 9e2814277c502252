/**
 * What each pattern costs at a load the reader chooses: the inputs that drive its bill (with the
 * worked example's values as defaults), and the example built from the pattern's sizes, read from
 * its code (src/lib/iac/sizing.ts), and that load. Pure: no file reads, so the build renders the
 * default and the browser recomputes the same example when the reader changes an input.
 */
import {
	HOURS_PER_MONTH,
	albCost,
	apiGatewayCost,
	auroraServerlessCost,
	combine,
	dynamoDbOnDemandCost,
	ec2Cost,
	fargateCost,
	keysAndSecretsCost,
	lambdaCost,
	line,
	natGatewayCost,
	nlbCost,
	publicIpv4Cost,
	serverlessApiCost,
	unitRate,
	type Estimate,
	type PriceBook,
} from './costs.ts';
import type { DatabaseClusterSize, FunctionSize, PatternSizing, TaskSize } from './iac/sizing.ts';
import { defaultLoad, type Load, type LoadFields } from './load-input.ts';

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
	/** The month at the chosen load without free allowances: what a comparison chart plots. */
	atLoad?: boolean;
}

/** The label of the option every pattern example starts with: the month with no traffic at all. */
export const idleLabel = 'At zero traffic';

/** A pattern's calculator: the inputs that drive its bill, and its worked example at any load of them. */
export interface CostModel<K extends string = string> {
	fields: LoadFields<K>;
	example: (s: PatternSizing, load?: Partial<Load<K>>) => WorkedExample;
}

function costModel<K extends string>(fields: LoadFields<K>, build: (s: PatternSizing, load: Load<K>) => WorkedExample): CostModel<K> {
	return { fields, example: (s, load = {}) => build(s, { ...defaultLoad(fields), ...load }) };
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
export const patternCosts = {
	'serverless-rest-api': costModel(
		{
			requests: { label: 'Requests per month', unit: 'requests', min: 0, max: 100_000_000_000, step: 1, integer: true, default: 1_000_000 },
			durationMs: { label: 'Average function duration', unit: 'ms', min: 1, max: 900_000, step: 1, default: 400 },
			storageGb: { label: 'Data stored in the table', unit: 'GB', min: 0, max: 1_000_000, step: 1, default: 0 },
		},
		(s, { requests, durationMs, storageGb }): WorkedExample => {
			const fn = onlyOne(s.functions, 'Lambda function', 'serverless-rest-api');
			const usage = (n: number) => ({ requests: n, durationMs, memoryMb: fn.memoryMb, storageGb });
			const priced = (book: PriceBook, n: number, freeTier: boolean) =>
				combine(lambdaArchitecture(serverlessApiCost(book, usage(n), { freeTier }), fn), alwaysOn(book, s));
			return {
				title: `The serverless REST API at zero traffic and at ${millions(requests)} requests a month`,
				assumptions: sentences(
					deployed(s),
					idle(s),
					`At load: ${count(requests, 'request')} a month through the API Gateway HTTP API, each running the function for ${durationMs} ms and making one DynamoDB on-demand read and one write (items up to 1 KB), with ${storageGb} GB stored in the table at any traffic. Priced with and without the always-free Lambda allowance`,
					architectureNotes(s),
					notIncluded(s, ['CloudWatch Logs for the function and the API access log', 'DynamoDB point-in-time recovery (per GB stored)', 'data transfer']),
				),
				services: ['api-gateway', 'lambda', 'dynamodb', ...servicesOf(s)],
				compute: (book) => [
					{ label: idleLabel, estimate: priced(book, 0, false) },
					{ label: `At ${millions(requests)} requests, without the free tier`, estimate: priced(book, requests, false), atLoad: true },
					{ label: `At ${millions(requests)} requests, with the Lambda free tier`, estimate: priced(book, requests, true) },
				],
			};
		}
	),
	'event-driven-pipeline': costModel(
		{
			uploads: { label: 'Uploads per month', unit: 'uploads', min: 0, max: 100_000_000_000, step: 1, integer: true, default: 100_000 },
			durationMs: { label: 'Average function duration', unit: 'ms', min: 1, max: 900_000, step: 1, default: 200 },
			storageGb: { label: 'Data stored in the table', unit: 'GB', min: 0, max: 1_000_000, step: 1, default: 1 },
		},
		(s, { uploads, durationMs, storageGb }): WorkedExample => {
			const fn = onlyOne(s.functions, 'Lambda function', 'event-driven-pipeline');
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
					{ label: `At ${count(uploads, 'upload')} a month`, estimate: priced(book, uploads, storageGb), atLoad: true },
				],
			};
		}
	),
	'static-website': costModel(
		{
			filesGb: { label: 'The site\'s files in S3', unit: 'GB', min: 0, max: 1_000_000, step: 1, default: 5 },
			deliveredGb: { label: 'Data delivered per month', unit: 'GB', min: 0, max: 10_000, step: 1, default: 100 },
		},
		(s, { filesGb, deliveredGb }): WorkedExample => {
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
					`At load: ${deliveredGb} GB a month delivered by CloudFront in North America, priced before the CloudFront always-free allowance (1 TB out each month)${deliveredGb <= 1000 ? ', which covers this volume' : ', which covers the first 1 TB of it'}`,
					notIncluded(s, ['requests', 'logs', 'invalidations beyond the free ones']),
				),
				services: ['s3', 'cloudfront', ...servicesOf(s)],
				compute: (book) => [
					{ label: idleLabel, estimate: priced(book, 0) },
					{ label: `At ${deliveredGb} GB a month, before the free tier`, estimate: priced(book, deliveredGb), atLoad: true },
				],
			};
		}
	),
	'container-microservice': costModel(
		{
			requests: { label: 'Requests per month', unit: 'requests', min: 0, max: 100_000_000_000, step: 1, integer: true, default: 10_000_000 },
			kbPerResponse: { label: 'Average response size', unit: 'KB', min: 0, max: 102_400, step: 1, default: 10 },
			requestsPerTask: { label: 'Requests per second one task serves', unit: 'requests a second', min: 0.1, max: 100_000, step: 1, default: 50 },
		},
		(s, { requests, kbPerResponse, requestsPerTask }): WorkedExample => {
			const task = onlyOne(s.tasks, 'ECS service', 'container-microservice');
			const perSecond = requests / SECONDS_PER_MONTH;
			const lcu = albCapacityUnits(perSecond, kbPerResponse);
			const most = task.max ?? task.running;
			const needed = Math.ceil(perSecond / requestsPerTask);
			const tasks = Math.min(Math.max(task.running, needed), most);
			return {
				title: `The container microservice at zero traffic and at ${millions(requests)} requests a month`,
				assumptions: sentences(
					deployed(s),
					idle(s),
					`At load: ${count(requests, 'request')} a month spread evenly over its ${HOURS_PER_MONTH} hours (${perSecond.toLocaleString('en-US', { maximumFractionDigits: 1 })} a second), each returning ${kbPerResponse} KB. ${albCapacityText(perSecond, kbPerResponse, lcu)}`,
					`Each task is assumed to serve ${requestsPerTask} requests a second (measure yours with a load test), so the service runs ${count(tasks, 'task')}${needed > most ? `: the load needs ${count(needed, 'task')}, more than the scaling maximum of ${most}, so raise the maximum or expect throttled requests` : needed > task.running ? ` (scaling adds ${tasks - task.running} to the ${task.running} it keeps running)` : ', the number it keeps running'}; peaks above the average need more tasks and capacity units for their hours`,
					architectureNotes(s),
					notIncluded(s, ['container logs and the load balancer access logs in S3', 'data transfer']),
				),
				services: servicesOf(s),
				compute: (book) => [
					{ label: idleLabel, estimate: alwaysOn(book, s) },
					{ label: `At ${millions(requests)} requests a month`, estimate: alwaysOn(book, s, { lcu, tasks: () => tasks }), atLoad: true },
				],
			};
		}
	),
	'aurora-postgresql': costModel(
		{
			busyHours: { label: 'Hours in use per month', unit: 'hours', min: 0, max: 730, step: 1, default: 8 * 22 },
			busyAcu: { label: 'Capacity while in use, per instance', unit: 'ACU', min: 0, max: 256, step: 0.5, default: 1 },
		},
		(s, { busyHours, busyAcu }): WorkedExample => {
			const db = onlyOne(s.databases, 'database cluster', 'aurora-postgresql');
			const acu = withinRange(busyAcu, db);
			const inUse = (book: PriceBook, cluster: DatabaseClusterSize) =>
				combine(
					auroraServerlessCost(book, { instances: cluster.instances, acu, hours: busyHours }, `Aurora capacity in use (${count(cluster.instances, 'instance')} at ${acu} ACU)`),
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
					`In use: ${busyHours} hours a month${busyHours === 8 * 22 ? ' (8 hours on 22 working days)' : ''} at ${acu} ACU on each instance${clamped(busyAcu, acu, db)}, at its minimum the rest of the ${HOURS_PER_MONTH}-hour month; Aurora Standard rate`,
					notIncluded(s, ['CloudWatch Logs']),
				),
				services: servicesOf(s),
				compute: (book) => [
					{ label: idleLabel, estimate: alwaysOn(book, s) },
					{ label: `In use ${busyHours} hours a month`, estimate: alwaysOn(book, s, { database: (cluster) => inUse(book, cluster) }), atLoad: true },
				],
			};
		}
	),
	'three-tier-web-app': costModel(
		{
			requests: { label: 'Requests per month', unit: 'requests', min: 0, max: 100_000_000_000, step: 1, integer: true, default: 10_000_000 },
			kbPerResponse: { label: 'Average response size', unit: 'KB', min: 0, max: 102_400, step: 1, default: 10 },
			acu: { label: 'Average database capacity, per instance', unit: 'ACU', min: 0, max: 256, step: 0.5, default: 1 },
		},
		(s, { requests, kbPerResponse, acu: typedAcu }): WorkedExample => {
			const db = onlyOne(s.databases, 'database cluster', 'three-tier-web-app');
			const acu = withinRange(typedAcu, db);
			const perSecond = requests / SECONDS_PER_MONTH;
			const lcu = albCapacityUnits(perSecond, kbPerResponse);
			return {
				title: `The three-tier web app at zero traffic and at ${millions(requests)} requests a month`,
				assumptions: sentences(
					deployed(s),
					idle(s),
					`At load: ${count(requests, 'request')} a month to the application tier spread evenly over its ${HOURS_PER_MONTH} hours (${perSecond.toLocaleString('en-US', { maximumFractionDigits: 1 })} a second), each returning ${kbPerResponse} KB. ${albCapacityText(perSecond, kbPerResponse, lcu)}. The service keeps its tasks, and each database instance averages ${acu} ACU all month${clamped(typedAcu, acu, db)} at the Aurora Standard rate`,
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
						label: `At ${millions(requests)} requests a month`,
						atLoad: true,
						estimate: alwaysOn(book, s, {
							lcu,
							database: (cluster) => auroraServerlessCost(book, { instances: cluster.instances, acu }, `Aurora Serverless v2 capacity (${count(cluster.instances, 'instance')} at ${acu} ACU)`),
						}),
					},
				],
			};
		}
	),
	'vpc-networking': costModel(
		{
			natDataGb: { label: 'Data through the NAT gateways per month', unit: 'GB', min: 0, max: 10_000_000, step: 1, default: 100 },
		},
		(s, { natDataGb }): WorkedExample => {
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
					{ label: `With ${natDataGb} GB through the NAT gateways`, estimate: alwaysOn(book, s, { natDataGb }), atLoad: true },
				],
			};
		}
	),
	'generative-ai-api': costModel(
		{
			requests: { label: 'Requests per month', unit: 'requests', min: 0, max: 100_000_000_000, step: 1, integer: true, default: 100_000 },
			durationMs: { label: 'Average function duration', unit: 'ms', min: 1, max: 900_000, step: 1, default: 5_000 },
		},
		(s, { requests, durationMs }): WorkedExample => {
			const fn = onlyOne(s.functions, 'Lambda function', 'generative-ai-api');
			// The function runs while the answer streams: the model's writing time, not compute.
			const logKbPerRequest = 1;
			const logsGb = (n: number) => (n * logKbPerRequest) / (1024 * 1024);
			const priced = (book: PriceBook, n: number, freeTier: boolean) =>
				combine(
					lambdaArchitecture(lambdaCost(book, { requests: n, durationMs, memoryMb: fn.memoryMb }, { freeTier }), fn),
					line('CloudWatch Logs ingestion (Standard)', logsGb(n), 'GB', unitRate(book, 'cloudwatch', 'logs-ingestion-standard')),
					alwaysOn(book, s)
				);
			return {
				title: `The generative AI API at zero traffic and at ${count(requests, 'request')} a month, before Bedrock charges`,
				assumptions: sentences(
					deployed(s),
					idle(s),
					`At load: ${count(requests, 'request')} a month through the function URL, each streaming an answer for ${durationMs / 1000} seconds and writing about ${logKbPerRequest} KB of function logs (start, end and report lines, the stop reason and token counts). Priced with and without the always-free Lambda allowance`,
					architectureNotes(s),
					notIncluded(s, [
						"Amazon Bedrock input and output tokens and guardrail text units, which make up most of the bill at load: no published rate for the default model in us-east-1 has been read into this site's price list, so multiply your token counts by the rates on the Amazon Bedrock pricing page",
						"Lambda's charge for streamed response bytes (no rate in this site's price list)",
						'CloudWatch Logs storage',
						'data transfer',
					]),
				),
				services: ['lambda', 'cloudwatch', ...servicesOf(s)],
				compute: (book) => [
					{ label: idleLabel, estimate: priced(book, 0, false) },
					{ label: `At ${count(requests, 'request')}, without the free tier`, estimate: priced(book, requests, false), atLoad: true },
					{ label: `At ${count(requests, 'request')}, with the Lambda free tier`, estimate: priced(book, requests, true) },
				],
			};
		}
	),
	'streaming-data-lake': costModel(
		{
			storedGb: { label: 'Data already stored', unit: 'GB', min: 0, max: 10_000_000, step: 1, default: 1 },
			ingestedGb: { label: 'Data ingested per month', unit: 'GB', min: 0, max: 10_000_000, step: 1, default: 100 },
			queries: { label: 'Queries per month', unit: 'queries', min: 0, max: 100_000_000, step: 1, integer: true, default: 1_000 },
			gbPerQuery: { label: 'Data each query scans', unit: 'GB', min: 0, max: 100_000, step: 0.1, default: 1 },
		},
		(s, { storedGb, ingestedGb, queries, gbPerQuery }): WorkedExample => {
			const workgroup = onlyOne(s.athenaWorkgroups, 'Athena workgroup', 'streaming-data-lake');
			const cutoffGb = workgroup.bytesScannedCutoffPerQuery === undefined ? undefined : workgroup.bytesScannedCutoffPerQuery / 1024 ** 3;
			// The workgroup cancels a query at its cutoff, and Athena bills what it scanned until then,
			// each query rounded up to the megabyte with a 10 MB minimum (the price list's note).
			const scannedPerQuery = cutoffGb === undefined ? gbPerQuery : Math.min(gbPerQuery, cutoffGb);
			const billedPerQuery = Math.max(10, Math.ceil(scannedPerQuery * 1024)) / 1024;
			// Athena bills per TB scanned; the queries' GB are counted as 1,024 to the TB.
			const scannedTb = (queries * billedPerQuery) / 1024;
			const freeObjects = (book: PriceBook) => book['glue']?.freeTier.find((t) => t.id === 'catalog-storage')?.quantity ?? 0;
			const priced = (book: PriceBook, gb: number, tb: number) =>
				combine(
					line('S3 Standard storage, data bucket', gb, 'GB-month', unitRate(book, 's3', 'storage-standard')),
					line('Glue Data Catalog objects above the free allowance', Math.max(0, s.catalogObjects - freeObjects(book)), 'object-month', unitRate(book, 'glue', 'catalog-storage')),
					line('Athena data scanned', tb, 'TB', unitRate(book, 'athena', 'data-scanned')),
					alwaysOn(book, s)
				);
			return {
				title: `The streaming data lake at zero traffic and with ${ingestedGb} GB ingested and ${count(queries, 'query', 'queries')} a month`,
				assumptions: sentences(
					`Read from the pattern's CloudFormation template: ${count(s.catalogObjects, 'Glue Data Catalog object')} (partition projection adds no partition objects) and an Athena workgroup that ${cutoffGb === undefined ? 'sets no limit on the data a query scans' : `cancels a query after ${cutoffGb} GB scanned`}`,
					`${idle(s)}; the data bucket holds ${storedGb} GB of Parquet files from earlier months, and the catalog objects are within the Glue Data Catalog's free allowance`,
					`At load: ${ingestedGb} GB of JSON records ingested in the month and stored as Parquet on top of that, priced as if stored all month (Parquet with Snappy compression is usually smaller than the JSON, so this is an upper bound), and ${count(queries, 'query', 'queries')}, each scanning ${gbPerQuery} GB (a few columns of a few days)${scannedPerQuery < gbPerQuery ? `, cancelled by the workgroup at ${cutoffGb} GB and billed for that` : ''}${billedPerQuery > scannedPerQuery ? ', billed at the 10 MB minimum a query' : ''}, ${scannedTb.toFixed(2)} TB in all at 1,024 GB to the TB`,
					notIncluded(s, [
						'Firehose ingestion (per GB, each record rounded up to the next 5 KB) and format conversion to Parquet (per GB ingested), because no AWS page this site has read states their us-east-1 rates; see the Amazon Data Firehose pricing page',
						"S3 requests (Firehose's uploads, Athena's reads), whose rates are not in this site's price list",
						'Glue Data Catalog requests from Firehose and Athena, within the free million a month at this load',
						'Athena query results, which expire within days, and CloudWatch Logs for delivery errors',
						'data transfer',
					]),
				),
				services: ['s3', 'glue', 'athena', ...servicesOf(s)],
				compute: (book) => [
					{ label: idleLabel, estimate: priced(book, storedGb, 0) },
					{ label: `With ${ingestedGb} GB ingested and ${count(queries, 'query', 'queries')}`, estimate: priced(book, storedGb + ingestedGb, scannedTb), atLoad: true },
				],
			};
		}
	),
	'api-with-sign-in': costModel(
		{
			users: { label: 'Monthly active users', unit: 'users', min: 0, max: 100_000_000, step: 1, integer: true, default: 5_000 },
			requests: { label: 'Requests per month', unit: 'requests', min: 0, max: 100_000_000_000, step: 1, integer: true, default: 1_000_000 },
			durationMs: { label: 'Average function duration', unit: 'ms', min: 1, max: 900_000, step: 1, default: 200 },
		},
		(s, { users, requests, durationMs }): WorkedExample => {
			const fn = onlyOne(s.functions, 'Lambda function', 'api-with-sign-in');
			const pool = onlyOne(s.userPools, 'Cognito user pool', 'api-with-sign-in');
			// Half the requests add a note (one write of up to 1 KB), half list notes (one Query of up to 4 KB).
			const writes = requests / 2;
			const reads = requests - writes;
			// The price list's rate and free allowance per plan; Lite has no rate read into it.
			const plans: Record<string, { name: string; price: string; free?: string }> = {
				ESSENTIALS: { name: 'Essentials', price: 'essentials-mau', free: 'essentials-lite-mau' },
				PLUS: { name: 'Plus', price: 'plus-mau' },
			};
			const plan = plans[pool.plan];
			const userCost = (book: PriceBook, planId: string, mau: number, freeTier: boolean): Estimate => {
				const p = plans[planId];
				if (!p) return { lines: [], total: 0 };
				const free = freeTier && p.free ? (book['cognito']?.freeTier.find((t) => t.id === p.free)?.quantity ?? 0) : 0;
				return line(`Cognito monthly active users (${p.name} plan${freeTier && p.free ? ', after the free allowance' : ''})`, Math.max(0, mau - free), 'MAU', unitRate(book, 'cognito', p.price));
			};
			const priced = (book: PriceBook, planId: string, mau: number, n: number, freeTier: boolean) =>
				combine(
					userCost(book, planId, mau, freeTier),
					apiGatewayCost(book, n, 'http'),
					lambdaArchitecture(lambdaCost(book, { requests: n, durationMs, memoryMb: fn.memoryMb }, { freeTier }), fn),
					dynamoDbOnDemandCost(book, { readUnits: n === 0 ? 0 : reads, writeUnits: n === 0 ? 0 : writes, storageGb: 0 }),
					alwaysOn(book, s)
				);
			const load = `${count(users, 'user')} and ${millions(requests)} requests`;
			return {
				title: `The API with sign-in at zero traffic and with ${count(users, 'monthly active user')} making ${millions(requests)} requests`,
				assumptions: sentences(
					deployed(s),
					`The user pool ${pool.id} is on the ${plan?.name ?? pool.plan} plan, billed per monthly active user (a user who signs up, signs in or refreshes a token in the month)`,
					`${idle(s)}; with nobody signing in, the user pool bills nothing`,
					`At load: ${count(users, 'monthly active user')} making ${count(requests, 'request')} through the API Gateway HTTP API, each running the function for ${durationMs} ms; ${count(writes, 'request')} add a note (one DynamoDB on-demand write of up to 1 KB) and ${count(reads, 'request')} list notes (one Query reading up to 4 KB, priced as one read request unit, the cost of a strongly consistent read; the function's eventually consistent Query costs half). Table storage is left at 0 GB`,
					'Priced without free allowances, then with the Cognito free allowance of monthly active users on the Lite and Essentials plans (per account, shared by its user pools) and the always-free Lambda allowance' +
						(pool.plan === 'PLUS' ? '' : '; last, with the Lambda allowance, on the Plus plan, which threat protection needs and which has no free allowance of users'),
					architectureNotes(s),
					notIncluded(s, [
						...(plan ? [] : [`the user pool's ${pool.plan} plan, whose rate is not in this site's price list`]),
						'Amazon SES charges for the confirmation emails once you send them through SES',
						'CloudWatch Logs for the function and the API access log',
						'DynamoDB point-in-time recovery (per GB stored)',
						'data transfer',
					]),
				),
				services: ['cognito', 'api-gateway', 'lambda', 'dynamodb', ...servicesOf(s)],
				compute: (book) => [
					{ label: idleLabel, estimate: priced(book, pool.plan, 0, 0, false) },
					{ label: `At ${load}, without free allowances`, estimate: priced(book, pool.plan, users, requests, false), atLoad: true },
					{ label: `At ${load}, with the free allowances`, estimate: priced(book, pool.plan, users, requests, true) },
					...(pool.plan === 'PLUS' ? [] : [{ label: `At ${load}, on the Plus plan with threat protection`, estimate: priced(book, 'PLUS', users, requests, true) }]),
				],
			};
		}
	),
	'scheduled-queue-worker': costModel(
		{
			jobs: { label: 'Jobs per month', unit: 'jobs', min: 0, max: 100_000_000_000, step: 1, integer: true, default: 1_000_000 },
			durationMs: { label: 'Average function duration', unit: 'ms', min: 1, max: 900_000, step: 1, default: 100 },
		},
		(s, { jobs, durationMs }): WorkedExample => {
			const id = 'scheduled-queue-worker';
			const fn = onlyOne(s.functions, 'Lambda function', id);
			const schedule = onlyOne(s.schedules, 'EventBridge Scheduler schedule', id);
			if (schedule.perDay === undefined) {
				throw new Error(
					`content/patterns/${id}/cloudformation/template.yaml: the schedule ${schedule.id} runs ${schedule.expression}, which src/lib/iac/sizing.ts cannot count per day; use a rate(...) or a cron(...) that runs every day, or price the runs in the worked example in src/lib/examples.ts.`
				);
			}
			const scheduled = Math.round((schedule.perDay * HOURS_PER_MONTH) / 24);
			// AWS documents that Lambda long-polls the queue of an event source mapping even when it is
			// empty, and that empty receives bill as requests, but not how many calls its pollers make.
			// Assumed: five pollers per mapping, each holding one 20-second long poll (the longest SQS
			// allows) open at all times, so three calls a minute each.
			const pollers = 5;
			const idlePolls = s.sqsEventSources * pollers * 3 * 60 * HOURS_PER_MONTH;
			// Each job is one message handled alone: the schedule's SendMessage, the poller's
			// ReceiveMessage and Lambda's DeleteMessage. Batches of several messages need fewer.
			const requestsPerJob = 3;
			const free = (book: PriceBook, service: string, tier: string): number => {
				const allowance = book[service]?.freeTier.find((t) => t.id === tier);
				if (!allowance) throw new Error(`No free tier "${tier}" for service "${service}" in content/pricing/.`);
				return allowance.quantity;
			};
			const priced = (book: PriceBook, n: number, freeTier: boolean): Estimate => {
				const sqsFree = freeTier ? free(book, 'sqs', 'requests') : 0;
				const pollsBilled = Math.max(0, idlePolls - sqsFree);
				const jobRequestsBilled = Math.max(0, n * requestsPerJob - Math.max(0, sqsFree - idlePolls));
				const invocations = Math.max(0, n - (freeTier ? free(book, 'eventbridge', 'scheduler-invocations') : 0));
				const sqsRate = unitRate(book, 'sqs', 'requests-standard');
				return combine(
					line('EventBridge Scheduler invocations', invocations, 'invocation', unitRate(book, 'eventbridge', 'scheduler-invocations')),
					line(`SQS requests for jobs (${requestsPerJob} a job)`, jobRequestsBilled, 'request', sqsRate),
					line(`SQS requests of Lambda's pollers waiting for jobs (assumed: ${pollers} pollers, one 20-second long poll each)`, pollsBilled, 'request', sqsRate),
					lambdaArchitecture(lambdaCost(book, { requests: n, durationMs, memoryMb: fn.memoryMb }, { freeTier }), fn),
					line(`CloudWatch alarms (${s.alarms}, standard resolution)`, s.alarms, 'alarm-month', unitRate(book, 'cloudwatch', 'alarm-standard')),
					alwaysOn(book, s)
				);
			};
			return {
				title: `The scheduled queue worker with no jobs, with its schedule's ${count(scheduled, 'job')} a month, and at ${millions(jobs)} jobs a month`,
				assumptions: sentences(
					deployed(s),
					`The schedule ${schedule.id} runs ${schedule.expression} in ${schedule.timezone}: ${count(schedule.perDay, 'time')} a day, ${count(scheduled, 'job')} in a ${HOURS_PER_MONTH}-hour month`,
					`With no jobs (the schedule disabled), ${and([count(s.kmsKeys, 'customer managed KMS key'), count(s.alarms, 'CloudWatch alarm')])} bill by the month, and Lambda's pollers keep calling SQS`,
					`AWS documents that Lambda long-polls an SQS queue even while it is empty and that each empty receive is a billed request, but not how many calls its pollers make; assumed here: ${pollers} pollers per event source mapping, each holding one 20-second long poll (the longest SQS allows) open at all times, ${count(idlePolls, 'request')} a month. The queue's NumberOfEmptyReceives metric shows the real number`,
					`Each job is one message that a schedule sends and the worker processes alone in ${durationMs} ms: one Scheduler invocation, ${requestsPerJob} SQS requests (SendMessage, ReceiveMessage, DeleteMessage) and one Lambda invocation; batches of several messages need fewer requests`,
					`At ${millions(jobs)} jobs a month (for example one schedule per customer), priced without free allowances, then with the always-free allowances of EventBridge Scheduler, SQS and Lambda`,
					'The alarm is priced at the standard-resolution rate, without the CloudWatch free tier',
					architectureNotes(s),
					notIncluded(
						s,
						['the SNS publish and email delivery of each alarm notification (a few per incident)', 'the KMS requests of encrypting those notifications', 'CloudWatch Logs for the function', 'data transfer'],
						{ alarmsPriced: true }
					),
				),
				services: ['eventbridge', 'sqs', 'lambda', 'cloudwatch', ...servicesOf(s)],
				compute: (book) => [
					{ label: idleLabel, estimate: priced(book, 0, false) },
					{ label: `With the schedule's ${count(scheduled, 'job')} a month`, estimate: priced(book, scheduled, false) },
					{ label: `At ${millions(jobs)} jobs a month, without free allowances`, estimate: priced(book, jobs, false), atLoad: true },
					{ label: `At ${millions(jobs)} jobs a month, with the free allowances`, estimate: priced(book, jobs, true) },
				],
			};
		}
	),
	'order-saga-workflow': costModel(
		{
			orders: { label: 'Orders per month', unit: 'orders', min: 0, max: 100_000_000_000, step: 1, integer: true, default: 100_000 },
			durationMs: { label: 'Average function duration', unit: 'ms', min: 1, max: 900_000, step: 1, default: 100 },
		},
		(s, { orders, durationMs }): WorkedExample => {
			const id = 'order-saga-workflow';
			const fn = onlyOne(s.functions, 'Lambda function', id);
			const machine = onlyOne(s.stateMachines, 'state machine', id);
			if (machine.type !== 'STANDARD' || !machine.successPath) {
				throw new Error(
					`content/patterns/${id}/cloudformation/template.yaml: ${machine.id} is not a Standard workflow with an inline definition that can reach success; its worked example in src/lib/examples.ts counts the state transitions of one. Update the example.`
				);
			}
			const path = machine.successPath;
			// Per order: ReserveStock's UpdateItem and Ship's PutItem, each of an item under 1 KB.
			const writesPerOrder = 2;
			const free = (book: PriceBook, service: string, tier: string): number => {
				const allowance = book[service]?.freeTier.find((t) => t.id === tier);
				if (!allowance) throw new Error(`No free tier "${tier}" for service "${service}" in content/pricing/.`);
				return allowance.quantity;
			};
			const priced = (book: PriceBook, n: number, freeTier: boolean): Estimate => {
				const transitions = Math.max(0, n * path.length - (freeTier ? free(book, 'step-functions', 'standard-state-transitions') : 0));
				const traces = Math.max(0, n - (freeTier ? free(book, 'x-ray', 'traces-recorded') : 0));
				return combine(
					line(`Step Functions state transitions (Standard, ${path.length} per order)`, transitions, 'state transition', unitRate(book, 'step-functions', 'standard-state-transitions')),
					lambdaArchitecture(lambdaCost(book, { requests: n, durationMs, memoryMb: fn.memoryMb }, { freeTier }), fn),
					dynamoDbOnDemandCost(book, { readUnits: 0, writeUnits: n * writesPerOrder, storageGb: 0 }),
					line('X-Ray traces recorded (at most one per order)', traces, 'trace', unitRate(book, 'x-ray', 'traces-recorded')),
					alwaysOn(book, s)
				);
			};
			return {
				title: `The order saga workflow at zero traffic and at ${count(orders, 'order')} a month`,
				assumptions: sentences(
					deployed(s),
					`The Standard state machine ${machine.id} bills per state transition, and a successful order enters ${count(path.length, 'state')} (${path.join(', ')}), as counted from its definition`,
					`${idle(s)}; the state machine bills nothing between orders, and the tables' storage is left at 0 GB`,
					`At load: ${count(orders, 'order')} a month, all successful, each invoking the payment function once for ${durationMs} ms and writing ${writesPerOrder} DynamoDB on-demand items of up to 1 KB (the stock reservation and the shipment), and each recorded as one X-Ray trace, an upper bound since X-Ray's sampling rules may record fewer. An order that fails enters more states for its undo steps and is not priced here. Priced without free allowances, then with the always-free allowances of Step Functions, Lambda and X-Ray`,
					architectureNotes(s),
					notIncluded(s, ['CloudWatch Logs for the state machine (every state of every order) and the function', 'DynamoDB point-in-time recovery (per GB stored)', 'data transfer']),
				),
				services: ['step-functions', 'lambda', 'dynamodb', 'x-ray', ...servicesOf(s)],
				compute: (book) => [
					{ label: idleLabel, estimate: priced(book, 0, false) },
					{ label: `At ${count(orders, 'order')} a month, without free allowances`, estimate: priced(book, orders, false), atLoad: true },
					{ label: `At ${count(orders, 'order')} a month, with the free allowances`, estimate: priced(book, orders, true) },
				],
			};
		}
	),
	'github-actions-deploy-role': costModel(
		{
			deployments: { label: 'Deployments per month', unit: 'deployments', min: 0, max: 1_000_000, step: 1, integer: true, default: 200 },
		},
		(s, { deployments }): WorkedExample => {
			// The workflow invalidates one path, /*, per deployment.
			const pathsPerDeployment = 1;
			const priced = (book: PriceBook, n: number): Estimate => {
				const freePaths = book['cloudfront']?.freeTier.find((t) => t.id === 'invalidation-paths')?.quantity;
				if (freePaths === undefined) throw new Error('No free tier "invalidation-paths" for service "cloudfront" in content/pricing/.');
				return combine(
					line(`IAM roles (${s.iamRoles})`, s.iamRoles, 'role-month', unitRate(book, 'iam', 'role-month')),
					line(`IAM OIDC identity providers (${s.identityProviders})`, s.identityProviders, 'provider-month', unitRate(book, 'iam', 'identity-provider-month')),
					...(n > 0
						? [
								line('AWS STS AssumeRoleWithWebIdentity calls (one per deployment)', n, 'request', unitRate(book, 'iam', 'sts-requests')),
								line('CloudFront invalidation paths beyond the free ones', Math.max(0, n * pathsPerDeployment - freePaths), 'path', unitRate(book, 'cloudfront', 'invalidation-path')),
							]
						: []),
					alwaysOn(book, s)
				);
			};
			return {
				title: `The GitHub Actions deploy role at zero traffic and at ${count(deployments, 'deployment')} a month`,
				assumptions: sentences(
					`Read from the pattern's CloudFormation template: ${count(s.iamRoles, 'IAM role')} and ${count(s.identityProviders, 'IAM OIDC identity provider')}`,
					'IAM and AWS STS are offered at no additional charge, so the role, the identity provider and every AssumeRoleWithWebIdentity call cost nothing whether or not the workflow runs',
					`At load: ${count(deployments, 'deployment')} a month, each assuming the role once and invalidating ${count(pathsPerDeployment, 'path')} (/*); paths beyond CloudFront's free monthly allowance are priced at its invalidation rate`,
					notIncluded(s, [
						"the charges the deployments cause on the bucket and distribution the role writes to (the sync's S3 PUT and LIST requests, whose rates are not in this site's price list, and the site's storage and delivery, which the static website pattern estimates)",
						'a CloudTrail trail, if you create one to keep the AssumeRoleWithWebIdentity events beyond the event history',
					]),
				),
				services: ['iam', 'cloudfront', ...servicesOf(s)],
				compute: (book) => [
					{ label: idleLabel, estimate: priced(book, 0) },
					{ label: `At ${count(deployments, 'deployment')} a month`, estimate: priced(book, deployments), atLoad: true },
				],
			};
		}
	),
	'eks-auto-mode': costModel(
		{
			requests: { label: 'Requests per month', unit: 'requests', min: 0, max: 100_000_000_000, step: 1, integer: true, default: 10_000_000 },
			kbPerResponse: { label: 'Average response size', unit: 'KB', min: 0, max: 102_400, step: 1, default: 10 },
		},
		(s, { requests, kbPerResponse }): WorkedExample => {
			const id = 'eks-auto-mode';
			const perSecond = requests / SECONDS_PER_MONTH;
			const lcu = albCapacityUnits(perSecond, kbPerResponse);
			const cluster = onlyOne(s.eksClusters, 'EKS cluster', id);
			const web = onlyOne(s.kubernetesDeployments, 'Kubernetes deployment', id);
			// The manifest spreads the pods over the zones (one per zone), so each pod gets a node of its own.
			const nodes = web.replicas;
			const nodeType = 'm5.large';
			return {
				title: 'The EKS Auto Mode cluster with no workload and with the sample app serving a steady load',
				assumptions: sentences(
					deployed(s),
					idle(s),
					`With no pods, ${cluster.autoMode ? 'EKS Auto Mode runs no nodes, so no EC2 instance and no Auto Mode fee is billed: AWS notes that a new Auto Mode cluster has no nodes until a workload needs one' : 'the cluster has no nodes of its own'}`,
					`With the sample app (k8s/, applied with kubectl): ${count(web.replicas, 'pod')} of ${web.id}, each requesting ${web.cpuMillicores}m CPU and ${web.memoryMiB} MiB, one per Availability Zone, so ${count(nodes, 'node')}, priced as on-demand ${nodeType} instances (2 vCPU, 8 GiB) running all month. Auto Mode picks the instance type itself; the estimate assumes ${nodeType}, a general-purpose type whose rate this site has verified. The Ingress adds an Application Load Balancer: at ${count(requests, 'request')} a month spread evenly (${perSecond.toLocaleString('en-US', { maximumFractionDigits: 1 })} a second), each returning ${kbPerResponse} KB, ${albCapacityText(perSecond, kbPerResponse, lcu).replace(/^T/, 't')}`,
					notIncluded(s, [
						"the EKS Auto Mode management fee, which AWS bills per instance on top of its EC2 price, because no published rate for any instance type in us-east-1 has been read into this site's price list (see the Amazon EKS pricing page)",
						"the nodes' EBS volumes",
						"the load balancer's public IPv4 addresses",
						'CloudWatch Logs for the control plane logs',
						'data transfer',
					]),
				),
				services: ['ec2', 'elb', ...servicesOf(s)],
				compute: (book) => [
					{ label: idleLabel, estimate: alwaysOn(book, s) },
					{ label: `With the sample app on ${count(nodes, `${nodeType} node`)}`, estimate: combine(alwaysOn(book, s), ec2Cost(book, nodeType, nodes), albCost(book, { lcu })), atLoad: true },
				],
			};
		}
	),
	'multi-region-failover': costModel(
		{
			requests: { label: 'Requests per month', unit: 'requests', min: 0, max: 100_000_000_000, step: 1, integer: true, default: 1_000_000 },
			secondaryPercent: { label: 'Share served by the secondary Region', unit: '%', min: 0, max: 100, step: 1, default: 10 },
			durationMs: { label: 'Average function duration', unit: 'ms', min: 1, max: 900_000, step: 1, default: 400 },
			storageGb: { label: 'Data stored in each replica', unit: 'GB', min: 0, max: 1_000_000, step: 1, default: 1 },
		},
		(s, { requests, secondaryPercent, durationMs, storageGb }): WorkedExample => {
			const id = 'multi-region-failover';
			const table = onlyOne(s.globalTables, 'DynamoDB global table', id);
			const fn = s.functions[0];
			if (!fn || s.functions.some((f) => f.memoryMb !== fn.memoryMb || f.architecture !== fn.architecture)) {
				throw new Error(`content/patterns/${id}/cloudformation/template.yaml: its worked example in src/lib/examples.ts prices one function size in every Region, but the stacks have ${s.functions.length} functions of different sizes. Update the example.`);
			}
			const primary = s.failoverRecords.find((r) => r.role === 'PRIMARY')?.region;
			const secondary = s.failoverRecords.find((r) => r.role === 'SECONDARY')?.region;
			if (!primary || !secondary) throw new Error(`content/patterns/${id}: its worked example needs a PRIMARY and a SECONDARY failover record, each in its Region.`);
			const replicas = table.replicas.length;
			// A failover during the month: the secondary Region serves this share of the requests.
			const secondaryShare = secondaryPercent / 100;
			const perRegion = (book: PriceBook, region: string, n: number) =>
				relabel(combine(apiGatewayCost(book, n, 'http'), lambdaArchitecture(lambdaCost(book, { requests: n, durationMs, memoryMb: fn.memoryMb }), fn)), (item) => `${item} in ${region}`);
			const storage = (book: PriceBook) =>
				line(`DynamoDB storage (${storageGb} GB in each of ${count(replicas, 'replica')})`, storageGb * replicas, 'GB-month', unitRate(book, 'dynamodb', 'storage-standard'));
			const atLoad = (book: PriceBook) => {
				const inSecondary = Math.round(requests * secondaryShare);
				return combine(
					perRegion(book, primary, requests - inSecondary),
					perRegion(book, secondary, inSecondary),
					line('DynamoDB reads', requests, 'read request unit', unitRate(book, 'dynamodb', 'on-demand-reads')),
					// Each write is billed once in every replica, as a replicated write request unit priced as a write request unit.
					line(`DynamoDB replicated writes (each write in ${count(replicas, 'replica')})`, requests * replicas, 'replicated write request unit', unitRate(book, 'dynamodb', 'on-demand-writes')),
					storage(book),
					alwaysOn(book, s)
				);
			};
			return {
				title: `Two-Region failover at zero traffic and at ${millions(requests)} requests a month`,
				assumptions: sentences(
					`Read from the pattern's CloudFormation templates, as deployed in ${and([primary, secondary])}: the function ApiFunction with ${fn.memoryMb} MB of memory on ${fn.architecture} in each Region, a global table with ${count(replicas, 'replica')} (${and(table.replicas)}), ${count(s.healthChecks.length, 'Route 53 health check')} and ${count(s.failoverRecords.length, 'failover record')}`,
					`At zero traffic, nothing bills by the hour; the table holds ${storageGb} GB of items, stored in full in each replica`,
					`At load: ${count(requests, 'request')} a month through the failover name, ${Math.round((1 - secondaryShare) * 100)}% served by ${primary} and ${Math.round(secondaryShare * 100)}% by ${secondary} during a failover, each running the function for ${durationMs} ms and making one DynamoDB on-demand read and one write (items up to 1 KB). DynamoDB bills each write once in every replica, as a replicated write request unit priced the same as a write request unit. Both Regions are priced at the us-east-1 rates, the only ones this site lists, and without the Lambda free tier`,
					architectureNotes(s),
					notIncluded(s, [
						`the ${count(s.healthChecks.length, 'Route 53 health check')}, because no AWS page this site has read states their monthly rate or whether an API Gateway endpoint counts as an AWS endpoint for it`,
						"the requests Route 53's health checkers send to GET /health in each Region, each running the function and reading the table, because AWS does not publish how many checkers send them",
						"Route 53 queries for the failover name, and cross-Region data transfer for replication, whose rates are not in this site's price list",
						'your hosted zone',
						'CloudWatch Logs',
						'DynamoDB point-in-time recovery (per GB stored, in each replica)',
					]),
				),
				services: ['api-gateway', 'lambda', 'dynamodb', ...servicesOf(s)],
				compute: (book) => [
					{ label: idleLabel, estimate: combine(storage(book), alwaysOn(book, s)) },
					{ label: `At ${millions(requests)} requests, ${Math.round(secondaryShare * 100)}% in ${secondary}`, estimate: atLoad(book), atLoad: true },
				],
			};
		}
	),
	'websocket-api': costModel(
		{
			connections: { label: 'Connections per month', unit: 'connections', min: 0, max: 10_000_000_000, step: 1, integer: true, default: 10_000 },
			minutesPerConnection: { label: 'Minutes each connection stays open', unit: 'minutes', min: 0, max: 1_440, step: 1, default: 30 },
			messages: { label: 'Messages sent by clients per month', unit: 'messages', min: 0, max: 100_000_000_000, step: 1, integer: true, default: 100_000 },
			recipients: { label: 'Connections each message goes to', unit: 'connections', min: 0, max: 100_000, step: 1, integer: true, default: 20 },
		},
		(s, { connections, minutesPerConnection, messages, recipients }): WorkedExample => {
			const fn = onlyOne(s.functions, 'Lambda function', 'websocket-api');
			// The load: connections opened in the month and how long each stays open, messages clients
			// send, and how many connections are open to receive each one.
			// Billed duration: $connect and $disconnect make one DynamoDB write each; sendmessage scans
			// the table and posts to the recipients in parallel.
			const connectMs = 50;
			const messageMs = 200;
			const logKbPerInvocation = 1;
			// The item $connect writes, sized as DynamoDB counts it (names plus values): connectionId
			// (12 + a 16-character id), connectedAt (11 + a 24-character ISO time), expiresAt (9 + a
			// 10-digit number, 6 bytes). A scan bills one read unit per 4 KB it reads, at least one.
			const connectionItemBytes = 78;
			const unitsPerScan = Math.max(1, Math.ceil((recipients * connectionItemBytes) / 4096));
			const priced = (book: PriceBook, c: number, m: number, freeTier: boolean): Estimate => {
				const invocations = 2 * c + m;
				const durationMs = invocations === 0 ? 0 : (2 * c * connectMs + m * messageMs) / invocations;
				return combine(
					lambdaArchitecture(lambdaCost(book, { requests: invocations, durationMs, memoryMb: fn.memoryMb }, { freeTier }), fn),
					// A write per connect (PutItem) and per disconnect (DeleteItem); a scan per message.
					dynamoDbOnDemandCost(book, { readUnits: m * unitsPerScan, writeUnits: 2 * c, storageGb: 0 }),
					line('CloudWatch Logs ingestion (Standard)', (invocations * logKbPerInvocation) / (1024 * 1024), 'GB', unitRate(book, 'cloudwatch', 'logs-ingestion-standard')),
					alwaysOn(book, s)
				);
			};
			const load = `${count(connections, 'connection')} and ${count(messages, 'message')}`;
			return {
				title: `Real-time messages over WebSocket at zero traffic and with ${load} a month, before API Gateway's WebSocket charges`,
				assumptions: sentences(
					deployed(s),
					`${idle(s)}; with nobody connected the connections table is empty and nothing is logged`,
					`At load: ${count(connections, 'connection')} a month, each open ${minutesPerConnection} minutes (${count(connections * minutesPerConnection, 'connection minute')}), and ${count(messages, 'message')} sent by clients, each posted to the ${recipients} connections open at the time: with the messages received and the answer to each sender, ${count(messages * (recipients + 2), 'message')} that API Gateway counts. Each connect and disconnect runs the function for ${connectMs} ms and writes one DynamoDB on-demand item of under 1 KB; each message runs it for ${messageMs} ms and scans the table once, reading the ${recipients} connection items of about ${connectionItemBytes} bytes each, ${count(unitsPerScan, 'read request unit')} a scan (one per 4 KB read, at the cost of a strongly consistent read; the function's eventually consistent scan costs half). Each invocation writes about ${logKbPerInvocation} KB of logs (the function's lines and the API's access log line). Priced with and without the always-free Lambda allowance`,
					architectureNotes(s),
					notIncluded(s, [
						"API Gateway's WebSocket charges, per connection minute and per message (each 32 KB of a message sent or received counts as one, so every copy the function posts counts too): no AWS page this site has read states their us-east-1 rates, so multiply the connection minutes and messages above by the rates on the Amazon API Gateway pricing page",
						'DynamoDB point-in-time recovery (per GB stored)',
						'CloudWatch Logs storage',
						'data transfer',
					]),
				),
				services: ['lambda', 'dynamodb', 'cloudwatch', ...servicesOf(s)],
				compute: (book) => [
					{ label: idleLabel, estimate: priced(book, 0, 0, false) },
					{ label: `At ${load}, without the free tier`, estimate: priced(book, connections, messages, false), atLoad: true },
					{ label: `At ${load}, with the Lambda free tier`, estimate: priced(book, connections, messages, true) },
				],
			};
		}
	),
	'edge-protection': costModel(
		{
			requests: { label: 'Requests per month', unit: 'requests', min: 0, max: 10_000_000, step: 1, integer: true, default: 5_000_000 },
			deliveredGb: { label: 'Data delivered per month', unit: 'GB', min: 0, max: 10_000, step: 1, default: 100 },
			blockedPercent: { label: 'Share of requests blocked and logged', unit: '%', min: 0, max: 100, step: 0.1, default: 1 },
		},
		(s, { requests, deliveredGb, blockedPercent }): WorkedExample => {
			const id = 'edge-protection';
			const acl = onlyOne(s.webAcls, 'AWS WAF web ACL', id);
			const siteGb = 1;
			// The web ACL logs only the requests a rule blocks or counts (its logging filter); assumed
			// here, 1% of them. AWS's WAF cost guide measures a log record at 1.4 KB (a web ACL without
			// rules) to 4.6 KB (its recommended protection pack); 5 KB is assumed.
			const blockedShare = blockedPercent / 100;
			const logKbPerRecord = 5;
			const logGb = (n: number) => (n * blockedShare * logKbPerRecord) / (1024 * 1024);
			const cloudFrontFree = (book: PriceBook, tier: string): number => {
				const allowance = book['cloudfront']?.freeTier.find((t) => t.id === tier);
				if (!allowance) throw new Error(`No free tier "${tier}" for service "cloudfront" in content/pricing/.`);
				return allowance.quantity;
			};
			const priced = (book: PriceBook, n: number, gb: number, withFreeTier: boolean): Estimate => {
				// CloudFront's request rate is not in the price list, so the calculator's requests
				// stay within the always-free requests (the field's maximum says so).
				if (n > cloudFrontFree(book, 'requests')) {
					throw new Error(`src/lib/pattern-costs.ts: the ${id} example's requests exceed CloudFront's always-free allowance, whose request rate this site cannot price.`);
				}
				const freeGb = withFreeTier ? cloudFrontFree(book, 'transfer-out') * 1000 : 0;
				return combine(
					line("S3 Standard storage (the site's files)", siteGb, 'GB-month', unitRate(book, 's3', 'storage-standard')),
					line('AWS WAF requests', n, 'request', unitRate(book, 'waf', 'requests')),
					line(`AWS WAF log ingestion (vended logs, the ${blockedPercent.toLocaleString('en-US')}% of requests blocked)`, logGb(n), 'GB', unitRate(book, 'cloudwatch', 'logs-vended-ingestion')),
					line(`CloudFront data transfer out${withFreeTier ? ' beyond the always-free allowance' : ''}`, Math.max(0, gb - freeGb), 'GB', unitRate(book, 'cloudfront', 'transfer-out-na-first-10tb')),
					alwaysOn(book, s)
				);
			};
			const rates = acl.rateLimits.map((r) => `the rate-based rule ${r.rule} blocks an IP address above ${count(r.limit, 'request')} in ${r.windowSeconds} seconds`);
			const load = `${millions(requests)} requests`;
			return {
				title: `Edge protection at zero traffic and at ${count(requests, 'request')} a month`,
				assumptions: sentences(
					deployed(s),
					`${idle(s)}, whether or not traffic comes, and the site's ${siteGb} GB of files in S3 Standard are stored all month`,
					`AWS bills each rule group in a web ACL as one rule, however many rules it holds; the AWS managed rule groups here (${and(acl.managedRuleGroups)}) have no fee of their own, and the web ACL stays within the web ACL capacity units the base request rate covers${rates.length > 0 ? `. Of its rules, ${and(rates)}` : ''}`,
					`At load: ${count(requests, 'request')} a month, each inspected by the web ACL, delivering ${deliveredGb} GB from CloudFront in North America; ${blockedPercent.toLocaleString('en-US')}% of them blocked and logged to CloudWatch Logs at about ${logKbPerRecord} KB a record (AWS's WAF cost guide measures 1.4 KB to 4.6 KB), priced at the vended-log rate without the ingestion credit AWS WAF gives per million requests, so an upper bound. Priced before CloudFront's always-free allowance (1 TB out and 10 million requests each month), then with it`,
					notIncluded(s, [
						"CloudFront's HTTPS request charge, because no AWS page this site has read states its rate; the calculator stays within the always-free 10 million requests a month, which cover it",
						"the S3 GET requests CloudFront makes on a cache miss, whose rate is not in this site's price list",
						'CloudWatch Logs storage of the WAF log, CloudFront standard logs and S3 access logs in the logs bucket',
						'Logs Insights queries (per GB scanned)',
					]),
				),
				services: ['s3', 'cloudfront', 'cloudwatch', ...servicesOf(s)],
				compute: (book) => [
					{ label: idleLabel, estimate: priced(book, 0, 0, false) },
					{ label: `At ${load}, before the CloudFront free tier`, estimate: priced(book, requests, deliveredGb, false), atLoad: true },
					{ label: `At ${load}, with the CloudFront free tier`, estimate: priced(book, requests, deliveredGb, true) },
				],
			};
		}
	),
	'lambda-canary-deployment': costModel(
		{
			requests: { label: 'Requests per month', unit: 'requests', min: 0, max: 100_000_000_000, step: 1, integer: true, default: 1_000_000 },
			durationMs: { label: 'Average function duration', unit: 'ms', min: 1, max: 900_000, step: 1, default: 50 },
			releases: { label: 'Releases per month', unit: 'releases', min: 0, max: 10_000, step: 1, integer: true, default: 20 },
		},
		(s, { requests, durationMs, releases }): WorkedExample => {
			const id = 'lambda-canary-deployment';
			const fn = onlyOne(s.functions, 'Lambda function', id);
			// Each release is one CodeDeploy deployment. A canary splits the month's requests between
			// two versions for a few minutes; it adds no invocations.
			const priced = (book: PriceBook, n: number, deployments: number, freeTier: boolean): Estimate =>
				combine(
					apiGatewayCost(book, n, 'http'),
					lambdaArchitecture(lambdaCost(book, { requests: n, durationMs, memoryMb: fn.memoryMb }, { freeTier }), fn),
					line('CodeDeploy deployments to Lambda', deployments, 'deployment', unitRate(book, 'codedeploy', 'lambda-deployment')),
					line(`CloudWatch alarms (${s.alarms}, standard resolution)`, s.alarms, 'alarm-month', unitRate(book, 'cloudwatch', 'alarm-standard')),
					alwaysOn(book, s)
				);
			const load = `${millions(requests)} requests and ${count(releases, 'release')}`;
			return {
				title: `Canary deployments of a Lambda function at zero traffic and at ${millions(requests)} requests and ${count(releases, 'release')} a month`,
				assumptions: sentences(
					deployed(s),
					`${idle(s)}, apart from ${count(s.alarms, 'CloudWatch alarm')}, billed by the month whether or not requests or deployments come`,
					'CodeDeploy charges nothing for deployments to Lambda, so each release adds only the requests it serves',
					`At load: ${count(requests, 'request')} a month through the API Gateway HTTP API and the alias live, each running the function for ${durationMs} ms, and ${count(releases, 'release')} shipped as canary deployments, which split the same requests between two versions and add no invocations. Priced without the Lambda free tier, then with it. The alarm is priced at the standard-resolution rate, without the CloudWatch free tier`,
					architectureNotes(s),
					notIncluded(s, ['CloudWatch Logs for the function and the API access log', 'data transfer'], { alarmsPriced: true }),
				),
				services: ['api-gateway', 'lambda', 'codedeploy', 'cloudwatch', ...servicesOf(s)],
				compute: (book) => [
					{ label: idleLabel, estimate: priced(book, 0, 0, false) },
					{ label: `At ${load}, without the free tier`, estimate: priced(book, requests, releases, false), atLoad: true },
					{ label: `At ${load}, with the Lambda free tier`, estimate: priced(book, requests, releases, true) },
				],
			};
		}
	),
} satisfies Record<string, CostModel>;

export type PatternExampleId = keyof typeof patternCosts;

/** Each pattern's worked example at its default load, or at the load given. */
export const patternExamples = Object.fromEntries(Object.entries(patternCosts).map(([id, model]) => [id, model.example])) as {
	[Id in PatternExampleId]: (typeof patternCosts)[Id]['example'];
};


export interface AlwaysOnLoad {
	/** Average load balancer capacity units (LCU or NLCU) each hour; 0 at zero traffic. */
	lcu?: number;
	/** GB processed by the NAT gateways in the month. */
	natDataGb?: number;
	/** Tasks a service runs at this load; by default the number it keeps running. */
	tasks?: (task: TaskSize) => number;
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
		...s.tasks.map((task) => {
			const running = load.tasks?.(task) ?? task.running;
			return relabel(fargateCost(book, { tasks: running, vcpu: task.vcpu, memoryGb: task.memoryGb }), (item) =>
				`${item} (${count(running, 'task')}${task.architecture === 'ARM64' ? ', arm64 at the x86 rate' : ''})`
			);
		}),
		...s.loadBalancers.flatMap((lb) => {
			const priced = lb.type === 'application' ? albCost(book, { lcu }) : lb.type === 'network' ? nlbCost(book, { nlcu: lcu }) : undefined;
			return priced ? [relabel(priced, (item) => (item.endsWith('Load Balancer') ? `${item} (${lb.scheme})` : item))] : [];
		}),
		// An EKS cluster bills its control plane every hour, nodes or not; at the standard support
		// rate while its Kubernetes version is in standard support (tests/iac/versions.test.ts keeps
		// the patterns' versions there).
		...s.eksClusters.map((cluster) => line(`EKS control plane (${cluster.id}, standard support)`, HOURS_PER_MONTH, 'cluster-hour', unitRate(book, 'eks', 'cluster-standard'))),
		...(s.natGateways > 0 ? [natGatewayCost(book, { gateways: s.natGateways, dataGb: natDataGb })] : []),
		...(s.elasticIps > 0 ? [publicIpv4Cost(book, { addresses: s.elasticIps })] : []),
		...s.databases.filter((cluster) => cluster.minAcu !== undefined).map(database),
		keysAndSecretsCost(book, { kmsKeys: s.kmsKeys, secrets: s.secrets }),
		// A web ACL and each of its rules bill by the month, traffic or not; a managed rule group
		// counts as one rule.
		...s.webAcls.map((acl) =>
			combine(
				line(`AWS WAF web ACL (${acl.scope})`, 1, 'web ACL-month', unitRate(book, 'waf', 'web-acl-month')),
				line(`AWS WAF rules (${acl.rules}, each managed rule group counted as one)`, acl.rules, 'rule-month', unitRate(book, 'waf', 'rule-month'))
			)
		)
	);
}

/** The services whose rates alwaysOn() reads for this sizing. */
function servicesOf(s: PatternSizing): string[] {
	return [
		...(s.tasks.length > 0 ? ['fargate'] : []),
		...(s.loadBalancers.length > 0 ? ['elb'] : []),
		...(s.eksClusters.length > 0 ? ['eks'] : []),
		...(s.natGateways > 0 || s.elasticIps > 0 ? ['vpc'] : []),
		...(s.databases.some((cluster) => cluster.minAcu !== undefined) ? ['aurora'] : []),
		...(s.kmsKeys > 0 ? ['kms'] : []),
		...(s.secrets > 0 ? ['secrets-manager'] : []),
		...(s.webAcls.length > 0 ? ['waf'] : []),
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
		...s.eksClusters.map((c) => `an EKS cluster on Kubernetes ${c.version}${c.autoMode ? ' with EKS Auto Mode' : ''}`),
		...(s.natGateways > 0 ? [count(s.natGateways, 'NAT gateway')] : []),
		...(s.elasticIps > 0 ? [count(s.elasticIps, 'Elastic IP address', 'Elastic IP addresses')] : []),
		...(s.interfaceEndpoints.length > 0 ? [count(s.interfaceEndpoints.length, 'interface endpoint')] : []),
		...(s.kmsKeys > 0 ? [count(s.kmsKeys, 'customer managed KMS key')] : []),
		...(s.secrets > 0 ? [count(s.secrets, 'Secrets Manager secret')] : []),
		...(s.alarms > 0 ? [count(s.alarms, 'CloudWatch alarm')] : []),
		...(s.dashboards > 0 ? [count(s.dashboards, 'CloudWatch dashboard')] : []),
		...(s.flowLogs > 0 ? [count(s.flowLogs, 'VPC flow log')] : []),
		...s.webAcls.map((acl) => `an AWS WAF web ACL (${acl.scope}) with ${count(acl.rules, 'rule')}${acl.managedRuleGroups.length > 0 ? `, ${count(acl.managedRuleGroups.length, 'AWS managed rule group')} among them` : ''}`),
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
/** AWS managed rule groups with fees of their own on top of the web ACL's rule charge. */
const paidRuleGroups = /^AWSManagedRules(BotControl|ATP|ACFP|AntiDDoS)RuleSet$/;

function notIncluded(s: PatternSizing, extra: string[], { natDataPriced = false, alarmsPriced = false } = {}): string {
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
		...(alarmsPriced ? (s.dashboards > 0 ? ['CloudWatch dashboards'] : []) : s.alarms > 0 || s.dashboards > 0 ? ['CloudWatch alarms and dashboards'] : []),
		...(s.webAcls.some((acl) => acl.managedRuleGroups.some((group) => paidRuleGroups.test(group)))
			? ["the fees of the paid AWS managed rule groups (Bot Control, Fraud Control, anti-DDoS), whose rates are not in this site's price list"]
			: []),
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
		...(s.eksClusters.length > 0 ? [count(s.eksClusters.length, 'EKS control plane')] : []),
		...(s.natGateways > 0 ? [count(s.natGateways, 'NAT gateway')] : []),
		...(s.elasticIps > 0 ? [count(s.elasticIps, 'public IPv4 address', 'public IPv4 addresses')] : []),
		...running.map((d) => `${count(d.instances, 'database instance')} at ${d.minAcu} ACU`),
	];
	const monthly = [
		...(s.kmsKeys > 0 ? [count(s.kmsKeys, 'KMS key')] : []),
		...(s.secrets > 0 ? [count(s.secrets, 'secret')] : []),
		...s.webAcls.map((acl) => `the web ACL and its ${count(acl.rules, 'rule')}`),
	];
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

const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/**
 * What an Application Load Balancer's capacity units are for a steady load, as the Elastic Load
 * Balancing pricing page (https://aws.amazon.com/elasticloadbalancing/pricing/) defines one: 25 new
 * connections a second, 3,000 active connections a minute, 1 GB an hour processed for EC2, container
 * and IP targets, or 1,000 rule evaluations a second, billed on the largest. Each request is assumed
 * to open its own connection (keep-alive needs fewer, so this is an upper bound); active connections
 * and rule evaluations stay below the other two at these loads (a few rules, short requests).
 */
function albCapacityUnits(perSecond: number, kbPerResponse: number): number {
	const newConnections = perSecond / 25;
	const gbPerHour = (perSecond * 3600 * kbPerResponse) / (1024 * 1024);
	return Math.max(newConnections, gbPerHour);
}

function albCapacityText(perSecond: number, kbPerResponse: number, lcu: number): string {
	const byConnections = perSecond / 25 >= (perSecond * 3600 * kbPerResponse) / (1024 * 1024);
	return `The load balancer bills ${lcu.toLocaleString('en-US', { maximumFractionDigits: 3 })} capacity units (LCU) an hour on average, set by its ${byConnections ? 'new connections (25 a second make one LCU; each request is assumed to open its own, an upper bound)' : 'processed bytes (1 GB an hour makes one LCU)'}`;
}

/** Says so when a typed capacity was outside the cluster's range and the range's end was priced. */
function clamped(typed: number, used: number, cluster: DatabaseClusterSize): string {
	return typed === used ? '' : ` (${typed} ACU typed, kept to the cluster's range of ${cluster.minAcu} to ${cluster.maxAcu} ACU)`;
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

/** "1M", "2.5M", "100K": a load in a title or label, exact in the assumptions. */
function millions(n: number): string {
	return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 }).format(n);
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

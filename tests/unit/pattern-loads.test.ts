/**
 * Every pattern's calculator priced at loads other than its defaults, against totals worked out
 * here by hand: the load typed in each test, the sizes patternSizing() reads from the pattern's
 * code, and the rates and free allowances of the price list. Nothing on the expected side calls the
 * cost model; each term says what it is. Loads are picked to cross the formulas' edges: under and
 * over a free allowance, a load that keeps the running tasks and one that scales them, a database
 * capacity outside its range, an Athena query above the workgroup's cutoff.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patternSizing, type PatternSizing } from '../../src/lib/iac/sizing';
import type { LoadField } from '../../src/lib/load-input';
import { idleLabel, patternCosts, patternExamples, type PatternExampleId, type WorkedExample } from '../../src/lib/pattern-costs';
import { book, free, rate } from './price-book';

// ---------------------------------------------------------------------------------------------
// The price list, the sizes, and one pattern priced at one load

const HOURS = 730; // AWS prices a month of always-on resources as 730 hours
const SECONDS = HOURS * 3600; // the month the calculators spread requests evenly over
const KB_PER_GB = 1024 * 1024;

const sizing = (id: PatternExampleId): PatternSizing => patternSizing(join(process.cwd(), 'content', 'patterns', id));

/** Every field of a pattern's calculator, each given. */
type LoadOf<Id extends PatternExampleId> = Required<NonNullable<Parameters<(typeof patternExamples)[Id]>[1]>>;

/**
 * A pattern's example at `load`: the idle total, the at-load total and any other option's total by
 * its label. Every field must be given, none at its default.
 */
function priceAt<Id extends PatternExampleId>(id: Id, load: LoadOf<Id>) {
	const fields = patternCosts[id].fields as Record<string, LoadField>;
	const typed = load as Record<string, number>;
	expect(Object.keys(typed).sort(), `${id}: every field of the calculator`).toEqual(Object.keys(fields).sort());
	for (const [key, field] of Object.entries(fields)) expect(typed[key], `${id}: ${key} is not its default`).not.toBe(field.default);

	const build = patternExamples[id] as unknown as (s: PatternSizing, load: Record<string, number>) => WorkedExample;
	const example = build(sizing(id), typed);
	const options = example.compute(book);
	const idle = options.filter((o) => o.label === idleLabel);
	const atLoad = options.filter((o) => o.atLoad === true);
	expect(idle, `${id}: one "${idleLabel}" option`).toHaveLength(1);
	expect(atLoad, `${id}: one option at load`).toHaveLength(1);
	return {
		example,
		idle: idle[0]!.estimate.total,
		atLoad: atLoad[0]!.estimate.total,
		total(label: string): number {
			const option = options.find((o) => o.label === label);
			expect(option, `${id}: option "${label}" among: ${options.map((o) => o.label).join(' | ')}`).toBeDefined();
			return option!.estimate.total;
		},
	};
}

// ---------------------------------------------------------------------------------------------

describe('every pattern calculator, at two loads other than its defaults, against totals worked by hand', () => {
	it('serverless REST API: 500K requests of 300 ms inside the Lambda free tier, 5M of 800 ms beyond it', () => {
		const s = sizing('serverless-rest-api');
		const gb = s.functions[0]!.memoryMb / 1024; // the function's memory in GB (arm64, priced at the x86 rate as the text says)
		// Each request: one HTTP API request, one DynamoDB read unit and one write unit.
		const perRequest = rate('api-gateway', 'http-api-requests') + rate('dynamodb', 'on-demand-reads') + rate('dynamodb', 'on-demand-writes');

		const a = priceAt('serverless-rest-api', { requests: 500_000, durationMs: 300, storageGb: 2 });
		const aGbSeconds = 500_000 * 0.3 * gb; // 500K requests x 0.3 s x GB = 37,500 GB-seconds at 256 MB
		const aStorage = 2 * rate('dynamodb', 'storage-standard'); // 2 GB in the table, billed with or without traffic
		expect(500_000).toBeLessThan(free('lambda', 'requests'));
		expect(aGbSeconds).toBeLessThan(free('lambda', 'duration'));
		expect(a.idle).toBeCloseTo(aStorage, 9);
		expect(a.atLoad).toBeCloseTo(aStorage + 500_000 * perRequest + 500_000 * rate('lambda', 'requests') + aGbSeconds * rate('lambda', 'duration-x86'), 9);
		// Both inside the allowance: Lambda bills nothing.
		expect(a.total('At 500K requests, with the Lambda free tier')).toBeCloseTo(aStorage + 500_000 * perRequest, 9);

		const b = priceAt('serverless-rest-api', { requests: 5_000_000, durationMs: 800, storageGb: 10 });
		const bGbSeconds = 5_000_000 * 0.8 * gb; // 5M x 0.8 s x GB = 1,000,000 GB-seconds at 256 MB
		const bStorage = 10 * rate('dynamodb', 'storage-standard'); // 10 GB stored
		expect(b.idle).toBeCloseTo(bStorage, 9);
		expect(b.atLoad).toBeCloseTo(bStorage + 5_000_000 * perRequest + 5_000_000 * rate('lambda', 'requests') + bGbSeconds * rate('lambda', 'duration-x86'), 6);
		// Beyond the allowance: only the invocations and GB-seconds above it bill.
		expect(b.total('At 5M requests, with the Lambda free tier')).toBeCloseTo(
			bStorage +
				5_000_000 * perRequest +
				(5_000_000 - free('lambda', 'requests')) * rate('lambda', 'requests') +
				(bGbSeconds - free('lambda', 'duration')) * rate('lambda', 'duration-x86'),
			6
		);
	});

	it('event-driven pipeline: 2M uploads of 150 ms with 5 GB stored, 50K uploads of 1 s with nothing stored', () => {
		const s = sizing('event-driven-pipeline');
		const gb = s.functions[0]!.memoryMb / 1024; // the function's memory in GB

		const a = priceAt('event-driven-pipeline', { uploads: 2_000_000, durationMs: 150, storageGb: 5 });
		expect(a.idle).toBe(0); // no always-on resource, nothing stored yet
		expect(a.atLoad).toBeCloseTo(
			2_000_000 * rate('lambda', 'requests') + // one invocation per upload
				2_000_000 * 0.15 * gb * rate('lambda', 'duration-x86') + // 2M x 0.15 s x GB = GB-seconds, no free tier
				2_000_000 * rate('dynamodb', 'on-demand-writes') + // one item written per upload
				5 * rate('dynamodb', 'storage-standard'), // 5 GB in the table
			9
		);

		const b = priceAt('event-driven-pipeline', { uploads: 50_000, durationMs: 1_000, storageGb: 0 });
		expect(b.idle).toBe(0);
		expect(b.atLoad).toBeCloseTo(
			50_000 * rate('lambda', 'requests') + // invocations
				50_000 * 1 * gb * rate('lambda', 'duration-x86') + // 50K x 1 s x GB = GB-seconds
				50_000 * rate('dynamodb', 'on-demand-writes'), // one write each, nothing stored
			9
		);
	});

	it('static website: 500 GB delivered, inside the 1 TB CloudFront allowance, and 5,000 GB, beyond it', () => {
		const a = priceAt('static-website', { filesGb: 2, deliveredGb: 500 });
		const aFiles = 2 * rate('s3', 'storage-standard'); // 2 GB of files in S3 Standard, billed with or without visitors
		expect(a.idle).toBeCloseTo(aFiles, 9);
		expect(a.atLoad).toBeCloseTo(aFiles + 500 * rate('cloudfront', 'transfer-out-na-first-10tb'), 9); // before the free tier

		const b = priceAt('static-website', { filesGb: 40, deliveredGb: 5_000 });
		const bFiles = 40 * rate('s3', 'storage-standard'); // 40 GB of files
		expect(b.idle).toBeCloseTo(bFiles, 9);
		expect(b.atLoad).toBeCloseTo(bFiles + 5_000 * rate('cloudfront', 'transfer-out-na-first-10tb'), 6); // 5,000 GB, within the first-10-TB tier
		// 5,000 GB is more than the always-free 1 TB: the text must not say the allowance covers it.
		expect(5_000).toBeGreaterThan(free('cloudfront', 'transfer-out') * 1024);
		expect(b.example.assumptions).not.toContain('which covers this volume');
	});

	it('container microservice: a load its running tasks serve, one that scales it up, and one above its scaling maximum', () => {
		const s = sizing('container-microservice');
		const task = s.tasks[0]!;
		expect(s.loadBalancers.map((lb) => lb.type)).toEqual(['application']);
		// One task for an hour: its vCPU and its GB of memory (arm64, priced at the x86 rate as the text says).
		const taskHour = task.vcpu * rate('fargate', 'vcpu-linux-x86') + task.memoryGb * rate('fargate', 'memory-linux-x86');
		// Whatever the load: the load balancer's hours, each NAT gateway's hours and each public IPv4 address's hours.
		const fixed = HOURS * rate('elb', 'alb-hour') + s.natGateways * HOURS * rate('vpc', 'nat-gateway-hour') + s.elasticIps * HOURS * rate('vpc', 'public-ipv4-address-hour');
		const idle = task.running * HOURS * taskHour + fixed;
		const lcuHour = HOURS * rate('elb', 'alb-lcu'); // one capacity unit every hour of the month

		// 20M requests of 8 KB at 40 a task: 7.6 a second, which the running tasks serve.
		const a = priceAt('container-microservice', { requests: 20_000_000, kbPerResponse: 8, requestsPerTask: 40 });
		const aPerSecond = 20_000_000 / SECONDS; // 7.61 a second
		const aLcu = aPerSecond / 25; // 25 new connections a second make one LCU: 0.304
		expect(aLcu).toBeGreaterThan((aPerSecond * 3600 * 8) / KB_PER_GB); // more than the 0.209 GB an hour processed
		expect(Math.ceil(aPerSecond / 40)).toBeLessThan(task.running); // 1 task needed, fewer than it keeps
		expect(a.idle).toBeCloseTo(idle, 6);
		expect(a.atLoad).toBeCloseTo(idle + aLcu * lcuHour, 6);

		// 500M requests of 20 KB at 60 a task: 190 a second, which needs 4 tasks.
		const b = priceAt('container-microservice', { requests: 500_000_000, kbPerResponse: 20, requestsPerTask: 60 });
		const bPerSecond = 500_000_000 / SECONDS; // 190.3 a second
		const bLcu = (bPerSecond * 3600 * 20) / KB_PER_GB; // 1 GB processed an hour makes one LCU: 13.06 GB an hour
		expect(bLcu).toBeGreaterThan(bPerSecond / 25); // more than the 7.6 LCU of new connections
		const bTasks = Math.ceil(bPerSecond / 60); // 3.17 tasks' worth, so 4
		expect(bTasks).toBe(4);
		expect(bTasks).toBeGreaterThan(task.running);
		expect(bTasks).toBeLessThanOrEqual(task.max!);
		expect(b.idle).toBeCloseTo(idle, 6);
		expect(b.atLoad).toBeCloseTo(bTasks * HOURS * taskHour + fixed + bLcu * lcuHour, 6);

		// 3B requests of 1 KB at 100 a task: 1,142 a second needs 12 tasks, above the maximum; the service stops at it.
		const c = priceAt('container-microservice', { requests: 3_000_000_000, kbPerResponse: 1, requestsPerTask: 100 });
		const cPerSecond = 3_000_000_000 / SECONDS; // 1,141.6 a second
		const cLcu = cPerSecond / 25; // 45.7 LCU of new connections
		expect(cLcu).toBeGreaterThan((cPerSecond * 3600 * 1) / KB_PER_GB); // more than 3.9 GB an hour
		expect(Math.ceil(cPerSecond / 100)).toBeGreaterThan(task.max!); // 12 needed
		expect(c.atLoad).toBeCloseTo(task.max! * HOURS * taskHour + fixed + cLcu * lcuHour, 6);
		expect(c.example.assumptions).toContain('more than the scaling maximum of 10');
	});

	it('Aurora PostgreSQL: 100 hours at 2 ACU, and all month at 6 ACU, kept to the cluster maximum', () => {
		const s = sizing('aurora-postgresql');
		const db = s.databases[0]!;
		const acuHour = rate('aurora', 'serverless-v2-acu-standard');
		const monthly = s.kmsKeys * rate('kms', 'key-month') + s.secrets * rate('secrets-manager', 'secret-month'); // the key and the managed password's secret
		// Idle: every instance at its minimum (0, paused) all month.
		const idle = db.instances * db.minAcu! * HOURS * acuHour + monthly;

		const a = priceAt('aurora-postgresql', { busyHours: 100, busyAcu: 2 });
		expect(a.idle).toBeCloseTo(idle, 9);
		expect(a.atLoad).toBeCloseTo(
			db.instances * 2 * 100 * acuHour + // each instance at 2 ACU for the 100 busy hours
				db.instances * db.minAcu! * (HOURS - 100) * acuHour + // and at its minimum the other 630
				monthly,
			9
		);

		const b = priceAt('aurora-postgresql', { busyHours: 730, busyAcu: 6 });
		expect(6).toBeGreaterThan(db.maxAcu!); // typed above the range: priced at the maximum, 4 ACU
		expect(b.idle).toBeCloseTo(idle, 9);
		expect(b.atLoad).toBeCloseTo(db.instances * db.maxAcu! * 730 * acuHour + monthly, 6); // every hour in use, none left at the minimum
		expect(b.example.assumptions).toContain("6 ACU typed, kept to the cluster's range of 0 to 4 ACU");
	});

	it('three-tier web app: 2M requests of 50 KB with 0.25 ACU typed (kept to the minimum), 100M of 5 KB at 3 ACU', () => {
		const s = sizing('three-tier-web-app');
		const [task, db] = [s.tasks[0]!, s.databases[0]!];
		const acuHour = rate('aurora', 'serverless-v2-acu-standard');
		const idleDatabase = db.instances * db.minAcu! * HOURS * acuHour; // every instance at its 0.5 ACU minimum all month
		const others =
			task.running * HOURS * (task.vcpu * rate('fargate', 'vcpu-linux-x86') + task.memoryGb * rate('fargate', 'memory-linux-x86')) + // the tasks it keeps
			s.loadBalancers.length * HOURS * rate('elb', 'alb-hour') + // the internal load balancer's hours
			s.natGateways * HOURS * rate('vpc', 'nat-gateway-hour') + // NAT gateway hours
			s.elasticIps * HOURS * rate('vpc', 'public-ipv4-address-hour') + // the NAT gateway's address
			s.kmsKeys * rate('kms', 'key-month') +
			s.secrets * rate('secrets-manager', 'secret-month');
		const lcuHour = HOURS * rate('elb', 'alb-lcu');

		const a = priceAt('three-tier-web-app', { requests: 2_000_000, kbPerResponse: 50, acu: 0.25 });
		const aPerSecond = 2_000_000 / SECONDS; // 0.76 a second
		const aLcu = (aPerSecond * 3600 * 50) / KB_PER_GB; // 0.131 GB processed an hour
		expect(aLcu).toBeGreaterThan(aPerSecond / 25); // more than 0.03 LCU of new connections
		expect(0.25).toBeLessThan(db.minAcu!); // below the range: priced at the minimum
		expect(a.idle).toBeCloseTo(others + idleDatabase, 6);
		expect(a.total('At zero traffic, with the minimum capacity set to 0')).toBeCloseTo(others, 6); // paused: no capacity billed
		expect(a.atLoad).toBeCloseTo(others + db.instances * db.minAcu! * HOURS * acuHour + aLcu * lcuHour, 6);

		const b = priceAt('three-tier-web-app', { requests: 100_000_000, kbPerResponse: 5, acu: 3 });
		const bPerSecond = 100_000_000 / SECONDS; // 38.1 a second
		const bLcu = bPerSecond / 25; // 1.52 LCU of new connections
		expect(bLcu).toBeGreaterThan((bPerSecond * 3600 * 5) / KB_PER_GB); // more than 0.65 GB an hour
		expect(b.idle).toBeCloseTo(others + idleDatabase, 6);
		expect(b.atLoad).toBeCloseTo(others + db.instances * 3 * HOURS * acuHour + bLcu * lcuHour, 6); // each instance averaging 3 ACU all month
	});

	it('VPC networking: no data through the NAT gateways, and 25,000 GB', () => {
		const s = sizing('vpc-networking');
		// Each NAT gateway and each of their public IPv4 addresses, every hour of the month.
		const idle = s.natGateways * HOURS * rate('vpc', 'nat-gateway-hour') + s.elasticIps * HOURS * rate('vpc', 'public-ipv4-address-hour');

		const a = priceAt('vpc-networking', { natDataGb: 0 });
		expect(a.idle).toBeCloseTo(idle, 6);
		expect(a.atLoad).toBeCloseTo(idle, 6); // no data processed: nothing above the hours

		const b = priceAt('vpc-networking', { natDataGb: 25_000 });
		expect(b.idle).toBeCloseTo(idle, 6);
		expect(b.atLoad).toBeCloseTo(idle + 25_000 * rate('vpc', 'nat-gateway-data'), 6); // 25,000 GB processed
	});

	it('generative AI API: 200,000 answers of 3 s inside the Lambda free tier, 2M of 10 s beyond it', () => {
		const s = sizing('generative-ai-api');
		const gb = s.functions[0]!.memoryMb / 1024;
		const logs = (requests: number) => (requests * 1) / KB_PER_GB; // about 1 KB of logs per request, in GB

		const a = priceAt('generative-ai-api', { requests: 200_000, durationMs: 3_000 });
		const aGbSeconds = 200_000 * 3 * gb; // 200K x 3 s x GB = 150,000 GB-seconds
		const aLogs = logs(200_000) * rate('cloudwatch', 'logs-ingestion-standard');
		expect(aGbSeconds).toBeLessThan(free('lambda', 'duration'));
		expect(a.idle).toBe(0);
		expect(a.atLoad).toBeCloseTo(200_000 * rate('lambda', 'requests') + aGbSeconds * rate('lambda', 'duration-x86') + aLogs, 9);
		expect(a.total('At 200,000 requests, with the Lambda free tier')).toBeCloseTo(aLogs, 9); // Lambda inside its allowance: only the logs

		const b = priceAt('generative-ai-api', { requests: 2_000_000, durationMs: 10_000 });
		const bGbSeconds = 2_000_000 * 10 * gb; // 2M x 10 s x GB = 5,000,000 GB-seconds
		const bLogs = logs(2_000_000) * rate('cloudwatch', 'logs-ingestion-standard');
		expect(b.idle).toBe(0);
		expect(b.atLoad).toBeCloseTo(2_000_000 * rate('lambda', 'requests') + bGbSeconds * rate('lambda', 'duration-x86') + bLogs, 6);
		expect(b.total('At 2,000,000 requests, with the Lambda free tier')).toBeCloseTo(
			(2_000_000 - free('lambda', 'requests')) * rate('lambda', 'requests') + (bGbSeconds - free('lambda', 'duration')) * rate('lambda', 'duration-x86') + bLogs,
			6
		);
	});

	it('streaming data lake: 2,000 queries of 2.5 GB under the workgroup cutoff, 300 of 40 GB cut off at it', () => {
		const s = sizing('streaming-data-lake');
		const cutoffGb = s.athenaWorkgroups[0]!.bytesScannedCutoffPerQuery! / 1024 ** 3; // the workgroup cancels a query after 10 GB
		const catalog = Math.max(0, s.catalogObjects - free('glue', 'catalog-storage')) * rate('glue', 'catalog-storage'); // 2 objects, inside the free million
		const s3 = rate('s3', 'storage-standard');
		const perTb = rate('athena', 'data-scanned');

		const a = priceAt('streaming-data-lake', { storedGb: 50, ingestedGb: 500, queries: 2_000, gbPerQuery: 2.5 });
		expect(2.5).toBeLessThan(cutoffGb);
		expect(a.idle).toBeCloseTo(50 * s3 + catalog, 9); // the 50 GB already stored
		expect(a.atLoad).toBeCloseTo((50 + 500) * s3 + catalog + ((2_000 * 2.5) / 1024) * perTb, 9); // 5,000 GB scanned = 4.88 TB at 1,024 GB to the TB

		const b = priceAt('streaming-data-lake', { storedGb: 0, ingestedGb: 20, queries: 300, gbPerQuery: 40 });
		expect(40).toBeGreaterThan(cutoffGb);
		expect(b.idle).toBeCloseTo(catalog, 9); // nothing stored yet
		expect(b.atLoad).toBeCloseTo(20 * s3 + catalog + ((300 * cutoffGb) / 1024) * perTb, 9); // each query billed for the 10 GB scanned before it is cancelled

		// Athena bills each query at least 10 MB (the price list's note says so): 10,000 queries of 5 MB bill 10 MB each.
		const c = priceAt('streaming-data-lake', { storedGb: 3, ingestedGb: 7, queries: 10_000, gbPerQuery: 0.005 });
		expect(c.atLoad).toBeCloseTo((3 + 7) * s3 + catalog + ((10_000 * (10 / 1024)) / 1024) * perTb, 9);
	});

	it('API with sign-in: 8,000 users and 600K requests inside every free allowance, 50,000 users and 7M requests beyond them', () => {
		const s = sizing('api-with-sign-in');
		expect(s.userPools[0]!.plan).toBe('ESSENTIALS');
		const gb = s.functions[0]!.memoryMb / 1024;
		// Each request: one HTTP API request; half write a note (one write unit), half list them (one read unit).
		const perRequest = (requests: number) =>
			requests * rate('api-gateway', 'http-api-requests') + (requests / 2) * rate('dynamodb', 'on-demand-writes') + (requests / 2) * rate('dynamodb', 'on-demand-reads');

		const a = priceAt('api-with-sign-in', { users: 8_000, requests: 600_000, durationMs: 150 });
		const aGbSeconds = 600_000 * 0.15 * gb; // 600K x 0.15 s x GB = 22,500 GB-seconds
		const aLambda = 600_000 * rate('lambda', 'requests') + aGbSeconds * rate('lambda', 'duration-x86');
		expect(8_000).toBeLessThan(free('cognito', 'essentials-lite-mau'));
		expect(a.idle).toBe(0);
		expect(a.atLoad).toBeCloseTo(8_000 * rate('cognito', 'essentials-mau') + perRequest(600_000) + aLambda, 9);
		// Users, invocations and GB-seconds all inside their allowances.
		expect(a.total('At 8,000 users and 600K requests, with the free allowances')).toBeCloseTo(perRequest(600_000), 9);
		// Plus has no free users; Lambda still inside its allowance.
		expect(a.total('At 8,000 users and 600K requests, on the Plus plan with threat protection')).toBeCloseTo(8_000 * rate('cognito', 'plus-mau') + perRequest(600_000), 9);

		const b = priceAt('api-with-sign-in', { users: 50_000, requests: 7_000_000, durationMs: 300 });
		const bGbSeconds = 7_000_000 * 0.3 * gb; // 7M x 0.3 s x GB = 525,000 GB-seconds
		const bLambdaFree =
			(7_000_000 - free('lambda', 'requests')) * rate('lambda', 'requests') + (bGbSeconds - free('lambda', 'duration')) * rate('lambda', 'duration-x86');
		expect(b.idle).toBe(0);
		expect(b.atLoad).toBeCloseTo(
			50_000 * rate('cognito', 'essentials-mau') + perRequest(7_000_000) + 7_000_000 * rate('lambda', 'requests') + bGbSeconds * rate('lambda', 'duration-x86'),
			6
		);
		expect(b.total('At 50,000 users and 7M requests, with the free allowances')).toBeCloseTo(
			(50_000 - free('cognito', 'essentials-lite-mau')) * rate('cognito', 'essentials-mau') + perRequest(7_000_000) + bLambdaFree,
			6
		);
		expect(b.total('At 50,000 users and 7M requests, on the Plus plan with threat protection')).toBeCloseTo(
			50_000 * rate('cognito', 'plus-mau') + perRequest(7_000_000) + bLambdaFree,
			6
		);
	});

	it('scheduled queue worker: 50K jobs of 200 ms inside every free allowance, 20M jobs of 500 ms beyond them', () => {
		const s = sizing('scheduled-queue-worker');
		const gb = s.functions[0]!.memoryMb / 1024;
		const sqs = rate('sqs', 'requests-standard');
		const monthly = s.kmsKeys * rate('kms', 'key-month') + s.alarms * rate('cloudwatch', 'alarm-standard'); // the key and the alarm
		// Assumed by the model and stated: 5 pollers per event source mapping, each making 3 calls a minute (20-second long polls).
		const polls = s.sqsEventSources * 5 * 3 * 60 * HOURS; // 657,000 empty receives a month
		const idle = monthly + polls * sqs;
		// Each job: one Scheduler invocation, 3 SQS requests (send, receive, delete), one invocation.
		const jobs = (n: number, seconds: number) =>
			n * rate('eventbridge', 'scheduler-invocations') + 3 * n * sqs + n * rate('lambda', 'requests') + n * seconds * gb * rate('lambda', 'duration-x86');

		const a = priceAt('scheduled-queue-worker', { jobs: 50_000, durationMs: 200 });
		expect(a.idle).toBeCloseTo(idle, 9);
		expect(a.atLoad).toBeCloseTo(idle + jobs(50_000, 0.2), 9);
		// The schedule in the template: 24 runs a day over a 730-hour month = 730 jobs.
		const scheduled = (s.schedules[0]!.perDay! * HOURS) / 24;
		expect(scheduled).toBe(730);
		expect(a.total("With the schedule's 730 jobs a month")).toBeCloseTo(idle + jobs(730, 0.2), 9);
		// With the allowances: the free million SQS requests cover the 657,000 polls and the 150,000 job requests;
		// 50K Scheduler invocations, 50K invocations and 2,500 GB-seconds are all inside theirs.
		expect(polls + 3 * 50_000).toBeLessThan(free('sqs', 'requests'));
		expect(a.total('At 50K jobs a month, with the free allowances')).toBeCloseTo(monthly, 9);

		const b = priceAt('scheduled-queue-worker', { jobs: 20_000_000, durationMs: 500 });
		expect(b.idle).toBeCloseTo(idle, 9);
		expect(b.atLoad).toBeCloseTo(idle + jobs(20_000_000, 0.5), 6);
		const bGbSeconds = 20_000_000 * 0.5 * gb; // 20M x 0.5 s x GB = 2,500,000 GB-seconds
		expect(b.total('At 20M jobs a month, with the free allowances')).toBeCloseTo(
			monthly +
				(20_000_000 - free('eventbridge', 'scheduler-invocations')) * rate('eventbridge', 'scheduler-invocations') + // 6M above the 14M free
				(polls + 3 * 20_000_000 - free('sqs', 'requests')) * sqs + // polls and 60M job requests, less the free million
				(20_000_000 - free('lambda', 'requests')) * rate('lambda', 'requests') +
				(bGbSeconds - free('lambda', 'duration')) * rate('lambda', 'duration-x86'),
			6
		);
	});

	it('order saga: 500 orders of 50 ms inside every free allowance, 3M orders of 1.5 s beyond them', () => {
		const s = sizing('order-saga-workflow');
		const gb = s.functions[0]!.memoryMb / 1024;
		const states = s.stateMachines[0]!.successPath!.length; // 5 states entered by a successful order
		const transition = rate('step-functions', 'standard-state-transitions');
		const write = rate('dynamodb', 'on-demand-writes'); // two per order: the stock reservation and the shipment
		const trace = rate('x-ray', 'traces-recorded'); // one trace per order

		const a = priceAt('order-saga-workflow', { orders: 500, durationMs: 50 });
		const aGbSeconds = 500 * 0.05 * gb; // 500 x 0.05 s x GB = 3.125 GB-seconds at 128 MB
		expect(500 * states).toBeLessThan(free('step-functions', 'standard-state-transitions')); // 2,500 transitions
		expect(a.idle).toBe(0);
		expect(a.atLoad).toBeCloseTo(
			500 * states * transition + 500 * rate('lambda', 'requests') + aGbSeconds * rate('lambda', 'duration-x86') + 500 * 2 * write + 500 * trace,
			9
		);
		expect(a.total('At 500 orders a month, with the free allowances')).toBeCloseTo(500 * 2 * write, 9); // only the writes: no DynamoDB allowance

		const b = priceAt('order-saga-workflow', { orders: 3_000_000, durationMs: 1_500 });
		const bGbSeconds = 3_000_000 * 1.5 * gb; // 3M x 1.5 s x GB = 562,500 GB-seconds
		expect(b.idle).toBe(0);
		expect(b.atLoad).toBeCloseTo(
			3_000_000 * states * transition + 3_000_000 * rate('lambda', 'requests') + bGbSeconds * rate('lambda', 'duration-x86') + 3_000_000 * 2 * write + 3_000_000 * trace,
			6
		);
		expect(b.total('At 3,000,000 orders a month, with the free allowances')).toBeCloseTo(
			(3_000_000 * states - free('step-functions', 'standard-state-transitions')) * transition +
				(3_000_000 - free('lambda', 'requests')) * rate('lambda', 'requests') +
				(bGbSeconds - free('lambda', 'duration')) * rate('lambda', 'duration-x86') +
				3_000_000 * 2 * write +
				(3_000_000 - free('x-ray', 'traces-recorded')) * trace,
			6
		);
	});

	it('GitHub Actions deploy role: 500 deployments inside the free invalidation paths, 4,000 beyond them', () => {
		const s = sizing('github-actions-deploy-role');
		const idle = s.iamRoles * rate('iam', 'role-month') + s.identityProviders * rate('iam', 'identity-provider-month'); // IAM bills nothing
		const freePaths = free('cloudfront', 'invalidation-paths'); // 1,000 paths a month

		const a = priceAt('github-actions-deploy-role', { deployments: 500 });
		expect(500).toBeLessThan(freePaths);
		expect(a.idle).toBeCloseTo(idle, 9);
		expect(a.atLoad).toBeCloseTo(idle + 500 * rate('iam', 'sts-requests'), 9); // one role session each; the 500 paths (/*) are free

		const b = priceAt('github-actions-deploy-role', { deployments: 4_000 });
		expect(b.idle).toBeCloseTo(idle, 9);
		expect(b.atLoad).toBeCloseTo(idle + 4_000 * rate('iam', 'sts-requests') + (4_000 - freePaths) * rate('cloudfront', 'invalidation-path'), 9); // 3,000 paths beyond the free ones
		expect(b.atLoad).toBeGreaterThan(0);
	});

	it('EKS Auto Mode: 1M requests of 100 KB (load balancer billed by bytes), 200M of 2 KB (by new connections)', () => {
		const s = sizing('eks-auto-mode');
		const idle =
			s.eksClusters.length * HOURS * rate('eks', 'cluster-standard') + // the control plane
			s.natGateways * HOURS * rate('vpc', 'nat-gateway-hour') +
			s.elasticIps * HOURS * rate('vpc', 'public-ipv4-address-hour') +
			s.kmsKeys * rate('kms', 'key-month');
		// The sample app: one m5.large per pod all month, and the Ingress's load balancer hours.
		const app = s.kubernetesDeployments[0]!.replicas * HOURS * rate('ec2', 'on-demand-m5-large') + HOURS * rate('elb', 'alb-hour');
		const lcuHour = HOURS * rate('elb', 'alb-lcu');

		const a = priceAt('eks-auto-mode', { requests: 1_000_000, kbPerResponse: 100 });
		const aPerSecond = 1_000_000 / SECONDS; // 0.38 a second
		const aLcu = (aPerSecond * 3600 * 100) / KB_PER_GB; // 0.131 GB an hour processed
		expect(aLcu).toBeGreaterThan(aPerSecond / 25); // more than 0.015 LCU of new connections
		expect(a.idle).toBeCloseTo(idle, 6);
		expect(a.atLoad).toBeCloseTo(idle + app + aLcu * lcuHour, 6);

		const b = priceAt('eks-auto-mode', { requests: 200_000_000, kbPerResponse: 2 });
		const bPerSecond = 200_000_000 / SECONDS; // 76.1 a second
		const bLcu = bPerSecond / 25; // 3.04 LCU of new connections
		expect(bLcu).toBeGreaterThan((bPerSecond * 3600 * 2) / KB_PER_GB); // more than 0.52 GB an hour
		expect(b.idle).toBeCloseTo(idle, 6);
		expect(b.atLoad).toBeCloseTo(idle + app + bLcu * lcuHour, 6);
	});

	it('two-Region failover: 3M requests with 25% in the secondary and 10 GB stored, 333,333 with 33% and nothing stored', () => {
		const s = sizing('multi-region-failover');
		const gb = s.functions[0]!.memoryMb / 1024;
		const replicas = s.globalTables[0]!.replicas.length; // 2: each stores a full copy and bills each write
		const secondary = s.failoverRecords.find((r) => r.role === 'SECONDARY')!.region!;
		// In either Region, per request: an HTTP API request and an invocation of `seconds`, at the us-east-1 rates.
		const served = (n: number, seconds: number) => n * rate('api-gateway', 'http-api-requests') + n * rate('lambda', 'requests') + n * seconds * gb * rate('lambda', 'duration-x86');
		// Per request wherever it is served: one read, and one write in every replica.
		const table = (n: number) => n * rate('dynamodb', 'on-demand-reads') + n * replicas * rate('dynamodb', 'on-demand-writes');

		const a = priceAt('multi-region-failover', { requests: 3_000_000, secondaryPercent: 25, durationMs: 100, storageGb: 10 });
		const aStorage = 10 * replicas * rate('dynamodb', 'storage-standard'); // 10 GB in each replica
		expect(a.idle).toBeCloseTo(aStorage, 9);
		expect(a.atLoad).toBeCloseTo(served(2_250_000, 0.1) + served(750_000, 0.1) + table(3_000_000) + aStorage, 6); // 75% primary, 25% secondary

		const b = priceAt('multi-region-failover', { requests: 333_333, secondaryPercent: 33, durationMs: 700, storageGb: 0 });
		expect(b.idle).toBe(0);
		// 33% of 333,333 is 109,999.89: 110,000 requests served by the secondary, 223,333 by the primary.
		expect(b.atLoad).toBeCloseTo(served(223_333, 0.7) + served(110_000, 0.7) + table(333_333), 9);
		const lines = b.example.compute(book).find((o) => o.atLoad)!.estimate.lines;
		expect(lines.find((l) => l.item === `API Gateway HTTP API requests in ${secondary}`)?.quantity).toBe(110_000);
	});

	it('WebSocket API: 1,000 connections and 5,000 messages inside the Lambda free tier, 2M and 30M beyond it', () => {
		const s = sizing('websocket-api');
		const gb = s.functions[0]!.memoryMb / 1024;
		// Per connection: a $connect and a $disconnect of 50 ms, one write each; per message: 200 ms and one scan (one read unit);
		// about 1 KB of logs per invocation.
		const others = (connections: number, messages: number) =>
			messages * rate('dynamodb', 'on-demand-reads') +
			2 * connections * rate('dynamodb', 'on-demand-writes') +
			((2 * connections + messages) / KB_PER_GB) * rate('cloudwatch', 'logs-ingestion-standard');

		const a = priceAt('websocket-api', { connections: 1_000, minutesPerConnection: 10, messages: 5_000, recipients: 5 });
		const aInvocations = 2 * 1_000 + 5_000; // 7,000
		const aGbSeconds = (2 * 1_000 * 0.05 + 5_000 * 0.2) * gb; // (100 + 1,000) s x GB = 275 GB-seconds
		expect(a.idle).toBe(0);
		expect(a.atLoad).toBeCloseTo(aInvocations * rate('lambda', 'requests') + aGbSeconds * rate('lambda', 'duration-x86') + others(1_000, 5_000), 9);
		expect(a.total('At 1,000 connections and 5,000 messages, with the Lambda free tier')).toBeCloseTo(others(1_000, 5_000), 9);

		const b = priceAt('websocket-api', { connections: 2_000_000, minutesPerConnection: 60, messages: 30_000_000, recipients: 40 });
		const bInvocations = 2 * 2_000_000 + 30_000_000; // 34M
		const bGbSeconds = (2 * 2_000_000 * 0.05 + 30_000_000 * 0.2) * gb; // (200,000 + 6,000,000) s x GB = 1,550,000 GB-seconds
		expect(b.idle).toBe(0);
		expect(b.atLoad).toBeCloseTo(bInvocations * rate('lambda', 'requests') + bGbSeconds * rate('lambda', 'duration-x86') + others(2_000_000, 30_000_000), 6);
		expect(b.total('At 2,000,000 connections and 30,000,000 messages, with the Lambda free tier')).toBeCloseTo(
			(bInvocations - free('lambda', 'requests')) * rate('lambda', 'requests') +
				(bGbSeconds - free('lambda', 'duration')) * rate('lambda', 'duration-x86') +
				others(2_000_000, 30_000_000),
			6
		);

		// A scan reads every stored connection and bills one read unit per 4 KB of items read. The item the function's
		// $connect writes: connectionId (12-byte name, 16-character ID) + connectedAt (11-byte name, 24-character ISO
		// time) + expiresAt (9-byte name, a 10-digit number, 6 bytes) = 78 bytes. With 1,000 connections open, one
		// scan reads 78,000 bytes: 20 read units (strongly consistent, the rate the text prices), not 1.
		const c = priceAt('websocket-api', { connections: 20_000, minutesPerConnection: 15, messages: 200_000, recipients: 1_000 });
		const unitsPerScan = Math.ceil((1_000 * 78) / 4096); // 20
		expect(c.atLoad).toBeCloseTo(
			(2 * 20_000 + 200_000) * rate('lambda', 'requests') +
				(2 * 20_000 * 0.05 + 200_000 * 0.2) * gb * rate('lambda', 'duration-x86') +
				200_000 * unitsPerScan * rate('dynamodb', 'on-demand-reads') +
				2 * 20_000 * rate('dynamodb', 'on-demand-writes') +
				((2 * 20_000 + 200_000) / KB_PER_GB) * rate('cloudwatch', 'logs-ingestion-standard'),
			9
		);
	});

	it('edge protection: 2M requests and 400 GB inside the CloudFront allowance, 10M requests and 3,000 GB beyond it', () => {
		const s = sizing('edge-protection');
		const acl = s.webAcls[0]!;
		// The web ACL and each of its rules (a managed rule group counts as one) by the month, and the site's 1 GB in S3.
		const idle = rate('waf', 'web-acl-month') + acl.rules * rate('waf', 'rule-month') + 1 * rate('s3', 'storage-standard');
		const freeGb = free('cloudfront', 'transfer-out') * 1000; // 1 TB, counted as 1,000 GB as the model does
		const cloudFront = rate('cloudfront', 'transfer-out-na-first-10tb');

		const a = priceAt('edge-protection', { requests: 2_000_000, deliveredGb: 400, blockedPercent: 0.5 });
		// Every request inspected; 0.5% blocked and logged at 5 KB a record.
		const aWaf = 2_000_000 * rate('waf', 'requests') + ((2_000_000 * 0.005 * 5) / KB_PER_GB) * rate('cloudwatch', 'logs-vended-ingestion');
		expect(a.idle).toBeCloseTo(idle, 9);
		expect(a.atLoad).toBeCloseTo(idle + aWaf + 400 * cloudFront, 9);
		expect(a.total('At 2M requests, with the CloudFront free tier')).toBeCloseTo(idle + aWaf, 9); // 400 GB inside the free TB

		const b = priceAt('edge-protection', { requests: 10_000_000, deliveredGb: 3_000, blockedPercent: 12.5 });
		const bWaf = 10_000_000 * rate('waf', 'requests') + ((10_000_000 * 0.125 * 5) / KB_PER_GB) * rate('cloudwatch', 'logs-vended-ingestion'); // 12.5% logged
		expect(b.idle).toBeCloseTo(idle, 9);
		expect(b.atLoad).toBeCloseTo(idle + bWaf + 3_000 * cloudFront, 6);
		expect(b.total('At 10M requests, with the CloudFront free tier')).toBeCloseTo(idle + bWaf + (3_000 - freeGb) * cloudFront, 6); // 2,000 GB beyond the free TB
	});

	it('Lambda canary deployment: 300K requests of 20 ms inside the Lambda free tier, 40M of 120 ms beyond it', () => {
		const s = sizing('lambda-canary-deployment');
		const gb = s.functions[0]!.memoryMb / 1024;
		const alarms = s.alarms * rate('cloudwatch', 'alarm-standard'); // billed by the month, without the CloudWatch free tier

		const a = priceAt('lambda-canary-deployment', { requests: 300_000, durationMs: 20, releases: 3 });
		const aGbSeconds = 300_000 * 0.02 * gb; // 300K x 0.02 s x GB = 750 GB-seconds at 128 MB
		const aFixed = alarms + 300_000 * rate('api-gateway', 'http-api-requests') + 3 * rate('codedeploy', 'lambda-deployment'); // alarm, API requests, 3 deployments
		expect(a.idle).toBeCloseTo(alarms, 9);
		expect(a.atLoad).toBeCloseTo(aFixed + 300_000 * rate('lambda', 'requests') + aGbSeconds * rate('lambda', 'duration-x86'), 9);
		expect(a.total('At 300K requests and 3 releases, with the Lambda free tier')).toBeCloseTo(aFixed, 9);

		const b = priceAt('lambda-canary-deployment', { requests: 40_000_000, durationMs: 120, releases: 150 });
		const bGbSeconds = 40_000_000 * 0.12 * gb; // 40M x 0.12 s x GB = 600,000 GB-seconds
		const bFixed = alarms + 40_000_000 * rate('api-gateway', 'http-api-requests') + 150 * rate('codedeploy', 'lambda-deployment');
		expect(b.idle).toBeCloseTo(alarms, 9);
		expect(b.atLoad).toBeCloseTo(bFixed + 40_000_000 * rate('lambda', 'requests') + bGbSeconds * rate('lambda', 'duration-x86'), 6);
		expect(b.total('At 40M requests and 150 releases, with the Lambda free tier')).toBeCloseTo(
			bFixed + (40_000_000 - free('lambda', 'requests')) * rate('lambda', 'requests') + (bGbSeconds - free('lambda', 'duration')) * rate('lambda', 'duration-x86'),
			6
		);
	});
});

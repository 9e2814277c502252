import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { HOURS_PER_MONTH } from '../../src/lib/costs';
import { patternExamples, type PatternExampleId, type WorkedExample } from '../../src/lib/examples';
import { readCloudFormation } from '../../src/lib/iac/read-cloudformation';
import { patternSizing, pricingRegion, sizingOf, type PatternSizing } from '../../src/lib/iac/sizing';
import { parseTemplate, type CfnDocument } from '../../src/lib/iac/template';
import { book, rate } from './price-book';

// These tests prove that the estimates follow the code: the expected differences are computed here
// from the site's own rates (./price-book), never copied from an output.

/** A pattern's CloudFormation template, parsed, for a test to change before it is sized. */
function template(pattern: PatternExampleId): CfnDocument {
	return parseTemplate(readFileSync(join(process.cwd(), 'content', 'patterns', pattern, 'cloudformation', 'template.yaml'), 'utf8'));
}

function sized(doc: CfnDocument): PatternSizing {
	return sizingOf(readCloudFormation(doc, 'cloudformation', pricingRegion));
}

/** The one resource of a type; fails naming the type if the template has none or several. */
function properties(doc: CfnDocument, type: string): Record<string, unknown> {
	const found = Object.values(doc.Resources ?? {}).filter((r) => r.Type === type);
	expect(found, type).toHaveLength(1);
	return (found[0]!.Properties ??= {});
}

function setParameter(doc: CfnDocument, name: string, value: unknown): void {
	const parameter = doc.Parameters?.[name];
	expect(parameter, `parameter ${name}`).toBeDefined();
	parameter!.Default = value;
}

/** Each option's total, by label. */
function totals(example: WorkedExample): Record<string, number> {
	return Object.fromEntries(example.compute(book).map((option) => [option.label, option.estimate.total]));
}

/** How much each option's total moves when the template changes as `edit` says. */
function difference(pattern: PatternExampleId, edit: (doc: CfnDocument) => void) {
	const before = patternExamples[pattern](sized(template(pattern)));
	const doc = template(pattern);
	edit(doc);
	const after = patternExamples[pattern](sized(doc));
	const [a, b] = [totals(before), totals(after)];
	expect(Object.keys(b)).toEqual(Object.keys(a));
	return { before, after, delta: Object.fromEntries(Object.keys(a).map((label) => [label, b[label]! - a[label]!])) };
}

describe('pattern estimates follow the code', () => {
	it('move the serverless API estimate by the Lambda compute of the new function memory', () => {
		const base = sized(template('serverless-rest-api')).functions[0]!;
		const { delta, after } = difference('serverless-rest-api', (doc) => {
			properties(doc, 'AWS::Lambda::Function')['MemorySize'] = 2048;
		});
		// The example's traffic, as its assumptions state it: 1M requests of 400 ms a month.
		const gbSeconds = (memoryMb: number) => 1_000_000 * 0.4 * (memoryMb / 1024);
		const free = book['lambda']!.freeTier.find((t) => t.id === 'duration')!.quantity;
		const duration = rate('lambda', 'duration-x86');
		expect(delta['At zero traffic']).toBe(0);
		expect(delta['At 1M requests, without the free tier']).toBeCloseTo((gbSeconds(2048) - gbSeconds(base.memoryMb)) * duration, 6);
		expect(delta['At 1M requests, with the Lambda free tier']).toBeCloseTo(
			(Math.max(0, gbSeconds(2048) - free) - Math.max(0, gbSeconds(base.memoryMb) - free)) * duration,
			6
		);
		expect(after.assumptions).toContain('2048 MB of memory');
	});

	it('move the container microservice estimate by the vCPU-hours of a larger task, idle and at load', () => {
		const base = sized(template('container-microservice')).tasks[0]!;
		const { delta, after } = difference('container-microservice', (doc) => {
			properties(doc, 'AWS::ECS::TaskDefinition')['Cpu'] = '512';
		});
		const expected = base.running * HOURS_PER_MONTH * (512 / 1024 - base.vcpu) * rate('fargate', 'vcpu-linux-x86');
		expect(Object.values(delta)).toHaveLength(2);
		for (const change of Object.values(delta)) expect(change).toBeCloseTo(expected, 6);
		expect(after.assumptions).toContain('0.5 vCPU');
	});

	it('bill one task fewer when the scaling minimum drops to 1', () => {
		const base = sized(template('container-microservice')).tasks[0]!;
		expect(base.running).toBeGreaterThan(1);
		const { delta } = difference('container-microservice', (doc) => setParameter(doc, 'MinCapacity', 1));
		const perTask = HOURS_PER_MONTH * (base.vcpu * rate('fargate', 'vcpu-linux-x86') + base.memoryGb * rate('fargate', 'memory-linux-x86'));
		for (const change of Object.values(delta)) expect(change).toBeCloseTo(-(base.running - 1) * perTask, 6);
	});

	it('price an Aurora minimum of 0.5 ACU for every hour of the month, where 0 with auto-pause costs nothing', () => {
		const base = sized(template('aurora-postgresql')).databases[0]!;
		expect(base.minAcu).toBe(0);
		const { delta, after } = difference('aurora-postgresql', (doc) => setParameter(doc, 'MinCapacity', 0.5));
		expect(delta['At zero traffic']).toBeCloseTo(base.instances * 0.5 * HOURS_PER_MONTH * rate('aurora', 'serverless-v2-acu-standard'), 6);
		expect(after.assumptions).toContain('between 0.5 and');
	});

	it('save two NAT gateways and their addresses when the VPC uses a single NAT gateway', () => {
		const base = sized(template('vpc-networking'));
		const { delta, after } = difference('vpc-networking', (doc) => setParameter(doc, 'SingleNatGateway', 'true'));
		const perGateway = HOURS_PER_MONTH * (rate('vpc', 'nat-gateway-hour') + rate('vpc', 'public-ipv4-address-hour'));
		expect(base.natGateways).toBe(base.elasticIps);
		for (const change of Object.values(delta)) expect(change).toBeCloseTo(-(base.natGateways - 1) * perGateway, 6);
		expect(after.assumptions).toContain('1 NAT gateway and 1 public IPv4 address bill by the hour');
	});

	it('add up every always-on charge of the three-tier web app at zero traffic', () => {
		const s = sized(template('three-tier-web-app'));
		const [task, db] = [s.tasks[0]!, s.databases[0]!];
		const expected =
			task.running * HOURS_PER_MONTH * (task.vcpu * rate('fargate', 'vcpu-linux-x86') + task.memoryGb * rate('fargate', 'memory-linux-x86')) +
			s.loadBalancers.length * HOURS_PER_MONTH * rate('elb', 'alb-hour') +
			s.natGateways * HOURS_PER_MONTH * rate('vpc', 'nat-gateway-hour') +
			s.elasticIps * HOURS_PER_MONTH * rate('vpc', 'public-ipv4-address-hour') +
			db.instances * db.minAcu! * HOURS_PER_MONTH * rate('aurora', 'serverless-v2-acu-standard') +
			s.kmsKeys * rate('kms', 'key-month') +
			s.secrets * rate('secrets-manager', 'secret-month');
		expect(totals(patternExamples['three-tier-web-app'](s))['At zero traffic']).toBeCloseTo(expected, 6);
	});

	it('price the generative AI API at nothing idle, and at load by Lambda requests, GB-seconds of streaming and log ingestion', () => {
		const s = sized(template('generative-ai-api'));
		const fn = s.functions[0]!;
		// The example's traffic, as its assumptions state it: 100,000 requests of 5 s, about 1 KB of logs each.
		const requests = 100_000;
		const gbSeconds = requests * 5 * (fn.memoryMb / 1024);
		const logs = ((requests * 1) / (1024 * 1024)) * rate('cloudwatch', 'logs-ingestion-standard');
		const free = (id: string) => book['lambda']!.freeTier.find((t) => t.id === id)!.quantity;
		const example = patternExamples['generative-ai-api'](s);
		const total = totals(example);
		expect(total['At zero traffic']).toBe(0);
		expect(total['At 100,000 requests, without the free tier']).toBeCloseTo(
			requests * rate('lambda', 'requests') + gbSeconds * rate('lambda', 'duration-x86') + logs,
			6
		);
		expect(total['At 100,000 requests, with the Lambda free tier']).toBeCloseTo(
			Math.max(0, requests - free('requests')) * rate('lambda', 'requests') + Math.max(0, gbSeconds - free('duration')) * rate('lambda', 'duration-x86') + logs,
			6
		);
		// No Bedrock rate is in the price list: the page must say the tokens are left out, not price them.
		expect(example.assumptions).toContain('Amazon Bedrock input and output tokens');
		expect(example.compute(book).flatMap((o) => o.estimate.lines.map((l) => l.item)).some((item) => /bedrock|token/i.test(item))).toBe(false);
	});

	it('move the generative AI API estimate at load, not idle, when the function gets more memory', () => {
		const base = sized(template('generative-ai-api')).functions[0]!;
		const { delta, after } = difference('generative-ai-api', (doc) => {
			properties(doc, 'AWS::Lambda::Function')['MemorySize'] = 1024;
		});
		expect(delta['At zero traffic']).toBe(0);
		expect(delta['At 100,000 requests, without the free tier']).toBeCloseTo(100_000 * 5 * ((1024 - base.memoryMb) / 1024) * rate('lambda', 'duration-x86'), 6);
		expect(after.assumptions).toContain('1024 MB of memory');
	});

	it('price the streaming data lake by storage and catalog objects idle, and by the data its queries scan at load', () => {
		const s = sized(template('streaming-data-lake'));
		// A database and a table; partition projection needs no partition objects.
		expect(s.catalogObjects).toBe(2);
		const free = book['glue']!.freeTier.find((t) => t.id === 'catalog-storage')!.quantity;
		const objects = Math.max(0, s.catalogObjects - free) * rate('glue', 'catalog-storage');
		const storage = rate('s3', 'storage-standard');
		// The example's load, as its assumptions state it: 1 GB stored before the month, 100 GB
		// ingested in it, and 1,000 queries of 1 GB each, at 1,024 GB to the TB.
		const t = totals(patternExamples['streaming-data-lake'](s));
		expect(t['At zero traffic']).toBeCloseTo(1 * storage + objects, 9);
		expect(t['With 100 GB ingested and 1,000 queries']).toBeCloseTo(101 * storage + objects + ((1_000 * 1) / 1024) * rate('athena', 'data-scanned'), 9);
	});

	it("bill each query only up to the workgroup's cutoff, which cancels it there, and say so", () => {
		const doc = template('streaming-data-lake');
		const cutoff = 100_000_000;
		setParameter(doc, 'BytesScannedCutoffPerQuery', cutoff);
		const example = patternExamples['streaming-data-lake'](sized(doc), { queries: 1_000, gbPerQuery: 1 });
		const athena = example.compute(book)[1]!.estimate.lines.find((l) => l.item === 'Athena data scanned')!;
		// Cancelled at 100,000,000 bytes, 95.4 MB, each query is billed as 96 MB: Athena rounds up to the megabyte.
		expect(athena.quantity).toBeCloseTo((1_000 * (96 / 1024)) / 1024, 12);
		expect(example.assumptions).toContain('cancelled by the workgroup at');
	});

	it('price the API with sign-in per active user on the plan the template names, with and without free allowances', () => {
		const s = sized(template('api-with-sign-in'));
		const memoryMb = s.functions[0]!.memoryMb;
		expect(s.userPools).toEqual([{ id: 'UserPool', plan: 'ESSENTIALS' }]);
		// The example's load, as its assumptions state it: 5,000 monthly active users making 1M
		// requests of 200 ms, half of them one write and half one read request unit.
		const [users, requests, gbSeconds] = [5_000, 1_000_000, 1_000_000 * 0.2 * (memoryMb / 1024)];
		const free = (service: string, id: string) => book[service]!.freeTier.find((t) => t.id === id)!.quantity;
		const perRequest =
			requests * rate('api-gateway', 'http-api-requests') + (requests / 2) * (rate('dynamodb', 'on-demand-reads') + rate('dynamodb', 'on-demand-writes'));
		const lambda = (freeTier: boolean) =>
			Math.max(0, requests - (freeTier ? free('lambda', 'requests') : 0)) * rate('lambda', 'requests') +
			Math.max(0, gbSeconds - (freeTier ? free('lambda', 'duration') : 0)) * rate('lambda', 'duration-x86');
		const t = totals(patternExamples['api-with-sign-in'](s));
		expect(Object.keys(t)).toHaveLength(4);
		expect(t['At zero traffic']).toBe(0);
		expect(t['At 5,000 users and 1M requests, without free allowances']).toBeCloseTo(users * rate('cognito', 'essentials-mau') + perRequest + lambda(false), 9);
		expect(t['At 5,000 users and 1M requests, with the free allowances']).toBeCloseTo(
			Math.max(0, users - free('cognito', 'essentials-lite-mau')) * rate('cognito', 'essentials-mau') + perRequest + lambda(true),
			9
		);
		expect(t['At 5,000 users and 1M requests, on the Plus plan with threat protection']).toBeCloseTo(users * rate('cognito', 'plus-mau') + perRequest + lambda(true), 9);

		// On Plus in the template, every user bills at the Plus rate and there is no separate Plus option.
		const doc = template('api-with-sign-in');
		properties(doc, 'AWS::Cognito::UserPool')['UserPoolTier'] = 'PLUS';
		const plus = totals(patternExamples['api-with-sign-in'](sized(doc)));
		expect(Object.keys(plus)).toHaveLength(3);
		expect(plus['At 5,000 users and 1M requests, with the free allowances']).toBeCloseTo(t['At 5,000 users and 1M requests, on the Plus plan with threat protection']!, 9);
	});

	it('price the scheduled queue worker with no jobs as its key, its alarm and the calls of the pollers on the empty queue', () => {
		const s = sized(template('scheduled-queue-worker'));
		expect([s.kmsKeys, s.alarms, s.sqsEventSources]).toEqual([1, 1, 1]);
		// The example's assumption: five pollers per event source mapping, each making one 20-second long poll at a time.
		const polls = s.sqsEventSources * 5 * 3 * 60 * HOURS_PER_MONTH;
		const expected = s.kmsKeys * rate('kms', 'key-month') + s.alarms * rate('cloudwatch', 'alarm-standard') + polls * rate('sqs', 'requests-standard');
		expect(totals(patternExamples['scheduled-queue-worker'](s))['At zero traffic']).toBeCloseTo(expected, 9);
	});

	it("price each job the schedule adds as one Scheduler invocation, three SQS requests and one Lambda invocation, counted from the template's cron expression", () => {
		const doc = template('scheduled-queue-worker');
		setParameter(doc, 'ScheduleExpression', 'cron(0/15 * * * ? *)');
		const s = sized(doc);
		expect(s.schedules[0]!.perDay).toBe(96);
		const fn = s.functions[0]!;
		const jobs = (96 * HOURS_PER_MONTH) / 24;
		// The example's load: each job handled alone in 100 ms, at the x86 duration rate.
		const perJob =
			rate('eventbridge', 'scheduler-invocations') + 3 * rate('sqs', 'requests-standard') + rate('lambda', 'requests') + 0.1 * (fn.memoryMb / 1024) * rate('lambda', 'duration-x86');
		const t = totals(patternExamples['scheduled-queue-worker'](s));
		expect(t["With the schedule's 2,920 jobs a month"]! - t['At zero traffic']!).toBeCloseTo(jobs * perJob, 9);
		// At a million jobs the free allowances cover the Scheduler, Lambda and the first million SQS requests.
		const million = t['At 1M jobs a month, without free allowances']! - t['At 1M jobs a month, with the free allowances']!;
		const lambdaFree = Math.min(1_000_000, book['lambda']!.freeTier.find((f) => f.id === 'requests')!.quantity) * rate('lambda', 'requests');
		const durationFree = Math.min(1_000_000 * 0.1 * (fn.memoryMb / 1024), book['lambda']!.freeTier.find((f) => f.id === 'duration')!.quantity) * rate('lambda', 'duration-x86');
		const schedulerFree = Math.min(1_000_000, book['eventbridge']!.freeTier.find((f) => f.id === 'scheduler-invocations')!.quantity) * rate('eventbridge', 'scheduler-invocations');
		const sqsFree = book['sqs']!.freeTier.find((f) => f.id === 'requests')!.quantity * rate('sqs', 'requests-standard');
		expect(million).toBeCloseTo(lambdaFree + durationFree + schedulerFree + sqsFree, 9);
	});

	it('fail naming the template when the scheduled queue worker runs on some days only, which the example cannot count', () => {
		const doc = template('scheduled-queue-worker');
		setParameter(doc, 'ScheduleExpression', 'cron(0 2 1 * ? *)');
		expect(() => patternExamples['scheduled-queue-worker'](sized(doc))).toThrow(
			'content/patterns/scheduled-queue-worker/cloudformation/template.yaml: the schedule JobSchedule runs cron(0 2 1 * ? *), which src/lib/iac/sizing.ts cannot count per day'
		);
	});

	it('price the order saga from the five states a successful order enters, the function and two writes per order', () => {
		const s = sized(template('order-saga-workflow'));
		const fn = s.functions[0]!;
		// Worked by hand from the definition: ValidateOrder, ReserveStock, ChargePayment, Ship, OrderSucceeded.
		const states = 5;
		const orders = 100_000;
		const free = (service: string, id: string) => book[service]!.freeTier.find((f) => f.id === id)!.quantity;
		const gbSeconds = orders * 0.1 * (fn.memoryMb / 1024);
		const withoutFree =
			orders * states * rate('step-functions', 'standard-state-transitions') +
			orders * rate('lambda', 'requests') +
			gbSeconds * rate('lambda', 'duration-x86') +
			orders * 2 * rate('dynamodb', 'on-demand-writes') +
			orders * rate('x-ray', 'traces-recorded');
		const withFree =
			(orders * states - free('step-functions', 'standard-state-transitions')) * rate('step-functions', 'standard-state-transitions') +
			Math.max(0, orders - free('lambda', 'requests')) * rate('lambda', 'requests') +
			Math.max(0, gbSeconds - free('lambda', 'duration')) * rate('lambda', 'duration-x86') +
			orders * 2 * rate('dynamodb', 'on-demand-writes') +
			Math.max(0, orders - free('x-ray', 'traces-recorded')) * rate('x-ray', 'traces-recorded');
		const example = patternExamples['order-saga-workflow'](s);
		const t = totals(example);
		expect(t['At zero traffic']).toBe(0);
		expect(t['At 100,000 orders a month, without free allowances']).toBeCloseTo(withoutFree, 9);
		expect(t['At 100,000 orders a month, with the free allowances']).toBeCloseTo(withFree, 9);
		expect(example.assumptions).toContain('a successful order enters 5 states (ValidateOrder, ReserveStock, ChargePayment, Ship, OrderSucceeded)');
	});

	it('bill one more state transition per order when the order saga gains a state on its way to success', () => {
		const { delta, after } = difference('order-saga-workflow', (doc) => {
			const props = properties(doc, 'AWS::StepFunctions::StateMachine');
			const definition = JSON.parse(String(props['DefinitionString'])) as { States: Record<string, Record<string, unknown>> };
			definition.States['RecordOrder'] = { Type: 'Pass', Next: 'ReserveStock' };
			(definition.States['ValidateOrder']!['Choices'] as Array<{ Next: string }>)[0]!.Next = 'RecordOrder';
			props['DefinitionString'] = JSON.stringify(definition);
		});
		expect(delta['At zero traffic']).toBe(0);
		for (const label of ['At 100,000 orders a month, without free allowances', 'At 100,000 orders a month, with the free allowances']) {
			expect(delta[label]).toBeCloseTo(100_000 * rate('step-functions', 'standard-state-transitions'), 9);
		}
		expect(after.assumptions).toContain('enters 6 states (ValidateOrder, RecordOrder, ReserveStock');
	});

	it('price the GitHub Actions deploy role at IAM and STS rates, idle and at 200 deployments, and drop the provider when an existing one is reused', () => {
		const s = sized(template('github-actions-deploy-role'));
		expect([s.iamRoles, s.identityProviders]).toEqual([1, 1]);
		const freePaths = book['cloudfront']!.freeTier.find((t) => t.id === 'invalidation-paths')!.quantity;
		// The example's load, as its assumptions state it: 200 deployments, each one role session and one path (/*).
		const deployments = 200;
		const idle = s.iamRoles * rate('iam', 'role-month') + s.identityProviders * rate('iam', 'identity-provider-month');
		const atLoad = idle + deployments * rate('iam', 'sts-requests') + Math.max(0, deployments - freePaths) * rate('cloudfront', 'invalidation-path');
		const example = patternExamples['github-actions-deploy-role'](s);
		const t = totals(example);
		expect(t['At zero traffic']).toBeCloseTo(idle, 9);
		expect(t['At 200 deployments a month']).toBeCloseTo(atLoad, 9);
		// IAM and STS bill nothing, and 200 paths stay inside CloudFront's free allowance.
		expect([idle, atLoad]).toEqual([0, 0]);
		expect(example.assumptions).toContain("Read from the pattern's CloudFormation template: 1 IAM role and 1 IAM OIDC identity provider.");

		const { after } = difference('github-actions-deploy-role', (doc) =>
			setParameter(doc, 'ExistingOidcProviderArn', 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com')
		);
		expect(after.assumptions).toContain('1 IAM role and 0 IAM OIDC identity providers');
		const providerLine = after.compute(book)[0]!.estimate.lines.find((l) => l.item.startsWith('IAM OIDC identity providers'));
		expect(providerLine?.quantity).toBe(0);
	});

	it('price the EKS Auto Mode cluster idle as its control plane, NAT gateway, address and key, and the sample app as one m5.large per pod and a load balancer', async () => {
		const { patternSizing } = await import('../../src/lib/iac/sizing');
		const dir = join(process.cwd(), 'content', 'patterns', 'eks-auto-mode');
		const s = patternSizing(dir);
		expect([s.eksClusters.length, s.natGateways, s.elasticIps, s.kmsKeys]).toEqual([1, 1, 1, 1]);
		// The pods the manifest asks for, read here from the file itself: one m5.large node each.
		const manifest = parseYaml(readFileSync(join(dir, 'k8s', '30-deployment.yaml'), 'utf8')) as { spec: { replicas: number } };
		const pods = manifest.spec.replicas;
		const idle =
			HOURS_PER_MONTH * rate('eks', 'cluster-standard') +
			HOURS_PER_MONTH * rate('vpc', 'nat-gateway-hour') +
			HOURS_PER_MONTH * rate('vpc', 'public-ipv4-address-hour') +
			rate('kms', 'key-month');
		// 10M requests of 10 KB a month: 3.8 a second, so new connections (25 a second to the LCU)
		// outweigh processed bytes (0.13 GB an hour, 1 GB to the LCU).
		const lcu = 10_000_000 / (HOURS_PER_MONTH * 3600) / 25;
		const atLoad = idle + pods * HOURS_PER_MONTH * rate('ec2', 'on-demand-m5-large') + HOURS_PER_MONTH * (rate('elb', 'alb-hour') + lcu * rate('elb', 'alb-lcu'));
		const example = patternExamples['eks-auto-mode'](s, { requests: 10_000_000, kbPerResponse: 10 });
		const t = totals(example);
		expect(t['At zero traffic']).toBeCloseTo(idle, 9);
		expect(t[`With the sample app on ${pods} m5.large nodes`]).toBeCloseTo(atLoad, 9);
		expect(example.assumptions).toContain('EKS Auto Mode runs no nodes');
		expect(example.assumptions).toContain('the EKS Auto Mode management fee');
		// A template alone has no manifests, and the example says which file to fix.
		expect(() => patternExamples['eks-auto-mode'](sized(template('eks-auto-mode')))).toThrow('has 0 Kubernetes deployments (none)');
	});

	it('price the two-Region failover from every stack it deploys: storage in each replica idle, and at load both Regions\' requests and each write in every replica', () => {
		const s = patternSizing(join(process.cwd(), 'content', 'patterns', 'multi-region-failover'));
		// table.yaml once and template.yaml in two Regions: two functions, two health checks, one global table.
		expect(s.functions).toHaveLength(2);
		expect(s.healthChecks).toHaveLength(2);
		const replicas = s.globalTables[0]!.replicas.length;
		expect(replicas).toBe(2);
		const fn = s.functions[0]!;
		// The example's load, as its assumptions state it: 1M requests of 400 ms, one read and one write each, 1 GB stored.
		const requests = 1_000_000;
		const storage = 1 * replicas * rate('dynamodb', 'storage-standard');
		const atLoad =
			requests * rate('api-gateway', 'http-api-requests') +
			requests * rate('lambda', 'requests') +
			requests * 0.4 * (fn.memoryMb / 1024) * rate('lambda', 'duration-x86') +
			requests * rate('dynamodb', 'on-demand-reads') +
			requests * replicas * rate('dynamodb', 'on-demand-writes') +
			storage;
		const example = patternExamples['multi-region-failover'](s);
		const t = totals(example);
		expect(t['At zero traffic']).toBeCloseTo(storage, 9);
		expect(t['At 1M requests, 10% in us-west-2']).toBeCloseTo(atLoad, 9);
		expect(example.assumptions).toContain('as deployed in us-east-1 and us-west-2');
		expect(example.assumptions).toContain('the 2 Route 53 health checks');
		// The requests split between the Regions, each priced per Region.
		const lines = example.compute(book)[1]!.estimate.lines;
		expect(lines.find((l) => l.item === 'API Gateway HTTP API requests in us-west-2')!.quantity).toBe(100_000);
		expect(lines.find((l) => l.item === 'API Gateway HTTP API requests in us-east-1')!.quantity).toBe(900_000);
	});

	it('price the WebSocket API at nothing idle, and at load by its invocations, DynamoDB writes and scans and logs, leaving out the WebSocket rates', () => {
		const s = sized(template('websocket-api'));
		const fn = s.functions[0]!;
		// The example's load, as its assumptions state it: 10,000 connections (a connect and a
		// disconnect of 50 ms and one write each) and 100,000 messages (200 ms and one scan each),
		// about 1 KB of logs per invocation.
		const [connections, messages] = [10_000, 100_000];
		const invocations = 2 * connections + messages;
		const gbSeconds = (2 * connections * 0.05 + messages * 0.2) * (fn.memoryMb / 1024);
		const free = (id: string) => book['lambda']!.freeTier.find((t) => t.id === id)!.quantity;
		const others =
			messages * rate('dynamodb', 'on-demand-reads') +
			2 * connections * rate('dynamodb', 'on-demand-writes') +
			(invocations / (1024 * 1024)) * rate('cloudwatch', 'logs-ingestion-standard');
		const example = patternExamples['websocket-api'](s);
		const t = totals(example);
		expect(t['At zero traffic']).toBe(0);
		expect(t['At 10,000 connections and 100,000 messages, without the free tier']).toBeCloseTo(
			invocations * rate('lambda', 'requests') + gbSeconds * rate('lambda', 'duration-x86') + others,
			9
		);
		expect(t['At 10,000 connections and 100,000 messages, with the Lambda free tier']).toBeCloseTo(
			Math.max(0, invocations - free('requests')) * rate('lambda', 'requests') + Math.max(0, gbSeconds - free('duration')) * rate('lambda', 'duration-x86') + others,
			9
		);
		// No WebSocket rate is in the price list: the page states the quantities and leaves them out, not priced.
		expect(example.assumptions).toContain('300,000 connection minutes');
		// 100,000 received, 2,000,000 copies posted to 20 connections each, and 100,000 answers to the senders.
		expect(example.assumptions).toContain('2,200,000 messages that API Gateway counts');
		expect(example.assumptions).toContain("API Gateway's WebSocket charges");
		expect(example.compute(book).flatMap((o) => o.estimate.lines.map((l) => l.item)).some((item) => /api gateway|connection minute/i.test(item))).toBe(false);

		// Twice the memory doubles the compute at load and changes nothing idle.
		const { delta } = difference('websocket-api', (doc) => {
			properties(doc, 'AWS::Lambda::Function')['MemorySize'] = 2 * fn.memoryMb;
		});
		expect(delta['At zero traffic']).toBe(0);
		expect(delta['At 10,000 connections and 100,000 messages, without the free tier']).toBeCloseTo(gbSeconds * rate('lambda', 'duration-x86'), 9);
	});

	it("price edge protection idle as the web ACL, its rules and the site's storage, and at load by WAF requests, blocked-request logs and CloudFront data", () => {
		const s = sized(template('edge-protection'));
		const acl = s.webAcls[0]!;
		// Worked by hand from the template: a rate-based rule and three AWS managed rule groups, each group billed as one rule.
		expect(s.webAcls).toHaveLength(1);
		expect(acl.rules).toBe(4);
		expect(acl.managedRuleGroups).toEqual(['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
		expect(acl.rateLimits).toEqual([{ rule: 'RateLimitPerIp', limit: 1000, windowSeconds: 300 }]);
		// The example's load, as its assumptions state it: 1 GB of files, 5M requests delivering
		// 100 GB, 1% of them blocked and logged at 5 KB a record.
		const idle = rate('waf', 'web-acl-month') + 4 * rate('waf', 'rule-month') + 1 * rate('s3', 'storage-standard');
		const requests = 5_000_000;
		const perRequest = requests * rate('waf', 'requests') + ((requests * 0.01 * 5) / (1024 * 1024)) * rate('cloudwatch', 'logs-vended-ingestion');
		const example = patternExamples['edge-protection'](s);
		const t = totals(example);
		expect(Object.keys(t)).toEqual(['At zero traffic', 'At 5M requests, before the CloudFront free tier', 'At 5M requests, with the CloudFront free tier']);
		expect(t['At zero traffic']).toBeCloseTo(idle, 9);
		expect(t['At 5M requests, before the CloudFront free tier']).toBeCloseTo(idle + perRequest + 100 * rate('cloudfront', 'transfer-out-na-first-10tb'), 9);
		expect(t['At 5M requests, with the CloudFront free tier']).toBeCloseTo(idle + perRequest, 9);
		expect(example.assumptions).toContain('an AWS WAF web ACL (CLOUDFRONT) with 4 rules, 3 AWS managed rule groups among them');
		expect(example.assumptions).toContain('the rate-based rule RateLimitPerIp blocks an IP address above 1,000 requests in 300 seconds');
		expect(example.assumptions).toContain("CloudFront's HTTPS request charge");
	});

	it('bill one more rule every month, traffic or not, when the web ACL gains a managed rule group', () => {
		const { delta, after } = difference('edge-protection', (doc) => {
			const rules = properties(doc, 'AWS::WAFv2::WebACL')['Rules'] as Array<Record<string, unknown>>;
			rules.push({ ...rules[rules.length - 1]!, Name: 'AWSManagedRulesSQLiRuleSet', Priority: 50, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesSQLiRuleSet' } } });
		});
		expect(Object.values(delta)).toHaveLength(3);
		for (const change of Object.values(delta)) expect(change).toBeCloseTo(rate('waf', 'rule-month'), 9);
		expect(after.assumptions).toContain('with 5 rules, 4 AWS managed rule groups among them');
	});

	it('price the canary deployment at zero traffic as its alarm alone, and at load as HTTP API requests and invocations, with deployments free', () => {
		const s = sized(template('lambda-canary-deployment'));
		const fn = s.functions[0]!;
		expect([s.functions.length, s.alarms, fn.memoryMb, fn.architecture]).toEqual([1, 1, 128, 'arm64']);
		const free = (id: string) => book['lambda']!.freeTier.find((f) => f.id === id)!.quantity;
		// The example's load, as its assumptions state it: 1M requests of 50 ms a month and 20 releases.
		const requests = 1_000_000;
		const gbSeconds = requests * 0.05 * (fn.memoryMb / 1024);
		const alarm = s.alarms * rate('cloudwatch', 'alarm-standard');
		const api = requests * rate('api-gateway', 'http-api-requests');
		const deployments = 20 * rate('codedeploy', 'lambda-deployment');
		const example = patternExamples['lambda-canary-deployment'](s);
		const t = totals(example);
		expect(Object.keys(t)).toEqual(['At zero traffic', 'At 1M requests and 20 releases, without the free tier', 'At 1M requests and 20 releases, with the Lambda free tier']);
		expect(rate('codedeploy', 'lambda-deployment')).toBe(0);
		expect(t['At zero traffic']).toBeCloseTo(alarm, 9);
		expect(t['At 1M requests and 20 releases, without the free tier']).toBeCloseTo(
			alarm + api + deployments + requests * rate('lambda', 'requests') + gbSeconds * rate('lambda', 'duration-x86'),
			9
		);
		expect(t['At 1M requests and 20 releases, with the Lambda free tier']).toBeCloseTo(
			alarm + api + deployments + Math.max(0, requests - free('requests')) * rate('lambda', 'requests') + Math.max(0, gbSeconds - free('duration')) * rate('lambda', 'duration-x86'),
			9
		);
		expect(example.assumptions).toContain('the function ApiFunction with 128 MB of memory on arm64 and 1 CloudWatch alarm');
		expect(example.assumptions).toContain('CodeDeploy charges nothing for deployments to Lambda');
	});

	it('bill one more alarm every month, traffic or not, when the canary deployment gains a second alarm', () => {
		const { delta, after } = difference('lambda-canary-deployment', (doc) => {
			doc.Resources!['ThrottlesAlarm'] = structuredClone(doc.Resources!['AliasErrorsAlarm']!);
		});
		expect(Object.values(delta)).toHaveLength(3);
		for (const change of Object.values(delta)) expect(change).toBeCloseTo(rate('cloudwatch', 'alarm-standard'), 9);
		expect(after.assumptions).toContain('apart from 2 CloudWatch alarms');
	});

	it('fail naming the template and the fix when a pattern no longer has the one function its example prices', () => {
		const doc = template('serverless-rest-api');
		for (const [id, resource] of Object.entries(doc.Resources ?? {})) if (resource.Type === 'AWS::Lambda::Function') delete doc.Resources![id];
		expect(() => patternExamples['serverless-rest-api'](sized(doc))).toThrow(
			'content/patterns/serverless-rest-api/cloudformation/template.yaml has 0 Lambda functions (none); its worked example in src/lib/examples.ts prices exactly one. Update the example.'
		);
	});
});

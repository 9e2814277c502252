import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { HOURS_PER_MONTH, unitRate, type PriceBook } from '../../src/lib/costs';
import { patternExamples, type PatternExampleId, type WorkedExample } from '../../src/lib/examples';
import { readCloudFormation } from '../../src/lib/iac/read-cloudformation';
import { pricingRegion, sizingOf, type PatternSizing } from '../../src/lib/iac/sizing';
import { parseTemplate, type CfnDocument } from '../../src/lib/iac/template';
import { PriceListSchema } from '../../src/schemas/pricing';

// The site's price list itself: these tests prove that the estimates follow the code, so the
// expected differences are computed here from the same rates, never copied from an output.
const pricingDir = join(process.cwd(), 'content', 'pricing');
const book: PriceBook = Object.fromEntries(
	readdirSync(pricingDir)
		.filter((name) => name.endsWith('.yaml'))
		.map((name) => {
			const list = PriceListSchema.parse(parseYaml(readFileSync(join(pricingDir, name), 'utf8')));
			return [list.service, list];
		})
);
const rate = (service: string, id: string) => unitRate(book, service, id);

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

	it('fail naming the template and the fix when a pattern no longer has the one function its example prices', () => {
		const doc = template('serverless-rest-api');
		for (const [id, resource] of Object.entries(doc.Resources ?? {})) if (resource.Type === 'AWS::Lambda::Function') delete doc.Resources![id];
		expect(() => patternExamples['serverless-rest-api'](sized(doc))).toThrow(
			'content/patterns/serverless-rest-api/cloudformation/template.yaml has 0 Lambda functions (none); its worked example in src/lib/examples.ts prices exactly one. Update the example.'
		);
	});
});

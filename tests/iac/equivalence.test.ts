/**
 * The three variants of a pattern deploy the same AWS resources and behave the same:
 * - the same CloudFormation types, as many of each, once helpers are set aside and Terraform types
 *   are mapped (tests/iac/type-map.ts);
 * - the same facts (tests/iac/lib/model/facts.ts): sizes, network rules, IAM statements, health
 *   checks, log retention, deletion settings and ordering, unless pattern.yaml declares a
 *   difference with its reason;
 * - and every variant passes the deploy-time rules (tests/iac/lib/model/rules.ts), in a Region opened
 *   before August 2022 and in one opened after, where load balancer log delivery differs.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { synthApp, type SynthResult } from './lib/cdk';
import { compareInventories, formatInventoryTable, formatProblems, patternInventories, variantNames, variants, type Inventory } from './lib/equivalence';
import { compareFacts, factsOf, type FactDifference } from './lib/model/facts';
import type { Model } from '../../src/lib/iac/model';
import { patternModels } from './lib/model/pattern';
import {
	apiErrorsPassThrough,
	associationRetries,
	functionPermissionsMatchCode,
	githubTrustNamesOneRepository,
	internalLoadBalancerNotOpen,
	loadBalancerLogDelivery,
	mappingAfterQueuePermissions,
	notificationAfterPermission,
	queueOutlastsFunction,
	sdkActions,
	serviceWaitsForExecutionPolicies,
	trustNamesTheAccount,
} from './lib/model/rules';
import { failoverRecordsCheckTheirEndpoint } from './lib/model/rules-failover';
import { wafLogDestinationsNamed } from './lib/model/rules-edge';
import { listPatterns } from './lib/patterns';
import type { Variant } from './type-map';

/** us-east-1 delivers load balancer logs as a Regional account; ap-southeast-5 (2024) as a service. */
const regions = ['us-east-1', 'ap-southeast-5'] as const;

interface DeclaredDifference {
	match: string;
	reason: string;
}

function declaredDifferences(metaFile: string): DeclaredDifference[] {
	if (!existsSync(metaFile)) return [];
	const data = parseYaml(readFileSync(metaFile, 'utf8')) as { differences?: DeclaredDifference[] } | null;
	return data?.differences ?? [];
}

export function formatFactDifferences(differences: readonly FactDifference[]): string {
	return differences
		.map((d) => `  ${variants.map((v) => `${variantNames[v]} ${d.counts[v] ?? 0}`).join(', ')}: [${d.kind}] ${d.text}\n      from ${variants.map((v) => `${variantNames[v]}: ${(d.sources[v] ?? []).join(', ') || '-'}`).join('; ')}`)
		.join('\n');
}

describe.each(listPatterns())('$id variants', (pattern) => {
	let synth: SynthResult;
	let inventories: Record<Variant, Inventory>;
	let models: Array<Record<Variant, Model>>;
	beforeAll(async () => {
		synth = await synthApp(pattern.cdkDir);
		inventories = await patternInventories(pattern, synth);
		models = await patternModels(pattern, synth, regions);
	});
	afterAll(() => {
		if (synth) rmSync(synth.outdir, { recursive: true, force: true });
	});

	test('map and count every resource they create', () => {
		const problems = formatProblems(inventories);
		expect(problems, `cannot compare ${pattern.id}:\n  ${problems.join('\n  ')}`).toEqual([]);
	});

	test('create the same resource types, as many of each, in CDK, CloudFormation and Terraform', () => {
		const differences = compareInventories(inventories);
		expect(
			differences.map((d) => d.type),
			`${pattern.id} variants differ (helpers and mappings: tests/iac/type-map.ts):\n${formatInventoryTable(inventories, differences)}`
		).toEqual([]);
	});

	test('can be read into the behavioural model in every Region', () => {
		const problems = models.flatMap((byVariant) => variants.flatMap((v) => byVariant[v].problems.map((p) => `${variantNames[v]} in ${byVariant[v].region}: ${p}`)));
		expect(problems).toEqual([]);
	});

	test('agree on sizes, network rules, IAM, health checks, retention and order, or pattern.yaml declares why not', () => {
		const declared = declaredDifferences(pattern.metaFile);
		const differences = compareFacts(Object.fromEntries(variants.map((v) => [v, factsOf(models[0]![v])])));
		const undeclared = differences.filter((d) => !declared.some((x) => d.text.includes(x.match)));
		expect(undeclared.length, `${pattern.id}: the variants differ in (count per variant):\n${formatFactDifferences(undeclared)}\nMake them agree, or declare the difference in ${pattern.metaFile.split('/').slice(-2).join('/')} under differences: with its reason.`).toBe(0);
		const stale = declared.filter((x) => !differences.some((d) => d.text.includes(x.match)));
		expect(stale.map((x) => x.match), 'declared differences that no longer differ: remove them').toEqual([]);
	});

	test('pass the deploy-time rules in every variant and Region', () => {
		const srcDir = join(pattern.dir, 'src');
		const calls = existsSync(srcDir) ? sdkActions(srcDir) : undefined;
		const problems = models.flatMap((byVariant) =>
			variants.flatMap((v) => {
				const model = byVariant[v];
				const found = [
					...loadBalancerLogDelivery(model),
					...serviceWaitsForExecutionPolicies(model),
					...notificationAfterPermission(model),
					...internalLoadBalancerNotOpen(model),
					...associationRetries(model),
					...trustNamesTheAccount(model),
					...githubTrustNamesOneRepository(model),
					...apiErrorsPassThrough(model),
					...queueOutlastsFunction(model),
					...mappingAfterQueuePermissions(model),
					...failoverRecordsCheckTheirEndpoint(model),
					...wafLogDestinationsNamed(model),
					...(calls ? functionPermissionsMatchCode(model, calls) : []),
				];
				return found.map((p) => `${variantNames[v]} in ${model.region}: ${p}`);
			})
		);
		expect([...new Set(problems)]).toEqual([]);
	});
});

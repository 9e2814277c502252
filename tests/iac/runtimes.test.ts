import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixturesRoot, listPatterns, patternFolder } from './lib/patterns';
import { cloudFormationTemplateFiles } from '../../src/lib/iac/deployments';
import {
	formatRetiredUses,
	isRuntimeId,
	loadRetiredRuntimes,
	retiredUses,
	runtimesInCdkSource,
	runtimesInCloudFormationFile,
	runtimesInTerraform,
	todayUtc,
	type RuntimeUse,
} from './lib/runtimes';

const list = loadRetiredRuntimes();
const today = todayUtc();

/** Runtimes each variant of a pattern folder asks for, keyed by variant. */
async function scan(dir: string): Promise<Record<'cdk' | 'terraform' | 'cloudformation', RuntimeUse[]>> {
	const folder = patternFolder(dir);
	return {
		cdk: runtimesInCdkSource(folder.cdkDir),
		terraform: await runtimesInTerraform(folder.terraformDir),
		// Every template the pattern deploys (pattern.yaml's deployments), or template.yaml.
		cloudformation: cloudFormationTemplateFiles(dir).flatMap((file) => runtimesInCloudFormationFile(file)),
	};
}

describe('retired-runtimes.json', () => {
	test('gives every entry a runtime id, a YYYY-MM-DD date and an https source', () => {
		for (const entry of list.runtimes) {
			expect(isRuntimeId(entry.runtime), `"${entry.runtime}" is not a Lambda runtime id`).toBe(true);
			expect(entry.deprecated, entry.runtime).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(Number.isNaN(Date.parse(entry.deprecated)), `${entry.runtime}: ${entry.deprecated}`).toBe(false);
			expect(entry.source, entry.runtime).toMatch(/^https:\/\//);
		}
	});

	test('lists each runtime once', () => {
		const ids = list.runtimes.map((entry) => entry.runtime);
		expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
	});
});

describe.each(listPatterns())('$id Lambda runtimes', (pattern) => {
	test('no variant uses a runtime AWS has deprecated', async () => {
		const uses = Object.values(await scan(pattern.dir)).flat();
		const retired = retiredUses(uses, list, today);
		expect(retired, `retired runtimes (see tests/iac/retired-runtimes.json):\n${formatRetiredUses(retired)}`).toEqual([]);
	});

	test('all three variants use the same runtimes', async () => {
		const variants = await scan(pattern.dir);
		const sets = Object.fromEntries(
			Object.entries(variants).map(([variant, uses]) => [variant, [...new Set(uses.map((u) => u.runtime))].sort()])
		);
		expect(sets['terraform'], 'Terraform vs CDK').toEqual(sets['cdk']);
		expect(sets['cloudformation'], 'CloudFormation vs CDK').toEqual(sets['cdk']);
	});
});

describe('the retired-runtime check', () => {
	test('fails every variant of a fixture that uses nodejs18.x, naming the file', async () => {
		const variants = await scan(join(fixturesRoot, 'retired-runtime'));
		for (const [variant, uses] of Object.entries(variants)) {
			const retired = retiredUses(uses, list, today);
			expect(retired.map((u) => u.runtime), variant).toEqual(['nodejs18.x']);
			expect(retired[0]!.where, variant).toContain(`fixtures/retired-runtime/${variant}/`);
			expect(formatRetiredUses(retired)).toContain('nodejs18.x was deprecated on 2025-09-01');
		}
	});

	test('starts failing on the deprecation date, not before', () => {
		const entry = list.runtimes.find((e) => e.runtime === 'nodejs22.x')!;
		const use = [{ runtime: 'nodejs22.x', where: 'example' }];
		const dayBefore = new Date(Date.parse(entry.deprecated) - 86_400_000).toISOString().slice(0, 10);
		expect(retiredUses(use, list, dayBefore)).toEqual([]);
		expect(retiredUses(use, list, entry.deprecated)).toHaveLength(1);
	});

	test('reads a runtime CDK names with a Runtime constant as the id CDK synthesizes', () => {
		const uses = runtimesInCdkSource(join(fixturesRoot, 'retired-runtime', 'cdk'));
		expect(uses.map((u) => u.runtime)).toEqual(['nodejs18.x']);
		expect(uses[0]!.where).toMatch(/:\d+$/);
	});
});

import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixturesRoot, listPatterns, patternFolder } from './lib/patterns';
import { cloudFormationTemplateFiles } from '../../src/lib/iac/deployments';
import { todayUtc } from './lib/runtimes';
import {
	formatVersionProblems,
	loadRetiredVersions,
	versionCovers,
	versionProblems,
	versionsInCdkSource,
	versionsInCloudFormationFile,
	versionsInTerraform,
	type VersionUse,
} from './lib/versions';

const list = loadRetiredVersions();
const today = todayUtc();
const isDate = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

/** Versions and user names each variant of a pattern folder asks for, keyed by variant. */
async function scan(dir: string): Promise<Record<'cdk' | 'terraform' | 'cloudformation', VersionUse[]>> {
	const folder = patternFolder(dir);
	return {
		cdk: versionsInCdkSource(folder.cdkDir),
		terraform: await versionsInTerraform(folder.terraformDir),
		// Every template the pattern deploys (pattern.yaml's deployments), or template.yaml.
		cloudformation: cloudFormationTemplateFiles(dir).flatMap((file) => versionsInCloudFormationFile(file)),
	};
}

describe('retired-versions.json', () => {
	test('gives every entry a version, a YYYY-MM-DD end of standard support and an https source', () => {
		for (const entry of [...list.engines, ...list.kubernetes]) {
			const name = 'engine' in entry ? `${entry.engine} ${entry.version}` : `Kubernetes ${entry.version}`;
			expect(entry.version, name).toMatch(/^\d+(\.[\w]+)*$/);
			expect(isDate(entry.endOfStandardSupport), `${name}: ${entry.endOfStandardSupport}`).toBe(true);
			expect(entry.source, name).toMatch(/^https:\/\//);
		}
		for (const entry of list.kubernetes) {
			if (entry.endOfExtendedSupport !== undefined) {
				expect(isDate(entry.endOfExtendedSupport), entry.version).toBe(true);
				expect(entry.endOfExtendedSupport > entry.endOfStandardSupport, entry.version).toBe(true);
			}
		}
		for (const entry of list.reservedUsernames) {
			expect(entry.engines.length * entry.names.length, entry.source).toBeGreaterThan(0);
			expect(entry.source).toMatch(/^https:\/\//);
		}
	});

	test('lists each version once', () => {
		const keys = [...list.engines.map((e) => `${e.engine} ${e.version}`), ...list.kubernetes.map((k) => `k8s ${k.version}`)];
		expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
	});
});

describe.each(listPatterns())('$id database and Kubernetes versions', (pattern) => {
	test('no variant uses an engine or Kubernetes version past AWS end of standard support, or a reserved user name', async () => {
		const uses = Object.values(await scan(pattern.dir)).flat();
		const problems = versionProblems(uses, list, today);
		expect(problems, `see tests/iac/retired-versions.json:\n${formatVersionProblems(problems)}`).toEqual([]);
	});

	test('all three variants use the same engine and Kubernetes versions', async () => {
		const variants = await scan(pattern.dir);
		const sets = Object.fromEntries(
			Object.entries(variants).map(([variant, uses]) => [
				variant,
				[...new Set(uses.flatMap((u) => (u.kind === 'engine' ? [`${u.engine} ${u.version}`] : u.kind === 'kubernetes' ? [`kubernetes ${u.version}`] : [])))].sort(),
			])
		);
		expect(sets['terraform'], 'Terraform vs CDK').toEqual(sets['cdk']);
		expect(sets['cloudformation'], 'CloudFormation vs CDK').toEqual(sets['cdk']);
	});
});

describe('the retired-version check', () => {
	test('fails every variant of a fixture that uses Aurora PostgreSQL 15.3, Kubernetes 1.28 and the user name admin', async () => {
		const variants = await scan(join(fixturesRoot, 'retired-version'));
		const aurora = list.engines.find((e) => e.engine === 'aurora-postgresql' && e.version === '15.3')!;
		const kubernetes = list.kubernetes.find((k) => k.version === '1.28')!;
		for (const [variant, uses] of Object.entries(variants)) {
			const problems = versionProblems(uses, list, today);
			expect(problems.map((p) => p.message).sort(), variant).toEqual(
				[
					`aurora-postgresql 15.3 reached end of standard support on ${aurora.endOfStandardSupport} (${aurora.source})`,
					`Kubernetes 1.28 reached end of standard support on EKS on ${kubernetes.endOfStandardSupport} (${kubernetes.source})`,
					`"admin" is a reserved master user name for aurora-postgresql (${list.reservedUsernames[0]!.source})`,
				].sort()
			);
			for (const problem of problems) expect(problem.use.where, variant).toContain(`fixtures/retired-version/${variant}/`);
		}
	});

	test('starts failing on the end-of-support date, not before', () => {
		const entry = list.kubernetes.find((k) => k.version === '1.28')!;
		const use: VersionUse[] = [{ kind: 'kubernetes', version: '1.28', where: 'example' }];
		const dayBefore = new Date(Date.parse(entry.endOfStandardSupport) - 86_400_000).toISOString().slice(0, 10);
		expect(versionProblems(use, list, dayBefore)).toEqual([]);
		expect(versionProblems(use, list, entry.endOfStandardSupport)).toHaveLength(1);
	});

	test('matches a listed version and the versions under it, not a longer number', () => {
		expect(versionCovers('12', '12.22')).toBe(true);
		expect(versionCovers('15.3', '15.3')).toBe(true);
		expect(versionCovers('15.3', '15.13')).toBe(false);
		expect(versionCovers('1.2', '1.28')).toBe(false);
		expect(versionCovers('5.7.mysql_aurora.2', '5.7.mysql_aurora.2.11.2')).toBe(true);
	});

	test('reads a user name from the secret a cluster takes it from, as CDK synthesizes it', () => {
		const uses = versionsInCloudFormationFile(join(fixturesRoot, 'retired-version', 'cloudformation', 'template.yaml'));
		expect(uses.filter((u) => u.kind === 'username').map((u) => (u.kind === 'username' ? u.username : ''))).toEqual(['admin']);
	});
});

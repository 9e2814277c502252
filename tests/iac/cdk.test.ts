import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Token } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	acknowledgements,
	formatNagFindings,
	nagFindings,
	synthApp,
	templateFiles,
	typecheck,
	validationFindings,
	type SynthResult,
} from './lib/cdk';
import { acknowledgementDrift, cdkAcknowledgedFindings, flattenAcknowledgements, patternAcknowledgements } from './lib/nag';
import { iacTestsRoot, listPatterns, rel } from './lib/patterns';
import { formatRetiredUses, loadRetiredRuntimes, retiredUses, runtimesInTemplate, todayUtc } from './lib/runtimes';
import { missingServices } from './lib/services';
import { formatVersionProblems, loadRetiredVersions, versionProblems, versionsInTemplate } from './lib/versions';

const patterns = listPatterns();

test('every CDK variant type-checks with tsc', () => {
	const result = typecheck(join(iacTestsRoot, 'tsconfig.cdk.json'));
	expect(result.ok, `tsc reported errors:\n${result.output}`).toBe(true);
});

describe.each(patterns)('$id CDK app', (pattern) => {
	let synth: SynthResult;

	// Synthesizing runs aws-cdk-lib's CloudFormation validator; an invalid template throws here,
	// with the validator's report, and fails every test below.
	beforeAll(async () => {
		synth = await synthApp(pattern.cdkDir);
	});
	afterAll(() => {
		if (synth) rmSync(synth.outdir, { recursive: true, force: true });
	});

	test('creates at least one stack and writes its template', () => {
		expect(synth.stacks.length, 'bin/app.ts creates no stack').toBeGreaterThan(0);
		const files = templateFiles(synth.outdir);
		for (const stack of synth.stacks) {
			expect(files).toContain(join(synth.outdir, stack.templateFile));
			expect(existsSync(join(synth.outdir, stack.templateFile))).toBe(true);
		}
	});

	test('leaves no CloudFormation validator finding, not even a warning', () => {
		const findings = validationFindings(synth.outdir);
		const report = findings.map((f) => `  ${f.severity} ${f.rule} ${f.description} at ${f.constructs.join(', ')}`);
		expect(findings, `validation-report.json lists:\n${report.join('\n')}`).toEqual([]);
	});

	test('deploys every service that pattern.yaml lists', () => {
		const types = Object.values(synth.templates).flatMap((t) => Object.values(t.Resources ?? {}).map((r) => r.Type));
		expect(missingServices(pattern.services, types, 'cloudformation')).toEqual([]);
	});

	test('deploys to the account and Region of the caller instead of fixed ones', () => {
		for (const stack of synth.stacks) {
			expect(Token.isUnresolved(stack.account), `${stack.stackName} hard-codes account ${stack.account}`).toBe(true);
			expect(Token.isUnresolved(stack.region), `${stack.stackName} hard-codes region ${stack.region}`).toBe(true);
		}
	});

	test('describes every output', () => {
		const undocumented = Object.entries(synth.templates).flatMap(([stack, template]) =>
			Object.entries(template.Outputs ?? {})
				.filter(([, output]) => !output.Description?.trim())
				.map(([name]) => `${stack}.Outputs.${name}`)
		);
		expect(undocumented, 'outputs without a description').toEqual([]);
	});

	test('uses no retired Lambda runtime in the synthesized template', () => {
		const uses = Object.entries(synth.templates).flatMap(([stack, template]) =>
			runtimesInTemplate(template, `${rel(pattern.cdkDir)} (${stack})`)
		);
		const retired = retiredUses(uses, loadRetiredRuntimes(), todayUtc());
		expect(retired, `retired runtimes:\n${formatRetiredUses(retired)}`).toEqual([]);
	});

	test('uses no retired engine or Kubernetes version and no reserved user name in the synthesized template', () => {
		const uses = Object.entries(synth.templates).flatMap(([stack, template]) =>
			versionsInTemplate(template, `${rel(pattern.cdkDir)} (${stack})`)
		);
		const problems = versionProblems(uses, loadRetiredVersions(), todayUtc());
		expect(problems, `see tests/iac/retired-versions.json:\n${formatVersionProblems(problems)}`).toEqual([]);
	});

	test('passes the cdk-nag AwsSolutions checks, except rules acknowledged in the stack code', () => {
		const findings = synth.stacks.flatMap((stack) => nagFindings(stack));
		expect(findings, `unacknowledged cdk-nag findings:\n${formatNagFindings(findings)}`).toEqual([]);
	});

	test('acknowledges the rules pattern.yaml lists, on the same resources and for the same reasons', () => {
		const drift = acknowledgementDrift(
			cdkAcknowledgedFindings(synth.stacks),
			flattenAcknowledgements(patternAcknowledgements(pattern.dir))
		);
		expect(drift, `the page shows pattern.yaml's acknowledgements, so they must be the code's:\n  ${drift.join('\n  ')}`).toEqual([]);
	});

	test('gives a reason for every acknowledged rule', () => {
		for (const ack of synth.stacks.flatMap((stack) => acknowledgements(stack))) {
			// A reason says why the exception is acceptable, so it is more than a few words.
			expect(ack.reason.trim().length, `${ack.id} at ${ack.path} needs a reason`).toBeGreaterThanOrEqual(20);
		}
	});
});

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
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
import {
	cfnLintAvailable,
	cfnLintExceptions,
	cfnLintVerdict,
	formatCfnLintExceptions,
	formatCfnLintFindings,
	runCfnLint,
	warnIfCfnLintMissing,
	type CfnLintFileReport,
} from './lib/cfn-lint';
import { acknowledgementDrift, cdkAcknowledgedFindings, flattenAcknowledgements, patternAcknowledgements } from './lib/nag';
import { iacTestsRoot, listFiles, listPatterns, rel } from './lib/patterns';
import { cloudFormationDeployments } from '../../src/lib/iac/deployments';
import { willRun } from './lib/selection';
import { formatRetiredUses, loadRetiredRuntimes, retiredUses, runtimesInTemplate, todayUtc } from './lib/runtimes';
import { missingServices } from './lib/services';
import { formatVersionProblems, loadRetiredVersions, versionProblems, versionsInTemplate } from './lib/versions';

const patterns = listPatterns();
const blockName = (id: string) => `${id} CDK app`;
const CFN_LINT_TEST = 'cfn-lint reports no error and no warning';

/** A synth longer than this fails, as the per-app hook timeout in vitest.config.ts would have failed it. */
const SYNTH_TIMEOUT_PER_APP = 120_000;

/**
 * Every app is synthesized once, before any test, so that one cfn-lint process (which takes seconds
 * to start) lints all their templates. A synth that throws is kept as its error and rethrown by the
 * app's own beforeAll below, so it fails that app's tests, and only those, as before.
 */
const synths = new Map<string, SynthResult | Error>();
/** Copies of each app's templates for cfn-lint: the apps' assembly folders go when their tests end. */
const lintFiles = new Map<string, { file: string; label: string }[]>();
let lintDir = '';
let lint: Promise<Map<string, CfnLintFileReport>> | undefined;

warnIfCfnLintMissing('tests/iac/cdk.test.ts');

beforeAll(async ({}, file) => {
	// Only the apps whose tests run (`-t <pattern-id>` runs one).
	for (const pattern of patterns.filter((p) => willRun(file, blockName(p.id)))) {
		try {
			synths.set(pattern.id, await synthApp(pattern.cdkDir));
		} catch (error) {
			synths.set(pattern.id, error instanceof Error ? error : new Error(String(error)));
		}
	}
	if (!cfnLintAvailable) return;
	lintDir = mkdtempSync(join(tmpdir(), 'aws-patterns-cfn-lint-cdk-'));
	patterns.forEach((pattern, index) => {
		const synth = synths.get(pattern.id);
		if (!synth || synth instanceof Error || !willRun(file, blockName(pattern.id), CFN_LINT_TEST)) return;
		const dir = join(lintDir, String(index));
		mkdirSync(dir);
		// Every template `cdk deploy` would upload, nested stacks' included.
		lintFiles.set(
			pattern.id,
			templateFiles(synth.outdir).map((source) => {
				const file = join(dir, basename(source));
				copyFileSync(source, file);
				return { file, label: `${rel(pattern.cdkDir)} synthesized ${basename(source)}` };
			})
		);
	});
	if (lintFiles.size === 0) return;
	// Started, not awaited: tsc and the tests before each app's cfn-lint test (the last) run while it lints.
	lint = runCfnLint([...lintFiles.values()].flat().map((f) => f.file));
	// Each test awaits it and fails with its error; this only keeps a failure from also being unhandled.
	lint.catch(() => undefined);
}, SYNTH_TIMEOUT_PER_APP * Math.max(1, patterns.length));

afterAll(async () => {
	await lint?.catch(() => undefined);
	if (lintDir) rmSync(lintDir, { recursive: true, force: true });
});

test('every CDK variant type-checks with tsc', () => {
	const result = typecheck(join(iacTestsRoot, 'tsconfig.cdk.json'));
	expect(result.ok, `tsc reported errors:\n${result.output}`).toBe(true);
});

describe.each(patterns)(blockName('$id'), (pattern) => {
	let synth: SynthResult;

	// Synthesizing runs aws-cdk-lib's CloudFormation validator; an invalid template throws (in the
	// beforeAll above, which keeps the error for this block), with the validator's report, and fails
	// every test below.
	beforeAll(() => {
		const result = synths.get(pattern.id);
		if (result instanceof Error) throw result;
		if (!result) throw new Error(`${pattern.id} was not synthesized`);
		synth = result;
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
		// A multi-Region app must name its stacks' Regions: those pattern.yaml's deployments list, read
		// from cdk.json's context (which `-c` overrides), never typed in the app's code.
		const declared = new Set(cloudFormationDeployments(pattern.dir).flatMap((d) => (d.region ? [d.region] : [])));
		const context = (JSON.parse(readFileSync(join(pattern.cdkDir, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
		const contextValues = new Set(Object.values(context).filter((v): v is string => typeof v === 'string'));
		for (const stack of synth.stacks) {
			expect(Token.isUnresolved(stack.account), `${stack.stackName} hard-codes account ${stack.account}`).toBe(true);
			if (Token.isUnresolved(stack.region)) continue;
			expect(declared.has(stack.region), `${stack.stackName} hard-codes region ${stack.region}`).toBe(true);
			expect(contextValues.has(stack.region), `${stack.stackName}: region ${stack.region} must come from cdk.json's context`).toBe(true);
		}
		if (synth.stacks.every((stack) => Token.isUnresolved(stack.region))) return;
		const literals = listFiles(pattern.cdkDir, (name) => name.endsWith('.ts') && !name.endsWith('.d.ts')).flatMap((file) =>
			[...readFileSync(file, 'utf8').matchAll(/['"`]([a-z]{2}(?:-[a-z]+)+-\d)['"`]/g)].map((m) => `${rel(file)}: ${m[1]}`)
		);
		expect(literals, 'Region names typed in an app whose stacks have fixed Regions; read them from context').toEqual([]);
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

	// Errors and warnings fail unless pattern.yaml declares them; informational findings are advice
	// and are ignored (isBlocking in lib/cfn-lint.ts).
	test.skipIf(!cfnLintAvailable)(CFN_LINT_TEST, async () => {
		const files = lintFiles.get(pattern.id) ?? [];
		expect(files, 'the app synthesized no template').not.toEqual([]);
		const reports = await lint!;
		const labels = new Map(files.map((f) => [f.file, f.label]));
		const label = (file: string) => labels.get(file) ?? file;
		const { findings, stale, suppressions } = cfnLintVerdict(
			files.map((f) => reports.get(f.file)!),
			cfnLintExceptions(pattern.dir),
			'cdk',
			label
		);
		const meta = rel(pattern.metaFile);
		expect(suppressions, `declare exceptions in ${meta} (cfnLint), not in cfn-lint metadata`).toEqual([]);
		expect(findings, `cfn-lint errors and warnings that ${meta} does not declare (cfnLint, variant cdk):\n${formatCfnLintFindings(findings, label)}`).toEqual([]);
		expect(stale, `${meta} declares cfn-lint exceptions that match no finding:\n${formatCfnLintExceptions(stale)}`).toEqual([]);
	});
});

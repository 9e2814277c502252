/**
 * Proves a CDK variant the way a reader runs it: type-check with tsc (tsx, which runs the app,
 * strips types without checking them), synthesize the real bin/app.ts with the context from its
 * cdk.json, and run cdk-nag over the stacks that app creates.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { rel, repoRoot } from './patterns';

export interface TypecheckResult {
	ok: boolean;
	/** tsc's own report, with file, line and error code. */
	output: string;
}

/** Runs the repository's TypeScript compiler on a tsconfig, without emitting anything. */
export function typecheck(tsconfig: string): TypecheckResult {
	const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
	const result = spawnSync(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', tsconfig], {
		cwd: repoRoot,
		encoding: 'utf8',
	});
	const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
	return { ok: result.status === 0, output: output || (result.error?.message ?? '') };
}

/**
 * The flag that turns aws-cdk-lib's bundled CloudFormation validator findings into synth errors.
 * Without it, core/lib/private/synthesis-validation.js downgrades them to warnings. Its value
 * from the pattern's cdk.json is overridden, so a pattern cannot switch the check off.
 */
export const VALIDATE_AGAINST_DEFAULT_RULES = '@aws-cdk/core:validateAgainstDefaultRules';

/**
 * In "inmemory" mode a failed validation throws an error that carries the whole report; in the
 * CLI's "process" mode it only prints it. CDK guesses the mode from NODE_ENV, so it is set here.
 */
const APP_MODE = '@aws-cdk/core:appMode';

export type CfnTemplate = {
	Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
	Outputs?: Record<string, { Description?: string; Value: unknown }>;
	[section: string]: unknown;
};

export interface SynthResult {
	app: App;
	stacks: Stack[];
	/** Cloud assembly directory that holds the templates. */
	outdir: string;
	/** Synthesized template per stack artifact id. */
	templates: Record<string, CfnTemplate>;
}

function readCdkJsonContext(cdkDir: string): Record<string, unknown> {
	const file = join(cdkDir, 'cdk.json');
	if (!existsSync(file)) throw new Error(`${rel(file)} is missing: the CDK CLI needs it to know how to run the app`);
	const cdkJson = JSON.parse(readFileSync(file, 'utf8')) as { context?: Record<string, unknown> };
	return cdkJson.context ?? {};
}

/**
 * Synthesizes `<cdkDir>/bin/app.ts` in this process. The app must export its `App` as `app`
 * (so the checks below see the very stacks `cdk deploy` would deploy). Context comes from cdk.json,
 * as the CDK CLI would pass it, with the validator flag forced on.
 */
export async function synthApp(cdkDir: string): Promise<SynthResult> {
	const binPath = join(cdkDir, 'bin', 'app.ts');
	if (!existsSync(binPath)) throw new Error(`${rel(binPath)} is missing`);

	// Callers delete it after a successful synth; a failed synth keeps it, because the error
	// message points at the validation report inside it.
	const outdir = mkdtempSync(join(tmpdir(), 'aws-patterns-cdk-out-'));
	// The CDK CLI turns path metadata on unless told otherwise: the templates tested are those it deploys,
	// and findings can be named by construct path (pattern.yaml's acknowledgements and cfnLint exceptions).
	const context = { 'aws:cdk:enable-path-metadata': true, ...readCdkJsonContext(cdkDir), [VALIDATE_AGAINST_DEFAULT_RULES]: true, [APP_MODE]: 'inmemory' };
	const saved = { outdir: process.env['CDK_OUTDIR'], context: process.env['CDK_CONTEXT_JSON'] };
	const listenersBefore = new Set(process.listeners('beforeExit'));
	process.env['CDK_OUTDIR'] = outdir;
	process.env['CDK_CONTEXT_JSON'] = JSON.stringify(context);

	let app: unknown;
	try {
		({ app } = (await import(pathToFileURL(binPath).href)) as { app?: unknown });
	} finally {
		restoreEnv('CDK_OUTDIR', saved.outdir);
		restoreEnv('CDK_CONTEXT_JSON', saved.context);
		// With CDK_OUTDIR set, App registers a synth on process exit for the CLI. This process
		// synthesizes explicitly below, so drop the hook instead of synthesizing again at exit.
		for (const listener of process.listeners('beforeExit')) {
			if (!listenersBefore.has(listener)) process.removeListener('beforeExit', listener);
		}
	}
	if (!(app instanceof App)) {
		throw new Error(`${rel(binPath)} must export its App as \`export const app = new App()\``);
	}

	// Throws with the validator's report (rule id, resource, message) when the template is invalid.
	const assembly = app.synth();
	const templates: Record<string, CfnTemplate> = {};
	for (const stack of assembly.stacks) {
		templates[stack.id] = stack.template as CfnTemplate;
	}
	const stacks = app.node.findAll().filter((c): c is Stack => Stack.isStack(c));
	return { app, stacks, outdir, templates };
}

function restoreEnv(name: string, value: string | undefined): void {
	if (value === undefined) delete process.env[name];
	else process.env[name] = value;
}

/** Template files CDK wrote to the assembly directory (what `cdk deploy` uploads). */
export function templateFiles(outdir: string): string[] {
	return readdirSync(outdir)
		.filter((name) => name.endsWith('.template.json'))
		.map((name) => join(outdir, name));
}

export interface ValidationFinding {
	plugin: string;
	rule: string;
	severity: string;
	description: string;
	constructs: string[];
}

/**
 * Findings CDK wrote to the assembly's validation-report.json. Errors already failed the synth;
 * warnings did not (only errors count there), so the tests read them here and fail on them too.
 */
export function validationFindings(outdir: string): ValidationFinding[] {
	const file = join(outdir, 'validation-report.json');
	if (!existsSync(file)) return [];
	interface Report {
		pluginReports: Array<{
			pluginName: string;
			violations: Array<{
				ruleName: string;
				severity?: string;
				description: string;
				violatingConstructs?: Array<{ constructPath?: string }>;
			}>;
		}>;
	}
	const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
	return report.pluginReports.flatMap((plugin) =>
		plugin.violations.map((v) => ({
			plugin: plugin.pluginName,
			rule: v.ruleName,
			severity: v.severity ?? 'unknown',
			description: v.description,
			constructs: (v.violatingConstructs ?? []).map((c) => c.constructPath ?? '?'),
		}))
	);
}

export interface NagFinding {
	rule: string;
	resource: string;
	description: string;
}

/**
 * cdk-nag 3.x runs as a validation plugin; `validateScope` is its direct entry point and honours
 * `Validations.of(construct).acknowledge(...)` recorded anywhere above a resource.
 */
export function nagFindings(stack: Stack): NagFinding[] {
	const report = new AwsSolutionsChecks(stack).validateScope(stack);
	return report.violations.flatMap((violation) =>
		violation.violatingResources.map((resource) => ({
			rule: violation.ruleName,
			resource: resource.constructPath ?? resource.resourceLogicalId ?? '(unknown resource)',
			description: violation.description,
		}))
	);
}

export function formatNagFindings(findings: readonly NagFinding[]): string {
	return findings.map((f) => `  ${f.rule} at ${f.resource}: ${f.description}`).join('\n');
}

export interface Acknowledgement {
	path: string;
	id: string;
	reason: string;
}

/**
 * Every `Validations.of(x).acknowledge(...)` in a stack. aws-cdk-lib records each one as
 * construct metadata `{ [ruleId]: reason }` under Validations.ACKNOWLEDGED_RULES_METADATA_KEY.
 */
export function acknowledgements(stack: Stack): Acknowledgement[] {
	return stack.node.findAll().flatMap((construct) =>
		construct.node.metadata
			.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
			.flatMap((entry) =>
				Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
					path: construct.node.path,
					id,
					reason,
				}))
			)
	);
}

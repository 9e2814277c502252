/**
 * cfn-lint, AWS's CloudFormation linter (https://github.com/aws-cloudformation/cfn-lint), over the
 * hand-written templates and the templates the CDK apps synthesize. It is a Python CLI, not an npm
 * package: where it is not installed (`pip install cfn-lint`), the tests that need it are skipped,
 * and the test runner counts them as skipped, never as passed.
 *
 * cfn-lint takes 2-3 s to start, so each test file runs it once for all its templates
 * (`runCfnLint`), with JSON output, and each pattern's test picks its files' findings.
 *
 * A pattern accepts a finding on purpose in its pattern.yaml (snippet.yaml), under `cfnLint`, with
 * a reason; an entry there that matches no finding is a defect too (`cfnLintVerdict`). Suppressing
 * a rule inside a template (`Metadata: cfn-lint: config: ignore_checks`) would bypass that list and
 * its reasons, so the verdict reports such metadata as well.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'astro/zod';
import { CfnLintExceptionSchema, type CfnLintException } from '../../../src/schemas/pattern';
import { parseTemplate } from './cloudformation';
import { humanLogicalId } from './nag';
import { listFiles, metaFileOf, rel } from './patterns';

export type { CfnLintException };
export type CfnLintVariant = CfnLintException['variant'];

/** The cfn-lint on PATH, or '' where it is not installed. Looked up without starting it, which takes seconds. */
export const cfnLintPath = spawnSync('bash', ['-c', 'command -v cfn-lint'], { encoding: 'utf8' }).stdout.trim();
export const cfnLintAvailable = cfnLintPath !== '';

let warned = false;
/** One console warning per test file when cfn-lint is missing; its tests are then skipped with `test.skipIf`. */
export function warnIfCfnLintMissing(what: string): void {
	if (cfnLintAvailable || warned) return;
	warned = true;
	console.warn(`${what}: the cfn-lint tests are skipped, as cfn-lint is not installed (pip install cfn-lint).`);
}

export type CfnLintLevel = 'Error' | 'Warning' | 'Informational';

export interface CfnLintFinding {
	rule: string;
	level: CfnLintLevel;
	/** The file as given to runCfnLint (absolute). */
	file: string;
	line: number;
	column: number;
	/** The logical id the finding is on, when it is inside a resource, parameter, output, condition or mapping. */
	resource?: string;
	/**
	 * Names an exception's `resource` may use: the logical id and, in a synthesized template, the
	 * construct id without its hash (from the aws:cdk:path metadata), like pattern.yaml's acknowledgements.
	 */
	names: string[];
	/** Where in the template, as cfn-lint gives it: ['Resources', 'Bucket', 'Properties', ...]. */
	path: Array<string | number>;
	message: string;
}

export interface CfnLintFileReport {
	file: string;
	/** Every finding, informational ones included. */
	findings: CfnLintFinding[];
	/** Where the template silences cfn-lint itself with `cfn-lint` metadata. */
	suppressions: string[];
}

/** cfn-lint's JSON output (cfnlint/formatters/json.py). */
interface RawMatch {
	Filename: string;
	Level: string;
	Message: string;
	Rule: { Id: string };
	Location: { Start: { LineNumber: number; ColumnNumber: number }; Path?: Array<string | number> | null };
}

/** Sections whose entries have a logical id. */
const namedSections = new Set(['Resources', 'Parameters', 'Outputs', 'Conditions', 'Mappings']);

type Doc = { Metadata?: Record<string, unknown>; Resources?: Record<string, { Metadata?: Record<string, unknown> } | null> };

function readDoc(file: string): Doc | undefined {
	try {
		const text = readFileSync(file, 'utf8');
		return (file.endsWith('.json') ? JSON.parse(text) : parseTemplate(text)) as Doc;
	} catch {
		return undefined; // cfn-lint reports the parse error itself (E0000)
	}
}

/** `cfn-lint` metadata in a template or its resources: it can switch rules off without pattern.yaml knowing. */
export function inlineSuppressions(file: string): string[] {
	const doc = readDoc(file);
	if (!doc || typeof doc !== 'object') return [];
	const found: string[] = [];
	if (doc.Metadata && typeof doc.Metadata === 'object' && 'cfn-lint' in doc.Metadata) found.push('Metadata.cfn-lint');
	for (const [id, resource] of Object.entries(doc.Resources ?? {})) {
		const metadata = resource?.Metadata;
		if (metadata && typeof metadata === 'object' && 'cfn-lint' in metadata) found.push(`Resources.${id}.Metadata.cfn-lint`);
	}
	return found;
}

/** Logical id -> construct id without hash, for the resources of a synthesized template. */
function cdkNames(doc: Doc | undefined): Map<string, string> {
	const names = new Map<string, string>();
	for (const [id, resource] of Object.entries(doc?.Resources ?? {})) {
		const path = resource?.Metadata?.['aws:cdk:path'];
		if (typeof path === 'string') names.set(id, humanLogicalId(path, path.split('/')[0]!));
	}
	return names;
}

/** The templates of a cloudformation/ folder: its YAML files (today template.yaml). */
export function handWrittenTemplates(cloudformationDir: string): string[] {
	return listFiles(cloudformationDir, (name) => /\.ya?ml$/.test(name));
}

/**
 * Runs one cfn-lint process over `files` and returns each file's findings. It runs in a folder of
 * its own with an empty configuration file, so no .cfnlintrc (the user's or a folder's) changes
 * the rules; findings are written to a file, so a large report cannot fill a pipe while this
 * process is busy. Rejects when cfn-lint fails to run (as opposed to finding something).
 */
export async function runCfnLint(files: readonly string[]): Promise<Map<string, CfnLintFileReport>> {
	if (!cfnLintAvailable) throw new Error('cfn-lint is not installed (pip install cfn-lint)');
	const absolute = [...new Set(files.map((f) => resolve(f)))];
	const reports = new Map<string, CfnLintFileReport>(
		absolute.map((file) => [file, { file, findings: [], suppressions: inlineSuppressions(file) }])
	);
	if (absolute.length === 0) return reports;

	const work = mkdtempSync(join(tmpdir(), 'aws-patterns-cfn-lint-'));
	try {
		const config = join(work, 'cfnlintrc.yaml');
		const output = join(work, 'findings.json');
		writeFileSync(config, '{}\n');
		const args = ['--format', 'json', '--output-file', output, '--config-file', config, '--', ...absolute];
		const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done, fail) => {
			const child = spawn(cfnLintPath, args, { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
			let stderr = '';
			child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			child.on('error', fail);
			child.on('close', (code) => done({ code, stderr }));
		});
		// The exit code is a bit set of the levels found: 2 error, 4 warning, 8 informational.
		// 1 (or a signal) means cfn-lint itself failed.
		if (code === null || code % 2 === 1 || code > 14 || !existsSync(output)) {
			throw new Error(`cfn-lint failed (exit ${code}):\n${stderr}`);
		}
		const matches = JSON.parse(readFileSync(output, 'utf8')) as RawMatch[];
		const docs = new Map<string, Map<string, string>>();
		for (const match of matches) {
			const file = resolve(match.Filename);
			const report = reports.get(file);
			if (!report) throw new Error(`cfn-lint reported ${match.Filename}, which it was not given`);
			if (!docs.has(file)) docs.set(file, cdkNames(readDoc(file)));
			const path = match.Location.Path ?? [];
			const resource = namedSections.has(String(path[0])) && typeof path[1] === 'string' ? path[1] : undefined;
			const construct = resource === undefined ? undefined : docs.get(file)!.get(resource);
			report.findings.push({
				rule: match.Rule.Id,
				level: match.Level as CfnLintLevel,
				file,
				line: match.Location.Start.LineNumber,
				column: match.Location.Start.ColumnNumber,
				...(resource === undefined ? {} : { resource }),
				names: [resource, construct].filter((name): name is string => name !== undefined),
				path,
				message: match.Message,
			});
		}
		return reports;
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

/** The `cfnLint` exceptions of a pattern.yaml (or snippet.yaml), validated with the site's own schema. */
export function cfnLintExceptions(patternDir: string): CfnLintException[] {
	const file = metaFileOf(patternDir);
	if (!existsSync(file)) return [];
	const data = parseYaml(readFileSync(file, 'utf8')) as { cfnLint?: unknown } | null;
	const parsed = z.array(CfnLintExceptionSchema).default([]).safeParse(data?.cfnLint);
	if (!parsed.success) {
		throw new Error(`${rel(file)}: cfnLint does not match the schema in src/schemas/pattern.ts:\n${parsed.error.message}`);
	}
	return parsed.data;
}

/**
 * Errors and warnings fail; informational findings (cfn-lint's I rules, suggestions such as
 * "consider using ...") are advice, so they are ignored, as the bundled validator's INFO are.
 */
export const isBlocking = (finding: CfnLintFinding): boolean => finding.level !== 'Informational';

function covers(exception: CfnLintException, finding: CfnLintFinding): boolean {
	return exception.rule === finding.rule && (exception.resource === undefined || finding.names.includes(exception.resource));
}

export interface CfnLintVerdict {
	/** Errors and warnings that no exception of this variant covers. */
	findings: CfnLintFinding[];
	/** Exceptions of this variant that cover no error or warning (stale, or a wrong rule or id). */
	stale: CfnLintException[];
	/** `file: where` for every `cfn-lint` metadata block. */
	suppressions: string[];
}

/** What fails one variant of a pattern: its templates' reports against pattern.yaml's exceptions. */
export function cfnLintVerdict(
	reports: readonly CfnLintFileReport[],
	exceptions: readonly CfnLintException[],
	variant: CfnLintVariant,
	label: (file: string) => string = rel
): CfnLintVerdict {
	const mine = exceptions.filter((e) => e.variant === variant);
	const blocking = reports.flatMap((r) => r.findings.filter(isBlocking));
	return {
		findings: blocking.filter((f) => !mine.some((e) => covers(e, f))),
		stale: mine.filter((e) => !blocking.some((f) => covers(e, f))),
		suppressions: reports.flatMap((r) => r.suppressions.map((where) => `${label(r.file)}: ${where}`)),
	};
}

/** One line per finding: `file:line:column Level RULE message (LogicalId)`. */
export function formatCfnLintFindings(findings: readonly CfnLintFinding[], label: (file: string) => string = rel): string {
	return findings
		.map((f) => `  ${label(f.file)}:${f.line}:${f.column} ${f.level} ${f.rule} ${f.message}${f.resource ? ` (${f.resource})` : ''}`)
		.join('\n');
}

export function formatCfnLintExceptions(exceptions: readonly CfnLintException[]): string {
	return exceptions.map((e) => `  ${e.rule} (${e.variant})${e.resource ? ` on ${e.resource}` : ''}: ${e.reason}`).join('\n');
}

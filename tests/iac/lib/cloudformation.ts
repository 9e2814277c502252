/**
 * Checks hand-written CloudFormation templates offline with the validator that aws-cdk-lib
 * bundles (@aws/cloudformation-validate: cfn-lint's rule ids and CloudFormation's resource
 * schemas, compiled to WebAssembly), so CDK templates and YAML templates meet the same rules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The part of @aws/cloudformation-validate's API these tests use (see its README). */
export type Severity = 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG';

export interface Diagnostic {
	ruleId: string;
	severity: Severity;
	message: string;
	entity?: { logicalId: string; entityType: string; resourceType?: string };
	propertyPath?: string;
	startLine?: number;
	startColumn?: number;
}

interface ValidationReport {
	status: 'OK' | 'ANALYSIS_INCOMPLETE' | 'ERROR';
	diagnostics: Diagnostic[];
}

interface Engine {
	validateTemplate(template: unknown, config?: Record<string, unknown>): ValidationReport;
	free(): void;
}

interface ValidatorModule {
	CompositeEngine: new () => Engine;
	TemplateFile: new (path: string) => unknown;
	version(): string;
}

/**
 * The validator is not a dependency of this repository but of aws-cdk-lib, which keeps it in its
 * own node_modules; resolving from aws-cdk-lib's entry point finds the very copy `cdk synth` uses.
 */
function loadValidator(): ValidatorModule {
	const requireFromCdk = createRequire(createRequire(import.meta.url).resolve('aws-cdk-lib'));
	return requireFromCdk('@aws/cloudformation-validate') as ValidatorModule;
}

/** Severities that fail a template. INFO findings are advice and only get printed. */
export const blockingSeverities: ReadonlySet<Severity> = new Set<Severity>(['FATAL', 'ERROR', 'WARN']);

export interface TemplateValidator {
	/** Version of the bundled validation core, for messages. */
	version: string;
	validate(file: string): { status: ValidationReport['status']; diagnostics: Diagnostic[] };
	/** Releases the WebAssembly engine's memory. */
	free(): void;
}

/** Engines compile every rule on construction: make one per test file and reuse it. */
export function createTemplateValidator(): TemplateValidator {
	const validator = loadValidator();
	const engine = new validator.CompositeEngine();
	return {
		version: validator.version(),
		validate(file) {
			// INFO is the default floor; keep it so the report also shows advice.
			const report = engine.validateTemplate(new validator.TemplateFile(file), { detailLevel: 'STANDARD' });
			return { status: report.status, diagnostics: report.diagnostics };
		},
		free: () => engine.free(),
	};
}

/** One line per finding: `file:line:column SEVERITY RULE message (where)`. */
export function formatDiagnostics(file: string, diagnostics: readonly Diagnostic[]): string {
	return diagnostics
		.map((d) => {
			const where = [d.entity?.logicalId, d.propertyPath].filter(Boolean).join(' ');
			const position = d.startLine === undefined ? '' : `:${d.startLine}:${d.startColumn ?? 1}`;
			return `  ${file}${position} ${d.severity} ${d.ruleId} ${d.message}${where ? ` (${where})` : ''}`;
		})
		.join('\n');
}

import type { CfnDocument } from '../../../src/lib/iac/template';
export { parseTemplate, type CfnDocument } from '../../../src/lib/iac/template';

/** Parameters and outputs without a Description: the console and the docs show nothing for them. */
export function undocumented(doc: CfnDocument): string[] {
	const missing = (section: 'Parameters' | 'Outputs') =>
		Object.entries(doc[section] ?? {})
			.filter(([, value]) => typeof value.Description !== 'string' || value.Description.trim() === '')
			.map(([name]) => `${section}.${name} has no Description`);
	return [...missing('Parameters'), ...missing('Outputs')];
}

/** Source file extension per runtime family, for the file CloudFormation writes ZipFile to. */
function inlineSourceExtension(runtime: unknown): string | undefined {
	if (typeof runtime !== 'string') return undefined;
	if (runtime.startsWith('nodejs')) return '.js';
	if (runtime.startsWith('python')) return '.py';
	return undefined;
}

export interface InlineCode {
	/** Logical id of the function. */
	resource: string;
	code: string;
	/** `index.js` or `index.py`: CloudFormation names the inline file `index`. */
	fileName: string;
}

/** Functions whose code sits in the template (`Code.ZipFile`), with the file name Lambda sees. */
export function inlineCode(doc: CfnDocument): InlineCode[] {
	return Object.entries(doc.Resources ?? {}).flatMap(([resource, { Type, Properties }]) => {
		if (Type !== 'AWS::Lambda::Function') return [];
		const code = (Properties?.['Code'] as { ZipFile?: unknown } | undefined)?.ZipFile;
		const extension = inlineSourceExtension(Properties?.['Runtime']);
		return typeof code === 'string' && extension ? [{ resource, code, fileName: `index${extension}` }] : [];
	});
}

/**
 * Functions whose inline code differs from the shared source in `srcDir` (the CDK and Terraform
 * variants deploy that folder). Compared after YAML parsing, so only indentation may differ.
 */
export function inlineCodeDrift(doc: CfnDocument, srcDir: string): string[] {
	return inlineCode(doc).flatMap(({ resource, code, fileName }) => {
		const source = join(srcDir, fileName);
		if (!existsSync(source)) return [`${resource} inlines code, but there is no ${fileName} in src/ to compare it with`];
		const expected = readFileSync(source, 'utf8');
		if (code === expected) return [];
		const inline = code.split('\n');
		const file = expected.split('\n');
		let line = 0;
		while (inline[line] === file[line]) line++;
		return [`${resource} Code.ZipFile differs from src/${fileName}, first at line ${line + 1} of the file`];
	});
}

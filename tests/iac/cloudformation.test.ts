import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	blockingSeverities,
	createTemplateValidator,
	formatDiagnostics,
	inlineCodeDrift,
	parseTemplate,
	undocumented,
	type TemplateValidator,
} from './lib/cloudformation';
import {
	cfnLintAvailable,
	cfnLintExceptions,
	cfnLintVerdict,
	formatCfnLintExceptions,
	formatCfnLintFindings,
	handWrittenTemplates,
	runCfnLint,
	warnIfCfnLintMissing,
	type CfnLintFileReport,
} from './lib/cfn-lint';
import { patternAcknowledgements, templatesNag, type TemplateNagResult } from './lib/nag';
import { cloudFormationTemplateFiles } from '../../src/lib/iac/deployments';
import { listPatterns, rel } from './lib/patterns';
import { willRun } from './lib/selection';
import { missingServices } from './lib/services';

/** `aws cloudformation deploy` sends larger templates only through an S3 bucket. */
const TEMPLATE_BODY_LIMIT = 51_200;

const patterns = listPatterns();
const blockName = (id: string) => `${id} CloudFormation template`;
const CFN_LINT_TEST = 'cfn-lint reports no error and no warning';

warnIfCfnLintMissing('tests/iac/cloudformation.test.ts');
/**
 * One cfn-lint process for every hand-written template (it takes seconds to start). It is started
 * first and awaited by each pattern's test, so the validator and the tests before run while it lints.
 */
let lint: Promise<Map<string, CfnLintFileReport>> | undefined;
beforeAll(({}, file) => {
	if (!cfnLintAvailable) return;
	// Only the templates whose test runs (`-t <pattern-id>` runs one).
	const selected = patterns.filter((p) => willRun(file, blockName(p.id), CFN_LINT_TEST));
	if (selected.length === 0) return;
	lint = runCfnLint(selected.flatMap((pattern) => handWrittenTemplates(pattern.cloudformationDir)));
	// Each test awaits it and fails with its error; this only keeps a failure from also being unhandled.
	lint.catch(() => undefined);
});
afterAll(async () => {
	await lint?.catch(() => undefined);
});

let validator: TemplateValidator;
beforeAll(() => {
	validator = createTemplateValidator();
});
afterAll(() => validator?.free());

describe.each(patterns)(blockName('$id'), (pattern) => {
	// cloudformation/template.yaml, or every template pattern.yaml's deployments name.
	const files = cloudFormationTemplateFiles(pattern.dir);
	const where = files.map((file) => rel(file)).join(', ');
	const read = (file: string) => parseTemplate(readFileSync(file, 'utf8'));
	let nag: TemplateNagResult | undefined;
	/** cdk-nag on the templates, run once for the tests that need it. */
	const nagResult = () => (nag ??= templatesNag(files, patternAcknowledgements(pattern.dir)));

	test('has every template it deploys: cloudformation/template.yaml, or those its deployments name', () => {
		const missing = files.filter((file) => !existsSync(file)).map((file) => rel(file));
		expect(missing, 'missing templates').toEqual([]);
	});

	test('passes the bundled CloudFormation validator without errors or warnings', () => {
		for (const file of files) {
			const report = validator.validate(file);
			const blocking = report.diagnostics.filter((d) => blockingSeverities.has(d.severity));
			expect(blocking, `validator ${validator.version} reports:\n${formatDiagnostics(rel(file), blocking)}`).toEqual([]);
			expect(report.status, rel(file)).toBe('OK');
		}
	});

	test('deploys every service that pattern.yaml lists', () => {
		const types = files.flatMap((file) => Object.values(read(file).Resources ?? {}).map((r) => r.Type));
		expect(missingServices(pattern.services, types, 'cloudformation')).toEqual([]);
	});

	test('describes every parameter and output', () => {
		expect(files.flatMap((file) => undocumented(read(file)).map((problem) => `${rel(file)}: ${problem}`))).toEqual([]);
	});

	test('inlines exactly the shared function source from src/', () => {
		expect(files.flatMap((file) => inlineCodeDrift(read(file), join(pattern.dir, 'src')).map((problem) => `${rel(file)}: ${problem}`))).toEqual([]);
	});

	test('passes the cdk-nag AwsSolutions checks, except the findings pattern.yaml acknowledges', () => {
		const { unacknowledged, missingResources } = nagResult();
		const report = unacknowledged.map((f) => `  ${f.rule} at ${f.resource}: ${f.description}`).join('\n');
		expect(missingResources, `pattern.yaml acknowledges logical ids that ${where} does not have`).toEqual([]);
		expect(unacknowledged, `unacknowledged cdk-nag findings in ${where} (parameters at their defaults):\n${report}`).toEqual([]);
	});

	test('acknowledges in pattern.yaml only findings the template has', () => {
		const { unused } = nagResult();
		const report = unused.map((a) => `  ${a.rule} on ${a.resource}`).join('\n');
		expect(unused, `pattern.yaml acknowledges findings cdk-nag does not report for ${where}:\n${report}`).toEqual([]);
	});

	// Errors and warnings fail unless pattern.yaml declares them; informational findings are advice
	// and are ignored (isBlocking in lib/cfn-lint.ts).
	test.skipIf(!cfnLintAvailable)(CFN_LINT_TEST, async () => {
		const files = handWrittenTemplates(pattern.cloudformationDir);
		expect(files, `${rel(pattern.cloudformationDir)} has no template`).not.toEqual([]);
		const reports = await lint!;
		const { findings, stale, suppressions } = cfnLintVerdict(
			files.map((f) => reports.get(f)!),
			cfnLintExceptions(pattern.dir),
			'cloudformation'
		);
		const meta = rel(pattern.metaFile);
		expect(suppressions, `declare exceptions in ${meta} (cfnLint), not in the template`).toEqual([]);
		expect(findings, `cfn-lint errors and warnings that ${meta} does not declare (cfnLint, variant cloudformation):\n${formatCfnLintFindings(findings)}`).toEqual([]);
		expect(stale, `${meta} declares cfn-lint exceptions that match no finding:\n${formatCfnLintExceptions(stale)}`).toEqual([]);
	});

	test(`stays under the ${TEMPLATE_BODY_LIMIT}-byte limit for deploying without an S3 bucket`, () => {
		for (const file of files) expect(statSync(file).size, rel(file)).toBeLessThan(TEMPLATE_BODY_LIMIT);
	});
});

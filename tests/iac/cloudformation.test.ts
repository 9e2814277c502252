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
import { patternAcknowledgements, templateNag, type TemplateNagResult } from './lib/nag';
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
	const file = join(pattern.cloudformationDir, 'template.yaml');
	const read = () => parseTemplate(readFileSync(file, 'utf8'));
	let nag: TemplateNagResult | undefined;
	/** cdk-nag on the template, run once for the tests that need it. */
	const nagResult = () => (nag ??= templateNag(file, patternAcknowledgements(pattern.dir)));

	test('exists as cloudformation/template.yaml', () => {
		expect(existsSync(file), `${rel(file)} is missing`).toBe(true);
	});

	test('passes the bundled CloudFormation validator without errors or warnings', () => {
		const report = validator.validate(file);
		const blocking = report.diagnostics.filter((d) => blockingSeverities.has(d.severity));
		expect(blocking, `validator ${validator.version} reports:\n${formatDiagnostics(rel(file), blocking)}`).toEqual([]);
		expect(report.status).toBe('OK');
	});

	test('deploys every service that pattern.yaml lists', () => {
		const types = Object.values(read().Resources ?? {}).map((r) => r.Type);
		expect(missingServices(pattern.services, types, 'cloudformation')).toEqual([]);
	});

	test('describes every parameter and output', () => {
		expect(undocumented(read())).toEqual([]);
	});

	test('inlines exactly the shared function source from src/', () => {
		expect(inlineCodeDrift(read(), join(pattern.dir, 'src'))).toEqual([]);
	});

	test('passes the cdk-nag AwsSolutions checks, except the findings pattern.yaml acknowledges', () => {
		const { unacknowledged, missingResources } = nagResult();
		const report = unacknowledged.map((f) => `  ${f.rule} at ${f.resource}: ${f.description}`).join('\n');
		expect(missingResources, `pattern.yaml acknowledges logical ids that ${rel(file)} does not have`).toEqual([]);
		expect(unacknowledged, `unacknowledged cdk-nag findings in ${rel(file)} (parameters at their defaults):\n${report}`).toEqual([]);
	});

	test('acknowledges in pattern.yaml only findings the template has', () => {
		const { unused } = nagResult();
		const report = unused.map((a) => `  ${a.rule} on ${a.resource}`).join('\n');
		expect(unused, `pattern.yaml acknowledges findings cdk-nag does not report for ${rel(file)}:\n${report}`).toEqual([]);
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
		expect(statSync(file).size).toBeLessThan(TEMPLATE_BODY_LIMIT);
	});
});

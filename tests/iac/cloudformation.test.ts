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
import { patternAcknowledgements, templateNag, type TemplateNagResult } from './lib/nag';
import { listPatterns, rel } from './lib/patterns';
import { missingServices } from './lib/services';

/** `aws cloudformation deploy` sends larger templates only through an S3 bucket. */
const TEMPLATE_BODY_LIMIT = 51_200;

let validator: TemplateValidator;
beforeAll(() => {
	validator = createTemplateValidator();
});
afterAll(() => validator?.free());

describe.each(listPatterns())('$id CloudFormation template', (pattern) => {
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

	test(`stays under the ${TEMPLATE_BODY_LIMIT}-byte limit for deploying without an S3 bucket`, () => {
		expect(statSync(file).size).toBeLessThan(TEMPLATE_BODY_LIMIT);
	});
});

/**
 * Each check in this folder must be able to fail. These fixtures break one rule each, and the
 * tests assert that the check fails for that reason, pointing at the right file and line.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nagFindings, synthApp } from './lib/cdk';
import {
	blockingSeverities,
	createTemplateValidator,
	inlineCodeDrift,
	parseTemplate,
	undocumented,
	type TemplateValidator,
} from './lib/cloudformation';
import { fixturesRoot } from './lib/patterns';
import {
	documentationProblems,
	formatDiff,
	hclErrorMessage,
	moduleProblems,
	parseHcl,
	versionPolicy,
	versionProblems,
} from './lib/terraform';

const fixture = (...parts: string[]) => join(fixturesRoot, ...parts);

/** 1-based number of the first line of `file` containing `text`, so assertions follow edits to the fixture. */
function lineOf(file: string, text: string): number {
	const index = readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(text));
	if (index < 0) throw new Error(`${file} does not contain ${JSON.stringify(text)}`);
	return index + 1;
}

describe('CloudFormation checks', () => {
	let validator: TemplateValidator;
	beforeAll(() => {
		validator = createTemplateValidator();
	});
	afterAll(() => validator?.free());

	test('the validator rejects an unknown resource property, naming it and its line', () => {
		const file = fixture('cloudformation', 'unknown-property.yaml');
		const blocking = validator.validate(file).diagnostics.filter((d) => blockingSeverities.has(d.severity));
		expect(blocking).toHaveLength(1);
		const [finding] = blocking;
		// cfn-lint's "additional properties" rule: E3002, reported as F3002 (fatal) by the schema validator.
		expect(finding!.ruleId).toMatch(/^[EF]3002$/);
		expect(finding!.message).toContain("'BucketNme' was unexpected");
		expect(finding!.entity?.logicalId).toBe('Bucket');
		expect(finding!.startLine).toBe(lineOf(file, 'BucketNme:'));
	});

	test('the documentation check names a parameter and an output without a Description', () => {
		const doc = parseTemplate(readFileSync(fixture('cloudformation', 'undocumented.yaml'), 'utf8'));
		expect(undocumented(doc)).toEqual([
			'Parameters.RetentionInDays has no Description',
			'Outputs.LogGroupName has no Description',
		]);
	});

	test('the inline-code check reports a ZipFile that drifted from src/index.js', () => {
		const doc = parseTemplate(readFileSync(fixture('zipfile-drift', 'cloudformation', 'template.yaml'), 'utf8'));
		const problems = inlineCodeDrift(doc, fixture('zipfile-drift', 'src'));
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/^Function Code\.ZipFile differs from src\/index\.js, first at line 1\b/);
	});
});

describe('Terraform checks', () => {
	test('the format check reports the lines terraform fmt would change', async () => {
		const file = fixture('terraform', 'unformatted.tf');
		const diff = await formatDiff(readFileSync(file, 'utf8'));
		expect(diff).toBeDefined();
		expect(diff).toContain(`line ${lineOf(file, 'bucket =')}:`);
		expect(diff).toContain(`line ${lineOf(file, 'force_destroy')}:`);
		// Only the misaligned block changes.
		expect(diff!.split('\n')).toHaveLength(2);
	});

	test('the parser rejects invalid HCL with the file and line of the error', async () => {
		const file = fixture('terraform', 'parse-error.tf');
		const message = await parseHcl(file).then(
			() => 'parsed',
			(error: unknown) => hclErrorMessage(error)
		);
		expect(message).toMatch(new RegExp(`^parse-error\\.tf:${lineOf(file, 'bucket =')},\\d+`));
		expect(message).toContain('Invalid expression');
	});

	test('the version policy rejects Terraform below 1.6, AWS provider 5 and an unpinned provider', async () => {
		const versions = await parseHcl(fixture('terraform-policy', 'versions.tf'));
		const problems = versionProblems(versions, versionPolicy);
		expect(problems).toEqual([
			'required_version ">= 1.3" allows Terraform older than 1.6',
			'required_providers.aws.version "~> 5.0" must match /^~>\\s*6\\.\\d+/',
			'required_providers.random must pin one major version with "~> X.Y" (found undefined)',
		]);
	});

	test('the copy-paste rules reject a relative module, an unpinned registry module and undocumented inputs and outputs', async () => {
		const main = await parseHcl(fixture('terraform-policy', 'main.tf'));
		expect(moduleProblems(main)).toEqual([
			'module "network" has a relative source "../modules/network": publish it or inline its resources',
			'module "vpc" must pin an exact version of "terraform-aws-modules/vpc/aws" (found undefined)',
		]);
		expect(documentationProblems(main)).toEqual([
			'variable "name" has no description',
			'variable "name" has no type',
			'output "vpc_id" has no description',
		]);
	});
});

describe('CDK checks', () => {
	test('cdk-nag reports a public S3 bucket as AwsSolutions-S1, S2 and S10', async () => {
		const { stacks, outdir } = await synthApp(fixture('cdk-public-bucket', 'cdk'));
		const rules = new Set(stacks.flatMap((stack) => nagFindings(stack)).map((f) => f.rule));
		rmSync(outdir, { recursive: true, force: true });
		// S1: no server access logs; S2: public access not blocked; S10: requests without TLS allowed.
		expect([...rules].sort()).toEqual(['AwsSolutions-S1', 'AwsSolutions-S10', 'AwsSolutions-S2']);
	});

	test('synth fails when the bundled validator finds an unknown property, citing the rule and the code line', async () => {
		const error = await synthApp(fixture('cdk-invalid-property', 'cdk')).then(
			() => undefined,
			(e: unknown) => e as Error
		);
		expect(error, 'synth should have thrown').toBeInstanceOf(Error);
		// The message names the assembly that holds the report; this test has read it.
		const assembly = /(\S*aws-patterns-cdk-out-[^/\s]+)/.exec(error!.message)?.[1];
		if (assembly) rmSync(assembly, { recursive: true, force: true });
		expect(error!.message).toContain("Additional properties are not allowed ('VersioningConfig' was unexpected)");
		expect(error!.message).toMatch(/[EF]3002/);
		expect(error!.message).toContain('InvalidPropertyStack/Bucket/Resource');
		// CDK points at the line that created the offending construct.
		const appFile = fixture('cdk-invalid-property', 'cdk', 'bin', 'app.ts');
		expect(error!.message).toContain(`bin/app.ts:${lineOf(appFile, 'new Bucket(')}:`);
	});
});

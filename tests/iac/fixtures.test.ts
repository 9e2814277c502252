/**
 * Each check in this folder must be able to fail. These fixtures break one rule each, and the
 * tests assert that the check fails for that reason, pointing at the right file and line.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nagFindings, synthApp } from './lib/cdk';
import {
	cfnLintAvailable,
	cfnLintExceptions,
	cfnLintVerdict,
	inlineSuppressions,
	isBlocking,
	runCfnLint,
	warnIfCfnLintMissing,
	type CfnLintFileReport,
} from './lib/cfn-lint';
import {
	blockingSeverities,
	createTemplateValidator,
	inlineCodeDrift,
	parseTemplate,
	undocumented,
	type TemplateValidator,
} from './lib/cloudformation';
import { compareInventories, formatInventoryTable, patternInventories, type Inventory } from './lib/equivalence';
import {
	acknowledgementDrift,
	cdkAcknowledgedFindings,
	flattenAcknowledgements,
	humanLogicalId,
	patternAcknowledgements,
	templateNag,
} from './lib/nag';
import { fixturesRoot, patternFolder } from './lib/patterns';
import { willRun } from './lib/selection';
import {
	documentationProblems,
	formatDiff,
	hclErrorMessage,
	moduleProblems,
	parseHcl,
	versionPolicy,
	versionProblems,
} from './lib/terraform';
import { loadTerraformSchema, schemaProblems } from './lib/terraform-schema';
import type { Variant } from './type-map';

const fixture = (...parts: string[]) => join(fixturesRoot, ...parts);

/** 1-based number of the first line of `file` containing `text`, so assertions follow edits to the fixture. */
function lineOf(file: string, text: string): number {
	const index = readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(text));
	if (index < 0) throw new Error(`${file} does not contain ${JSON.stringify(text)}`);
	return index + 1;
}

warnIfCfnLintMissing('tests/iac/fixtures.test.ts');

const cfnLintFixture = (name: string) => fixture('cfn-lint', name);
/**
 * One cfn-lint process for the three templates, as the real tests run it. It takes seconds, so it
 * starts before the other checks, and its tests come last in this file.
 */
let lint: Promise<Map<string, CfnLintFileReport>> | undefined;
beforeAll(({}, file) => {
	if (!cfnLintAvailable || !willRun(file, 'cfn-lint checks')) return;
	lint = runCfnLint(['error.yaml', 'warning.yaml', 'synthesized.template.json'].map(cfnLintFixture));
	// The describe block awaits it and fails with its error; this only keeps a failure from also being unhandled.
	lint.catch(() => undefined);
});
afterAll(async () => {
	await lint?.catch(() => undefined);
});

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

	test('the provider schema check names unknown arguments, types and missing required arguments, with their lines', async () => {
		const file = fixture('terraform-schema', 'invalid.tf');
		const schema = loadTerraformSchema();
		const aws = schema.providers['aws']!;
		const problems = schemaProblems(await parseHcl(file), schema, file);
		const at = (text: string) => `tests/iac/fixtures/terraform-schema/invalid.tf:${lineOf(file, text)}`;
		expect(problems.map((p) => `${p.where}: ${p.block}: ${p.message}`).sort()).toEqual(
			[
				`${at('memory_sise')}: resource "aws_lambda_function" "unknown_argument": unknown argument or block "memory_sise" (did you mean "memory_size"?)`,
				`${at('log_fromat')}: resource "aws_lambda_function" "unknown_argument" > logging_config: unknown argument or block "log_fromat" (did you mean "log_format"?)`,
				`${at('logging_config {')}: resource "aws_lambda_function" "unknown_argument" > logging_config: missing required argument "log_format"`,
				`${at('"aws_iam_role" "missing_required"')}: resource "aws_iam_role" "missing_required": missing required argument "assume_role_policy"`,
				`${at('  arn ')}: resource "aws_sqs_queue" "computed_only": "arn" is computed-only: the provider sets it, so it cannot be an argument`,
				`${at('"aws_lambda_functions"')}: resource "aws_lambda_functions" "unknown_type": resource type "aws_lambda_functions" does not exist in hashicorp/aws ${aws.version} (did you mean "aws_lambda_function"?)`,
			].sort()
		);
	});

	test('the provider schema check accepts meta-arguments, dynamic blocks, data sources and the random and archive providers', async () => {
		const file = fixture('terraform-schema', 'valid.tf');
		expect(schemaProblems(await parseHcl(file), loadTerraformSchema(), file)).toEqual([]);
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

describe('cdk-nag acknowledgements', () => {
	const dir = fixture('acknowledgements');
	const template = join(dir, 'cloudformation', 'template.yaml');

	test('the template check applies pattern.yaml acknowledgements by logical id and reports every other finding', () => {
		const { unacknowledged } = templateNag(template, patternAcknowledgements(dir));
		const found = unacknowledged.map((f) => `${f.rule} on ${f.resource}`);
		// S10 (no TLS-only bucket policy) is acknowledged only on a logical id the template does not have.
		expect(found).toContain('AwsSolutions-S10 on Bucket');
		expect(found).not.toContain('AwsSolutions-S1 on Bucket');
		// Without the acknowledgements, S1 is reported: the acknowledgement is what removed it.
		const { unacknowledged: bare } = templateNag(template, []);
		expect(bare.map((f) => `${f.rule} on ${f.resource}`)).toContain('AwsSolutions-S1 on Bucket');
	});

	test('the template check names stale acknowledgements and logical ids the template lacks', () => {
		const { unused, missingResources } = templateNag(template, patternAcknowledgements(dir));
		expect(unused.map((a) => `${a.rule} on ${a.resource}`)).toEqual(['AwsSolutions-APIG4 on Bucket']);
		expect(missingResources).toEqual(['Missing']);
	});

	test('the drift check compares the CDK app with pattern.yaml by rule, resource and reason, and finds unused acknowledgements', async () => {
		const { stacks, outdir } = await synthApp(join(dir, 'cdk'));
		rmSync(outdir, { recursive: true, force: true });
		const drift = acknowledgementDrift(cdkAcknowledgedFindings(stacks), flattenAcknowledgements(patternAcknowledgements(dir)));
		expect(drift).toEqual([
			'AwsSolutions-S1 on Bucket: the CDK app says "Access logs would cost more than this sample is worth." but pattern.yaml says "This bucket receives the access logs of the other buckets, so logging its own access would only log log deliveries."',
			'pattern.yaml lists AwsSolutions-APIG4 on Bucket, which the CDK app does not acknowledge',
			'pattern.yaml lists AwsSolutions-S10 on Missing, which the CDK app does not acknowledge',
			'the CDK app acknowledges AwsSolutions-L1 at AcknowledgementsStack/Bucket, where cdk-nag reports no such finding',
			'the CDK app acknowledges AwsSolutions-S10 on Bucket, which pattern.yaml does not list (reason: "Only the account itself reads this bucket, so TLS is not enforced.")',
		]);
	});

	test('a CDK construct path maps to the logical id it gets without its hash', () => {
		expect(humanLogicalId('Stack/ListItemsRoute', 'Stack')).toBe('ListItemsRoute');
		expect(humanLogicalId('Stack/ListItemsRoute/Resource', 'Stack')).toBe('ListItemsRoute');
		expect(humanLogicalId('Stack/Api/DefaultStage/Resource', 'Stack')).toBe('ApiDefaultStage');
	});
});

describe('Equivalence check', () => {
	let inventories: Record<Variant, Inventory>;
	beforeAll(async () => {
		inventories = await patternInventories(patternFolder(fixture('equivalence')));
	});

	test('fails when one variant creates a resource the others do not, naming it, and sets helpers aside', () => {
		const differences = compareInventories(inventories);
		expect(differences).toEqual([
			{ type: 'AWS::SNS::Topic', counts: { cdk: 0, cloudformation: 0, terraform: 1 }, presenceOnly: false },
		]);
		expect(formatInventoryTable(inventories, differences)).toContain('AWS::SNS::Topic in Terraform: aws_sns_topic.only_here');
		// for_each over a literal map counts its entries, like the two queues of the other variants.
		expect(inventories.terraform.counts.get('AWS::SQS::Queue')).toBe(inventories.cdk.counts.get('AWS::SQS::Queue'));
		expect(inventories.cdk.counts.get('AWS::SQS::Queue')).toBe(2);
		// Helpers: CDK's auto-delete custom resource (and its function and role); Terraform's suffix and versioning.
		expect(inventories.cdk.helpers.map((h) => h.split(' ')[1])).toEqual(
			expect.arrayContaining(['(Custom::S3AutoDeleteObjects):', '(AWS::Lambda::Function):', '(AWS::IAM::Role):'])
		);
		expect(inventories.terraform.helpers.map((h) => h.split(' ')[0]).sort()).toEqual([
			'aws_s3_bucket_versioning.bucket',
			'random_id.suffix',
		]);
	});

	test('reports a resource whose count is known only at plan time instead of guessing', () => {
		expect(inventories.terraform.problems).toEqual([
			expect.stringMatching(/^aws_sqs_queue\.per_zone: cannot count its instances offline \(count = .*data\.aws_availability_zones/),
		]);
		expect(inventories.cdk.problems).toEqual([]);
		expect(inventories.cloudformation.problems).toEqual([]);
	});
});

describe('cfn-lint checks', () => {
	const dir = fixture('cfn-lint');
	const error = cfnLintFixture('error.yaml');
	const warning = cfnLintFixture('warning.yaml');
	const synthesized = cfnLintFixture('synthesized.template.json');
	let reports: Map<string, CfnLintFileReport>;
	const report = (file: string) => reports.get(file)!;
	/** Errors and warnings as `rule level resource line`, informational findings left out as in the real tests. */
	const summary = (file: string) => report(file).findings.filter(isBlocking).map((f) => `${f.rule} ${f.level} ${f.resource} ${f.line}`);

	beforeAll(async () => {
		if (lint) reports = await lint;
	});

	test.skipIf(!cfnLintAvailable)('cfn-lint reports exactly the error and the warnings of the fixtures, with resource and line', () => {
		expect(summary(error)).toEqual([`E3030 Error LogGroup ${lineOf(error, 'RetentionInDays:')}`]);
		expect(report(error).findings.find(isBlocking)!.message).toContain('8 is not one of [1, 3, 5, 7, 14');
		expect(summary(warning)).toEqual([`W2001 Warning Unused ${lineOf(warning, 'Unused:')}`]);
		expect(summary(synthesized)).toEqual([`W3005 Warning NameParameter4D2A4E8D ${lineOf(synthesized, '"DependsOn"')}`]);
		// A synthesized resource is also known by its construct id, which pattern.yaml can name.
		expect(report(synthesized).findings.find(isBlocking)!.names).toEqual(['NameParameter4D2A4E8D', 'NameParameter']);
	});

	test.skipIf(!cfnLintAvailable)('pattern.yaml exceptions cover findings of their variant only, and a stale one is reported', () => {
		const exceptions = cfnLintExceptions(dir);
		const handWritten = cfnLintVerdict([report(error), report(warning)], exceptions, 'cloudformation');
		// W2001 on Unused is declared; E3030 is declared for the cdk variant only.
		expect(handWritten.findings.map((f) => `${f.rule} on ${f.resource}`)).toEqual(['E3030 on LogGroup']);
		expect(handWritten.stale.map((e) => `${e.rule} on ${e.resource}`)).toEqual(['W1030 on Bucket']);

		const cdk = cfnLintVerdict([report(synthesized)], exceptions, 'cdk');
		expect(cdk.findings).toEqual([]);
		expect(cdk.stale.map((e) => `${e.rule} (${e.variant})`)).toEqual(['E3030 (cdk)']);
	});

	test('the check names cfn-lint metadata that switches rules off inside a template', () => {
		expect(inlineSuppressions(join(dir, 'suppressed.yaml'))).toEqual(['Metadata.cfn-lint', 'Resources.Bucket.Metadata.cfn-lint']);
	});
});

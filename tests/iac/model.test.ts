/**
 * The behavioural model (tests/iac/lib/model/) can fail: each deploy-time rule on a fixture that
 * breaks it, and the comparison of variants on a pair that must read the same and on that pair
 * with one port, one permission or one size changed in one variant.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { compareFacts, factsOf, type Fact } from './lib/model/facts';
import type { Json, Model } from '../../src/lib/iac/model';
import { modelOfTemplates, readTemplateFile } from './lib/model/pattern';
import { readTerraform } from './lib/model/read-terraform';
import {
	apiErrorsPassThrough,
	associationRetries,
	functionPermissionsMatchCode,
	internalLoadBalancerNotOpen,
	loadBalancerLogDelivery,
	notificationAfterPermission,
	sdkActions,
	serviceWaitsForExecutionPolicies,
	trustNamesTheAccount,
} from './lib/model/rules';
import { fixturesRoot } from './lib/patterns';

const fixture = (...path: string[]) => join(fixturesRoot, 'model', ...path);
const templateModel = (file: string, region = 'us-east-1'): Model => modelOfTemplates({ template: readTemplateFile(file) }, 'cloudformation', region);

describe('deploy-time rules', () => {
	test("load balancer logs: a policy naming us-east-1's ELB account passes there and fails in a Region opened in 2024", () => {
		const file = fixture('rules', 'load-balancer-logs.yaml');
		expect(loadBalancerLogDelivery(templateModel(file, 'us-east-1'))).toEqual([]);
		expect(loadBalancerLogDelivery(templateModel(file, 'ap-southeast-5'))).toEqual([
			'LoadBalancer: in ap-southeast-5 log delivery writes as Service logdelivery.elasticloadbalancing.amazonaws.com, but the bucket policy of Logs lets only AWS 127311923021 put objects: the deployment fails when logging is switched on',
		]);
	});

	test('an ECS service that may start before its execution role has its policy fails', () => {
		expect(serviceWaitsForExecutionPolicies(templateModel(fixture('rules', 'service-before-policy.yaml')))).toEqual([
			'Service: may start tasks before ExecutionRolePolicy gives its execution role ExecutionRole its permissions (add a dependency on it)',
		]);
	});

	test('an S3 notification that may be written before the Lambda permission fails', () => {
		expect(notificationAfterPermission(templateModel(fixture('rules', 'notification-before-permission.yaml')))).toEqual([
			'Uploads: may be created before InvokePermission lets S3 invoke Function; S3 then rejects the notification',
		]);
	});

	test('an internal load balancer open to any address fails', () => {
		expect(internalLoadBalancerNotOpen(templateModel(fixture('rules', 'internal-load-balancer-open.yaml')))).toEqual([
			"LoadBalancer: internal load balancer's group Group admits any address; admit only its origin (CloudFront's origin-facing prefix list)",
		]);
	});

	test('a State Manager association that runs once and is not waited for fails twice', () => {
		expect(associationRetries(templateModel(fixture('rules', 'one-shot-association.yaml')))).toEqual([
			'Lockdown: runs once; give it a schedule so that it undoes later changes',
			'Lockdown: the deployment does not wait for it to succeed, so a failed run goes unnoticed',
		]);
	});

	test('a role that VPC Flow Logs may assume for any account fails', () => {
		expect(trustNamesTheAccount(templateModel(fixture('rules', 'unscoped-trust.yaml')))).toEqual([
			'FlowLogRole: trusts vpc-flow-logs.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition (confused deputy)',
		]);
	});

	test("a distribution that turns the API's errors into the front end's index.html fails", () => {
		expect(apiErrorsPassThrough(templateModel(fixture('rules', 'api-errors-rewritten.yaml')))).toEqual([
			"Distribution: answers 403, 404 with /index.html for every behaviour, the API's (/api/*) included",
		]);
	});

	test("a function's role that may call more than its code calls fails", () => {
		const calls = sdkActions(fixture('code', 'src'))!;
		expect([...calls]).toEqual(['dynamodb:getitem']);
		expect([...sdkActions(fixture('code-commonjs', 'src'))!]).toEqual(['dynamodb:getitem']);
		expect(functionPermissionsMatchCode(templateModel(fixture('code', 'template.yaml')), calls)).toEqual([
			"the function's role allows dynamodb:putitem, which its code never calls (it calls dynamodb:getitem)",
		]);
	});
});

describe('comparing variants', () => {
	let cloudformation: Fact[];
	let terraform: Fact[];
	beforeAll(async () => {
		cloudformation = factsOf(templateModel(fixture('same', 'template.yaml')));
		terraform = factsOf(await readTerraform(fixture('same', 'terraform'), 'us-east-1'));
	});

	/** The pair's CloudFormation side with one property changed. */
	const changed = (edit: (resources: Record<string, { Properties: Record<string, Json> }>) => void): Fact[] => {
		const doc = readTemplateFile(fixture('same', 'template.yaml'));
		edit(doc.Resources as unknown as Record<string, { Properties: Record<string, Json> }>);
		return factsOf(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1'));
	};

	test('a template and a Terraform configuration that deploy the same read the same', () => {
		expect(cloudformation.map((f) => f.text).sort()).toEqual(terraform.map((f) => f.text).sort());
		expect(cloudformation.map((f) => f.text).sort()).toEqual(
			[
				'Lambda function: 256 MB, arm64, timeout 10 s, nodejs24.x',
				'the Lambda function role trust: allow Service lambda.amazonaws.com sts:assumerole',
				'the Lambda function role: allow dynamodb:getitem on <AWS::DynamoDB::Table>',
				'the Lambda function role: allow dynamodb:putitem on <AWS::DynamoDB::Table>',
				'the Lambda function security group allows out tcp 443-443 to 0.0.0.0/0',
			].sort()
		);
	});

	test('one more port in one variant is a difference', () => {
		const wider = changed((r) => {
			(r['Group']!.Properties['SecurityGroupEgress'] as Json[]).push({ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' });
		});
		expect(compareFacts({ cloudformation: wider, terraform }).map((d) => d.text)).toEqual(['the Lambda function security group allows out tcp 80-80 to 0.0.0.0/0']);
	});

	test('a widened policy in one variant is a difference', () => {
		const wider = changed((r) => {
			const statement = ((r['RolePolicy']!.Properties['PolicyDocument'] as { Statement: Array<Record<string, Json>> }).Statement[0])!;
			statement['Action'] = ['dynamodb:*'];
		});
		expect(compareFacts({ cloudformation: wider, terraform }).map((d) => d.text)).toEqual([
			'the Lambda function role: allow dynamodb:* on <AWS::DynamoDB::Table>',
			'the Lambda function role: allow dynamodb:getitem on <AWS::DynamoDB::Table>',
			'the Lambda function role: allow dynamodb:putitem on <AWS::DynamoDB::Table>',
		]);
	});

	test('a changed size in one variant is a difference', () => {
		const bigger = changed((r) => {
			r['Function']!.Properties['MemorySize'] = 512;
		});
		expect(compareFacts({ cloudformation: bigger, terraform }).map((d) => d.text)).toEqual([
			'Lambda function: 256 MB, arm64, timeout 10 s, nodejs24.x',
			'Lambda function: 512 MB, arm64, timeout 10 s, nodejs24.x',
		]);
	});
});

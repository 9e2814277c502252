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
import { readTerraform, readTerraformModule } from './lib/model/read-terraform';
import { loadTerraformModule } from './lib/terraform-values';
import {
	apiErrorsPassThrough,
	associationRetries,
	functionPermissionsMatchCode,
	githubTrustNamesOneRepository,
	internalLoadBalancerNotOpen,
	loadBalancerLogDelivery,
	mappingAfterQueuePermissions,
	notificationAfterPermission,
	queueOutlastsFunction,
	sdkActions,
	serviceWaitsForExecutionPolicies,
	trustNamesTheAccount,
} from './lib/model/rules';
import { failoverRecordsCheckTheirEndpoint } from './lib/model/rules-failover';
import { wafLogDestinationsNamed } from './lib/model/rules-edge';
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

	test('a role GitHub Actions may assume without naming one repository and one branch fails, once per mistake', () => {
		expect(githubTrustNamesOneRepository(templateModel(fixture('rules', 'github-trust.yaml')))).toEqual([
			'NoSubject: trusts GitHub\'s OIDC provider with no token.actions.githubusercontent.com:sub condition, so a workflow in any repository on GitHub can assume it',
			'AnyOwner: tests token.actions.githubusercontent.com:sub with StringLike; use StringEquals and name one subject',
			'AnyOwner: its token.actions.githubusercontent.com:sub repo:*/site:ref:refs/heads/main admits any owner',
			'WholeOrganization: tests token.actions.githubusercontent.com:sub with StringLike; use StringEquals and name one subject',
			'WholeOrganization: its token.actions.githubusercontent.com:sub repo:octo-org/* admits any repository of octo-org',
			'EveryRef: tests token.actions.githubusercontent.com:sub with StringLike; use StringEquals and name one subject',
			'EveryRef: its token.actions.githubusercontent.com:sub repo:octo-org/site:* admits every branch, tag, environment and pull request of octo-org/site',
			'PullRequests: its token.actions.githubusercontent.com:sub repo:octo-org/site:pull_request trusts pull_request runs, which run code that is not yet reviewed',
			'NoAudience: trusts GitHub\'s OIDC provider without requiring token.actions.githubusercontent.com:aud StringEquals sts.amazonaws.com',
			'NoAudience: tests token.actions.githubusercontent.com:sub with StringEqualsIfExists, which passes when the claim is missing',
		]);
	});

	test("a distribution that turns the API's errors into the front end's index.html fails", () => {
		expect(apiErrorsPassThrough(templateModel(fixture('rules', 'api-errors-rewritten.yaml')))).toEqual([
			"Distribution: answers 403, 404 with /index.html for every behaviour, the API's (/api/*) included",
		]);
	});

	test('a queue that hides messages for less than the function may run, or for less than six times its timeout, fails', () => {
		expect(queueOutlastsFunction(templateModel(fixture('rules', 'queue-visibility.yaml')))).toEqual([
			'ShortMapping: ShortQueue hides a message for 10 s, less than the 30 s Function may run: Lambda refuses the event source mapping',
			'DefaultMapping: DefaultQueue hides a message for 30 s, less than six times the 30 s timeout of Function that AWS recommends',
		]);
	});

	test('an SQS event source mapping that may be created before the policy letting the role receive fails, and passes once the function waits for it', () => {
		const file = fixture('rules', 'mapping-before-policy.yaml');
		expect(mappingAfterQueuePermissions(templateModel(file))).toEqual([
			'Mapping: may be created before RolePolicy lets Role receive from the queue; Lambda then refuses the event source mapping',
		]);
		const doc = readTemplateFile(file);
		(doc.Resources!['Function'] as { DependsOn?: string }).DependsOn = 'RolePolicy';
		expect(mappingAfterQueuePermissions(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1'))).toEqual([]);
	});

	test('failover records whose health checks call the other API fail, and a name without its SECONDARY record fails', () => {
		const file = fixture('rules', 'failover-checks-other-api.yaml');
		expect(failoverRecordsCheckTheirEndpoint(templateModel(file))).toEqual([
			'RecordPrimary: sends clients to DomainA, which serves ApiA, but its health check CheckB calls ApiB',
			'RecordSecondary: sends clients to DomainB, which serves ApiB, but its health check CheckA calls ApiA',
		]);
		const doc = readTemplateFile(file);
		const resources = doc.Resources as unknown as Record<string, { Properties: Record<string, Json> }>;
		resources['RecordPrimary']!.Properties['HealthCheckId'] = { Ref: 'CheckA' };
		resources['RecordSecondary']!.Properties['HealthCheckId'] = { Ref: 'CheckB' };
		expect(failoverRecordsCheckTheirEndpoint(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1'))).toEqual([]);
		delete doc.Resources!['RecordSecondary'];
		expect(failoverRecordsCheckTheirEndpoint(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1'))).toEqual([
			'api.example.com CNAME: has no SECONDARY failover record, so Route 53 has nowhere to fail over to',
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

	test('a Bedrock ConverseStream call needs InvokeModelWithResponseStream, and ApplyGuardrail only with a guardrail; InvokeModel beside them fails', () => {
		const calls = sdkActions(fixture('code-bedrock', 'src'))!;
		expect([...calls].sort()).toEqual(['bedrock:applyguardrail', 'bedrock:invokemodelwithresponsestream']);
		expect([...sdkActions(fixture('code-bedrock-unguarded', 'src'))!]).toEqual(['bedrock:invokemodelwithresponsestream']);
		expect(functionPermissionsMatchCode(templateModel(fixture('code-bedrock', 'template.yaml')), calls)).toEqual([
			"the function's role allows bedrock:invokemodel, which its code never calls (it calls bedrock:applyguardrail, bedrock:invokemodelwithresponsestream)",
		]);
		const unguarded = sdkActions(fixture('code-bedrock-unguarded', 'src'))!;
		expect(functionPermissionsMatchCode(templateModel(fixture('code-bedrock', 'template.yaml')), unguarded)).toEqual([
			"the function's role allows bedrock:applyguardrail, which its code never calls (it calls bedrock:invokemodelwithresponsestream)",
			"the function's role allows bedrock:invokemodel, which its code never calls (it calls bedrock:invokemodelwithresponsestream)",
		]);
	});

	test('a PostToConnection call needs execute-api:ManageConnections; execute-api:Invoke beside it fails', () => {
		const calls = sdkActions(fixture('code-websocket', 'src'))!;
		expect([...calls]).toEqual(['execute-api:manageconnections']);
		expect(functionPermissionsMatchCode(templateModel(fixture('code-websocket', 'template.yaml')), calls)).toEqual([
			"the function's role allows execute-api:invoke, which its code never calls (it calls execute-api:manageconnections)",
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
				'DynamoDB table: key id (S, hash), PAY_PER_REQUEST, 0 global secondary indexes',
				'DynamoDB table: point-in-time recovery off, encrypted with an AWS owned key, deletion protection off',
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

	test('an input without a default reads as the same placeholder in a template and in Terraform', async () => {
		const template = factsOf(templateModel(fixture('required-input', 'template.yaml'))).map((f) => f.text).sort();
		const hcl = factsOf(await readTerraform(fixture('required-input', 'terraform'), 'us-east-1')).map((f) => f.text).sort();
		expect(template).toEqual(hcl);
		expect(hcl).toEqual(
			[
				'OIDC identity provider https://token.actions.githubusercontent.com for audiences sts.amazonaws.com',
				'a role trust: allow Federated <AWS::IAM::OIDCProvider> sts:assumerolewithwebidentity if StringEquals token.actions.githubusercontent.com:aud sts.amazonaws.com and StringEquals token.actions.githubusercontent.com:sub repo:${RepositoryOwner}/site:ref:refs/heads/main',
				'a role: allow s3:putobject on arn:aws:s3:::${BucketName}/*',
			].sort()
		);
	});
});

describe('comparing sign-in variants', () => {
	let cloudformation: Fact[];
	let terraform: Fact[];
	beforeAll(async () => {
		cloudformation = factsOf(templateModel(fixture('sign-in', 'template.yaml')));
		terraform = factsOf(await readTerraform(fixture('sign-in', 'terraform'), 'us-east-1'));
	});

	const changed = (edit: (resources: Record<string, { Properties: Record<string, Json> }>) => void): Fact[] => {
		const doc = readTemplateFile(fixture('sign-in', 'template.yaml'));
		edit(doc.Resources as unknown as Record<string, { Properties: Record<string, Json> }>);
		return factsOf(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1'));
	};
	const differences = (facts: Fact[]) => compareFacts({ cloudformation: facts, terraform }).map((d) => d.text);

	test('a user pool, client and authorized route read the same, token lifetimes in any unit', () => {
		expect(cloudformation.map((f) => f.text).sort()).toEqual(terraform.map((f) => f.text).sort());
		expect(cloudformation.map((f) => f.text).sort()).toEqual(
			[
				'user pool: ESSENTIALS plan, self sign-up, signs in with email, case sensitivity service default, verifies email, changes nothing only once verified, recovers accounts by service default',
				'user pool password policy: at least 12 characters, requires lowercase, uppercase, numbers, symbols, temporary passwords last 7 days',
				'user pool MFA OPTIONAL (SOFTWARE_TOKEN_MFA), threat protection OFF',
				'user pool deletion protection INACTIVE',
				'user pool client: public (no secret), auth flows ALLOW_REFRESH_TOKEN_AUTH ALLOW_USER_SRP_AUTH, no OAuth, identity providers none, user existence errors service default, token revocation on',
				'user pool client tokens: access 60 min, ID 60 min, refresh 43200 min',
				'API authorizer JWT: token from $request.header.Authorization, issuer https://cognito-idp.us-east-1.amazonaws.com/<AWS::Cognito::UserPool>, audience <AWS::Cognito::UserPoolClient>',
				'API route GET /notes: JWT authorization, no scopes',
				'API stage $default: throttled to 10 requests per second, bursts of 20',
				'API stage $default access log: off',
			].sort()
		);
	});

	test('a route left open in one variant is a difference', () => {
		const open = changed((r) => {
			delete r['Route']!.Properties['AuthorizationType'];
			delete r['Route']!.Properties['AuthorizerId'];
		});
		expect(differences(open)).toEqual(['API route GET /notes: JWT authorization, no scopes']);
	});

	test('an authorizer that trusts another issuer or audience is a difference', () => {
		const other = changed((r) => {
			const jwt = r['Authorizer']!.Properties['JwtConfiguration'] as Record<string, Json>;
			jwt['Audience'] = ['some-other-client'];
		});
		expect(differences(other)).toEqual([
			'API authorizer JWT: token from $request.header.Authorization, issuer https://cognito-idp.us-east-1.amazonaws.com/<AWS::Cognito::UserPool>, audience <AWS::Cognito::UserPoolClient>',
			'API authorizer JWT: token from $request.header.Authorization, issuer https://cognito-idp.us-east-1.amazonaws.com/<AWS::Cognito::UserPool>, audience some-other-client',
		]);
	});

	test('tokens that last longer, or a pool without MFA, in one variant are differences', () => {
		const longer = changed((r) => {
			r['Client']!.Properties['AccessTokenValidity'] = 2;
		});
		expect(differences(longer)).toEqual([
			'user pool client tokens: access 120 min, ID 60 min, refresh 43200 min',
			'user pool client tokens: access 60 min, ID 60 min, refresh 43200 min',
		]);
		const noMfa = changed((r) => {
			delete r['UserPool']!.Properties['MfaConfiguration'];
			delete r['UserPool']!.Properties['EnabledMfas'];
		});
		expect(differences(noMfa)).toEqual(['user pool MFA OFF, threat protection OFF', 'user pool MFA OPTIONAL (SOFTWARE_TOKEN_MFA), threat protection OFF']);
	});

	test('a table keyed or protected differently in one variant is a difference', async () => {
		const same = factsOf(templateModel(fixture('same', 'template.yaml')));
		const sameTerraform = factsOf(await readTerraform(fixture('same', 'terraform'), 'us-east-1'));
		const doc = readTemplateFile(fixture('same', 'template.yaml'));
		const table = (doc.Resources as unknown as Record<string, { Properties: Record<string, Json> }>)['Table']!.Properties;
		table['KeySchema'] = [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }];
		table['AttributeDefinitions'] = [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'createdAt', AttributeType: 'S' }];
		table['PointInTimeRecoverySpecification'] = { PointInTimeRecoveryEnabled: true };
		const rekeyed = factsOf(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1'));
		expect(compareFacts({ cloudformation: same, terraform: sameTerraform })).toEqual([]);
		expect(compareFacts({ cloudformation: rekeyed, terraform: sameTerraform }).map((d) => d.text)).toEqual([
			'DynamoDB table: point-in-time recovery off, encrypted with an AWS owned key, deletion protection off',
			'DynamoDB table: point-in-time recovery on, encrypted with an AWS owned key, deletion protection off',
			'DynamoDB table: key id (S, hash) and createdAt (S, range), PAY_PER_REQUEST, 0 global secondary indexes',
			'DynamoDB table: key id (S, hash), PAY_PER_REQUEST, 0 global secondary indexes',
		]);
	});
});

describe('comparing WebSocket variants', () => {
	let cloudformation: Fact[];
	let terraform: Fact[];
	beforeAll(async () => {
		cloudformation = factsOf(templateModel(fixture('websocket', 'template.yaml')));
		terraform = factsOf(await readTerraform(fixture('websocket', 'terraform'), 'us-east-1'));
	});

	const changed = (edit: (resources: Record<string, { Properties: Record<string, Json> }>) => void): Fact[] => {
		const doc = readTemplateFile(fixture('websocket', 'template.yaml'));
		edit(doc.Resources as unknown as Record<string, { Properties: Record<string, Json> }>);
		return factsOf(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1'));
	};
	const differences = (facts: Fact[]) => compareFacts({ cloudformation: facts, terraform }).map((d) => d.text);

	test('a WebSocket API, its two-way route and a table whose items expire read the same', () => {
		expect(cloudformation.map((f) => f.text).sort()).toEqual(terraform.map((f) => f.text).sort());
		expect(cloudformation.map((f) => f.text).sort()).toEqual(
			[
				'WebSocket API: routes selected by $request.body.action',
				'API route send: answers the client (route responses selected by $default)',
				'DynamoDB table: key connectionId (S, hash), PAY_PER_REQUEST, 0 global secondary indexes',
				'DynamoDB table: point-in-time recovery off, encrypted with an AWS owned key, deletion protection off',
				'DynamoDB table: items expire at the time in attribute expiresAt',
			].sort()
		);
	});

	test('another route selection, a one-way route or items that never expire in one variant are differences', () => {
		const selection = changed((r) => {
			r['Api']!.Properties['RouteSelectionExpression'] = '$request.body.type';
		});
		expect(differences(selection)).toEqual(['WebSocket API: routes selected by $request.body.action', 'WebSocket API: routes selected by $request.body.type']);
		const oneWay = changed((r) => {
			delete r['SendRoute']!.Properties['RouteResponseSelectionExpression'];
		});
		expect(differences(oneWay)).toEqual(['API route send: answers the client (route responses selected by $default)']);
		const kept = changed((r) => {
			delete r['Table']!.Properties['TimeToLiveSpecification'];
		});
		expect(differences(kept)).toEqual(['DynamoDB table: items expire at the time in attribute expiresAt']);
	});
});

describe('comparing state machine variants', () => {
	const machine = (...path: string[]) => fixture('state-machine', ...path);
	let cloudformation: Fact[];
	let terraform: Fact[];
	beforeAll(async () => {
		cloudformation = factsOf(templateModel(machine('template.yaml')));
		terraform = factsOf(await readTerraform(machine('terraform'), 'us-east-1'));
	});

	const changed = (edit: (resources: Record<string, { Properties: Record<string, Json> }>) => void): Fact[] => {
		const doc = readTemplateFile(machine('template.yaml'));
		edit(doc.Resources as unknown as Record<string, { Properties: Record<string, Json> }>);
		return factsOf(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1'));
	};
	const workflow = (facts: Fact[]) => facts.filter((f) => f.text.startsWith('state machine')).map((f) => f.text).sort();
	const put = 'state machine state Put: {"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","Parameters":{"TableName":"<AWS::DynamoDB::Table>","Item":{"id":{"S.$":"$.id"}}},"End":true}';

	test("an inline definition with substitutions and Terraform's templatefile() of the same file read the same", () => {
		expect(cloudformation.map((f) => f.text).sort()).toEqual(terraform.map((f) => f.text).sort());
		expect(workflow(cloudformation)).toEqual(
			[
				'state machine: STANDARD, X-Ray tracing off',
				'state machine logs ERROR with execution data to <AWS::Logs::LogGroup>',
				'state machine definition: {"Comment":"One task that writes an item: the definition both sides of the pair deploy.","StartAt":"Put"}',
				put,
			].sort()
		);
		expect(cloudformation.map((f) => f.text)).toContain('the state machine role trust: allow Service states.amazonaws.com sts:assumerole if StringEquals aws:SourceAccount <account>');
	});

	test('a placeholder filled with another kind of resource in one variant is a difference', () => {
		const other = changed((r) => {
			r['StateMachine']!.Properties['DefinitionSubstitutions'] = { TableName: { 'Fn::GetAtt': ['Logs', 'Arn'] } } as unknown as Json;
		});
		expect(compareFacts({ cloudformation: other, terraform }).map((d) => d.text)).toEqual([put, put.replace('<AWS::DynamoDB::Table>', '<AWS::Logs::LogGroup>')].sort());
	});

	test('less logging or another workflow type in one variant is a difference', () => {
		const quieter = changed((r) => {
			r['StateMachine']!.Properties['LoggingConfiguration'] = { Level: 'OFF' };
			r['StateMachine']!.Properties['StateMachineType'] = 'EXPRESS';
		});
		expect(compareFacts({ cloudformation: quieter, terraform }).map((d) => d.text)).toEqual([
			'state machine logs ERROR with execution data to <AWS::Logs::LogGroup>',
			'state machine logs nothing',
			'state machine: EXPRESS, X-Ray tracing off',
			'state machine: STANDARD, X-Ray tracing off',
		]);
	});

	test('a definition the model cannot render is a difference, not a silent match', async () => {
		const unrendered = factsOf(await readTerraform(machine('terraform-missing-variable'), 'us-east-1'));
		const texts = workflow(unrendered);
		expect(texts.filter((t) => t.startsWith('state machine definition:'))).toEqual([expect.stringMatching(/^state machine definition: not JSON after its placeholders are filled in/)]);
		expect(texts).not.toContain(put);
	});
});

describe('comparing a Firehose stream, a Glue table and an Athena workgroup', () => {
	const lake = (...path: string[]) => fixture('data-lake', ...path);
	let cloudformation: Fact[];
	let terraform: Fact[];
	beforeAll(async () => {
		cloudformation = factsOf(templateModel(lake('template.yaml')));
		terraform = factsOf(await readTerraform(lake('terraform'), 'us-east-1'));
	});
	const analytics = (facts: Fact[]) => facts.map((f) => f.text).filter((t) => /^(Firehose|Glue|Athena)/.test(t));
	/** The template with one property changed. */
	const changed = (edit: (resources: Record<string, { Properties: Record<string, Json> }>) => void): Fact[] => {
		const doc = readTemplateFile(lake('template.yaml'));
		edit(doc.Resources as unknown as Record<string, { Properties: Record<string, Json> }>);
		return factsOf(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1'));
	};

	test('a template and a Terraform configuration that deploy the same read the same', () => {
		expect(cloudformation.map((f) => f.text).sort()).toEqual(terraform.map((f) => f.text).sort());
		expect(analytics(cloudformation).sort()).toEqual(
			[
				'Firehose stream: DirectPut source, encrypted with an AWS owned key',
				'Firehose stream to S3: writes a file every 60 s or 64 MiB, whichever comes first, compression UNCOMPRESSED',
				'Firehose stream to <AWS::S3::Bucket>: records under data/dt=!{timestamp:yyyy-MM-dd}/, failed records under errors/!{firehose:error-output-type}/',
				// Terraform names the table and the log group by their names; the template references them.
				'Firehose stream converts JSON (OpenXJsonSerDe) to Parquet (SNAPPY) with the schema of Glue table events, version LATEST',
				'Firehose stream logs delivery errors to a log group kept 14 days',
				'Firehose stream is created after all 1 separate policies of its role',
				'Glue table events: EXTERNAL_TABLE, columns id string, amount double, partitioned by dt string',
				'Glue table events: files at s3://<AWS::S3::Bucket>/data/, input org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat, output org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat, read with org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
				'Glue table events: projection.dt.type = date',
				'Glue table events: projection.enabled = true',
				// ${!dt} in the template's Fn::Sub and $${dt} in Terraform are the same literal ${dt}.
				'Glue table events: storage.location.template = s3://<AWS::S3::Bucket>/data/dt=${dt}/',
				// Terraform leaves enforcement and metrics to the provider's defaults, which are on.
				'Athena workgroup: enforces its settings on every query, results to s3://<AWS::S3::Bucket>/results/ encrypted with SSE_S3',
				'Athena workgroup: cancels a query after 1073741824 bytes scanned',
				'Athena workgroup: engine Athena engine version 3, publishes CloudWatch metrics, state ENABLED',
				'Athena workgroup: deleted with its saved queries',
			].sort()
		);
		// The template builds Glue ARNs from names, Terraform reads the arn attributes: the same ARNs.
		expect(cloudformation.map((f) => f.text)).toEqual(
			expect.arrayContaining(['a role for firehose.amazonaws.com: allow glue:gettable on <AWS::Glue::Database>', 'a role for firehose.amazonaws.com: allow glue:gettable on <AWS::Glue::Table>'])
		);
	});

	test('a longer buffer, one more column or a workgroup clients can override in one variant is a difference', () => {
		const other = changed((r) => {
			(r['Stream']!.Properties['ExtendedS3DestinationConfiguration'] as Record<string, Json>)['BufferingHints'] = { IntervalInSeconds: 300, SizeInMBs: 64 };
			const storage = (r['Table']!.Properties['TableInput'] as Record<string, Record<string, Json[]>>)['StorageDescriptor']!;
			storage['Columns']!.push({ Name: 'note', Type: 'string' });
			(r['WorkGroup']!.Properties['WorkGroupConfiguration'] as Record<string, Json>)['EnforceWorkGroupConfiguration'] = false;
		});
		expect(compareFacts({ cloudformation: other, terraform }).map((d) => d.text)).toEqual([
			'Glue table events: EXTERNAL_TABLE, columns id string, amount double, note string, partitioned by dt string',
			'Glue table events: EXTERNAL_TABLE, columns id string, amount double, partitioned by dt string',
			'Athena workgroup: enforces its settings on every query, results to s3://<AWS::S3::Bucket>/results/ encrypted with SSE_S3',
			'Athena workgroup: lets clients override its settings, results to s3://<AWS::S3::Bucket>/results/ encrypted with SSE_S3',
			'Firehose stream to S3: writes a file every 300 s or 64 MiB, whichever comes first, compression UNCOMPRESSED',
			'Firehose stream to S3: writes a file every 60 s or 64 MiB, whichever comes first, compression UNCOMPRESSED',
		]);
	});

	test('a stream without format conversion or error logging is a difference', () => {
		const plain = changed((r) => {
			const s3 = r['Stream']!.Properties['ExtendedS3DestinationConfiguration'] as Record<string, Json>;
			delete s3['DataFormatConversionConfiguration'];
			delete s3['CloudWatchLoggingOptions'];
		});
		expect(analytics(compareFacts({ cloudformation: plain, terraform }).map((d) => ({ kind: d.kind, text: d.text, source: '' })))).toEqual([
			'Firehose stream converts JSON (OpenXJsonSerDe) to Parquet (SNAPPY) with the schema of Glue table events, version LATEST',
			'Firehose stream delivers records as they arrive, without format conversion',
			'Firehose stream does not log delivery errors',
			'Firehose stream logs delivery errors to a log group kept 14 days',
		]);
	});
});

describe('comparing a scheduled queue worker', () => {
	const worker = (...path: string[]) => fixture('queue-worker', ...path);
	let cloudformation: Fact[];
	let terraform: Fact[];
	beforeAll(async () => {
		cloudformation = factsOf(templateModel(worker('template.yaml')));
		terraform = factsOf(await readTerraform(worker('terraform'), 'us-east-1'));
	});
	const messaging = (facts: Fact[]) => facts.filter((f) => ['queue', 'schedule', 'alarm', 'encryption'].includes(f.kind)).map((f) => f.text);
	/** The template with one property changed. */
	const changed = (edit: (resources: Record<string, { Properties: Record<string, Json> }>) => void): Fact[] => {
		const doc = readTemplateFile(worker('template.yaml'));
		edit(doc.Resources as unknown as Record<string, { Properties: Record<string, Json> }>);
		return factsOf(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1'));
	};

	test('a template and a Terraform configuration with a separate redrive policy and an alarm naming its queue by name read the same', () => {
		expect(messaging(cloudformation).sort()).toEqual(messaging(terraform).sort());
		expect(messaging(cloudformation).sort()).toEqual(
			[
				'the queue a Lambda function reads: visibility timeout 60 s, keeps messages 345600 s, SSE-SQS, after 5 receives to the dead-letter queue of the queue a Lambda function reads',
				'the dead-letter queue of the queue a Lambda function reads: visibility timeout 30 s, keeps messages 1209600 s, SSE-SQS, no dead-letter queue',
				'the dead-letter queue of a schedule: visibility timeout 30 s, keeps messages 345600 s, default encryption, no dead-letter queue',
				'Lambda event source mapping from the queue a Lambda function reads: batch size 10, batching window 0 s, the function reports failed messages (ReportBatchItemFailures)',
				'schedule cron(0 2 * * ? *) in Europe/Berlin, flexible time window OFF, ENABLED',
				'schedule sends {"task":"report"} to the queue a Lambda function reads, retries 3 times within 600 s, then to the dead-letter queue of a schedule',
				'SNS topic: encrypted with alias/aws/sns',
				'alarm on AWS/SQS ApproximateNumberOfMessagesVisible (QueueName of the dead-letter queue of the queue a Lambda function reads), Maximum over 300 s: GreaterThanThreshold 0 in 1 of 1 periods, missing data notBreaching; notifies <AWS::SNS::Topic> on alarm, none on OK, none on insufficient data',
			].sort()
		);
	});

	test('another redrive count, a mapping that returns whole batches, another schedule or threshold in one variant are differences', () => {
		const other = changed((r) => {
			(r['JobQueue']!.Properties['RedrivePolicy'] as Record<string, Json>)['maxReceiveCount'] = 3;
			delete r['Mapping']!.Properties['FunctionResponseTypes'];
			r['Schedule']!.Properties['ScheduleExpressionTimezone'] = 'UTC';
			r['Alarm']!.Properties['Threshold'] = 10;
		});
		expect(compareFacts({ cloudformation: other, terraform }).map((d) => d.text)).toEqual([
			'alarm on AWS/SQS ApproximateNumberOfMessagesVisible (QueueName of the dead-letter queue of the queue a Lambda function reads), Maximum over 300 s: GreaterThanThreshold 0 in 1 of 1 periods, missing data notBreaching; notifies <AWS::SNS::Topic> on alarm, none on OK, none on insufficient data',
			'alarm on AWS/SQS ApproximateNumberOfMessagesVisible (QueueName of the dead-letter queue of the queue a Lambda function reads), Maximum over 300 s: GreaterThanThreshold 10 in 1 of 1 periods, missing data notBreaching; notifies <AWS::SNS::Topic> on alarm, none on OK, none on insufficient data',
			'Lambda event source mapping from the queue a Lambda function reads: batch size 10, batching window 0 s, a failure returns the whole batch',
			'Lambda event source mapping from the queue a Lambda function reads: batch size 10, batching window 0 s, the function reports failed messages (ReportBatchItemFailures)',
			'the queue a Lambda function reads: visibility timeout 60 s, keeps messages 345600 s, SSE-SQS, after 3 receives to the dead-letter queue of the queue a Lambda function reads',
			'the queue a Lambda function reads: visibility timeout 60 s, keeps messages 345600 s, SSE-SQS, after 5 receives to the dead-letter queue of the queue a Lambda function reads',
			'schedule cron(0 2 * * ? *) in Europe/Berlin, flexible time window OFF, ENABLED',
			'schedule cron(0 2 * * ? *) in UTC, flexible time window OFF, ENABLED',
		]);
	});
});

describe('comparing function URL, concurrency, environment and guardrail variants', () => {
	let cloudformation: Fact[];
	let terraform: Fact[];
	beforeAll(async () => {
		cloudformation = factsOf(templateModel(fixture('function-url', 'template.yaml')));
		terraform = factsOf(await readTerraform(fixture('function-url', 'terraform'), 'us-east-1'));
	});

	const changed = (edit: (resources: Record<string, { Properties: Record<string, Json> }>) => void): Fact[] => {
		const doc = readTemplateFile(fixture('function-url', 'template.yaml'));
		edit(doc.Resources as unknown as Record<string, { Properties: Record<string, Json> }>);
		return factsOf(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1'));
	};
	const profile = 'arn:aws:bedrock:us-east-1:<account>:inference-profile/us.amazon.nova-2-lite-v1:0';

	test("a template's Fn::If statement and Terraform's dynamic statement, numbers and strings in the environment, read the same", () => {
		expect(cloudformation.map((f) => f.text).sort()).toEqual(terraform.map((f) => f.text).sort());
		expect(cloudformation.map((f) => f.text).sort()).toEqual(
			[
				'Lambda function: 256 MB, arm64, timeout 60 s, nodejs24.x',
				'Lambda function: reserved concurrency 5',
				'Lambda function environment: MODEL_ID=us.amazon.nova-2-lite-v1:0',
				'Lambda function environment: MAX_TOKENS=1024',
				'Lambda function URL: auth AWS_IAM, invoke mode RESPONSE_STREAM',
				'guardrail content filter HATE: input HIGH, output HIGH',
				'guardrail content filter PROMPT_ATTACK: input HIGH, output NONE',
				'guardrail topic Weather (DENY): Forecasts of rain, sun or snow. e.g. Will it rain tomorrow?',
				'guardrail answers a blocked prompt with "No." and a blocked answer with "Not that."',
				'the Lambda function role trust: allow Service lambda.amazonaws.com sts:assumerole',
				`the Lambda function role: allow bedrock:invokemodelwithresponsestream on arn:aws:bedrock:us-east-2::foundation-model/amazon.nova-2-lite-v1:0 if StringEquals bedrock:InferenceProfileArn ${profile}`,
				'the Lambda function role: allow bedrock:applyguardrail on <AWS::Bedrock::Guardrail>',
			].sort()
		);
	});

	test('an open URL, no reserved concurrency, another setting or a weaker filter in one variant is a difference', () => {
		const other = changed((r) => {
			r['Url']!.Properties['AuthType'] = 'NONE';
			delete r['Function']!.Properties['ReservedConcurrentExecutions'];
			(r['Function']!.Properties['Environment'] as { Variables: Record<string, Json> }).Variables['MAX_TOKENS'] = '4096';
			((r['Guardrail']!.Properties['ContentPolicyConfig'] as { FiltersConfig: Array<Record<string, Json>> }).FiltersConfig[0]!)['OutputStrength'] = 'LOW';
		});
		expect(compareFacts({ cloudformation: other, terraform }).map((d) => d.text)).toEqual([
			'Lambda function URL: auth AWS_IAM, invoke mode RESPONSE_STREAM',
			'Lambda function URL: auth NONE, invoke mode RESPONSE_STREAM',
			'Lambda function environment: MAX_TOKENS=1024',
			'Lambda function environment: MAX_TOKENS=4096',
			'guardrail content filter HATE: input HIGH, output HIGH',
			'guardrail content filter HATE: input HIGH, output LOW',
			'Lambda function: reserved concurrency 5',
		]);
	});

	test('switching the guardrail off drops it and its permission in both, and the empty setting reads the same', async () => {
		const doc = readTemplateFile(fixture('function-url', 'template.yaml'));
		doc.Parameters!['EnableGuardrail']!.Default = 'false';
		const off = factsOf(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1')).map((f) => f.text);
		const module = await loadTerraformModule(fixture('function-url', 'terraform'));
		module.variables.set('enable_guardrail', false);
		const terraformOff = factsOf(await readTerraformModule(module, 'us-east-1')).map((f) => f.text);
		expect(off.sort()).toEqual(terraformOff.sort());
		expect(off.filter((t) => /guardrail/i.test(t))).toEqual(['Lambda function environment: GUARDRAIL_ID=']);
	});
});

describe('comparing EKS clusters', () => {
	const eksFacts = (facts: Fact[]) => facts.filter((f) => /EKS|kubernetes\.io/.test(f.text)).map((f) => f.text).sort();
	let cloudformation: Fact[];
	let terraform: Fact[];
	beforeAll(async () => {
		cloudformation = factsOf(templateModel(fixture('eks', 'template.yaml')));
		terraform = factsOf(await readTerraform(fixture('eks', 'terraform'), 'us-east-1'));
	});

	/** The template with one change. */
	const changed = (edit: (resources: Record<string, { Properties: Record<string, Json>; DependsOn?: string }>) => void): Fact[] => {
		const doc = readTemplateFile(fixture('eks', 'template.yaml'));
		edit(doc.Resources as unknown as Record<string, { Properties: Record<string, Json>; DependsOn?: string }>);
		return factsOf(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1'));
	};

	test('a template and a Terraform configuration of the same Auto Mode cluster read the same', () => {
		expect(eksFacts(cloudformation)).toEqual(eksFacts(terraform));
		expect(eksFacts(cloudformation)).toEqual(
			[
				'EKS Auto Mode: compute on (node pools general-purpose, system), block storage on, load balancing on, self-managed add-ons off',
				'EKS Pod Identity: service account demo/web gets a role trusted by pods.eks.amazonaws.com',
				'EKS access entry (STANDARD) for AWS ${AdminPrincipalArn}',
				'EKS access for AWS ${AdminPrincipalArn}: AmazonEKSViewPolicy on namespaces demo',
				'EKS cluster authentication: API, creator not made cluster admin',
				'EKS cluster endpoint: private on, public limited to 1 CIDR block',
				'EKS cluster is created after its control plane log group',
				'EKS cluster: Kubernetes 1.35, extended support policy, in subnets outside the pattern',
				'EKS control plane logs: api, audit',
				'EKS secrets encrypted with the AWS owned key only',
				'public subnets tagged kubernetes.io/role/elb=1',
			].sort()
		);
	});

	test('an open endpoint, one Auto Mode capability off, fewer logs or a log group created too late is a difference', () => {
		const other = changed((r) => {
			const cluster = r['Cluster']!;
			(cluster.Properties['ResourcesVpcConfig'] as Record<string, Json>)['PublicAccessCidrs'] = ['0.0.0.0/0'];
			(cluster.Properties['StorageConfig'] as { BlockStorage: Record<string, Json> }).BlockStorage['Enabled'] = false;
			(cluster.Properties['Logging'] as { ClusterLogging: { EnabledTypes: Json[] } }).ClusterLogging.EnabledTypes.pop();
			delete cluster.DependsOn;
		});
		expect(compareFacts({ cloudformation: other, terraform }).map((d) => d.text).sort()).toEqual([
			'EKS cluster endpoint: private on, public limited to 1 CIDR block',
			'EKS cluster endpoint: private on, public open to the internet',
			'EKS control plane logs: api, audit',
			'EKS control plane logs: audit',
			'EKS cluster is created after its control plane log group',
			'EKS cluster is created before its control plane log group',
			'EKS Auto Mode: compute on (node pools general-purpose, system), block storage off, load balancing on, self-managed add-ons off',
			'EKS Auto Mode: compute on (node pools general-purpose, system), block storage on, load balancing on, self-managed add-ons off',
		].sort());
	});
});

describe('comparing web ACLs', () => {
	const waf = (...path: string[]) => fixture('waf', ...path);
	const wafFacts = (facts: Fact[]) => facts.filter((f) => f.kind === 'waf' || /web ACL/.test(f.text)).map((f) => f.text).sort();
	let cloudformation: Fact[];
	let terraform: Fact[];
	beforeAll(async () => {
		cloudformation = factsOf(templateModel(waf('template.yaml')));
		terraform = factsOf(await readTerraform(waf('terraform'), 'us-east-1'));
	});
	type Resources = Record<string, { Properties: Record<string, Json> }>;
	/** The template with one change. */
	const changed = (edit: (resources: Resources) => void): Fact[] => {
		const doc = readTemplateFile(waf('template.yaml'));
		edit(doc.Resources as unknown as Resources);
		return factsOf(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1'));
	};
	const rules = (r: Resources) => r['WebAcl']!.Properties['Rules'] as Array<Record<string, Json>>;

	test('a template and a Terraform configuration with rules in another order and nested blocks read the same', () => {
		expect(wafFacts(cloudformation)).toEqual(wafFacts(terraform));
		expect(wafFacts(cloudformation)).toEqual(
			[
				'CLOUDFRONT web ACL: default action allow; metrics on (Fixture), sampled requests on',
				'CLOUDFRONT web ACL rule 1 LoginRate: rate-based, more than 100 requests in 60 s per IP, counting only requests matching ByteMatchStatement {"FieldToMatch":{"UriPath":{}},"PositionalConstraint":"STARTS_WITH","SearchString":"/login","TextTransformations":[{"Priority":0,"Type":"LOWERCASE"}]} -> block (429); metrics on (LoginRate), sampled requests on',
				'CLOUDFRONT web ACL rule 2 Countries: OrStatement {"Statements":[{"GeoMatchStatement":{"CountryCodes":["KP"]}},{"GeoMatchStatement":{"CountryCodes":["IR"]}}]} -> block (403); metrics off (Countries), sampled requests on',
				"CLOUDFRONT web ACL rule 3 CoreRules: managed rule group AWS/AWSManagedRulesCommonRuleSet, rule overrides SizeRestrictions_BODY -> count -> the group's own actions; metrics on (CoreRules), sampled requests on",
				'CLOUDFRONT web ACL logs to a log group kept 7 days, redacting header authorization, query string; keeps requests with all of action BLOCK, label awswaf:managed:aws:core-rule-set:SizeRestrictions_Body; drops the rest',
				'CloudFront distribution: behind the CLOUDFRONT web ACL',
				'CloudFront distribution: no AWS WAF web ACL',
			].sort()
		);
	});

	test('another rule order, rate limit, window, group override, default action or logging filter in one variant is a difference', () => {
		const other = changed((r) => {
			const [countries, loginRate, coreRules] = rules(r) as [Record<string, Json>, Record<string, Json>, Record<string, Json>];
			countries['Priority'] = 4;
			const rate = (loginRate['Statement'] as Record<string, Record<string, Json>>)['RateBasedStatement']!;
			rate['Limit'] = 200;
			delete rate['EvaluationWindowSec'];
			coreRules['OverrideAction'] = { Count: {} };
			r['WebAcl']!.Properties['DefaultAction'] = { Block: {} };
			(r['Logging']!.Properties['LoggingFilter'] as Record<string, Json>)['DefaultBehavior'] = 'KEEP';
			delete r['Distribution']!.Properties['DistributionConfig'];
		});
		expect(compareFacts({ cloudformation: other, terraform }).map((d) => d.text).sort()).toEqual(
			[
				'CLOUDFRONT web ACL: default action allow; metrics on (Fixture), sampled requests on',
				'CLOUDFRONT web ACL: default action block (403); metrics on (Fixture), sampled requests on',
				'CLOUDFRONT web ACL rule 1 LoginRate: rate-based, more than 100 requests in 60 s per IP, counting only requests matching ByteMatchStatement {"FieldToMatch":{"UriPath":{}},"PositionalConstraint":"STARTS_WITH","SearchString":"/login","TextTransformations":[{"Priority":0,"Type":"LOWERCASE"}]} -> block (429); metrics on (LoginRate), sampled requests on',
				'CLOUDFRONT web ACL rule 1 LoginRate: rate-based, more than 200 requests in 300 s per IP, counting only requests matching ByteMatchStatement {"FieldToMatch":{"UriPath":{}},"PositionalConstraint":"STARTS_WITH","SearchString":"/login","TextTransformations":[{"Priority":0,"Type":"LOWERCASE"}]} -> block (429); metrics on (LoginRate), sampled requests on',
				'CLOUDFRONT web ACL rule 2 Countries: OrStatement {"Statements":[{"GeoMatchStatement":{"CountryCodes":["KP"]}},{"GeoMatchStatement":{"CountryCodes":["IR"]}}]} -> block (403); metrics off (Countries), sampled requests on',
				'CLOUDFRONT web ACL rule 4 Countries: OrStatement {"Statements":[{"GeoMatchStatement":{"CountryCodes":["KP"]}},{"GeoMatchStatement":{"CountryCodes":["IR"]}}]} -> block (403); metrics off (Countries), sampled requests on',
				"CLOUDFRONT web ACL rule 3 CoreRules: managed rule group AWS/AWSManagedRulesCommonRuleSet, rule overrides SizeRestrictions_BODY -> count -> the group's own actions; metrics on (CoreRules), sampled requests on",
				"CLOUDFRONT web ACL rule 3 CoreRules: managed rule group AWS/AWSManagedRulesCommonRuleSet, rule overrides SizeRestrictions_BODY -> count -> count only (the group's own actions are overridden); metrics on (CoreRules), sampled requests on",
				'CLOUDFRONT web ACL logs to a log group kept 7 days, redacting header authorization, query string; keeps requests with all of action BLOCK, label awswaf:managed:aws:core-rule-set:SizeRestrictions_Body; drops the rest',
				'CLOUDFRONT web ACL logs to a log group kept 7 days, redacting header authorization, query string; keeps requests with all of action BLOCK, label awswaf:managed:aws:core-rule-set:SizeRestrictions_Body; keeps the rest',
				'CloudFront distribution: behind the CLOUDFRONT web ACL',
				'CloudFront distribution: no AWS WAF web ACL',
			].sort()
		);
	});

	test('a WAF log destination whose name does not start with aws-waf-logs-, or is generated, fails', () => {
		expect(wafLogDestinationsNamed(templateModel(waf('template.yaml')))).toEqual([]);
		const doc = readTemplateFile(waf('template.yaml'));
		const logGroup = (doc.Resources as unknown as Resources)['LogGroup']!;
		logGroup.Properties['LogGroupName'] = '/aws/waf/fixture';
		expect(wafLogDestinationsNamed(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1'))).toEqual([
			'Logging: logs to LogGroup named /aws/waf/fixture; AWS WAF accepts only names that start with aws-waf-logs-',
		]);
		delete logGroup.Properties['LogGroupName'];
		expect(wafLogDestinationsNamed(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1'))).toEqual([
			'Logging: logs to LogGroup, whose name is generated; AWS WAF accepts only names that start with aws-waf-logs-',
		]);
	});
});

describe('comparing canary deployment variants', () => {
	const canary = (...path: string[]) => fixture('canary', ...path);
	let cloudformation: Fact[];
	let terraform: Fact[];
	beforeAll(async () => {
		cloudformation = factsOf(templateModel(canary('template.yaml')));
		terraform = factsOf(await readTerraform(canary('terraform'), 'us-east-1'));
	});
	const delivery = (facts: Fact[]) => facts.filter((f) => f.kind === 'delivery' || /alias|CodeDeploy/.test(f.text)).map((f) => f.text).sort();
	/** The template with one resource changed. */
	const changed = (edit: (resources: Record<string, { Properties: Record<string, Json>; UpdatePolicy?: unknown; DeletionPolicy?: string }>) => void): Fact[] => {
		const doc = readTemplateFile(canary('template.yaml'));
		edit(doc.Resources as unknown as Record<string, { Properties: Record<string, Json>; UpdatePolicy?: unknown; DeletionPolicy?: string }>);
		return factsOf(modelOfTemplates({ doc }, 'cloudformation', 'us-east-1'));
	};

	test("a version resource and publish = true, an alarm and a permission naming the alias by name read the same; only how the alias takes a new version differs", () => {
		const onlyTemplate = 'Lambda alias live: a new version gets traffic through the pattern\'s CodeDeploy deployment group when the stack updates';
		const onlyTerraform = 'Lambda alias live: a new version gets traffic through a CodeDeploy deployment you start (Terraform ignores function_version, routing_config)';
		expect(compareFacts({ cloudformation, terraform }).map((d) => d.text).sort()).toEqual([onlyTemplate, onlyTerraform].sort());
		expect(delivery(cloudformation)).toEqual(
			[
				'Lambda function publishes a version on each change and keeps the version it replaces',
				'Lambda alias live: serves the version the deployment published',
				onlyTemplate,
				'Lambda alias live: apigateway.amazonaws.com may invoke it',
				'HTTP API integration invokes Lambda alias live',
				'alarm on AWS/Lambda Errors counts invocations through Lambda alias live',
				'CodeDeploy application for Lambda',
				'CodeDeploy deployment group of the Lambda application: CodeDeployDefault.LambdaCanary10Percent5Minutes, BLUE_GREEN WITH_TRAFFIC_CONTROL; stops on the alarm on AWS/Lambda Errors; rolls back on DEPLOYMENT_FAILURE, DEPLOYMENT_STOP_ON_ALARM',
				'a role for codedeploy.amazonaws.com: managed policy arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited',
			].sort()
		);
	});

	test('another configuration, a dropped rollback event or alarm, an alias without UpdatePolicy or a version deleted when replaced is a difference', () => {
		const other = changed((r) => {
			r['Group']!.Properties['DeploymentConfigName'] = 'CodeDeployDefault.LambdaAllAtOnce';
			(r['Group']!.Properties['AutoRollbackConfiguration'] as { Events: string[] }).Events = ['DEPLOYMENT_FAILURE'];
			delete r['Group']!.Properties['AlarmConfiguration'];
			delete r['Alias']!.UpdatePolicy;
			delete r['Version']!.DeletionPolicy;
		});
		expect(compareFacts({ cloudformation: other, cloudformationBefore: cloudformation }).map((d) => d.text)).toEqual([
			'CodeDeploy deployment group of the Lambda application: CodeDeployDefault.LambdaAllAtOnce, BLUE_GREEN WITH_TRAFFIC_CONTROL; no alarms stop it; rolls back on DEPLOYMENT_FAILURE',
			'CodeDeploy deployment group of the Lambda application: CodeDeployDefault.LambdaCanary10Percent5Minutes, BLUE_GREEN WITH_TRAFFIC_CONTROL; stops on the alarm on AWS/Lambda Errors; rolls back on DEPLOYMENT_FAILURE, DEPLOYMENT_STOP_ON_ALARM',
			'Lambda alias live: a new version gets all traffic at once when the stack updates',
			"Lambda alias live: a new version gets traffic through the pattern's CodeDeploy deployment group when the stack updates",
			'Lambda function publishes a version on each change and deletes the version it replaces',
			'Lambda function publishes a version on each change and keeps the version it replaces',
		]);
	});

	test('an API that invokes the function instead of the alias, or an alarm on the whole function, loses their alias facts', () => {
		const other = changed((r) => {
			r['Integration']!.Properties['IntegrationUri'] = { 'Fn::GetAtt': ['Function', 'Arn'] } as unknown as Json;
			r['Permission']!.Properties['FunctionName'] = { 'Fn::GetAtt': ['Function', 'Arn'] } as unknown as Json;
			r['Errors']!.Properties['Dimensions'] = [{ Name: 'FunctionName', Value: { Ref: 'Function' } }] as unknown as Json;
		});
		const lost = compareFacts({ cloudformation: other, cloudformationBefore: cloudformation }).map((d) => d.text);
		expect(lost).toContain('HTTP API integration invokes Lambda alias live');
		expect(lost).toContain('Lambda alias live: apigateway.amazonaws.com may invoke it');
		expect(lost).toContain('alarm on AWS/Lambda Errors counts invocations through Lambda alias live');
	});

	test('a Terraform alias without ignore_changes takes each new version at once', async () => {
		const module = await loadTerraformModule(canary('terraform'));
		delete module.resources.get('aws_lambda_alias')!.get('alias')!['lifecycle'];
		const facts = factsOf(await readTerraformModule(module, 'us-east-1')).map((f) => f.text);
		expect(facts.filter((t) => t.startsWith('Lambda alias live: a new version'))).toEqual(['Lambda alias live: a new version gets all traffic at once when Terraform applies']);
	});
});

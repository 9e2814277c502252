/**
 * Deploy-time rules: what makes a template that every schema accepts fail when it is deployed,
 * or deploy something other than the page says. Each rule reads the model (so one rule covers the
 * three tools) and returns one line per problem; tests/iac/fixtures.test.ts proves each can fail.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type Node } from 'acorn';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { attachedPolicies, principalText, rolesOf, statements } from './facts';
import { dependenciesOf, list, resourcesOfType, target, type Json, type Model, type ModelResource } from '../../../../src/lib/iac/model';

export const logDeliveryService = 'logdelivery.elasticloadbalancing.amazonaws.com';

function attribute(lb: ModelResource, key: string): Json | undefined {
	return (list(lb.props['LoadBalancerAttributes']) as Array<Record<string, Json>>).find((a) => a['Key'] === key)?.['Value'];
}

/**
 * A load balancer with access logs on needs a bucket policy that lets log delivery write, or the
 * deployment fails (the load balancer test-writes when logging is switched on). AWS's ELB guide
 * now recommends the log delivery service principal in every Region; the older policy naming the
 * Region's Elastic Load Balancing account still works in Regions opened before August 2022 and in
 * no later one (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
 * aws-cdk-lib's Region table gives those accounts.
 */
export function loadBalancerLogDelivery(model: Model): string[] {
	if (!model.region) return ['loadBalancerLogDelivery needs a model read for a Region'];
	const account = RegionInfo.get(model.region).elbv2Account;
	const accepted = [`Service ${logDeliveryService}`, ...(account ? [`AWS ${account}`] : [])];
	return resourcesOfType(model, 'AWS::ElasticLoadBalancingV2::LoadBalancer').flatMap((lb) => {
		if (String(attribute(lb, 'access_logs.s3.enabled')) !== 'true') return [];
		const bucket = target(model, attribute(lb, 'access_logs.s3.bucket'));
		if (!bucket) return [`${lb.id}: writes access logs to a bucket outside the pattern, which this rule cannot check`];
		const policies = resourcesOfType(model, 'AWS::S3::BucketPolicy').filter((p) => target(model, p.props['Bucket'])?.id === bucket.id);
		const grants = policies.flatMap((p) =>
			statements(p.props['PolicyDocument'])
				.filter((s) => s['Effect'] === 'Allow' && list(s['Action']).some((a) => a === 's3:PutObject' || a === 's3:*'))
				.flatMap((s) => principalText(model, s['Principal']))
		);
		return grants.some((g) => accepted.includes(g))
			? []
			: [`${lb.id}: in ${model.region} log delivery writes as ${accepted.join(' or ')}, but the bucket policy of ${bucket.id} lets only ${grants.join(', ') || 'nobody'} put objects: the deployment fails when logging is switched on`];
	});
}

/**
 * An ECS service starts tasks as soon as it exists, and the tasks need their execution role's
 * permissions at once (image pull, secrets). A policy attached to that role as a separate resource
 * is created in parallel with the service unless the service waits for it.
 */
export function serviceWaitsForExecutionPolicies(model: Model): string[] {
	return resourcesOfType(model, 'AWS::ECS::Service').flatMap((service) => {
		const taskDefinition = target(model, service.props['TaskDefinition']);
		const role = taskDefinition && target(model, taskDefinition.props['ExecutionRoleArn']);
		if (!role) return [];
		const before = dependenciesOf(model, service.id);
		return attachedPolicies(model, role.id)
			.filter((policy) => !before.has(policy.id))
			.map((policy) => `${service.id}: may start tasks before ${policy.id} gives its execution role ${role.id} its permissions (add a dependency on it)`);
	});
}

/**
 * S3 checks a notification's destination when the configuration is written: the function must
 * already let S3 invoke it, so the notification must be created after the Lambda permission.
 */
export function notificationAfterPermission(model: Model): string[] {
	const carriers: Array<{ carrier: ModelResource; functions: Json[] }> = [
		...resourcesOfType(model, 'AWS::S3::Bucket').map((bucket) => ({
			carrier: bucket,
			functions: (list((bucket.props['NotificationConfiguration'] as Record<string, Json> | undefined)?.['LambdaConfigurations']) as Array<Record<string, Json>>).map((c) => c['Function'] ?? null),
		})),
		...resourcesOfType(model, 'Custom::S3BucketNotifications').map((carrier) => ({
			carrier,
			functions: (list((carrier.props['NotificationConfiguration'] as Record<string, Json> | undefined)?.['LambdaFunctionConfigurations']) as Array<Record<string, Json>>).map((c) => c['LambdaFunctionArn'] ?? null),
		})),
	];
	const permissions = resourcesOfType(model, 'AWS::Lambda::Permission').filter((p) => p.props['Principal'] === 's3.amazonaws.com');
	return carriers.flatMap(({ carrier, functions }) => {
		const before = dependenciesOf(model, carrier.id);
		return functions.flatMap((fn) => {
			const target_ = target(model, fn);
			if (!target_) return [];
			const permission = permissions.find((p) => target(model, p.props['FunctionName'])?.id === target_.id);
			if (!permission) return [`${carrier.id}: notifies ${target_.id}, which no Lambda permission lets S3 invoke`];
			return before.has(permission.id) ? [] : [`${carrier.id}: may be created before ${permission.id} lets S3 invoke ${target_.id}; S3 then rejects the notification`];
		});
	});
}

/**
 * An internal load balancer in these patterns is an origin: reached through CloudFront only. A rule
 * that admits any address lets everything in the VPC and connected networks past CloudFront's logs
 * and WAF.
 */
export function internalLoadBalancerNotOpen(model: Model): string[] {
	const open = (rule: Record<string, Json>) => rule['CidrIp'] === '0.0.0.0/0' || rule['CidrIpv6'] === '::/0';
	return resourcesOfType(model, 'AWS::ElasticLoadBalancingV2::LoadBalancer')
		.filter((lb) => lb.props['Scheme'] === 'internal')
		.flatMap((lb) =>
			list(lb.props['SecurityGroups']).flatMap((ref) => {
				const group = target(model, ref);
				if (!group) return [];
				const inline = (list(group.props['SecurityGroupIngress']) as Array<Record<string, Json>>).filter(open);
				const separate = resourcesOfType(model, 'AWS::EC2::SecurityGroupIngress').filter((r) => target(model, r.props['GroupId'])?.id === group.id && open(r.props));
				return inline.length + separate.length ? [`${lb.id}: internal load balancer's group ${group.id} admits any address; admit only its origin (CloudFront's origin-facing prefix list)`] : [];
			})
		);
}

/**
 * A State Manager association that runs once, without the deployment waiting for it, fails
 * silently (a role not yet usable) and never undoes later drift.
 */
export function associationRetries(model: Model): string[] {
	return resourcesOfType(model, 'AWS::SSM::Association').flatMap((association) => [
		...(association.props['ScheduleExpression'] ? [] : [`${association.id}: runs once; give it a schedule so that it undoes later changes`]),
		...(association.props['WaitForSuccessTimeoutSeconds'] ? [] : [`${association.id}: the deployment does not wait for it to succeed, so a failed run goes unnoticed`]),
	]);
}

/**
 * Services that assume a role to deliver something for the account; AWS documents the
 * aws:SourceAccount and aws:SourceArn conditions for their trust policies against the confused
 * deputy problem (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html).
 */
export const deputyServices = ['vpc-flow-logs.amazonaws.com', 'delivery.logs.amazonaws.com', 'ssm.amazonaws.com', 'events.amazonaws.com', 'scheduler.amazonaws.com', 'states.amazonaws.com'];

/** A role such a service assumes names the account (or resource) it may act for. */
export function trustNamesTheAccount(model: Model): string[] {
	return resourcesOfType(model, 'AWS::IAM::Role').flatMap((role) =>
		statements(role.props['AssumeRolePolicyDocument']).flatMap((s) => {
			if (s['Effect'] !== 'Allow') return [];
			const services = list((s['Principal'] as Record<string, Json> | undefined)?.['Service']).map(String).filter((service) => deputyServices.includes(service));
			const keys = Object.values((s['Condition'] ?? {}) as Record<string, Record<string, Json>>).flatMap((pairs) => Object.keys(pairs ?? {}).map((k) => k.toLowerCase()));
			const scoped = keys.includes('aws:sourceaccount') || keys.includes('aws:sourcearn');
			return services.length && !scoped ? [`${role.id}: trusts ${services.join(', ')} without an aws:SourceAccount or aws:SourceArn condition (confused deputy)`] : [];
		})
	);
}

/** GitHub Actions' OIDC issuer, the prefix of its claims' condition keys. */
export const githubOidcHost = 'token.actions.githubusercontent.com';

/** Whether a Federated principal is GitHub's OIDC provider: one in the model with its URL, or an ARN that names it. */
function isGitHubProvider(model: Model, principal: Json): boolean {
	const provider = target(model, principal);
	if (provider) return provider.type === 'AWS::IAM::OIDCProvider' && String(provider.props['Url'] ?? '').includes(githubOidcHost);
	return typeof principal === 'string' && principal.includes(`oidc-provider/${githubOidcHost}`);
}

/**
 * What a role that GitHub Actions assumes must never allow
 * (https://docs.github.com/en/actions/reference/security/oidc): without a condition on the token's
 * sub, any workflow in any repository on github.com gets the role. The sub must name one owner and
 * one repository with StringEquals, never a wildcard, StringLike or an IfExists or ForAllValues
 * operator (both pass when the claim is missing), and never a pull_request run; the aud must be
 * sts.amazonaws.com.
 */
export function githubTrustNamesOneRepository(model: Model): string[] {
	const sub = `${githubOidcHost}:sub`;
	const aud = `${githubOidcHost}:aud`;
	return resourcesOfType(model, 'AWS::IAM::Role').flatMap((role) =>
		statements(role.props['AssumeRolePolicyDocument']).flatMap((s) => {
			if (s['Effect'] !== 'Allow') return [];
			const federated = list((s['Principal'] as Record<string, Json> | undefined)?.['Federated']);
			if (!federated.some((p) => isGitHubProvider(model, p))) return [];
			const tests = Object.entries((s['Condition'] ?? {}) as Record<string, Record<string, Json>>).flatMap(([operator, pairs]) =>
				Object.entries(pairs ?? {}).map(([key, values]) => ({ operator, key: key.toLowerCase(), values: list(values).map(String) }))
			);
			const problems: string[] = [];
			const audiences = tests.filter((t) => t.key === aud);
			if (!audiences.some((t) => t.operator === 'StringEquals' && t.values.length > 0 && t.values.every((v) => v === 'sts.amazonaws.com'))) {
				problems.push(`${role.id}: trusts GitHub's OIDC provider without requiring ${aud} StringEquals sts.amazonaws.com`);
			}
			const subjects = tests.filter((t) => t.key === sub);
			if (subjects.length === 0) {
				problems.push(`${role.id}: trusts GitHub's OIDC provider with no ${sub} condition, so a workflow in any repository on GitHub can assume it`);
			}
			for (const { operator, values } of subjects) {
				if (/^ForAllValues:|IfExists$/.test(operator)) problems.push(`${role.id}: tests ${sub} with ${operator}, which passes when the claim is missing`);
				else if (operator !== 'StringEquals') problems.push(`${role.id}: tests ${sub} with ${operator}; use StringEquals and name one subject`);
				for (const value of values) {
					// repo:OWNER/REPO:CONTEXT, where OWNER and REPO may carry an immutable @ID.
					const [, repository, context] = /^repo:([^:]*)(?::(.*))?$/.exec(value) ?? [];
					if (repository === undefined) {
						problems.push(`${role.id}: its ${sub} ${value} does not name a repository (repo:OWNER/REPO:...)`);
						continue;
					}
					const [owner = '', name = ''] = repository.split('/');
					if (/[*?]/.test(repository)) {
						problems.push(`${role.id}: its ${sub} ${value} admits ${/[*?]/.test(owner) ? 'any owner' : `any repository of ${owner}`}`);
					} else if (context !== undefined && /[*?]/.test(context)) {
						problems.push(`${role.id}: its ${sub} ${value} admits every branch, tag, environment and pull request of ${owner}/${name}`);
					}
					if (context !== undefined && /^pull_request\b/.test(context)) problems.push(`${role.id}: its ${sub} ${value} trusts pull_request runs, which run code that is not yet reviewed`);
				}
			}
			return problems;
		})
	);
}

/**
 * A distribution with an API behaviour must not turn errors into the front end's index.html: a
 * distribution-wide custom error response does that to the API's 403s and 404s too. Rewrite paths
 * on the front end's behaviour instead (a viewer-request function).
 */
export function apiErrorsPassThrough(model: Model): string[] {
	return resourcesOfType(model, 'AWS::CloudFront::Distribution').flatMap((distribution) => {
		const config = (distribution.props['DistributionConfig'] ?? {}) as Record<string, Json>;
		const behaviours = list(config['CacheBehaviors']);
		const rewrites = (list(config['CustomErrorResponses']) as Array<Record<string, Json>>).filter((r) => r['ResponsePagePath'] !== undefined && r['ResponsePagePath'] !== null);
		return behaviours.length && rewrites.length
			? [`${distribution.id}: answers ${rewrites.map((r) => r['ErrorCode']).join(', ')} with ${rewrites[0]!['ResponsePagePath']} for every behaviour, the API's (${behaviours.map((b) => (b as Record<string, Json>)['PathPattern']).join(', ')}) included`]
			: [];
	});
}

/** Each Lambda event source mapping that reads an SQS queue, with the queue and the function. */
function queueMappings(model: Model): Array<{ mapping: ModelResource; queue: ModelResource; fn: ModelResource }> {
	return resourcesOfType(model, 'AWS::Lambda::EventSourceMapping').flatMap((mapping) => {
		const queue = target(model, mapping.props['EventSourceArn']);
		const fn = target(model, mapping.props['FunctionName']);
		return queue?.type === 'AWS::SQS::Queue' && fn?.type === 'AWS::Lambda::Function' ? [{ mapping, queue, fn }] : [];
	});
}

/**
 * Lambda refuses an SQS event source mapping whose queue hides a received message for less time
 * than the function may run, and AWS recommends at least six times the function's timeout, which
 * leaves Lambda time to retry a throttled batch before its messages reappear
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html).
 */
export function queueOutlastsFunction(model: Model): string[] {
	return queueMappings(model).flatMap(({ mapping, queue, fn }) => {
		const visibility = Number(queue.props['VisibilityTimeout'] ?? 30);
		const timeout = Number(fn.props['Timeout'] ?? 3);
		if (visibility < timeout) return [`${mapping.id}: ${queue.id} hides a message for ${visibility} s, less than the ${timeout} s ${fn.id} may run: Lambda refuses the event source mapping`];
		if (visibility < 6 * timeout) return [`${mapping.id}: ${queue.id} hides a message for ${visibility} s, less than six times the ${timeout} s timeout of ${fn.id} that AWS recommends`];
		return [];
	});
}

/**
 * Lambda checks, when it creates an SQS event source mapping, that the function's role may
 * receive from the queue; a policy attached to the role as a separate resource must exist first.
 */
export function mappingAfterQueuePermissions(model: Model): string[] {
	return queueMappings(model).flatMap(({ mapping, fn }) => {
		const role = target(model, fn.props['Role']);
		if (!role) return [];
		const before = dependenciesOf(model, mapping.id);
		return attachedPolicies(model, role.id)
			.filter((policy) => statements(policy.props['PolicyDocument']).some((s) => s['Effect'] !== 'Deny' && list(s['Action']).some((a) => ['sqs:receivemessage', 'sqs:*'].includes(String(a).toLowerCase()))))
			.filter((policy) => !before.has(policy.id))
			.map((policy) => `${mapping.id}: may be created before ${policy.id} lets ${role.id} receive from the queue; Lambda then refuses the event source mapping`);
	});
}

// ---------------------------------------------------------------------------------------------
// What a function's code calls

/** AWS SDK for JavaScript v3 clients -> IAM service prefix. */
const clientPrefixes: Record<string, string> = {
	dynamodb: 'dynamodb',
	'lib-dynamodb': 'dynamodb',
	s3: 's3',
	sqs: 'sqs',
	sns: 'sns',
	'secrets-manager': 'secretsmanager',
	ssm: 'ssm',
	kms: 'kms',
	eventbridge: 'events',
	sfn: 'states',
	'bedrock-runtime': 'bedrock',
	apigatewaymanagementapi: 'execute-api',
};

/**
 * API Gateway Management API commands -> the IAM action: execute-api:ManageConnections authorises
 * the whole @connections API, posting, reading and deleting a connection alike
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-control-access-iam.html).
 */
const managementApiActions: Record<string, string> = {
	PostToConnection: 'ManageConnections',
	GetConnection: 'ManageConnections',
	DeleteConnection: 'ManageConnections',
};

/**
 * Bedrock runtime commands -> the IAM action that authorises each, where the names differ: "This
 * operation requires permission for the bedrock:InvokeModelWithResponseStream action"
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html).
 */
const bedrockRuntimeActions: Record<string, string> = {
	Converse: 'InvokeModel',
	ConverseStream: 'InvokeModelWithResponseStream',
};

/**
 * Model invocations that apply a guardrail when the call names one (guardrailConfig in the
 * Converse APIs, guardrailIdentifier in InvokeModel): Bedrock applies it with the caller's
 * bedrock:ApplyGuardrail permission (https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions.html).
 */
const guardedInvocations = new Set(['Converse', 'ConverseStream', 'InvokeModel', 'InvokeModelWithResponseStream']);

/** The document client's commands -> the DynamoDB actions they call. */
const documentClientActions: Record<string, string> = {
	Get: 'GetItem',
	Put: 'PutItem',
	Update: 'UpdateItem',
	Delete: 'DeleteItem',
	Query: 'Query',
	Scan: 'Scan',
	BatchGet: 'BatchGetItem',
	BatchWrite: 'BatchWriteItem',
	TransactGet: 'TransactGetItems',
	TransactWrite: 'TransactWriteItems',
};

/** Names a module imports from the AWS SDK, by package: `import { X } from` and `const { X } = require(...)`. */
function sdkImports(source: string): Array<{ module: string; names: string[] }> {
	let program: Node;
	try {
		program = parse(source, { ecmaVersion: 'latest', sourceType: 'module' });
	} catch {
		program = parse(source, { ecmaVersion: 'latest', sourceType: 'script' });
	}
	const found: Array<{ module: string; names: string[] }> = [];
	const visit = (node: unknown): void => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach(visit);
		const n = node as Record<string, unknown> & { type?: string };
		if (n.type === 'ImportDeclaration') {
			const module = String((n['source'] as { value: unknown }).value);
			const names = (n['specifiers'] as Array<{ type: string; imported?: { name?: string; value?: string } }>)
				.filter((s) => s.type === 'ImportSpecifier')
				.map((s) => String(s.imported?.name ?? s.imported?.value));
			found.push({ module, names });
		}
		if (n.type === 'VariableDeclarator') {
			const init = n['init'] as { type?: string; callee?: { name?: string }; arguments?: Array<{ value?: unknown }> } | null;
			const id = n['id'] as { type?: string; properties?: Array<{ key?: { name?: string } }> };
			if (init?.type === 'CallExpression' && init.callee?.name === 'require' && id.type === 'ObjectPattern') {
				found.push({ module: String(init.arguments?.[0]?.value), names: (id.properties ?? []).map((p) => String(p.key?.name)) });
			}
		}
		for (const [key, value] of Object.entries(n)) if (key !== 'type' && typeof value === 'object') visit(value);
	};
	visit(program);
	return found.filter((f) => f.module.startsWith('@aws-sdk/'));
}

/** Whether a module passes a guardrail to a model call: a guardrailConfig or guardrailIdentifier property. */
function namesAGuardrail(source: string): boolean {
	let program: Node;
	try {
		program = parse(source, { ecmaVersion: 'latest', sourceType: 'module' });
	} catch {
		program = parse(source, { ecmaVersion: 'latest', sourceType: 'script' });
	}
	const keys = new Set(['guardrailConfig', 'guardrailIdentifier']);
	const visit = (node: unknown): boolean => {
		if (!node || typeof node !== 'object') return false;
		if (Array.isArray(node)) return node.some(visit);
		const n = node as Record<string, unknown> & { type?: string; key?: { name?: string; value?: unknown } };
		if (n.type === 'Property' && keys.has(String(n.key?.name ?? n.key?.value))) return true;
		return Object.entries(n).some(([key, value]) => key !== 'type' && typeof value === 'object' && visit(value));
	};
	return visit(program);
}

/**
 * The IAM actions a folder of function code calls through the AWS SDK for JavaScript v3, read from
 * the commands it imports (with acorn, so ES modules and CommonJS alike), or undefined when it uses
 * no SDK client this table knows.
 */
export function sdkActions(srcDir: string): Set<string> | undefined {
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) {
				if (name !== 'node_modules') walk(path);
			} else if (/\.(m?js|cjs)$/.test(name) && !/\.test\./.test(name)) files.push(path);
		}
	};
	walk(srcDir);
	const actions = new Set<string>();
	let known = false;
	for (const file of files) {
		const source = readFileSync(file, 'utf8');
		for (const { module, names } of sdkImports(source)) {
			const client = module.replace(/^@aws-sdk\/(client-)?/, '');
			const prefix = clientPrefixes[client];
			if (!prefix) continue;
			known = true;
			for (const name of names) {
				const command = /^(\w+)Command$/.exec(name)?.[1];
				if (!command) continue;
				const action =
					client === 'lib-dynamodb' ? documentClientActions[command]
					: client === 'bedrock-runtime' ? bedrockRuntimeActions[command]
					: client === 'apigatewaymanagementapi' ? managementApiActions[command]
					: undefined;
				actions.add(`${prefix}:${action ?? command}`.toLowerCase());
				if (client === 'bedrock-runtime' && guardedInvocations.has(command) && namesAGuardrail(source)) actions.add('bedrock:applyguardrail');
			}
		}
	}
	return known ? actions : undefined;
}

/**
 * A function's role may do no more, on the services its code calls, than the code calls
 * (least privilege that a reader can check against the code on the page).
 */
export function functionPermissionsMatchCode(model: Model, calls: ReadonlySet<string>): string[] {
	const prefixes = new Set([...calls].map((a) => a.split(':')[0]!));
	const roles = new Set(resourcesOfType(model, 'AWS::Lambda::Function').map((f) => target(model, f.props['Role'])?.id).filter(Boolean));
	const documents = [...model.resources.values()].flatMap((r) => {
		if (r.type === 'AWS::IAM::Role' && roles.has(r.id)) return list(r.props['Policies']).map((p) => ({ id: r.id, doc: (p as Record<string, Json>)['PolicyDocument'] }));
		if (['AWS::IAM::Policy', 'AWS::IAM::RolePolicy', 'AWS::IAM::ManagedPolicy'].includes(r.type)) {
			return rolesOf(model, r).some((role) => roles.has(role.id)) ? [{ id: r.id, doc: r.props['PolicyDocument'] }] : [];
		}
		return [];
	});
	const extra = new Set<string>();
	for (const { doc } of documents) {
		for (const statement of statements(doc as Json)) {
			if (statement['Effect'] !== 'Allow') continue;
			for (const action of list(statement['Action']).map((a) => String(a).toLowerCase())) {
				const prefix = action.split(':')[0]!;
				if (prefixes.has(prefix) && !calls.has(action)) extra.add(action);
			}
		}
	}
	return [...extra].sort().map((action) => `the function's role allows ${action}, which its code never calls (it calls ${[...calls].sort().join(', ')})`);
}

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
};

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
		for (const { module, names } of sdkImports(readFileSync(file, 'utf8'))) {
			const client = module.replace(/^@aws-sdk\/(client-)?/, '');
			const prefix = clientPrefixes[client];
			if (!prefix) continue;
			known = true;
			for (const name of names) {
				const command = /^(\w+)Command$/.exec(name)?.[1];
				if (!command) continue;
				actions.add(`${prefix}:${client === 'lib-dynamodb' ? (documentClientActions[command] ?? command) : command}`.toLowerCase());
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

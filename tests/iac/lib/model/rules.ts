/**
 * Deploy-time rules: what makes a template that every schema accepts fail when it is deployed,
 * or deploy something other than the page says. Each rule reads the model (so one rule covers the
 * three tools) and returns one line per problem; tests/iac/fixtures.test.ts proves each can fail.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { attachedPolicies, canonical } from './facts';
import { dependenciesOf, list, resourcesOfType, target, type Json, type Model, type ModelResource } from '../../../../src/lib/iac/model';

export const logDeliveryService = 'logdelivery.elasticloadbalancing.amazonaws.com';

function statementsOf(doc: Json | undefined): Array<Record<string, Json>> {
	if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return [];
	return list(doc['Statement']) as Array<Record<string, Json>>;
}

function attribute(lb: ModelResource, key: string): Json | undefined {
	return (list(lb.props['LoadBalancerAttributes']) as Array<Record<string, Json>>).find((a) => a['Key'] === key)?.['Value'];
}

/**
 * A load balancer with access logs on needs a bucket policy that lets the Region's log delivery
 * write: in Regions opened before August 2022, the Region's Elastic Load Balancing account; in
 * later ones, the log delivery service. The load balancer test-writes when logging is switched on,
 * so without it the deployment fails. (aws-cdk-lib's Region table gives the accounts.)
 */
export function loadBalancerLogDelivery(model: Model): string[] {
	if (!model.region) return ['loadBalancerLogDelivery needs a model read for a Region'];
	const account = RegionInfo.get(model.region).elbv2Account;
	const expected = account ? `AWS ${account}` : `Service ${logDeliveryService}`;
	return resourcesOfType(model, 'AWS::ElasticLoadBalancingV2::LoadBalancer').flatMap((lb) => {
		if (String(attribute(lb, 'access_logs.s3.enabled')) !== 'true') return [];
		const bucket = target(model, attribute(lb, 'access_logs.s3.bucket'));
		if (!bucket) return [`${lb.id}: writes access logs to a bucket outside the pattern, which this rule cannot check`];
		const policies = resourcesOfType(model, 'AWS::S3::BucketPolicy').filter((p) => target(model, p.props['Bucket'])?.id === bucket.id);
		const grants = policies.flatMap((p) =>
			statementsOf(p.props['PolicyDocument'])
				.filter((s) => s['Effect'] === 'Allow' && list(s['Action']).some((a) => a === 's3:PutObject' || a === 's3:*'))
				.flatMap((s) => {
					const principal = s['Principal'] as Record<string, Json> | undefined;
					return Object.entries(principal ?? {}).flatMap(([kind, values]) =>
						list(values).map((v) => `${kind} ${canonical(model, v).replace(/^arn:aws:iam::(\d{12}):root$/, '$1')}`)
					);
				})
		);
		return grants.includes(expected)
			? []
			: [`${lb.id}: in ${model.region} log delivery writes as ${expected}, but the bucket policy of ${bucket.id} lets only ${grants.join(', ') || 'nobody'} put objects: the deployment fails when logging is switched on`];
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

/**
 * The IAM actions a folder of function code calls through the AWS SDK for JavaScript v3, read from
 * the commands it imports, or undefined when it uses no SDK client this table knows.
 */
export function sdkActions(srcDir: string): Set<string> | undefined {
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) {
				if (name !== 'node_modules') walk(path);
			} else if (/\.(m?js|ts)$/.test(name) && !/\.test\./.test(name)) files.push(path);
		}
	};
	walk(srcDir);
	const actions = new Set<string>();
	let known = false;
	for (const file of files) {
		const text = readFileSync(file, 'utf8');
		for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]@aws-sdk\/(client-|)([a-z0-9-]+)['"]/g)) {
			const client = match[3]!;
			const prefix = clientPrefixes[client];
			if (!prefix) continue;
			known = true;
			for (const name of match[1]!.split(',').map((n) => n.trim().split(/\s+as\s+/)[0]!)) {
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
			const attachedTo = [...list(r.props['Roles']), ...list(r.props['RoleName'])].map((v) => target(model, v as Json)?.id);
			const attachments = resourcesOfType(model, 'Terraform::RolePolicyAttachment').filter((a) => target(model, a.props['PolicyArn'])?.id === r.id).map((a) => target(model, a.props['Role'])?.id);
			return [...attachedTo, ...attachments].some((id) => roles.has(id)) ? [{ id: r.id, doc: r.props['PolicyDocument'] }] : [];
		}
		return [];
	});
	const extra = new Set<string>();
	for (const { doc } of documents) {
		for (const statement of statementsOf(doc as Json)) {
			if (statement['Effect'] !== 'Allow') continue;
			for (const action of list(statement['Action']).map((a) => String(a).toLowerCase())) {
				const prefix = action.split(':')[0]!;
				if (prefixes.has(prefix) && !calls.has(action)) extra.add(action);
			}
		}
	}
	return [...extra].sort().map((action) => `the function's role allows ${action}, which its code never calls (it calls ${[...calls].sort().join(', ')})`);
}

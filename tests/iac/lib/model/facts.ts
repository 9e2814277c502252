/**
 * Reduces a model to facts a reader of the pattern would care about, in words that do not depend
 * on the tool: sizes and capacities, network rules, IAM statements, health checks, log retention,
 * deletion settings and the order a service needs. Two variants of a pattern must give the same
 * multiset of facts unless pattern.yaml declares the difference (`differences`).
 *
 * Resource names never appear: a resource is named by what it is for (the role a Lambda function
 * runs as, the security group of the load balancer), so CDK's generated ids, the template's logical
 * ids and Terraform's addresses compare equal. IAM statements are split into one fact per effect,
 * action, resource and condition, so that CDK's grouping of statements does not matter.
 */
import { dependenciesOf, list, resourceIdOf, resourcesOfType, target, type Json, type Model, type ModelResource } from '../../../../src/lib/iac/model';
import { serverlessFacts } from './facts-serverless';
import { workflowFacts } from './facts-workflow';
import { analyticsFacts } from './facts-analytics';
import { containerFacts } from './facts-containers';
import { messagingFacts } from './facts-messaging';
import { multiRegionFacts } from './facts-regions';
import { deliveryFacts } from './facts-delivery';
import { edgeFacts } from './facts-edge';

export interface Fact {
	/** What kind of fact, for grouping in messages: size, network, access, auth, iam, health, logs, deletion, order, config, guardrail, delivery, data, query, queue, schedule, alarm, encryption. */
	kind: string;
	text: string;
	/** Where it comes from in the variant (logical id or address). */
	source: string;
}

/** Names a resource by what uses it, for facts that must not depend on ids. */
function purposeNamer(model: Model): (id: string) => string {
	const uses = new Map<string, string>();
	const note = (value: Json | undefined, purpose: string) => {
		for (const item of list(value)) {
			const r = target(model, item as Json);
			if (r && !uses.has(r.id)) uses.set(r.id, purpose);
		}
	};
	for (const r of model.resources.values()) {
		const p = r.props;
		switch (r.type) {
			case 'AWS::Lambda::Function':
				note(p['Role'], 'the Lambda function role');
				note((p['VpcConfig'] as Record<string, Json> | undefined)?.['SecurityGroupIds'], 'the Lambda function security group');
				break;
			case 'AWS::ECS::TaskDefinition':
				note(p['ExecutionRoleArn'], 'the ECS task execution role');
				note(p['TaskRoleArn'], 'the ECS task role');
				break;
			case 'AWS::ECS::Service': {
				const network = (p['NetworkConfiguration'] as Record<string, Record<string, Json>> | undefined)?.['AwsvpcConfiguration'];
				note(network?.['SecurityGroups'], 'the ECS service security group');
				break;
			}
			case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
				note(p['SecurityGroups'], `the ${p['Scheme'] === 'internal' ? 'internal' : 'internet-facing'} load balancer security group`);
				break;
			case 'AWS::RDS::DBCluster':
				note(p['VpcSecurityGroupIds'], 'the database security group');
				break;
			case 'AWS::RDS::DBInstance':
				note(p['VPCSecurityGroups'], 'the database security group');
				break;
			case 'AWS::EC2::VPCEndpoint':
				note(p['SecurityGroupIds'], 'the VPC endpoint security group');
				break;
			case 'AWS::EC2::FlowLog':
				note(p['DeliverLogsPermissionArn'], 'the flow log role');
				break;
			case 'AWS::SSM::Association':
				note((p['Parameters'] as Record<string, Json> | undefined)?.['AutomationAssumeRole'], 'the State Manager automation role');
				break;
			case 'AWS::StepFunctions::StateMachine':
				note(p['RoleArn'], 'the state machine role');
				break;
		}
	}
	return (id) => {
		const r = model.resources.get(id);
		if (uses.has(id)) return uses.get(id)!;
		if (r?.type === 'AWS::IAM::Role') {
			const services = trustServices(r);
			return services.length ? `a role for ${services.join(', ')}` : 'a role';
		}
		return r ? `a ${r.type.split('::').slice(1).join(' ')}` : 'something outside the pattern';
	};
}

function trustServices(role: ModelResource): string[] {
	const doc = role.props['AssumeRolePolicyDocument'] as { Statement?: Json } | undefined;
	return list(doc?.Statement).flatMap((s) => list(((s as Record<string, Json>)['Principal'] as Record<string, Json> | undefined)?.['Service']).map(String)).sort();
}

/**
 * A value with resource references replaced by what they point at (`<AWS::S3::Bucket>`), ARNs built
 * from names reduced to the same form, and the deployment's account, Region and partition named.
 */
export function canonical(model: Model, value: Json | undefined): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
	return text
		.replace(/\$\{AWS::AccountId\}/g, '<account>')
		.replace(/\$\{AWS::Region\}/g, '<region>')
		.replace(/\$\{AWS::Partition\}/g, 'aws')
		.replace(/\$\{prefix-list:([^}]+)\}/g, '$1')
		.replace(/\$\{([^}]+)\}/g, (whole, reference: string) => {
			const id = resourceIdOf(reference, model.resources);
			return id ? `<${model.resources.get(id)!.type}>` : whole;
		})
		// Glue databases and tables have no ARN attribute in CloudFormation: templates build the ARN
		// from the names, where Terraform reads the resource's arn. Both are the same ARN.
		.replace(/arn:aws:glue:[^:]*:<account>:table\/<AWS::Glue::Database>\/(<AWS::Glue::Table>)/g, '$1')
		.replace(/arn:aws:glue:[^:]*:<account>:database\/(<AWS::Glue::Database>)/g, '$1')
		// An ARN built around a reference is that resource, whether the model was read for a Region
		// (us-east-1) or left it symbolic (<region>): a template builds an SSM parameter's ARN from its
		// name, where Terraform reads the resource's arn.
		.replace(/arn:aws:[a-z0-9-]+:(?:<region>|[a-z]{2}(?:-[a-z]+)+-\d)?:(?:<account>)?:[a-z-]*[/:]?(<AWS::[^>]+>)/g, '$1')
		.replace(/arn:aws:s3:::(<AWS::S3::Bucket>)/g, '$1')
		.replace(/(<AWS::Logs::LogGroup>):\*/g, '$1');
}

/** A policy document's statements, from the document or its JSON text. */
export function statements(doc: Json | undefined): Array<Record<string, Json>> {
	if (typeof doc === 'string' && doc.trim().startsWith('{')) return statements(JSON.parse(doc) as Json);
	if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return [];
	return list(doc['Statement']) as Array<Record<string, Json>>;
}

function conditionText(model: Model, condition: Json | undefined): string {
	if (!condition || typeof condition !== 'object') return '';
	const parts = Object.entries(condition).flatMap(([operator, pairs]) =>
		Object.entries((pairs ?? {}) as Record<string, Json>).map(([key, values]) => `${operator} ${key} ${list(values).map((v) => canonical(model, v)).sort().join('|')}`)
	);
	return parts.length ? ` if ${parts.sort().join(' and ')}` : '';
}

/** A statement's principals, one per line: `Service x`, `AWS <account>`, or `anyone`. */
export function principalText(model: Model, principal: Json | undefined): string[] {
	if (principal === '*') return ['anyone'];
	if (!principal || typeof principal !== 'object') return [];
	return Object.entries(principal).flatMap(([kind, values]) =>
		list(values).map((v) => {
			const text = canonical(model, v);
			return kind === 'AWS' && text === '*' ? 'anyone' : `${kind} ${text.replace(/^arn:aws:iam::(\d{12}|<account>):root$/, '$1')}`;
		})
	);
}

/** One fact per effect, principal, action and resource of a policy document. */
function policyFacts(model: Model, subject: string, doc: Json | undefined, source: string): Fact[] {
	return statements(doc).flatMap((s) => {
		const effect = String(s['Effect'] ?? 'Allow').toLowerCase();
		const actions = list(s['Action'] ?? s['NotAction']).map((a) => String(a).toLowerCase());
		const notAction = s['NotAction'] !== undefined ? 'all but ' : '';
		const resources = list(s['Resource'] ?? s['NotResource']).map((r) => canonical(model, r));
		const notResource = s['NotResource'] !== undefined ? 'all but ' : '';
		const principals = s['Principal'] !== undefined ? principalText(model, s['Principal']) : [''];
		const condition = conditionText(model, s['Condition']);
		return principals.flatMap((principal) =>
			actions.flatMap((action) =>
				(resources.length ? resources : ['']).map((resource) => ({
					kind: 'iam',
					text: `${subject}: ${effect} ${principal ? `${principal} ` : ''}${notAction}${action}${resource ? ` on ${notResource}${resource}` : ''}${condition}`,
					source,
				}))
			)
		);
	});
}

function sgRuleFacts(model: Model, name: (id: string) => string): Fact[] {
	const facts: Fact[] = [];
	const peer = (rule: Record<string, Json>): string => {
		for (const key of ['CidrIp', 'CidrIpv6']) if (rule[key] !== undefined && rule[key] !== null) return String(rule[key]);
		for (const key of ['SourcePrefixListId', 'DestinationPrefixListId']) if (rule[key] !== undefined && rule[key] !== null) return `prefix list ${canonical(model, rule[key])}`;
		for (const key of ['SourceSecurityGroupId', 'DestinationSecurityGroupId']) {
			const group = target(model, rule[key]);
			if (group) return name(group.id);
			if (rule[key] === '${self}') return 'itself';
		}
		return 'an unknown peer';
	};
	const describe = (group: string, direction: string, rule: Record<string, Json>, source: string) => {
		const protocol = String(rule['IpProtocol'] ?? '-1').toLowerCase();
		const all = protocol === '-1' || protocol === 'all';
		const ports = all ? 'all traffic' : `${protocol === '6' ? 'tcp' : protocol === '17' ? 'udp' : protocol} ${rule['FromPort']}-${rule['ToPort']}`;
		facts.push({ kind: 'network', text: `${group} ${direction} ${ports} ${direction === 'allows in' ? 'from' : 'to'} ${peer(rule)}`, source });
	};
	for (const group of resourcesOfType(model, 'AWS::EC2::SecurityGroup')) {
		const label = name(group.id);
		for (const rule of list(group.props['SecurityGroupIngress'])) describe(label, 'allows in', rule as Record<string, Json>, group.id);
		const egress = list(group.props['SecurityGroupEgress']) as Array<Record<string, Json>>;
		// CloudFormation and CDK keep EC2's default allow-all egress rule when none is given (CDK
		// writes a rule that matches nothing to mean "none"); Terraform removes it.
		if (model.variant !== 'terraform' && egress.length === 0) describe(label, 'allows out', { IpProtocol: '-1', CidrIp: '0.0.0.0/0' }, group.id);
		for (const rule of egress) {
			if (rule['CidrIp'] === '255.255.255.255/32' && String(rule['IpProtocol']) === 'icmp') continue;
			describe(label, 'allows out', rule, group.id);
		}
	}
	for (const type of ['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress']) {
		for (const rule of resourcesOfType(model, type)) {
			const group = target(model, rule.props['GroupId']);
			describe(group ? name(group.id) : 'an unknown group', type.endsWith('Ingress') ? 'allows in' : 'allows out', rule.props, rule.id);
		}
	}
	return facts;
}

const defaultKeyPolicy: Json = { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::${AWS::AccountId}:root' }, Action: 'kms:*', Resource: '*' }] };

const num = (value: Json | undefined, fallback: number | string) => (value === undefined || value === null ? fallback : value);

/**
 * The API's defaults where a property is left out. Terraform's AWS provider sets some arguments
 * itself when they are left out; where its default differs, `terraformDefaults` has it.
 */
const targetGroupDefaults = { HealthCheckPath: '/', HealthCheckIntervalSeconds: 30, HealthCheckTimeoutSeconds: 5, HealthyThresholdCount: 5, UnhealthyThresholdCount: 2, Matcher: '200' };
const terraformTargetGroupDefaults = { ...targetGroupDefaults, HealthyThresholdCount: 3, UnhealthyThresholdCount: 3 };

export function factsOf(model: Model): Fact[] {
	const name = purposeNamer(model);
	const facts: Fact[] = [];
	const add = (kind: string, text: string, source: string) => facts.push({ kind, text, source });

	for (const r of model.resources.values()) {
		const p = r.props;
		switch (r.type) {
			case 'AWS::Lambda::Function': {
				add('size', `Lambda function: ${num(p['MemorySize'], 128)} MB, ${list(p['Architectures'])[0] ?? 'x86_64'}, timeout ${num(p['Timeout'], 3)} s, ${p['Runtime'] ?? 'container image'}`, r.id);
				// Terraform writes -1 for "no reserved concurrency".
				const reserved = p['ReservedConcurrentExecutions'];
				if (reserved !== undefined && reserved !== null && Number(reserved) !== -1) add('size', `Lambda function: reserved concurrency ${reserved}`, r.id);
				// Settings the code reads, where the value is written in the code (not a reference).
				const variables = ((p['Environment'] as Record<string, Json> | undefined)?.['Variables'] ?? {}) as Record<string, Json>;
				for (const [key, value] of Object.entries(variables)) {
					if (['string', 'number', 'boolean'].includes(typeof value) && !String(value).includes('${')) add('config', `Lambda function environment: ${key}=${String(value)}`, r.id);
				}
				break;
			}
			case 'AWS::Lambda::Url':
				add('access', `Lambda function URL: auth ${p['AuthType']}, invoke mode ${p['InvokeMode'] ?? 'BUFFERED'}`, r.id);
				break;
			case 'AWS::Bedrock::Guardrail': {
				const content = (p['ContentPolicyConfig'] ?? {}) as Record<string, Json>;
				for (const f of list(content['FiltersConfig']) as Array<Record<string, Json>>) {
					add('guardrail', `guardrail content filter ${f['Type']}: input ${f['InputStrength']}, output ${f['OutputStrength']}`, r.id);
				}
				const topics = (p['TopicPolicyConfig'] ?? {}) as Record<string, Json>;
				for (const t of list(topics['TopicsConfig']) as Array<Record<string, Json>>) {
					add('guardrail', `guardrail topic ${t['Name']} (${t['Type']}): ${t['Definition']} e.g. ${list(t['Examples']).join(' | ')}`, r.id);
				}
				add('guardrail', `guardrail answers a blocked prompt with "${p['BlockedInputMessaging']}" and a blocked answer with "${p['BlockedOutputsMessaging']}"`, r.id);
				break;
			}
			case 'AWS::ECS::TaskDefinition': {
				const arch = (p['RuntimePlatform'] as Record<string, Json> | undefined)?.['CpuArchitecture'] ?? 'X86_64';
				add('size', `ECS task: ${p['Cpu']} CPU units, ${p['Memory']} MiB, ${arch}`, r.id);
				break;
			}
			case 'AWS::ECS::Service': {
				add('size', `ECS service: ${num(p['DesiredCount'], 1)} tasks desired`, r.id);
				// The tasks pull images and secrets with the execution role as soon as the service
				// exists: the role's separate policies must be in place before it.
				const taskDefinition = target(model, p['TaskDefinition']);
				const executionRole = taskDefinition && target(model, taskDefinition.props['ExecutionRoleArn']);
				if (executionRole) {
					const before = dependenciesOf(model, r.id);
					const policies = attachedPolicies(model, executionRole.id);
					const missing = policies.filter((policy) => !before.has(policy.id));
					add('order', `ECS service is created ${missing.length ? 'before' : 'after'} all ${policies.length} separate policies of its execution role`, r.id);
				}
				break;
			}
			case 'AWS::ApplicationAutoScaling::ScalableTarget':
				add('size', `scaling: ${p['MinCapacity']} to ${p['MaxCapacity']}`, r.id);
				break;
			case 'AWS::RDS::DBCluster': {
				const scaling = p['ServerlessV2ScalingConfiguration'] as Record<string, Json> | null | undefined;
				add('size', `database cluster: ${p['Engine']}${scaling ? `, Serverless v2 ${scaling['MinCapacity']} to ${scaling['MaxCapacity']} ACU${scaling['SecondsUntilAutoPause'] != null ? `, pauses after ${scaling['SecondsUntilAutoPause']} s` : ''}` : ''}`, r.id);
				add('deletion', `database cluster: deletion protection ${p['DeletionProtection'] === true || p['DeletionProtection'] === 'true' ? 'on' : 'off'}, backups kept ${num(p['BackupRetentionPeriod'], 1)} days, storage ${p['StorageEncrypted'] === true || p['StorageEncrypted'] === 'true' ? 'encrypted' : 'not encrypted'}`, r.id);
				break;
			}
			case 'AWS::RDS::DBInstance':
				add('size', `database instance: ${p['DBInstanceClass']}`, r.id);
				break;
			case 'AWS::Logs::LogGroup':
				add('logs', `log group kept ${p['RetentionInDays'] ?? 'forever'}${p['RetentionInDays'] ? ' days' : ''}`, r.id);
				break;
			case 'AWS::ElasticLoadBalancingV2::TargetGroup': {
				const d = model.variant === 'terraform' ? terraformTargetGroupDefaults : targetGroupDefaults;
				const matcher = (p['Matcher'] as Record<string, Json> | undefined)?.['HttpCode'] ?? d.Matcher;
				add(
					'health',
					`target group health check: ${num(p['HealthCheckPath'], d.HealthCheckPath)} every ${num(p['HealthCheckIntervalSeconds'], d.HealthCheckIntervalSeconds)} s, timeout ${num(p['HealthCheckTimeoutSeconds'], d.HealthCheckTimeoutSeconds)} s, healthy after ${num(p['HealthyThresholdCount'], d.HealthyThresholdCount)}, unhealthy after ${num(p['UnhealthyThresholdCount'], d.UnhealthyThresholdCount)}, codes ${matcher}`,
					r.id
				);
				break;
			}
			case 'AWS::IAM::Role': {
				const subject = name(r.id);
				facts.push(...policyFacts(model, `${subject} trust`, r.props['AssumeRolePolicyDocument'], r.id));
				for (const policy of list(p['Policies'])) facts.push(...policyFacts(model, subject, (policy as Record<string, Json>)['PolicyDocument'], r.id));
				for (const arn of list(p['ManagedPolicyArns'])) add('iam', `${subject}: managed policy ${canonical(model, arn)}`, r.id);
				// Only a maximum other than IAM's default of one hour is a fact, so roles that keep the
				// default read the same whether a variant writes it out or not. A boundary caps every policy.
				if (Number(num(p['MaxSessionDuration'], 3600)) !== 3600) add('iam', `${subject}: sessions last at most ${p['MaxSessionDuration']} s`, r.id);
				if (typeof p['PermissionsBoundary'] === 'string' && p['PermissionsBoundary'] !== '') add('iam', `${subject}: permissions boundary ${canonical(model, p['PermissionsBoundary'])}`, r.id);
				break;
			}
			case 'AWS::IAM::OIDCProvider':
				// Thumbprints are left out: IAM ignores them for issuers whose certificate a trusted root CA signs.
				add('iam', `OIDC identity provider ${canonical(model, p['Url'])} for audiences ${list(p['ClientIdList']).map(String).sort().join(', ') || 'none'}`, r.id);
				break;
			case 'Terraform::RolePolicyAttachment': {
				const role = target(model, p['Role']);
				const policy = target(model, p['PolicyArn']);
				if (role && !policy) add('iam', `${name(role.id)}: managed policy ${canonical(model, p['PolicyArn'])}`, r.id);
				break;
			}
			case 'AWS::IAM::Policy':
			case 'AWS::IAM::RolePolicy':
			case 'AWS::IAM::ManagedPolicy': {
				const roles = rolesOf(model, r);
				for (const role of roles) facts.push(...policyFacts(model, name(role.id), p['PolicyDocument'], r.id));
				break;
			}
			case 'AWS::S3::BucketPolicy':
				facts.push(...policyFacts(model, 'bucket policy', p['PolicyDocument'], r.id));
				break;
			case 'AWS::SQS::QueuePolicy':
				facts.push(...policyFacts(model, 'queue policy', p['PolicyDocument'], r.id));
				break;
			case 'AWS::SNS::TopicPolicy':
				facts.push(...policyFacts(model, 'topic policy', p['PolicyDocument'], r.id));
				break;
			case 'AWS::KMS::Key':
				// Without a policy, KMS gives the key its default one: the account's IAM decides.
				facts.push(...policyFacts(model, 'key policy', p['KeyPolicy'] ?? defaultKeyPolicy, r.id));
				add('deletion', `KMS key rotation ${p['EnableKeyRotation'] === true || p['EnableKeyRotation'] === 'true' ? 'on' : 'off'}`, r.id);
				break;
			case 'AWS::SSM::Association':
				add('order', `State Manager association ${p['Name']}: ${p['ScheduleExpression'] ? `runs ${p['ScheduleExpression']}` : 'runs once'}, deployment ${p['WaitForSuccessTimeoutSeconds'] ? `waits ${p['WaitForSuccessTimeoutSeconds']} s for success` : 'does not wait for success'}`, r.id);
				break;
		}
	}
	facts.push(...sgRuleFacts(model, name));
	// HTTP API routes, authorizers and stages, Cognito user pools and clients, DynamoDB tables.
	facts.push(...serverlessFacts(model));
	// Firehose streams, Glue Data Catalog tables and Athena workgroups.
	facts.push(...analyticsFacts(model));
	// Step Functions state machines: type, logging, tracing and the definition state by state.
	facts.push(...workflowFacts(model));
	// EKS clusters, access entries and pod identity, and the subnet tags Kubernetes load balancing reads.
	facts.push(...containerFacts(model));
	// SQS queues and their redrive, event source mappings, schedules, alarms and SNS topics.
	facts.push(...messagingFacts(model));
	// Global tables, Route 53 health checks and failover records, API custom domains, by Region.
	facts.push(...multiRegionFacts(model));
	// Lambda versions and aliases, who invokes an alias, and CodeDeploy deployment groups that shift them.
	facts.push(...deliveryFacts(model));
	// AWS WAF web ACLs: rules in priority order, actions, rate limits, logging; the web ACL of each distribution.
	facts.push(...edgeFacts(model));
	return facts;
}

/** The roles a separate policy resource is attached to (CloudFormation lists them on the policy, Terraform attaches). */
export function rolesOf(model: Model, policy: ModelResource): ModelResource[] {
	const direct = [...list(policy.props['Roles']), ...list(policy.props['RoleName'])].map((v) => target(model, v as Json)).filter((r): r is ModelResource => r?.type === 'AWS::IAM::Role');
	const attached = resourcesOfType(model, 'Terraform::RolePolicyAttachment')
		.filter((a) => target(model, a.props['PolicyArn'])?.id === policy.id)
		.map((a) => target(model, a.props['Role']))
		.filter((r): r is ModelResource => r?.type === 'AWS::IAM::Role');
	return [...direct, ...attached];
}

/** Policy resources attached to a role, separate from it (created in parallel unless something orders them). */
export function attachedPolicies(model: Model, roleId: string): ModelResource[] {
	return [...model.resources.values()].filter((r) => ['AWS::IAM::Policy', 'AWS::IAM::RolePolicy', 'AWS::IAM::ManagedPolicy'].includes(r.type) && rolesOf(model, r).some((role) => role.id === roleId));
}

export interface FactDifference {
	text: string;
	kind: string;
	counts: Record<string, number>;
	sources: Record<string, string[]>;
}

/** Facts whose count differs between models. */
export function compareFacts(byVariant: Record<string, Fact[]>): FactDifference[] {
	const counts = new Map<string, FactDifference>();
	const variants = Object.keys(byVariant);
	for (const [variant, facts] of Object.entries(byVariant)) {
		for (const fact of facts) {
			const entry = counts.get(fact.text) ?? { text: fact.text, kind: fact.kind, counts: Object.fromEntries(variants.map((v) => [v, 0])), sources: Object.fromEntries(variants.map((v) => [v, [] as string[]])) };
			entry.counts[variant]! += 1;
			entry.sources[variant]!.push(fact.source);
			counts.set(fact.text, entry);
		}
	}
	return [...counts.values()].filter((d) => new Set(Object.values(d.counts)).size > 1).sort((a, b) => a.kind.localeCompare(b.kind) || a.text.localeCompare(b.text));
}

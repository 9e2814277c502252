/**
 * What a pattern deploys that its cost depends on, read from its CloudFormation template through the
 * behavioural model: sizes (function memory and architecture, task CPU and memory, capacity ranges)
 * and the count of every resource that bills by the hour or month whether or not traffic comes.
 *
 * Reading the template is enough: the IaC tests prove that the CDK and Terraform variants agree with
 * it on these facts (tests/iac/equivalence.test.ts). Change a size in the code and the estimate on
 * the page moves with it.
 */
import { readFileSync } from 'node:fs';
import { addResources, emptyModel, list, resourcesOfType, target, type Json, type Model } from './model';
import { cloudFormationDeployments } from './deployments';
import { kubernetesDeployments, type KubernetesDeploymentSize } from './kubernetes';
import { readCloudFormation } from './read-cloudformation';
import { parseDefinition, successPath } from './state-machine';
import { parseTemplate } from './template';

export interface FunctionSize {
	id: string;
	memoryMb: number;
	architecture: 'arm64' | 'x86_64';
}

export interface TaskSize {
	id: string;
	vcpu: number;
	memoryGb: number;
	architecture: 'ARM64' | 'X86_64';
	/** Tasks running when nothing scales them: the desired count, or the scaling minimum if higher. */
	running: number;
	/** The scaling range, when the service scales. */
	min?: number;
	max?: number;
}

export interface DatabaseClusterSize {
	id: string;
	engine: string;
	/** Serverless v2 capacity range in ACUs, when the cluster is Serverless v2. */
	minAcu?: number;
	maxAcu?: number;
	/** Seconds of no connections before a cluster at 0 ACU pauses. */
	autoPauseSeconds?: number;
	/** DB instances in the cluster (writer and readers). */
	instances: number;
	instanceClasses: string[];
}

export interface PatternSizing {
	functions: FunctionSize[];
	tasks: TaskSize[];
	databases: DatabaseClusterSize[];
	loadBalancers: Array<{ id: string; type: string; scheme: 'internal' | 'internet-facing'; subnets: number }>;
	natGateways: number;
	/** Elastic IP addresses (a NAT gateway's among them): each is a public IPv4 address billed by the hour. */
	elasticIps: number;
	/** Interface VPC endpoints, and the subnets (one network interface each, billed by the hour) they span. */
	interfaceEndpoints: Array<{ id: string; service: string; subnets: number }>;
	kmsKeys: number;
	/** Secrets Manager secrets, counting the one RDS keeps when it manages a master password. */
	secrets: number;
	alarms: number;
	dashboards: number;
	flowLogs: number;
	/** ECS clusters' Container Insights setting: disabled, enabled or enhanced. */
	containerInsights: string[];
	/**
	 * EKS clusters: each bills its control plane by the hour. The Kubernetes version (which decides
	 * standard or extended support), and whether EKS Auto Mode launches the nodes.
	 */
	eksClusters: Array<{ id: string; version: string; autoMode: boolean }>;
	/** Deployments in the pattern's k8s/ manifests, which kubectl applies (patternSizing reads them; none from a template alone). */
	kubernetesDeployments: KubernetesDeploymentSize[];
	/**
	 * Step Functions state machines: STANDARD or EXPRESS, and the states a successful execution
	 * enters (each is a state transition on a Standard workflow's bill), read from the definition.
	 */
	stateMachines: StateMachineSize[];
	/** Glue Data Catalog databases, tables and partitions: each is an object billed per month above a free allowance. */
	catalogObjects: number;
	/** Athena workgroups, with the bytes a query may scan before the workgroup cancels it, when set. */
	athenaWorkgroups: Array<{ id: string; bytesScannedCutoffPerQuery?: number }>;
	/**
	 * Cognito user pools and their feature plan, which sets the rate per monthly active user; a pool
	 * that names none gets Essentials (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html).
	 */
	userPools: Array<{ id: string; plan: string }>;
	/**
	 * EventBridge Scheduler schedules: the expression, its time zone and, when the expression can be
	 * counted offline (see runsPerDay), how many times a day it runs.
	 */
	schedules: Array<{ id: string; expression: string; timezone: string; perDay?: number }>;
	/**
	 * Lambda event source mappings that read an SQS queue. Their pollers call ReceiveMessage, a
	 * billed SQS request, even while the queue is empty.
	 */
	sqsEventSources: number;
	/** IAM roles and the OIDC and SAML identity providers that federate into them: no charge, but part of what a pattern deploys. */
	iamRoles: number;
	identityProviders: number;
	/** DynamoDB global tables and the Regions of their replicas: each replica stores a full copy, and each write is replicated to every replica. */
	globalTables: Array<{ id: string; replicas: string[] }>;
	/** Route 53 health checks: what they call, how often, and after how many failures in a row a checker reports the endpoint unhealthy. */
	healthChecks: Array<{ id: string; type: string; intervalSeconds: number; failureThreshold: number; region?: string }>;
	/** Route 53 failover records: their role, and how long resolvers may cache the answer (none given for an alias record). */
	failoverRecords: Array<{ id: string; role: string; ttlSeconds?: number; region?: string }>;
	/**
	 * AWS WAF web ACLs: each bills by the month, and so does each of its rules, a managed rule group
	 * counting as one rule (https://aws.github.io/aws-security-services-best-practices/guides/waf/waf-cost/docs/).
	 * The managed rule groups by name, so an estimate can tell the paid ones (Bot Control, Fraud
	 * Control) from the free ones, and the rate-based rules' limits.
	 */
	webAcls: WebAclSize[];
}

export interface WebAclSize {
	id: string;
	scope: string;
	/** Rules in the web ACL, each rule group counting as one. */
	rules: number;
	managedRuleGroups: string[];
	rateLimits: Array<{ rule: string; limit: number; windowSeconds: number }>;
}

export interface StateMachineSize {
	id: string;
	type: 'STANDARD' | 'EXPRESS';
	/** States entered from start to success, without retries; undefined when the definition is not inline. */
	successPath?: string[];
}

function stateMachineSize(id: string, props: Record<string, Json>): StateMachineSize {
	const text = props['DefinitionString'];
	const definition = typeof text === 'string' ? parseDefinition(text) : props['Definition'] ? parseDefinition(JSON.stringify(props['Definition'])) : undefined;
	const path = definition && successPath(definition);
	return {
		id,
		type: String(props['StateMachineType'] ?? 'STANDARD') === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
		...(path ? { successPath: path } : {}),
	};
}

const number = (value: Json | undefined, fallback: number): number => (value === undefined || value === null || value === '' ? fallback : Number(value));

/** The sizing of a model (read for one Region). */
export function sizingOf(model: Model): PatternSizing {
	const scaling = resourcesOfType(model, 'AWS::ApplicationAutoScaling::ScalableTarget');
	const functions = resourcesOfType(model, 'AWS::Lambda::Function').map((f) => ({
		id: f.id,
		memoryMb: number(f.props['MemorySize'], 128),
		architecture: (String(list(f.props['Architectures'])[0] ?? 'x86_64') === 'arm64' ? 'arm64' : 'x86_64') as FunctionSize['architecture'],
	}));
	const tasks = resourcesOfType(model, 'AWS::ECS::Service').flatMap((service) => {
		const taskDefinition = target(model, service.props['TaskDefinition']);
		if (!taskDefinition) return [];
		const range = scaling.find((s) => String(s.props['ResourceId'] ?? '').includes(service.id) || JSON.stringify(s.props).includes(`\${${service.id}.Name}`));
		const desired = number(service.props['DesiredCount'], 1);
		const min = range ? number(range.props['MinCapacity'], 0) : undefined;
		const max = range ? number(range.props['MaxCapacity'], 0) : undefined;
		const platform = taskDefinition.props['RuntimePlatform'] as Record<string, Json> | undefined;
		return [
			{
				id: service.id,
				vcpu: number(taskDefinition.props['Cpu'], 0) / 1024,
				memoryGb: number(taskDefinition.props['Memory'], 0) / 1024,
				architecture: (String(platform?.['CpuArchitecture'] ?? 'X86_64') === 'ARM64' ? 'ARM64' : 'X86_64') as TaskSize['architecture'],
				running: Math.max(desired, min ?? 0),
				...(min !== undefined ? { min } : {}),
				...(max !== undefined ? { max } : {}),
			},
		];
	});
	const instances = resourcesOfType(model, 'AWS::RDS::DBInstance');
	const databases = resourcesOfType(model, 'AWS::RDS::DBCluster').map((cluster) => {
		const members = instances.filter((i) => target(model, i.props['DBClusterIdentifier'])?.id === cluster.id);
		const serverless = cluster.props['ServerlessV2ScalingConfiguration'] as Record<string, Json> | undefined;
		return {
			id: cluster.id,
			engine: String(cluster.props['Engine'] ?? ''),
			...(serverless ? { minAcu: number(serverless['MinCapacity'], 0.5), maxAcu: number(serverless['MaxCapacity'], 1) } : {}),
			...(serverless?.['SecondsUntilAutoPause'] != null ? { autoPauseSeconds: number(serverless['SecondsUntilAutoPause'], 300) } : {}),
			instances: members.length,
			instanceClasses: members.map((i) => String(i.props['DBInstanceClass'] ?? '')),
		};
	});
	const managedPasswords = [...resourcesOfType(model, 'AWS::RDS::DBCluster'), ...instances.filter((i) => !i.props['DBClusterIdentifier'])].filter(
		(db) => db.props['ManageMasterUserPassword'] === true || db.props['ManageMasterUserPassword'] === 'true'
	).length;
	return {
		functions,
		tasks,
		databases,
		loadBalancers: resourcesOfType(model, 'AWS::ElasticLoadBalancingV2::LoadBalancer').map((lb) => ({
			id: lb.id,
			type: String(lb.props['Type'] ?? 'application'),
			scheme: lb.props['Scheme'] === 'internal' ? ('internal' as const) : ('internet-facing' as const),
			subnets: list(lb.props['Subnets']).length || list(lb.props['SubnetMappings']).length,
		})),
		natGateways: resourcesOfType(model, 'AWS::EC2::NatGateway').length,
		elasticIps: resourcesOfType(model, 'AWS::EC2::EIP').length,
		interfaceEndpoints: resourcesOfType(model, 'AWS::EC2::VPCEndpoint')
			.filter((e) => e.props['VpcEndpointType'] === 'Interface')
			.map((e) => ({ id: e.id, service: String(e.props['ServiceName'] ?? ''), subnets: list(e.props['SubnetIds']).length })),
		kmsKeys: resourcesOfType(model, 'AWS::KMS::Key').length,
		secrets: resourcesOfType(model, 'AWS::SecretsManager::Secret').length + managedPasswords,
		alarms: resourcesOfType(model, 'AWS::CloudWatch::Alarm').length,
		dashboards: resourcesOfType(model, 'AWS::CloudWatch::Dashboard').length,
		flowLogs: resourcesOfType(model, 'AWS::EC2::FlowLog').length,
		eksClusters: resourcesOfType(model, 'AWS::EKS::Cluster').map((cluster) => {
			const compute = cluster.props['ComputeConfig'] as Record<string, Json> | undefined;
			return { id: cluster.id, version: String(cluster.props['Version'] ?? ''), autoMode: compute?.['Enabled'] === true || compute?.['Enabled'] === 'true' };
		}),
		kubernetesDeployments: [],
		stateMachines: resourcesOfType(model, 'AWS::StepFunctions::StateMachine').map((m) => stateMachineSize(m.id, m.props)),
		catalogObjects: ['AWS::Glue::Database', 'AWS::Glue::Table', 'AWS::Glue::Partition'].reduce((n, type) => n + resourcesOfType(model, type).length, 0),
		athenaWorkgroups: resourcesOfType(model, 'AWS::Athena::WorkGroup').map((w) => {
			const cutoff = (w.props['WorkGroupConfiguration'] as Record<string, Json> | undefined)?.['BytesScannedCutoffPerQuery'];
			return { id: w.id, ...(cutoff === undefined || cutoff === null ? {} : { bytesScannedCutoffPerQuery: Number(cutoff) }) };
		}),
		userPools: resourcesOfType(model, 'AWS::Cognito::UserPool').map((pool) => ({ id: pool.id, plan: String(pool.props['UserPoolTier'] ?? 'ESSENTIALS') })),
		schedules: resourcesOfType(model, 'AWS::Scheduler::Schedule').map((schedule) => {
			const expression = String(schedule.props['ScheduleExpression'] ?? '');
			const perDay = runsPerDay(expression);
			return { id: schedule.id, expression, timezone: String(schedule.props['ScheduleExpressionTimezone'] ?? 'UTC'), ...(perDay === undefined ? {} : { perDay }) };
		}),
		sqsEventSources: resourcesOfType(model, 'AWS::Lambda::EventSourceMapping').filter((m) => target(model, m.props['EventSourceArn'])?.type === 'AWS::SQS::Queue').length,
		iamRoles: resourcesOfType(model, 'AWS::IAM::Role').length,
		identityProviders: resourcesOfType(model, 'AWS::IAM::OIDCProvider').length + resourcesOfType(model, 'AWS::IAM::SAMLProvider').length,
		globalTables: resourcesOfType(model, 'AWS::DynamoDB::GlobalTable').map((table) => ({
			id: table.id,
			replicas: (list(table.props['Replicas']) as Array<Record<string, Json>>).map((replica) => String(replica['Region'] ?? '')),
		})),
		healthChecks: resourcesOfType(model, 'AWS::Route53::HealthCheck').map((check) => {
			const config = (check.props['HealthCheckConfig'] ?? {}) as Record<string, Json>;
			// Route 53's defaults: every 30 seconds, unhealthy after 3 failures.
			return {
				id: check.id,
				type: String(config['Type'] ?? ''),
				intervalSeconds: number(config['RequestInterval'], 30),
				failureThreshold: number(config['FailureThreshold'], 3),
				...(check.region ? { region: check.region } : {}),
			};
		}),
		failoverRecords: resourcesOfType(model, 'AWS::Route53::RecordSet')
			.filter((record) => record.props['Failover'] !== undefined)
			.map((record) => ({
				id: record.id,
				role: String(record.props['Failover']),
				...(record.props['TTL'] !== undefined ? { ttlSeconds: number(record.props['TTL'], 0) } : {}),
				...(record.region ? { region: record.region } : {}),
			})),
		webAcls: resourcesOfType(model, 'AWS::WAFv2::WebACL').map((acl) => {
			const rules = list(acl.props['Rules']) as Array<Record<string, Json>>;
			const statement = (rule: Record<string, Json>, kind: string) => ((rule['Statement'] ?? {}) as Record<string, Record<string, Json> | undefined>)[kind];
			return {
				id: acl.id,
				scope: String(acl.props['Scope'] ?? ''),
				rules: rules.length,
				managedRuleGroups: rules.flatMap((rule) => {
					const group = statement(rule, 'ManagedRuleGroupStatement');
					return group ? [String(group['Name'])] : [];
				}),
				rateLimits: rules.flatMap((rule) => {
					const rate = statement(rule, 'RateBasedStatement');
					// AWS WAF counts over 300 seconds unless told otherwise.
					return rate ? [{ rule: String(rule['Name']), limit: number(rate['Limit'], 0), windowSeconds: number(rate['EvaluationWindowSec'], 300) }] : [];
				}),
			};
		}),
		containerInsights: resourcesOfType(model, 'AWS::ECS::Cluster').map((cluster) => {
			const settings = list(cluster.props['ClusterSettings']) as Array<Record<string, Json>>;
			return String(settings.find((s) => s['Name'] === 'containerInsights')?.['Value'] ?? 'disabled');
		}),
	};
}

/**
 * How many times a day an EventBridge Scheduler expression runs: rate(n minutes|hours|days), or a
 * cron(minutes hours day-of-month month day-of-week year) whose last four fields are wildcards.
 * Undefined for anything else (one-time at(), a cron on some days only), which an estimate must
 * then state itself.
 */
export function runsPerDay(expression: string): number | undefined {
	const rate = /^rate\((\d+)\s+(minute|hour|day)s?\)$/.exec(expression.trim());
	if (rate) {
		const minutes = Number(rate[1]) * { minute: 1, hour: 60, day: 1440 }[rate[2] as 'minute' | 'hour' | 'day'];
		return minutes > 0 ? 1440 / minutes : undefined;
	}
	const fields = /^cron\((.+)\)$/.exec(expression.trim())?.[1]!.trim().split(/\s+/);
	if (fields?.length !== 6) return undefined;
	const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
	if (![dayOfMonth, dayOfWeek].every((f) => f === '*' || f === '?') || month !== '*' || year !== '*') return undefined;
	const m = cronFieldCount(minutes, 0, 59);
	const h = cronFieldCount(hours, 0, 23);
	return m === undefined || h === undefined ? undefined : m * h;
}

/** How many values a cron field matches between min and max: *, n, a-b, with /step, in a list. */
function cronFieldCount(field: string, min: number, max: number): number | undefined {
	const values = new Set<number>();
	for (const part of field.split(',')) {
		const match = /^(\*|\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(part);
		if (!match) return undefined;
		const start = match[1] === '*' ? min : Number(match[1]);
		const end = match[2] !== undefined ? Number(match[2]) : match[1] === '*' || match[3] !== undefined ? max : start;
		const step = match[3] !== undefined ? Number(match[3]) : 1;
		if (start < min || end > max || start > end || step < 1) return undefined;
		for (let value = start; value <= end; value += step) values.add(value);
	}
	return values.size;
}

/** The Region the site's prices are for: the template is read as deployed there. */
export const pricingRegion = 'us-east-1';

/**
 * The sizing of the pattern in content/patterns/<id>/, from its CloudFormation template, or from
 * every stack its pattern.yaml's deployments list (a template deployed in two Regions counts twice).
 */
export function patternSizing(patternDir: string): PatternSizing {
	const model = emptyModel('cloudformation', pricingRegion);
	for (const deployment of cloudFormationDeployments(patternDir)) {
		const doc = parseTemplate(readFileSync(deployment.file, 'utf8'));
		addResources(model, readCloudFormation(doc, 'cloudformation', deployment.region ?? pricingRegion), deployment.label ? `${deployment.label}/` : '', deployment.region);
	}
	return { ...sizingOf(model), kubernetesDeployments: kubernetesDeployments(patternDir) };
}

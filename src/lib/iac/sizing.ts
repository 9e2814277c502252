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
import { join } from 'node:path';
import { list, resourcesOfType, target, type Json, type Model } from './model';
import { readCloudFormation } from './read-cloudformation';
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
		containerInsights: resourcesOfType(model, 'AWS::ECS::Cluster').map((cluster) => {
			const settings = list(cluster.props['ClusterSettings']) as Array<Record<string, Json>>;
			return String(settings.find((s) => s['Name'] === 'containerInsights')?.['Value'] ?? 'disabled');
		}),
	};
}

/** The Region the site's prices are for: the template is read as deployed there. */
export const pricingRegion = 'us-east-1';

/** The sizing of the pattern in content/patterns/<id>/, from its CloudFormation template. */
export function patternSizing(patternDir: string): PatternSizing {
	const doc = parseTemplate(readFileSync(join(patternDir, 'cloudformation', 'template.yaml'), 'utf8'));
	return sizingOf(readCloudFormation(doc, 'cloudformation', pricingRegion));
}

/**
 * Reads a Terraform configuration into the model, in CloudFormation's vocabulary: each resource
 * becomes the CloudFormation type that creates the same thing (tests/iac/type-map.ts), and the
 * arguments the model's facts and rules read become the CloudFormation properties that mean the
 * same. `propertyMaps` below is that translation, one entry per Terraform type; a type without an
 * entry still counts (its references and depends_on give the order of creation) but has no properties.
 *
 * Where Terraform and CloudFormation default differently, the translation leaves the argument out
 * and facts.ts applies each tool's own default, so a difference in defaults shows as a difference.
 */
import { dirname } from 'node:path';
import { terraformToCloudFormation, terraformTypeByArgument } from '../../type-map';
import { loadTerraformModule, localModuleCalls, moduleMetaArguments, type TerraformModule } from '../terraform-values';
import { evaluateHcl, type HclScope, type HclValue } from './hcl';
import { serverlessPropertyMaps } from './read-terraform-serverless';
import { analyticsPropertyMaps } from './read-terraform-analytics';
import { containerPropertyMaps } from './read-terraform-containers';
import { messagingPropertyMaps } from './read-terraform-messaging';
import { regionalPropertyMaps } from './read-terraform-regions';
import { deliveryPropertyMaps } from './read-terraform-delivery';
import { edgePropertyMaps } from './read-terraform-edge';
import { addResources, emptyModel, referencedIds, type Json, type Model } from '../../../../src/lib/iac/model';
import { type Body, type Mapped, block, first } from './terraform-body';

/** A policy argument: the JSON text of a document, or the document itself (jsonencode of an object). */
function policyDocument(value: HclValue | undefined): Json | undefined {
	if (typeof value === 'string' && value.trim().startsWith('{')) return JSON.parse(value) as Json;
	return value as Json | undefined;
}

/** Terraform's security group rule blocks, one CloudFormation rule per source. */
function inlineRules(blocks: Body[], direction: 'ingress' | 'egress'): Json[] {
	const peer = direction === 'ingress' ? { cidr: 'CidrIp', v6: 'CidrIpv6', prefix: 'SourcePrefixListId', group: 'SourceSecurityGroupId' } : { cidr: 'CidrIp', v6: 'CidrIpv6', prefix: 'DestinationPrefixListId', group: 'DestinationSecurityGroupId' };
	return blocks.flatMap((rule) => {
		const base = { IpProtocol: String(rule['protocol'] ?? '-1'), FromPort: rule['from_port'] ?? null, ToPort: rule['to_port'] ?? null } as Record<string, Json>;
		const sources: Array<[string, HclValue]> = [
			...((rule['cidr_blocks'] as HclValue[] | undefined) ?? []).map((v) => [peer.cidr, v] as [string, HclValue]),
			...((rule['ipv6_cidr_blocks'] as HclValue[] | undefined) ?? []).map((v) => [peer.v6, v] as [string, HclValue]),
			...((rule['prefix_list_ids'] as HclValue[] | undefined) ?? []).map((v) => [peer.prefix, v] as [string, HclValue]),
			...((rule['security_groups'] as HclValue[] | undefined) ?? []).map((v) => [peer.group, v] as [string, HclValue]),
			...(rule['self'] === true ? [[peer.group, '${self}'] as [string, HclValue]] : []),
		];
		return sources.map(([key, value]) => ({ ...base, [key]: value as Json }));
	});
}

function separateRule(body: Body, direction: 'ingress' | 'egress'): Record<string, Json | undefined> {
	const ingress = direction === 'ingress';
	return {
		GroupId: body['security_group_id'] as Json,
		IpProtocol: String(body['ip_protocol'] ?? body['protocol'] ?? '-1'),
		FromPort: (body['from_port'] ?? null) as Json,
		ToPort: (body['to_port'] ?? null) as Json,
		CidrIp: (body['cidr_ipv4'] ?? (body['cidr_blocks'] as HclValue[] | undefined)?.[0]) as Json | undefined,
		CidrIpv6: (body['cidr_ipv6'] ?? (body['ipv6_cidr_blocks'] as HclValue[] | undefined)?.[0]) as Json | undefined,
		[ingress ? 'SourcePrefixListId' : 'DestinationPrefixListId']: (body['prefix_list_id'] ?? (body['prefix_list_ids'] as HclValue[] | undefined)?.[0]) as Json | undefined,
		[ingress ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId']: (body['referenced_security_group_id'] ?? body['source_security_group_id']) as Json | undefined,
	};
}

/** Terraform type -> the CloudFormation properties the model reads, from the resource's evaluated arguments. */
const propertyMaps: Record<string, (body: Body) => Mapped> = {
	aws_lambda_function: (b) => ({
		props: {
			MemorySize: b['memory_size'] as Json,
			Timeout: b['timeout'] as Json,
			Architectures: b['architectures'] as Json,
			Runtime: b['runtime'] as Json,
			Role: b['role'] as Json,
			Handler: b['handler'] as Json,
			VpcConfig: first(b, 'vpc_config') ? { SecurityGroupIds: (first(b, 'vpc_config')!['security_group_ids'] ?? []) as Json } : undefined,
			ReservedConcurrentExecutions: b['reserved_concurrent_executions'] as Json,
			Environment: first(b, 'environment') ? { Variables: (first(b, 'environment')!['variables'] ?? {}) as Json } : undefined,
			// The name lets a fact find the function where Terraform put its name in place of a reference (an alarm's dimension).
			FunctionName: b['function_name'] as Json,
			// Not a CloudFormation property: publish = true publishes a version on creation and on each
			// change, which a template does with an AWS::Lambda::Version (facts-delivery.ts reads both).
			Publish: b['publish'] as Json,
		},
	}),
	aws_lambda_function_url: (b) => ({
		props: { TargetFunctionArn: b['function_name'] as Json, AuthType: b['authorization_type'] as Json, InvokeMode: (b['invoke_mode'] ?? 'BUFFERED') as Json },
	}),
	aws_bedrock_guardrail: (b) => ({
		props: {
			BlockedInputMessaging: b['blocked_input_messaging'] as Json,
			BlockedOutputsMessaging: b['blocked_outputs_messaging'] as Json,
			ContentPolicyConfig: {
				FiltersConfig: block(first(b, 'content_policy_config') ?? {}, 'filters_config').map((f) => ({
					Type: f['type'] as Json,
					InputStrength: f['input_strength'] as Json,
					OutputStrength: f['output_strength'] as Json,
				})),
			},
			TopicPolicyConfig: {
				TopicsConfig: block(first(b, 'topic_policy_config') ?? {}, 'topics_config').map((t) => ({
					Name: t['name'] as Json,
					Type: t['type'] as Json,
					Definition: t['definition'] as Json,
					Examples: (t['examples'] ?? []) as Json,
				})),
			},
		},
	}),
	aws_iam_role: (b) => ({
		props: {
			AssumeRolePolicyDocument: policyDocument(b['assume_role_policy']),
			ManagedPolicyArns: b['managed_policy_arns'] as Json,
			Policies: block(b, 'inline_policy').map((p) => ({ PolicyName: (p['name'] ?? null) as Json, PolicyDocument: policyDocument(p['policy']) ?? null })),
			MaxSessionDuration: b['max_session_duration'] as Json,
			PermissionsBoundary: b['permissions_boundary'] as Json,
		},
	}),
	aws_iam_openid_connect_provider: (b) => ({ props: { Url: b['url'] as Json, ClientIdList: b['client_id_list'] as Json, ThumbprintList: b['thumbprint_list'] as Json } }),
	aws_iam_role_policy: (b) => ({ props: { Roles: [b['role'] as Json], PolicyDocument: policyDocument(b['policy']) } }),
	aws_iam_policy: (b) => ({ props: { PolicyDocument: policyDocument(b['policy']) } }),
	aws_iam_role_policy_attachment: (b) => ({ type: 'Terraform::RolePolicyAttachment', props: { Role: b['role'] as Json, PolicyArn: b['policy_arn'] as Json } }),
	aws_s3_bucket_policy: (b) => ({ props: { Bucket: b['bucket'] as Json, PolicyDocument: policyDocument(b['policy']) } }),
	aws_sqs_queue_policy: (b) => ({ props: { Queues: [b['queue_url'] as Json], PolicyDocument: policyDocument(b['policy']) } }),
	aws_sns_topic_policy: (b) => ({ props: { Topics: [b['arn'] as Json], PolicyDocument: policyDocument(b['policy']) } }),
	aws_kms_key: (b) => ({ props: { KeyPolicy: policyDocument(b['policy']), EnableKeyRotation: (b['enable_key_rotation'] ?? false) as Json } }),
	aws_security_group: (b) => ({
		props: {
			GroupDescription: b['description'] as Json,
			VpcId: b['vpc_id'] as Json,
			SecurityGroupIngress: inlineRules(block(b, 'ingress'), 'ingress'),
			// Terraform removes the default allow-all egress rule: no egress block means no outbound traffic.
			SecurityGroupEgress: inlineRules(block(b, 'egress'), 'egress'),
		},
	}),
	aws_vpc_security_group_ingress_rule: (b) => ({ props: separateRule(b, 'ingress') }),
	aws_vpc_security_group_egress_rule: (b) => ({ props: separateRule(b, 'egress') }),
	aws_security_group_rule: (b) => ({
		type: b['type'] === 'egress' ? 'AWS::EC2::SecurityGroupEgress' : 'AWS::EC2::SecurityGroupIngress',
		props: separateRule(b, b['type'] === 'egress' ? 'egress' : 'ingress'),
	}),
	aws_lb: (b) => {
		const logs = first(b, 'access_logs');
		return {
			props: {
				Scheme: b['internal'] === true ? 'internal' : 'internet-facing',
				Type: (b['load_balancer_type'] ?? 'application') as Json,
				SecurityGroups: b['security_groups'] as Json,
				LoadBalancerAttributes: logs
					? [
							{ Key: 'access_logs.s3.enabled', Value: String(logs['enabled'] ?? true) },
							{ Key: 'access_logs.s3.bucket', Value: logs['bucket'] as Json },
							{ Key: 'access_logs.s3.prefix', Value: (logs['prefix'] ?? '') as Json },
						]
					: [],
			},
		};
	},
	aws_lb_target_group: (b) => {
		const health = first(b, 'health_check') ?? {};
		return {
			props: {
				Port: b['port'] as Json,
				Protocol: b['protocol'] as Json,
				TargetType: b['target_type'] as Json,
				HealthCheckPath: health['path'] as Json,
				HealthCheckIntervalSeconds: health['interval'] as Json,
				HealthCheckTimeoutSeconds: health['timeout'] as Json,
				HealthyThresholdCount: health['healthy_threshold'] as Json,
				UnhealthyThresholdCount: health['unhealthy_threshold'] as Json,
				Matcher: health['matcher'] === undefined ? undefined : { HttpCode: health['matcher'] as Json },
			},
		};
	},
	aws_ecs_task_definition: (b) => ({
		props: {
			Cpu: b['cpu'] === undefined ? undefined : String(b['cpu']),
			Memory: b['memory'] === undefined ? undefined : String(b['memory']),
			RuntimePlatform: { CpuArchitecture: (first(b, 'runtime_platform')?.['cpu_architecture'] ?? null) as Json },
			ExecutionRoleArn: b['execution_role_arn'] as Json,
			TaskRoleArn: b['task_role_arn'] as Json,
		},
	}),
	aws_ecs_service: (b) => {
		const network = first(b, 'network_configuration');
		return {
			props: {
				DesiredCount: b['desired_count'] as Json,
				TaskDefinition: b['task_definition'] as Json,
				NetworkConfiguration: network
					? { AwsvpcConfiguration: { SecurityGroups: (network['security_groups'] ?? []) as Json, Subnets: (network['subnets'] ?? []) as Json, AssignPublicIp: network['assign_public_ip'] === true ? 'ENABLED' : 'DISABLED' } }
					: undefined,
			},
		};
	},
	aws_appautoscaling_target: (b) => ({ props: { MinCapacity: b['min_capacity'] as Json, MaxCapacity: b['max_capacity'] as Json, ScalableDimension: b['scalable_dimension'] as Json } }),
	aws_rds_cluster: (b) => {
		const scaling = first(b, 'serverlessv2_scaling_configuration');
		return {
			props: {
				Engine: b['engine'] as Json,
				ServerlessV2ScalingConfiguration: scaling
					? { MinCapacity: scaling['min_capacity'] as Json, MaxCapacity: scaling['max_capacity'] as Json, SecondsUntilAutoPause: (scaling['seconds_until_auto_pause'] ?? null) as Json }
					: null,
				VpcSecurityGroupIds: b['vpc_security_group_ids'] as Json,
				Port: b['port'] as Json,
				DeletionProtection: (b['deletion_protection'] ?? false) as Json,
				BackupRetentionPeriod: (b['backup_retention_period'] ?? 1) as Json,
				StorageEncrypted: (b['storage_encrypted'] ?? false) as Json,
				KmsKeyId: b['kms_key_id'] as Json,
			},
		};
	},
	aws_rds_cluster_instance: (b) => ({ props: { DBInstanceClass: b['instance_class'] as Json, Engine: b['engine'] as Json } }),
	aws_db_instance: (b) => ({
		props: { VPCSecurityGroups: b['vpc_security_group_ids'] as Json, Port: b['port'] as Json, DBInstanceClass: b['instance_class'] as Json, MultiAZ: (b['multi_az'] ?? false) as Json, DeletionProtection: (b['deletion_protection'] ?? false) as Json, AllocatedStorage: b['allocated_storage'] === undefined ? undefined : String(b['allocated_storage']) },
	}),
	// The name lets a fact find the group where Terraform put its name in place of a reference (a Firehose stream's logging options).
	aws_cloudwatch_log_group: (b) => ({ props: { LogGroupName: b['name'] as Json, RetentionInDays: b['retention_in_days'] as Json, KmsKeyId: b['kms_key_id'] as Json } }),
	aws_ssm_association: (b) => ({
		props: {
			Name: b['name'] as Json,
			ScheduleExpression: b['schedule_expression'] as Json,
			WaitForSuccessTimeoutSeconds: b['wait_for_success_timeout_seconds'] as Json,
			Parameters: b['parameters'] as Json,
		},
	}),
	aws_lambda_permission: (b) => ({
		props: { Action: b['action'] as Json, FunctionName: b['function_name'] as Json, Qualifier: b['qualifier'] as Json, Principal: b['principal'] as Json, SourceArn: b['source_arn'] as Json, SourceAccount: b['source_account'] as Json },
	}),
	aws_s3_bucket_notification: (b) => ({
		type: 'Custom::S3BucketNotifications',
		props: {
			BucketName: b['bucket'] as Json,
			NotificationConfiguration: { LambdaFunctionConfigurations: block(b, 'lambda_function').map((f) => ({ LambdaFunctionArn: f['lambda_function_arn'] as Json, Events: f['events'] as Json })) },
		},
	}),
	aws_vpc_endpoint: (b) => ({ props: { ServiceName: b['service_name'] as Json, VpcEndpointType: (b['vpc_endpoint_type'] ?? 'Gateway') as Json, SecurityGroupIds: b['security_group_ids'] as Json } }),
	aws_cloudfront_distribution: (b) => ({
		props: {
			DistributionConfig: {
				WebACLId: b['web_acl_id'] as Json,
				CacheBehaviors: block(b, 'ordered_cache_behavior').map((c) => ({ PathPattern: c['path_pattern'] as Json, TargetOriginId: c['target_origin_id'] as Json })),
				CustomErrorResponses: block(b, 'custom_error_response').map((r) => ({
					ErrorCode: r['error_code'] as Json,
					ResponseCode: (r['response_code'] ?? null) as Json,
					ResponsePagePath: (r['response_page_path'] ?? null) as Json,
				})),
			},
		},
	}),
	aws_flow_log: (b) => ({ props: { DeliverLogsPermissionArn: b['iam_role_arn'] as Json, TrafficType: b['traffic_type'] as Json } }),
	aws_sfn_state_machine: (b) => {
		const logging = first(b, 'logging_configuration');
		const tracing = first(b, 'tracing_configuration');
		return {
			props: {
				StateMachineType: (b['type'] ?? 'STANDARD') as Json,
				RoleArn: b['role_arn'] as Json,
				// The rendered definition (templatefile() fills in its placeholders; hcl.ts renders it).
				DefinitionString: b['definition'] as Json,
				LoggingConfiguration: logging
					? {
							Level: (logging['level'] ?? 'OFF') as Json,
							IncludeExecutionData: (logging['include_execution_data'] ?? false) as Json,
							Destinations: logging['log_destination'] === undefined ? [] : [{ CloudWatchLogsLogGroup: { LogGroupArn: logging['log_destination'] as Json } }],
						}
					: undefined,
				TracingConfiguration: tracing ? { Enabled: (tracing['enabled'] ?? false) as Json } : undefined,
			},
		};
	},
	// HTTP API routes, authorizers and stages, Cognito user pools and clients, DynamoDB tables.
	...serverlessPropertyMaps,
	// Firehose streams, Glue Data Catalog databases and tables, Athena workgroups.
	...analyticsPropertyMaps,
	// EKS clusters, access entries, pod identity associations, subnet tags and routes.
	...containerPropertyMaps,
	// SQS queues and redrive policies, event source mappings, schedules, metric alarms, SNS topics.
	...messagingPropertyMaps,
	// CodeDeploy applications and deployment groups, Lambda aliases, HTTP API integrations.
	...deliveryPropertyMaps,
	// AWS WAF web ACLs (rules, statements, actions) and their logging configurations.
	...edgePropertyMaps,
};

/** A data "aws_iam_policy_document" as the JSON policy document Terraform renders. */
async function renderPolicyDocument(body: Record<string, unknown>, scope: HclScope): Promise<Json> {
	// `dynamic "statement"` blocks add their content once per for_each element (a statement that
	// exists only when a feature is on); one whose for_each is unknown offline renders as an
	// unknown action, so that it shows as a difference instead of vanishing.
	const dynamic = ((body['dynamic'] as Record<string, unknown> | undefined)?.['statement'] as Array<Record<string, unknown>> | undefined) ?? [];
	const repeated = await Promise.all(
		dynamic.map(async (spec) => {
			const each = await evaluateHcl(spec['for_each'], scope);
			const count = Array.isArray(each) ? each.length : each && typeof each === 'object' ? Object.keys(each).length : undefined;
			const content = (Array.isArray(spec['content']) ? spec['content'][0] : spec['content']) as Record<string, unknown> | undefined;
			if (count === undefined) return [{ effect: 'Allow', actions: ['${unknown}'] }];
			return content ? Array.from({ length: count }, () => content) : [];
		})
	);
	const statements = [...((body['statement'] as Array<Record<string, unknown>> | undefined) ?? []), ...repeated.flat()].map(async (raw) => {
		const s = (await evaluateHcl(raw, scope)) as Body;
		const principals = (key: string): Json | undefined => {
			const list = block(s, key);
			if (!list.length) return undefined;
			const out: Record<string, Json> = {};
			// Terraform renders type "*" as the bare wildcard principal.
			if (list.some((p) => p['type'] === '*')) return '*';
			for (const p of list) out[String(p['type'])] = [...(((out[String(p['type'])] as Json[]) ?? []) as Json[]), ...((p['identifiers'] as Json[]) ?? [])];
			return out;
		};
		const conditions: Record<string, Record<string, Json>> = {};
		for (const c of block(s, 'condition')) {
			const test = String(c['test']);
			conditions[test] = { ...(conditions[test] ?? {}), [String(c['variable'])]: (c['values'] as Json) ?? [] };
		}
		const statement: Record<string, Json> = { Effect: (s['effect'] ?? 'Allow') as Json };
		if (s['actions'] !== undefined) statement['Action'] = s['actions'] as Json;
		if (s['not_actions'] !== undefined) statement['NotAction'] = s['not_actions'] as Json;
		if (s['resources'] !== undefined) statement['Resource'] = s['resources'] as Json;
		if (s['not_resources'] !== undefined) statement['NotResource'] = s['not_resources'] as Json;
		const principal = principals('principals');
		if (principal) statement['Principal'] = principal;
		const notPrincipal = principals('not_principals');
		if (notPrincipal) statement['NotPrincipal'] = notPrincipal;
		if (Object.keys(conditions).length) statement['Condition'] = conditions;
		return statement;
	});
	return { Version: '2012-10-17', Statement: await Promise.all(statements) };
}

/**
 * A variable without a default is an input the reader must give, like a CloudFormation parameter
 * without a default, which the CloudFormation reader leaves as `${ParameterName}`. Such a variable
 * reads as the same placeholder, its name in PascalCase (repository_owner -> ${RepositoryOwner}),
 * so that a policy built from required inputs compares equal in every variant.
 */
export function requiredInputsAsParameters(variables: ReadonlyMap<string, unknown>): Map<string, unknown> {
	const pascal = (name: string) => name.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
	return new Map([...variables].map(([name, value]) => [name, value === undefined ? `\${${pascal(name)}}` : value]));
}

/**
 * The model of the Terraform configuration in `dir` (every .tf file in it, as Terraform loads a
 * module), with the resources of each local module it calls (`source = "./modules/region"`) under
 * `module.<name>.`, read in the Region of the provider the call passes it. A resource whose
 * `provider` is an aliased provider with a known Region is read in that Region too; the others in
 * `region`.
 */
export async function readTerraform(dir: string, region?: string): Promise<Model> {
	const root = await loadTerraformModule(dir);
	const providerRegions = await aliasedProviderRegions(root, region);
	const { model, args } = await readModule(root, region, { providerRegions });
	for (const call of localModuleCalls(root)) {
		const prefix = `module.${call.name}.`;
		if ('count' in call.body || 'for_each' in call.body) {
			model.problems.push(`${prefix.slice(0, -1)}: count and for_each on a module are not read into the model; call the module once per instance`);
			continue;
		}
		const scope = moduleScope(root, region);
		const values = new Map<string, HclValue>();
		for (const [key, value] of Object.entries(call.body)) if (!moduleMetaArguments.has(key)) values.set(key, await evaluateHcl(value, scope));
		const provider = ((call.body['providers'] ?? {}) as Record<string, unknown>)['aws'];
		const childRegion = (typeof provider === 'string' ? providerRegions.get(provider.replace(/^\$\{(.*)\}$/, '$1')) : undefined) ?? region;
		const child = await readModule(await loadTerraformModule(call.dir), childRegion, { values });
		addResources(model, child.model, prefix, childRegion);
		for (const [id, body] of child.args) args.set(`${prefix}${id}`, body);
	}
	substituteKnownAttributes(model, args);
	return model;
}

/** The Regions of the configuration's aliased providers (`aws.secondary` -> us-west-2), where known. */
async function aliasedProviderRegions(module: TerraformModule, region: string | undefined): Promise<Map<string, string>> {
	const regions = new Map<string, string>();
	const scope = moduleScope(module, region);
	for (const { json } of module.files) {
		for (const [name, blocks] of Object.entries((json.provider ?? {}) as Record<string, Array<Record<string, unknown>>>)) {
			for (const body of blocks) {
				if (typeof body['alias'] !== 'string') continue;
				const value = await evaluateHcl(body['region'], scope);
				if (typeof value === 'string' && !value.includes('${')) regions.set(`${name}.${body['alias']}`, value);
			}
		}
	}
	return regions;
}

/** A scope with the module's variables and locals only, to evaluate a module call's inputs or a provider's Region. */
function moduleScope(module: TerraformModule, region: string | undefined): HclScope {
	return { variables: requiredInputsAsParameters(module.variables), locals: module.locals, region };
}

export async function readTerraformModule(module: TerraformModule, region?: string): Promise<Model> {
	const { model, args } = await readModule(module, region);
	substituteKnownAttributes(model, args);
	return model;
}

interface ModuleOptions {
	/** A module call's inputs, evaluated in the calling module. */
	values?: ReadonlyMap<string, HclValue>;
	/** Regions of aliased providers, for resources that name one (`provider = aws.primary`). */
	providerRegions?: ReadonlyMap<string, string>;
}

async function readModule(module: TerraformModule, region: string | undefined, options: ModuleOptions = {}): Promise<{ model: Model; args: Map<string, Body> }> {
	const model = emptyModel('terraform', region);
	const dataBlocks = new Map<string, Record<string, unknown>>();
	for (const { json } of module.files) {
		for (const [type, byName] of Object.entries((json['data'] ?? {}) as Record<string, Record<string, Array<Record<string, unknown>>>>)) {
			for (const [name, bodies] of Object.entries(byName)) dataBlocks.set(`${type}.${name}`, bodies[0] ?? {});
		}
	}
	const documents = new Map<string, Promise<Json>>();
	const scope: HclScope = {
		variables: requiredInputsAsParameters(module.variables),
		locals: module.locals,
		region,
		...(module.files[0] ? { moduleDir: dirname(module.files[0].file) } : {}),
		...(options.values ? { values: options.values } : {}),
		data: async (type, name, attribute) => {
			if (type === 'aws_ec2_managed_prefix_list' && attribute === 'id') {
				const listName = await evaluateHcl(dataBlocks.get(`${type}.${name}`)?.['name'], scope);
				return typeof listName === 'string' ? `\${prefix-list:${listName}}` : undefined;
			}
			if (type !== 'aws_iam_policy_document' || attribute !== 'json') return undefined;
			const body = dataBlocks.get(`${type}.${name}`);
			if (!body) return undefined;
			if (!documents.has(name)) documents.set(name, renderPolicyDocument(body, scope));
			return documents.get(name)!;
		},
	};

	const ids = new Set<string>();
	for (const [type, byName] of module.resources) for (const name of byName.keys()) ids.add(`${type}.${name}`);

	const arguments_ = new Map<string, Body>();
	for (const [type, byName] of module.resources) {
		for (const [name, raw] of byName) {
			const id = `${type}.${name}`;
			const cfnType = terraformTypeByArgument[type]?.(raw) ?? terraformToCloudFormation[type] ?? `Terraform::${type}`;
			const body = (await evaluateHcl(raw, scope)) as Body;
			arguments_.set(id, body);
			if ('count' in body && body['count'] === 0) continue;
			const provider = typeof raw['provider'] === 'string' ? options.providerRegions?.get(raw['provider'].replace(/^\$\{(.*)\}$/, '$1')) : undefined;
			const mapped = propertyMaps[type]?.(body) ?? { props: {} };
			const regional = regionalPropertyMaps[type]?.(body, provider ?? region);
			const props = Object.fromEntries(Object.entries({ ...mapped.props, ...regional?.props }).filter(([, v]) => v !== undefined)) as Record<string, Json>;
			const declared = ((raw['depends_on'] as string[] | undefined) ?? []).map((d) => d.replace(/^\$\{(.*)\}$/, '$1'));
			model.resources.set(id, {
				id,
				type: mapped.type ?? cfnType,
				props,
				dependsOn: new Set([...declared, ...referencedIds(body, ids)].filter((d) => d !== id && ids.has(d))),
				...(raw['lifecycle'] && JSON.stringify(raw['lifecycle']).includes('"prevent_destroy":true') ? { deletionPolicy: 'Retain' } : {}),
				...(ignoredChanges(raw).length ? { ignoredChanges: ignoredChanges(raw) } : {}),
				...(provider ? { region: provider } : {}),
			});
		}
	}
	return { model, args: arguments_ };
}

/** The arguments a resource's lifecycle ignore_changes names (`all` for ignore_changes = all). */
function ignoredChanges(raw: Record<string, unknown>): string[] {
	const lifecycle = raw['lifecycle'];
	const blocks = (Array.isArray(lifecycle) ? lifecycle : lifecycle ? [lifecycle] : []) as Array<Record<string, unknown>>;
	return blocks.flatMap((block) => {
		const names = block['ignore_changes'];
		return (Array.isArray(names) ? names : names === undefined ? [] : [names]).map((name) => String(name).replace(/^\$\{(.*)\}$/, '$1'));
	});
}

/**
 * `${aws_vpc.vpc.cidr_block}` is the resource's own argument when the configuration sets it: put
 * the value in, so a rule written with the reference compares equal to one written with the literal.
 */
function substituteKnownAttributes(model: Model, args: Map<string, Body>): void {
	const substitute = (value: Json): Json => {
		if (typeof value === 'string') {
			return value.replace(/\$\{((?:module\.[A-Za-z0-9_-]+\.)*[a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_]+)\}/g, (whole, id: string, attribute: string) => {
				const known = args.get(id)?.[attribute];
				return typeof known === 'string' || typeof known === 'number' ? String(known) : whole;
			});
		}
		if (Array.isArray(value)) return value.map(substitute);
		if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v)]));
		return value;
	};
	for (const resource of model.resources.values()) resource.props = substitute(resource.props) as Record<string, Json>;
}

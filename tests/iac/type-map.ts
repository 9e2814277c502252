/**
 * How tests/iac/equivalence.test.ts compares the three variants of a pattern: which Terraform type
 * creates the same AWS resource as which CloudFormation type, and which resources exist in one tool
 * only because that tool splits a resource into parts or adds machinery of its own.
 *
 * Every variant is reduced to a multiset of CloudFormation types (the CDK synth and the template
 * already are; Terraform types go through `terraformToCloudFormation`), after removing the helper
 * resources listed here and expanding the inline forms listed here. The multisets must be equal:
 * one more queue in one variant fails the test. Keep every entry commented: each is an exception
 * a reviewer should be able to judge.
 */

/**
 * Terraform resource type -> the CloudFormation type that creates the same AWS resource.
 * A Terraform type missing here fails the comparison with a message that names it: add it here
 * (or to `helperResources.terraform` when it is part of another resource).
 */
export const terraformToCloudFormation: Readonly<Record<string, string>> = {
	// API Gateway (HTTP and WebSocket APIs)
	aws_apigatewayv2_api: 'AWS::ApiGatewayV2::Api',
	aws_apigatewayv2_api_mapping: 'AWS::ApiGatewayV2::ApiMapping',
	aws_apigatewayv2_authorizer: 'AWS::ApiGatewayV2::Authorizer',
	aws_apigatewayv2_deployment: 'AWS::ApiGatewayV2::Deployment',
	aws_apigatewayv2_domain_name: 'AWS::ApiGatewayV2::DomainName',
	aws_apigatewayv2_integration: 'AWS::ApiGatewayV2::Integration',
	aws_apigatewayv2_route: 'AWS::ApiGatewayV2::Route',
	aws_apigatewayv2_route_response: 'AWS::ApiGatewayV2::RouteResponse',
	aws_apigatewayv2_stage: 'AWS::ApiGatewayV2::Stage',
	aws_apigatewayv2_vpc_link: 'AWS::ApiGatewayV2::VpcLink',
	// API Gateway (REST APIs)
	aws_api_gateway_account: 'AWS::ApiGateway::Account',
	aws_api_gateway_api_key: 'AWS::ApiGateway::ApiKey',
	aws_api_gateway_authorizer: 'AWS::ApiGateway::Authorizer',
	aws_api_gateway_base_path_mapping: 'AWS::ApiGateway::BasePathMapping',
	aws_api_gateway_deployment: 'AWS::ApiGateway::Deployment',
	aws_api_gateway_domain_name: 'AWS::ApiGateway::DomainName',
	aws_api_gateway_gateway_response: 'AWS::ApiGateway::GatewayResponse',
	aws_api_gateway_method: 'AWS::ApiGateway::Method',
	aws_api_gateway_model: 'AWS::ApiGateway::Model',
	aws_api_gateway_request_validator: 'AWS::ApiGateway::RequestValidator',
	aws_api_gateway_resource: 'AWS::ApiGateway::Resource',
	aws_api_gateway_rest_api: 'AWS::ApiGateway::RestApi',
	aws_api_gateway_stage: 'AWS::ApiGateway::Stage',
	aws_api_gateway_usage_plan: 'AWS::ApiGateway::UsagePlan',
	aws_api_gateway_usage_plan_key: 'AWS::ApiGateway::UsagePlanKey',
	aws_api_gateway_vpc_link: 'AWS::ApiGateway::VpcLink',
	// Application Auto Scaling and EC2 Auto Scaling
	aws_appautoscaling_policy: 'AWS::ApplicationAutoScaling::ScalingPolicy',
	aws_appautoscaling_scheduled_action: 'AWS::ApplicationAutoScaling::ScheduledAction',
	aws_appautoscaling_target: 'AWS::ApplicationAutoScaling::ScalableTarget',
	aws_autoscaling_group: 'AWS::AutoScaling::AutoScalingGroup',
	aws_autoscaling_policy: 'AWS::AutoScaling::ScalingPolicy',
	// Athena
	aws_athena_workgroup: 'AWS::Athena::WorkGroup',
	// AWS Backup
	aws_backup_plan: 'AWS::Backup::BackupPlan',
	aws_backup_selection: 'AWS::Backup::BackupSelection',
	aws_backup_vault: 'AWS::Backup::BackupVault',
	// Bedrock
	aws_bedrock_guardrail: 'AWS::Bedrock::Guardrail',
	aws_bedrock_guardrail_version: 'AWS::Bedrock::GuardrailVersion',
	// Budgets
	aws_budgets_budget: 'AWS::Budgets::Budget',
	// Certificate Manager
	aws_acm_certificate: 'AWS::CertificateManager::Certificate',
	// CloudFront
	aws_cloudfront_cache_policy: 'AWS::CloudFront::CachePolicy',
	aws_cloudfront_distribution: 'AWS::CloudFront::Distribution',
	aws_cloudfront_function: 'AWS::CloudFront::Function',
	aws_cloudfront_key_value_store: 'AWS::CloudFront::KeyValueStore',
	aws_cloudfront_origin_access_control: 'AWS::CloudFront::OriginAccessControl',
	aws_cloudfront_origin_access_identity: 'AWS::CloudFront::CloudFrontOriginAccessIdentity',
	aws_cloudfront_origin_request_policy: 'AWS::CloudFront::OriginRequestPolicy',
	aws_cloudfront_response_headers_policy: 'AWS::CloudFront::ResponseHeadersPolicy',
	aws_cloudfront_vpc_origin: 'AWS::CloudFront::VpcOrigin',
	// CloudTrail
	aws_cloudtrail: 'AWS::CloudTrail::Trail',
	// CodeDeploy
	aws_codedeploy_app: 'AWS::CodeDeploy::Application',
	aws_codedeploy_deployment_config: 'AWS::CodeDeploy::DeploymentConfig',
	aws_codedeploy_deployment_group: 'AWS::CodeDeploy::DeploymentGroup',
	// CloudWatch, CloudWatch Logs and EventBridge
	aws_cloudwatch_composite_alarm: 'AWS::CloudWatch::CompositeAlarm',
	aws_cloudwatch_dashboard: 'AWS::CloudWatch::Dashboard',
	aws_cloudwatch_event_bus: 'AWS::Events::EventBus',
	aws_cloudwatch_event_rule: 'AWS::Events::Rule',
	aws_cloudwatch_log_group: 'AWS::Logs::LogGroup',
	aws_cloudwatch_log_metric_filter: 'AWS::Logs::MetricFilter',
	aws_cloudwatch_log_resource_policy: 'AWS::Logs::ResourcePolicy',
	aws_cloudwatch_log_stream: 'AWS::Logs::LogStream',
	aws_cloudwatch_log_subscription_filter: 'AWS::Logs::SubscriptionFilter',
	aws_cloudwatch_metric_alarm: 'AWS::CloudWatch::Alarm',
	aws_pipes_pipe: 'AWS::Pipes::Pipe',
	aws_scheduler_schedule: 'AWS::Scheduler::Schedule',
	aws_scheduler_schedule_group: 'AWS::Scheduler::ScheduleGroup',
	// Cognito
	aws_cognito_identity_pool: 'AWS::Cognito::IdentityPool',
	aws_cognito_user_pool: 'AWS::Cognito::UserPool',
	aws_cognito_user_pool_client: 'AWS::Cognito::UserPoolClient',
	aws_cognito_user_pool_domain: 'AWS::Cognito::UserPoolDomain',
	// DynamoDB
	aws_dynamodb_table: 'AWS::DynamoDB::Table',
	// EC2 and VPC
	aws_customer_gateway: 'AWS::EC2::CustomerGateway',
	aws_ec2_instance_connect_endpoint: 'AWS::EC2::InstanceConnectEndpoint',
	aws_ec2_transit_gateway: 'AWS::EC2::TransitGateway',
	aws_ec2_transit_gateway_vpc_attachment: 'AWS::EC2::TransitGatewayVpcAttachment',
	aws_egress_only_internet_gateway: 'AWS::EC2::EgressOnlyInternetGateway',
	aws_eip: 'AWS::EC2::EIP',
	aws_flow_log: 'AWS::EC2::FlowLog',
	aws_instance: 'AWS::EC2::Instance',
	aws_internet_gateway: 'AWS::EC2::InternetGateway',
	aws_internet_gateway_attachment: 'AWS::EC2::VPCGatewayAttachment',
	aws_key_pair: 'AWS::EC2::KeyPair',
	aws_launch_template: 'AWS::EC2::LaunchTemplate',
	aws_nat_gateway: 'AWS::EC2::NatGateway',
	aws_network_acl: 'AWS::EC2::NetworkAcl',
	aws_network_acl_association: 'AWS::EC2::SubnetNetworkAclAssociation',
	aws_network_acl_rule: 'AWS::EC2::NetworkAclEntry',
	aws_route: 'AWS::EC2::Route',
	aws_route_table: 'AWS::EC2::RouteTable',
	aws_route_table_association: 'AWS::EC2::SubnetRouteTableAssociation',
	aws_security_group: 'AWS::EC2::SecurityGroup',
	aws_subnet: 'AWS::EC2::Subnet',
	aws_vpc: 'AWS::EC2::VPC',
	aws_vpc_endpoint: 'AWS::EC2::VPCEndpoint',
	aws_vpc_endpoint_service: 'AWS::EC2::VPCEndpointService',
	aws_vpc_ipv4_cidr_block_association: 'AWS::EC2::VPCCidrBlock',
	aws_vpc_peering_connection: 'AWS::EC2::VPCPeeringConnection',
	aws_vpc_security_group_egress_rule: 'AWS::EC2::SecurityGroupEgress',
	aws_vpc_security_group_ingress_rule: 'AWS::EC2::SecurityGroupIngress',
	aws_vpn_connection: 'AWS::EC2::VPNConnection',
	aws_vpn_gateway: 'AWS::EC2::VPNGateway',
	aws_vpn_gateway_attachment: 'AWS::EC2::VPCGatewayAttachment',
	// ECR, ECS and EKS
	aws_ecr_repository: 'AWS::ECR::Repository',
	aws_ecs_capacity_provider: 'AWS::ECS::CapacityProvider',
	aws_ecs_cluster: 'AWS::ECS::Cluster',
	aws_ecs_cluster_capacity_providers: 'AWS::ECS::ClusterCapacityProviderAssociations',
	aws_ecs_service: 'AWS::ECS::Service',
	aws_ecs_task_definition: 'AWS::ECS::TaskDefinition',
	aws_eks_access_entry: 'AWS::EKS::AccessEntry',
	aws_eks_addon: 'AWS::EKS::Addon',
	aws_eks_cluster: 'AWS::EKS::Cluster',
	aws_eks_fargate_profile: 'AWS::EKS::FargateProfile',
	aws_eks_node_group: 'AWS::EKS::Nodegroup',
	aws_eks_pod_identity_association: 'AWS::EKS::PodIdentityAssociation',
	// EFS
	aws_efs_access_point: 'AWS::EFS::AccessPoint',
	aws_efs_file_system: 'AWS::EFS::FileSystem',
	aws_efs_mount_target: 'AWS::EFS::MountTarget',
	// ElastiCache
	aws_elasticache_cluster: 'AWS::ElastiCache::CacheCluster',
	aws_elasticache_replication_group: 'AWS::ElastiCache::ReplicationGroup',
	aws_elasticache_serverless_cache: 'AWS::ElastiCache::ServerlessCache',
	aws_elasticache_subnet_group: 'AWS::ElastiCache::SubnetGroup',
	// Elastic Load Balancing (aws_alb* are aliases of aws_lb*)
	aws_alb: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
	aws_alb_listener: 'AWS::ElasticLoadBalancingV2::Listener',
	aws_alb_listener_rule: 'AWS::ElasticLoadBalancingV2::ListenerRule',
	aws_alb_target_group: 'AWS::ElasticLoadBalancingV2::TargetGroup',
	aws_lb: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
	aws_lb_listener: 'AWS::ElasticLoadBalancingV2::Listener',
	aws_lb_listener_certificate: 'AWS::ElasticLoadBalancingV2::ListenerCertificate',
	aws_lb_listener_rule: 'AWS::ElasticLoadBalancingV2::ListenerRule',
	aws_lb_target_group: 'AWS::ElasticLoadBalancingV2::TargetGroup',
	// Glue Data Catalog
	aws_glue_catalog_database: 'AWS::Glue::Database',
	aws_glue_catalog_table: 'AWS::Glue::Table',
	// IAM
	aws_iam_group: 'AWS::IAM::Group',
	aws_iam_instance_profile: 'AWS::IAM::InstanceProfile',
	aws_iam_openid_connect_provider: 'AWS::IAM::OIDCProvider',
	aws_iam_policy: 'AWS::IAM::ManagedPolicy',
	aws_iam_role: 'AWS::IAM::Role',
	// An inline policy of one role; AWS::IAM::Policy is an inline policy of the roles it lists.
	aws_iam_role_policy: 'AWS::IAM::Policy',
	aws_iam_service_linked_role: 'AWS::IAM::ServiceLinkedRole',
	aws_iam_user: 'AWS::IAM::User',
	// Kinesis
	aws_kinesis_firehose_delivery_stream: 'AWS::KinesisFirehose::DeliveryStream',
	aws_kinesis_stream: 'AWS::Kinesis::Stream',
	// KMS
	aws_kms_alias: 'AWS::KMS::Alias',
	aws_kms_key: 'AWS::KMS::Key',
	// Lambda
	aws_lambda_alias: 'AWS::Lambda::Alias',
	aws_lambda_event_source_mapping: 'AWS::Lambda::EventSourceMapping',
	aws_lambda_function: 'AWS::Lambda::Function',
	aws_lambda_function_event_invoke_config: 'AWS::Lambda::EventInvokeConfig',
	aws_lambda_function_url: 'AWS::Lambda::Url',
	aws_lambda_layer_version: 'AWS::Lambda::LayerVersion',
	aws_lambda_permission: 'AWS::Lambda::Permission',
	// RDS and Aurora (an Aurora instance is an AWS::RDS::DBInstance in a cluster)
	aws_db_event_subscription: 'AWS::RDS::EventSubscription',
	aws_db_instance: 'AWS::RDS::DBInstance',
	aws_db_option_group: 'AWS::RDS::OptionGroup',
	aws_db_parameter_group: 'AWS::RDS::DBParameterGroup',
	aws_db_proxy: 'AWS::RDS::DBProxy',
	aws_db_proxy_default_target_group: 'AWS::RDS::DBProxyTargetGroup',
	aws_db_subnet_group: 'AWS::RDS::DBSubnetGroup',
	aws_rds_cluster: 'AWS::RDS::DBCluster',
	aws_rds_cluster_instance: 'AWS::RDS::DBInstance',
	aws_rds_cluster_parameter_group: 'AWS::RDS::DBClusterParameterGroup',
	aws_rds_global_cluster: 'AWS::RDS::GlobalCluster',
	// Route 53
	aws_route53_health_check: 'AWS::Route53::HealthCheck',
	aws_route53_record: 'AWS::Route53::RecordSet',
	aws_route53_zone: 'AWS::Route53::HostedZone',
	// S3 (the bucket's settings are separate Terraform resources: see helperResources)
	aws_s3_bucket: 'AWS::S3::Bucket',
	aws_s3_bucket_policy: 'AWS::S3::BucketPolicy',
	// Secrets Manager and Systems Manager
	aws_secretsmanager_secret: 'AWS::SecretsManager::Secret',
	aws_secretsmanager_secret_policy: 'AWS::SecretsManager::ResourcePolicy',
	aws_secretsmanager_secret_rotation: 'AWS::SecretsManager::RotationSchedule',
	aws_ssm_association: 'AWS::SSM::Association',
	aws_ssm_document: 'AWS::SSM::Document',
	aws_ssm_parameter: 'AWS::SSM::Parameter',
	// SNS, SQS and Step Functions
	aws_sfn_state_machine: 'AWS::StepFunctions::StateMachine',
	aws_sns_topic: 'AWS::SNS::Topic',
	aws_sns_topic_policy: 'AWS::SNS::TopicPolicy',
	aws_sns_topic_subscription: 'AWS::SNS::Subscription',
	aws_sqs_queue: 'AWS::SQS::Queue',
	aws_sqs_queue_policy: 'AWS::SQS::QueuePolicy',
	// WAF
	aws_wafv2_ip_set: 'AWS::WAFv2::IPSet',
	aws_wafv2_web_acl: 'AWS::WAFv2::WebACL',
	aws_wafv2_web_acl_association: 'AWS::WAFv2::WebACLAssociation',
	aws_wafv2_web_acl_logging_configuration: 'AWS::WAFv2::LoggingConfiguration',
};

/**
 * CloudFormation types that create the same kind of resource as another type, counted as that
 * type in every variant.
 */
export const cloudFormationAliases: Readonly<Record<string, { as: string; reason: string }>> = {
	'AWS::IAM::RolePolicy': {
		as: 'AWS::IAM::Policy',
		reason: 'both are inline policies of a role: RolePolicy for one role, Policy for the roles it lists',
	},
	'AWS::DynamoDB::GlobalTable': {
		as: 'AWS::DynamoDB::Table',
		reason: "CDK's TableV2 writes a GlobalTable; with a single replica it is the same table as AWS::DynamoDB::Table",
	},
};

export type Variant = 'cdk' | 'cloudformation' | 'terraform';

export interface HelperRule {
	/** Resource type in that tool's own naming. */
	type: string | RegExp;
	/** For CDK: the construct path must match too (CDK names its own helpers predictably). */
	path?: RegExp;
	/** The resource's own arguments (Terraform) or properties must match too. */
	when?: (body: Record<string, unknown>) => boolean;
	reason: string;
}

/** Helpers that CloudFormation (hand-written or synthesized by CDK) needs and the others do not. */
const cloudFormationHelpers: HelperRule[] = [
	{
		type: 'AWS::SecretsManager::SecretTargetAttachment',
		reason: "adds a database's host and port to its generated secret; Terraform writes them into aws_secretsmanager_secret_version, also a helper",
	},
];

/** Resources a tool adds for its own purposes; removed before comparing, each for the reason given. */
export const helperResources: Readonly<Record<Variant, readonly HelperRule[]>> = {
	cdk: [
		{ type: 'AWS::CDK::Metadata', reason: "CDK's version reporting, not part of the pattern" },
		{
			type: /^AWS::(Lambda::Function|IAM::Role|IAM::Policy)$/,
			path: /\/Custom::\w+CustomResourceProvider\//,
			reason: 'the function and role behind a custom resource CDK adds itself (the Custom:: types below)',
		},
		{
			type: 'Custom::S3AutoDeleteObjects',
			reason: 'empties a bucket before deletion (autoDeleteObjects); Terraform has force_destroy, CloudFormation has no equivalent',
		},
		{
			type: 'Custom::VpcRestrictDefaultSG',
			reason: "removes the rules of a VPC's default security group; Terraform adopts it with aws_default_security_group, also a helper",
		},
		{ type: 'Custom::LogRetention', reason: 'sets retention on a log group the service creates; the others declare the log group' },
		{
			type: /^AWS::(Lambda::Function|IAM::Role|IAM::Policy)$/,
			path: /\/LogRetention[0-9a-f]{32}\//,
			reason: 'the function behind Custom::LogRetention',
		},
		{
			type: 'Custom::CDKBucketDeployment',
			reason: 'uploads files (BucketDeployment); Terraform uses aws_s3_object, CloudFormation leaves it to the README',
		},
		{
			type: /^AWS::(Lambda::Function|Lambda::LayerVersion|IAM::Role|IAM::Policy)$/,
			path: /\/(Custom::CDKBucketDeployment[0-9A-Fa-f]{32}|[^/]*AwsCliLayer[^/]*)\//,
			reason: 'the function, role and AWS CLI layer behind Custom::CDKBucketDeployment',
		},
		{
			type: 'Custom::S3BucketNotifications',
			reason: "sets a bucket's notifications; CloudFormation has NotificationConfiguration, Terraform aws_s3_bucket_notification (a helper)",
		},
		{
			type: /^AWS::(Lambda::Function|IAM::Role|IAM::Policy)$/,
			path: /\/BucketNotificationsHandler[0-9a-f]{32}\//,
			reason: 'the function behind Custom::S3BucketNotifications',
		},
		...cloudFormationHelpers,
	],
	cloudformation: cloudFormationHelpers,
	terraform: [
		{
			type: /^random_(id|string|password|pet|integer|uuid|shuffle|bytes)$/,
			reason: 'a Terraform-side value (a name suffix or a password); CloudFormation and CDK generate names and secrets themselves',
		},
		{ type: /^(terraform_data|null_resource|time_sleep|time_static)$/, reason: 'Terraform bookkeeping that creates no AWS resource' },
		{
			type: /^aws_s3_bucket_(versioning|server_side_encryption_configuration|public_access_block|ownership_controls|lifecycle_configuration|logging|cors_configuration|website_configuration|acl|accelerate_configuration|notification|intelligent_tiering_configuration|replication_configuration|object_lock_configuration|request_payment_configuration|metric|analytics_configuration|inventory)$/,
			reason: 'a setting of the bucket: a property of AWS::S3::Bucket in CloudFormation',
		},
		{
			type: 'aws_s3_object',
			reason: 'uploads a file; CDK uses BucketDeployment (a helper there too) and the CloudFormation README an aws s3 sync',
		},
		{
			type: /^aws_iam_(role|user|group)_policy_attachment$|^aws_iam_policy_attachment$/,
			reason: 'attaches a managed policy: the ManagedPolicyArns property of the role, user or group in CloudFormation',
		},
		{ type: 'aws_secretsmanager_secret_version', reason: 'the value of a secret: SecretString or GenerateSecretString of AWS::SecretsManager::Secret' },
		{
			type: /^aws_default_(security_group|network_acl|route_table|vpc|subnet)$/,
			reason: 'adopts a resource AWS created with the VPC; CDK uses its Custom::VpcRestrictDefaultSG helper for the same',
		},
		{ type: 'aws_acm_certificate_validation', reason: 'waits for DNS validation, which AWS::CertificateManager::Certificate does by itself' },
		{
			type: 'aws_route53_record',
			when: (b) => JSON.stringify(b).includes('.domain_validation_options'),
			reason: "a certificate's DNS validation record, which AWS::CertificateManager::Certificate writes itself when DomainValidationOptions names the hosted zone",
		},
		{ type: 'aws_cloudwatch_event_target', reason: 'a target of a rule: the Targets property of AWS::Events::Rule' },
		{ type: /^aws_sqs_queue_redrive(_allow)?_policy$/, reason: 'RedrivePolicy / RedriveAllowPolicy properties of AWS::SQS::Queue' },
		{ type: 'aws_kms_key_policy', reason: 'the KeyPolicy property of AWS::KMS::Key' },
		{ type: 'aws_ecr_lifecycle_policy', reason: 'the LifecyclePolicy property of AWS::ECR::Repository' },
		{ type: 'aws_lb_target_group_attachment', reason: 'the Targets property of AWS::ElasticLoadBalancingV2::TargetGroup' },
		{ type: 'aws_eks_access_policy_association', reason: 'the AccessPolicies property of AWS::EKS::AccessEntry' },
		{ type: /^aws_api_gateway_(method_response|integration_response|integration|method_settings)$/, reason: 'properties of AWS::ApiGateway::Method and ::Stage' },
	],
};

/**
 * Types compared by presence instead of count, because the tools legitimately create a different
 * number of them for the same access.
 */
export const presenceOnlyTypes: Readonly<Record<string, string>> = {
	'AWS::Lambda::Permission':
		'CDK adds one permission per route or trigger unless told otherwise (HttpLambdaIntegration scopePermissionToRoute); one permission for the whole API grants the same access',
};

/**
 * Resources written inline in another resource, counted as the separate resource they equal.
 * `count` returns how many the body holds (CloudFormation Properties, or a Terraform block body).
 */
export interface InlineRule {
	variant: 'cloudformation' | 'terraform';
	/** Type of the resource that holds them (CloudFormation or Terraform naming). */
	type: string;
	/** CloudFormation type they count as. */
	as: string;
	reason: string;
	count(body: Record<string, unknown>): number;
}

const length = (value: unknown) => (Array.isArray(value) ? value.length : value === undefined ? 0 : 1);

/** CDK's placeholder egress rule for allowAllOutbound: false, which only removes AWS's default rule. */
const isCdkNoEgressPlaceholder = (rule: unknown) =>
	typeof rule === 'object' && rule !== null && (rule as { CidrIp?: unknown }).CidrIp === '255.255.255.255/32';

export const inlineResources: readonly InlineRule[] = [
	{
		variant: 'cloudformation',
		type: 'AWS::IAM::Role',
		as: 'AWS::IAM::Policy',
		reason: "each entry of a role's Policies is an inline policy, as AWS::IAM::Policy and aws_iam_role_policy are",
		count: (p) => length(p['Policies']),
	},
	{
		variant: 'terraform',
		type: 'aws_iam_role',
		as: 'AWS::IAM::Policy',
		reason: 'each inline_policy block is an inline policy',
		count: (b) => length(b['inline_policy']),
	},
	{
		variant: 'cloudformation',
		type: 'AWS::EC2::SecurityGroup',
		as: 'AWS::EC2::SecurityGroupIngress',
		reason: 'each SecurityGroupIngress entry is one rule, as a separate AWS::EC2::SecurityGroupIngress is',
		count: (p) => length(p['SecurityGroupIngress']),
	},
	{
		variant: 'cloudformation',
		type: 'AWS::EC2::SecurityGroup',
		as: 'AWS::EC2::SecurityGroupEgress',
		// Only rules written in the code count. The allow-all rule EC2 gives a group without egress
		// rules is not counted: Terraform removes it, and CloudFormation and CDK remove it once the
		// group has any egress rule. A variant that relies on it should write it out instead.
		reason: "each SecurityGroupEgress entry is one rule, except CDK's 255.255.255.255/32 placeholder, which stands for no rule",
		count: (p) => {
			const rules = p['SecurityGroupEgress'];
			return Array.isArray(rules) ? rules.filter((rule) => !isCdkNoEgressPlaceholder(rule)).length : length(rules);
		},
	},
	{
		variant: 'terraform',
		type: 'aws_security_group',
		as: 'AWS::EC2::SecurityGroupIngress',
		reason: 'each ingress block is one rule',
		count: (b) => length(b['ingress']),
	},
	{
		variant: 'terraform',
		type: 'aws_security_group',
		as: 'AWS::EC2::SecurityGroupEgress',
		reason: 'each egress block is one rule (Terraform removes the default allow-all rule from groups it creates)',
		count: (b) => length(b['egress']),
	},
	{
		variant: 'terraform',
		type: 'aws_internet_gateway',
		as: 'AWS::EC2::VPCGatewayAttachment',
		reason: 'vpc_id attaches the gateway, which CloudFormation does with AWS::EC2::VPCGatewayAttachment',
		count: (b) => (b['vpc_id'] === undefined ? 0 : 1),
	},
	{
		variant: 'terraform',
		type: 'aws_vpn_gateway',
		as: 'AWS::EC2::VPCGatewayAttachment',
		reason: 'vpc_id attaches the gateway, which CloudFormation does with AWS::EC2::VPCGatewayAttachment',
		count: (b) => (b['vpc_id'] === undefined ? 0 : 1),
	},
	{
		variant: 'cloudformation',
		type: 'AWS::SNS::Topic',
		as: 'AWS::SNS::Subscription',
		reason: 'each Subscription entry of a topic is a subscription',
		count: (p) => length(p['Subscription']),
	},
	{
		variant: 'terraform',
		type: 'aws_lambda_function',
		as: 'AWS::Lambda::Version',
		// Terraform has no separate version resource: publish = true publishes one on creation and
		// another on each change of code or configuration, as replacing an AWS::Lambda::Version does.
		reason: 'publish = true publishes a version of the function, as AWS::Lambda::Version does',
		count: (b) => (b['publish'] === true ? 1 : 0),
	},
];

/**
 * Terraform types whose CloudFormation type depends on an argument. aws_security_group_rule is an
 * ingress or an egress rule depending on `type`.
 */
export const terraformTypeByArgument: Readonly<Record<string, (body: Record<string, unknown>) => string | undefined>> = {
	// A table with replica blocks is a global table, as AWS::DynamoDB::GlobalTable (an alias of
	// AWS::DynamoDB::Table in the inventory, but compared as a global table in the model).
	aws_dynamodb_table: (b) => (b['replica'] === undefined ? undefined : 'AWS::DynamoDB::GlobalTable'),
	aws_security_group_rule: (b) =>
		b['type'] === 'ingress' ? 'AWS::EC2::SecurityGroupIngress' : b['type'] === 'egress' ? 'AWS::EC2::SecurityGroupEgress' : undefined,
};

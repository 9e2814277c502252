/**
 * Which resources prove that a variant deploys a service named in pattern.yaml. The tests
 * check every variant against the same list, so a variant that silently drops a service
 * (the seed's CDK pattern built a REST API where the others built an HTTP API) fails.
 */
export type ResourceKind = 'cloudformation' | 'terraform';

interface ServiceResources {
	/** CloudFormation resource types (CDK templates and hand-written templates). */
	cloudformation: RegExp;
	/** Terraform resource types. */
	terraform: RegExp;
}

export const serviceResources: Readonly<Record<string, ServiceResources>> = {
	'api-gateway': { cloudformation: /^AWS::ApiGateway(V2)?::/, terraform: /^aws_(api_gateway|apigatewayv2)_/ },
	lambda: { cloudformation: /^AWS::(Lambda|Serverless)::Function$/, terraform: /^aws_lambda_function$/ },
	dynamodb: { cloudformation: /^AWS::DynamoDB::(Global)?Table$/, terraform: /^aws_dynamodb_table$/ },
	s3: { cloudformation: /^AWS::S3::Bucket$/, terraform: /^aws_s3_bucket$/ },
	cloudfront: { cloudformation: /^AWS::CloudFront::Distribution$/, terraform: /^aws_cloudfront_distribution$/ },
	// A rule on an event bus, or an EventBridge Scheduler schedule.
	eventbridge: { cloudformation: /^AWS::(Events::Rule|Scheduler::Schedule)$/, terraform: /^aws_(cloudwatch_event_rule|scheduler_schedule)$/ },
	sqs: { cloudformation: /^AWS::SQS::Queue$/, terraform: /^aws_sqs_queue$/ },
	vpc: { cloudformation: /^AWS::EC2::VPC$/, terraform: /^aws_vpc$/ },
	elb: { cloudformation: /^AWS::ElasticLoadBalancingV2::LoadBalancer$/, terraform: /^aws_lb$/ },
	ecs: { cloudformation: /^AWS::ECS::Service$/, terraform: /^aws_ecs_service$/ },
	// Fargate is a launch type, not a resource: an ECS service or task definition that asks for it.
	fargate: { cloudformation: /^AWS::ECS::(Service|TaskDefinition)$/, terraform: /^aws_ecs_(service|task_definition)$/ },
	eks: { cloudformation: /^AWS::EKS::Cluster$/, terraform: /^aws_eks_cluster$/ },
	// A parameter (Systems Manager Parameter Store).
	'parameter-store': { cloudformation: /^AWS::SSM::Parameter$/, terraform: /^aws_ssm_parameter$/ },
	aurora: { cloudformation: /^AWS::RDS::DBCluster$/, terraform: /^aws_rds_cluster$/ },
	kms: { cloudformation: /^AWS::KMS::Key$/, terraform: /^aws_kms_key$/ },
	sns: { cloudformation: /^AWS::SNS::Topic$/, terraform: /^aws_sns_topic$/ },
	rds: { cloudformation: /^AWS::RDS::DBInstance$/, terraform: /^aws_db_instance$/ },
	// Either a secret of its own, or the master password RDS manages in Secrets Manager.
	'secrets-manager': { cloudformation: /^AWS::(SecretsManager::Secret|RDS::DBCluster)$/, terraform: /^aws_(secretsmanager_secret|rds_cluster)$/ },
	cloudwatch: { cloudformation: /^AWS::Logs::LogGroup$|^AWS::CloudWatch::/, terraform: /^aws_cloudwatch_(log_group|metric_alarm|dashboard)$/ },
	// A deployment group: an application alone deploys nothing.
	codedeploy: { cloudformation: /^AWS::CodeDeploy::DeploymentGroup$/, terraform: /^aws_codedeploy_deployment_group$/ },
	// A web ACL: its rules and managed rule groups are part of it, and it protects what it is attached to.
	waf: { cloudformation: /^AWS::WAFv2::WebACL$/, terraform: /^aws_wafv2_web_acl$/ },
	// Records or health checks in a hosted zone the reader owns, or a zone of its own.
	route53: { cloudformation: /^AWS::Route53::(RecordSet|HealthCheck|HostedZone)$/, terraform: /^aws_route53_(record|health_check|zone)$/ },
	acm: { cloudformation: /^AWS::CertificateManager::Certificate$/, terraform: /^aws_acm_certificate$/ },
	// A guardrail, knowledge base, agent or other Bedrock resource; calling a model creates none.
	bedrock: { cloudformation: /^AWS::Bedrock::/, terraform: /^aws_bedrock_/ },
	// A user pool; an identity pool alone hands out AWS credentials, not the sign-in these patterns use.
	cognito: { cloudformation: /^AWS::Cognito::UserPool$/, terraform: /^aws_cognito_user_pool$/ },
	'data-firehose': { cloudformation: /^AWS::KinesisFirehose::DeliveryStream$/, terraform: /^aws_kinesis_firehose_delivery_stream$/ },
	// The Data Catalog: a database or a table (crawlers and jobs are Glue too, but a catalog needs neither).
	glue: { cloudformation: /^AWS::Glue::(Database|Table)$/, terraform: /^aws_glue_catalog_(database|table)$/ },
	// A workgroup: queries need no resource, so the workgroup is what a pattern deploys of Athena.
	athena: { cloudformation: /^AWS::Athena::WorkGroup$/, terraform: /^aws_athena_workgroup$/ },
	'step-functions': { cloudformation: /^AWS::StepFunctions::StateMachine$/, terraform: /^aws_sfn_state_machine$/ },
	// An identity provider: every pattern has roles, but one that lists IAM deploys the federation itself.
	iam: { cloudformation: /^AWS::IAM::(OIDCProvider|SAMLProvider)$/, terraform: /^aws_iam_(openid_connect|saml)_provider$/ },
};

/** One message per service from pattern.yaml that no resource of `resourceTypes` deploys. */
export function missingServices(services: readonly string[], resourceTypes: Iterable<string>, kind: ResourceKind): string[] {
	const types = [...resourceTypes];
	const problems: string[] = [];
	for (const service of services) {
		const match = serviceResources[service]?.[kind];
		if (!match) {
			problems.push(`service "${service}" has no resource types in tests/iac/lib/services.ts: add them there`);
		} else if (!types.some((type) => match.test(type))) {
			problems.push(`service "${service}" is listed in pattern.yaml but no ${kind} resource matches ${match}`);
		}
	}
	return problems;
}

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
	eventbridge: { cloudformation: /^AWS::Events::Rule$/, terraform: /^aws_cloudwatch_event_rule$/ },
	sqs: { cloudformation: /^AWS::SQS::Queue$/, terraform: /^aws_sqs_queue$/ },
	vpc: { cloudformation: /^AWS::EC2::VPC$/, terraform: /^aws_vpc$/ },
	elb: { cloudformation: /^AWS::ElasticLoadBalancingV2::LoadBalancer$/, terraform: /^aws_lb$/ },
	ecs: { cloudformation: /^AWS::ECS::Service$/, terraform: /^aws_ecs_service$/ },
	// Fargate is a launch type, not a resource: an ECS service or task definition that asks for it.
	fargate: { cloudformation: /^AWS::ECS::(Service|TaskDefinition)$/, terraform: /^aws_ecs_(service|task_definition)$/ },
	aurora: { cloudformation: /^AWS::RDS::DBCluster$/, terraform: /^aws_rds_cluster$/ },
	kms: { cloudformation: /^AWS::KMS::Key$/, terraform: /^aws_kms_key$/ },
	sns: { cloudformation: /^AWS::SNS::Topic$/, terraform: /^aws_sns_topic$/ },
	rds: { cloudformation: /^AWS::RDS::DBInstance$/, terraform: /^aws_db_instance$/ },
	// Either a secret of its own, or the master password RDS manages in Secrets Manager.
	'secrets-manager': { cloudformation: /^AWS::(SecretsManager::Secret|RDS::DBCluster)$/, terraform: /^aws_(secretsmanager_secret|rds_cluster)$/ },
	cloudwatch: { cloudformation: /^AWS::Logs::LogGroup$|^AWS::CloudWatch::/, terraform: /^aws_cloudwatch_(log_group|metric_alarm|dashboard)$/ },
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

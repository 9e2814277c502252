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

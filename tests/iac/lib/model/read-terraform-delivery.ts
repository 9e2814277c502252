/**
 * The Terraform side of facts-delivery.ts: the arguments of CodeDeploy applications and deployment
 * groups, Lambda aliases and HTTP API integrations, under the CloudFormation property names the
 * facts read. read-terraform.ts adds these entries to its `propertyMaps`.
 *
 * An argument left out stays out (undefined), so facts-delivery.ts applies the service's default to
 * both tools alike; a block Terraform writes as a list of one becomes the object CloudFormation has.
 */
import type { Json } from '../../../../src/lib/iac/model';
import { type Body, type Mapped, first, json, renamed } from './terraform-body';

export const deliveryPropertyMaps: Record<string, (body: Body) => Mapped> = {
	aws_codedeploy_app: (b) => ({ props: { ApplicationName: json(b['name']), ComputePlatform: json(b['compute_platform']) } }),
	aws_codedeploy_deployment_group: (b) => {
		const alarms = first(b, 'alarm_configuration');
		const rollback = first(b, 'auto_rollback_configuration');
		return {
			props: {
				ApplicationName: json(b['app_name']),
				DeploymentGroupName: json(b['deployment_group_name']),
				ServiceRoleArn: json(b['service_role_arn']),
				DeploymentConfigName: json(b['deployment_config_name']),
				DeploymentStyle: renamed(first(b, 'deployment_style'), { deployment_type: 'DeploymentType', deployment_option: 'DeploymentOption' }),
				// CloudFormation lists alarms as { Name } objects, Terraform as names.
				AlarmConfiguration: alarms
					? {
							...(renamed(alarms, { enabled: 'Enabled', ignore_poll_alarm_failure: 'IgnorePollAlarmFailure' }) as Record<string, Json>),
							Alarms: (Array.isArray(alarms['alarms']) ? alarms['alarms'] : []).map((name) => ({ Name: name as Json })),
						}
					: undefined,
				AutoRollbackConfiguration: renamed(rollback, { enabled: 'Enabled', events: 'Events' }),
			},
		};
	},
	aws_lambda_alias: (b) => {
		const routing = first(b, 'routing_config');
		const weights = routing?.['additional_version_weights'];
		return {
			props: {
				Name: json(b['name']),
				FunctionName: json(b['function_name']),
				FunctionVersion: json(b['function_version']),
				// Terraform gives the weights as a map of version to weight, CloudFormation as a list.
				RoutingConfig:
					weights && typeof weights === 'object' && !Array.isArray(weights)
						? { AdditionalVersionWeights: Object.entries(weights).map(([version, weight]) => ({ FunctionVersion: version, FunctionWeight: weight as Json })) }
						: undefined,
			},
		};
	},
	aws_apigatewayv2_integration: (b) => ({
		props: {
			IntegrationType: json(b['integration_type']),
			IntegrationUri: json(b['integration_uri']),
			PayloadFormatVersion: json(b['payload_format_version']),
		},
	}),
};

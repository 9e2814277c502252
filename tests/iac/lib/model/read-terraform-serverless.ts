/**
 * The Terraform side of facts-serverless.ts: the arguments of HTTP API routes, authorizers and
 * stages, Cognito user pools and app clients, and DynamoDB tables, under the CloudFormation property
 * names the facts read. read-terraform.ts adds these entries to its `propertyMaps`.
 *
 * An argument left out stays out (undefined), so facts-serverless.ts applies the service's default to
 * both tools alike; a block Terraform writes as a list of one becomes the object CloudFormation has.
 */
import type { Json } from '../../../../src/lib/iac/model';
import { type Body, type Mapped, block, first, json, renamed } from './terraform-body';

export const serverlessPropertyMaps: Record<string, (body: Body) => Mapped> = {
	aws_apigatewayv2_api: (b) => ({
		props: { ProtocolType: json(b['protocol_type']), RouteSelectionExpression: json(b['route_selection_expression']) },
	}),
	aws_apigatewayv2_route: (b) => ({
		props: {
			RouteKey: json(b['route_key']),
			AuthorizationType: json(b['authorization_type']),
			AuthorizerId: json(b['authorizer_id']),
			AuthorizationScopes: json(b['authorization_scopes']),
			RouteResponseSelectionExpression: json(b['route_response_selection_expression']),
			Target: json(b['target']),
		},
	}),
	aws_apigatewayv2_authorizer: (b) => {
		const jwt = first(b, 'jwt_configuration');
		return {
			props: {
				AuthorizerType: json(b['authorizer_type']),
				IdentitySource: json(b['identity_sources']),
				JwtConfiguration: jwt ? { Issuer: (jwt['issuer'] ?? null) as Json, Audience: (jwt['audience'] ?? []) as Json } : undefined,
				AuthorizerUri: json(b['authorizer_uri']),
			},
		};
	},
	aws_apigatewayv2_stage: (b) => ({
		props: {
			StageName: json(b['name']),
			DefaultRouteSettings: renamed(first(b, 'default_route_settings'), { throttling_rate_limit: 'ThrottlingRateLimit', throttling_burst_limit: 'ThrottlingBurstLimit' }),
			AccessLogSettings: renamed(first(b, 'access_log_settings'), { destination_arn: 'DestinationArn', format: 'Format' }),
		},
	}),
	aws_cognito_user_pool: (b) => {
		const admin = first(b, 'admin_create_user_config');
		const username = first(b, 'username_configuration');
		const update = first(b, 'user_attribute_update_settings');
		const recovery = first(b, 'account_recovery_setting');
		const addOns = first(b, 'user_pool_add_ons');
		// EnabledMfas lists the factors each configuration block turns on.
		const mfas = [
			...(first(b, 'software_token_mfa_configuration')?.['enabled'] === true ? ['SOFTWARE_TOKEN_MFA'] : []),
			...(first(b, 'sms_configuration') && b['mfa_configuration'] !== undefined && b['mfa_configuration'] !== 'OFF' ? ['SMS_MFA'] : []),
			...(first(b, 'email_mfa_configuration') ? ['EMAIL_OTP'] : []),
		];
		return {
			props: {
				UserPoolTier: json(b['user_pool_tier']),
				AdminCreateUserConfig: renamed(admin, { allow_admin_create_user_only: 'AllowAdminCreateUserOnly' }),
				UsernameAttributes: json(b['username_attributes']),
				AliasAttributes: json(b['alias_attributes']),
				UsernameConfiguration: renamed(username, { case_sensitive: 'CaseSensitive' }),
				AutoVerifiedAttributes: json(b['auto_verified_attributes']),
				UserAttributeUpdateSettings: renamed(update, { attributes_require_verification_before_update: 'AttributesRequireVerificationBeforeUpdate' }),
				AccountRecoverySetting: recovery ? { RecoveryMechanisms: block(recovery, 'recovery_mechanism').map((m) => ({ Name: (m['name'] ?? null) as Json, Priority: (m['priority'] ?? null) as Json })) } : undefined,
				Policies: first(b, 'password_policy')
					? {
							PasswordPolicy: renamed(first(b, 'password_policy'), {
								minimum_length: 'MinimumLength',
								require_lowercase: 'RequireLowercase',
								require_uppercase: 'RequireUppercase',
								require_numbers: 'RequireNumbers',
								require_symbols: 'RequireSymbols',
								temporary_password_validity_days: 'TemporaryPasswordValidityDays',
								password_history_size: 'PasswordHistorySize',
							}) as Json,
						}
					: undefined,
				MfaConfiguration: json(b['mfa_configuration']),
				EnabledMfas: mfas.length ? mfas : undefined,
				UserPoolAddOns: renamed(addOns, { advanced_security_mode: 'AdvancedSecurityMode' }),
				DeletionProtection: json(b['deletion_protection']),
			},
		};
	},
	aws_cognito_user_pool_client: (b) => ({
		props: {
			UserPoolId: json(b['user_pool_id']),
			GenerateSecret: json(b['generate_secret']),
			ExplicitAuthFlows: json(b['explicit_auth_flows']),
			AllowedOAuthFlowsUserPoolClient: json(b['allowed_oauth_flows_user_pool_client']),
			AllowedOAuthFlows: json(b['allowed_oauth_flows']),
			AllowedOAuthScopes: json(b['allowed_oauth_scopes']),
			CallbackURLs: json(b['callback_urls']),
			SupportedIdentityProviders: json(b['supported_identity_providers']),
			PreventUserExistenceErrors: json(b['prevent_user_existence_errors']),
			EnableTokenRevocation: json(b['enable_token_revocation']),
			AccessTokenValidity: json(b['access_token_validity']),
			IdTokenValidity: json(b['id_token_validity']),
			RefreshTokenValidity: json(b['refresh_token_validity']),
			TokenValidityUnits: renamed(first(b, 'token_validity_units'), { access_token: 'AccessToken', id_token: 'IdToken', refresh_token: 'RefreshToken' }),
		},
	}),
	aws_dynamodb_table: (b) => {
		const sse = first(b, 'server_side_encryption');
		return {
			props: {
				AttributeDefinitions: block(b, 'attribute').map((a) => ({ AttributeName: (a['name'] ?? null) as Json, AttributeType: (a['type'] ?? null) as Json })),
				KeySchema: [
					...(b['hash_key'] !== undefined ? [{ AttributeName: b['hash_key'] as Json, KeyType: 'HASH' }] : []),
					...(b['range_key'] !== undefined ? [{ AttributeName: b['range_key'] as Json, KeyType: 'RANGE' }] : []),
				],
				BillingMode: json(b['billing_mode']),
				ProvisionedThroughput: b['read_capacity'] !== undefined || b['write_capacity'] !== undefined ? { ReadCapacityUnits: (b['read_capacity'] ?? null) as Json, WriteCapacityUnits: (b['write_capacity'] ?? null) as Json } : undefined,
				GlobalSecondaryIndexes: block(b, 'global_secondary_index').map((i) => ({ IndexName: (i['name'] ?? null) as Json })),
				PointInTimeRecoverySpecification: renamed(first(b, 'point_in_time_recovery'), { enabled: 'PointInTimeRecoveryEnabled' }),
				SSESpecification: sse ? { SSEEnabled: (sse['enabled'] ?? false) as Json, ...(sse['kms_key_arn'] !== undefined ? { KMSMasterKeyId: sse['kms_key_arn'] as Json } : {}) } : undefined,
				DeletionProtectionEnabled: json(b['deletion_protection_enabled']),
				TimeToLiveSpecification: renamed(first(b, 'ttl'), { attribute_name: 'AttributeName', enabled: 'Enabled' }),
			},
		};
	},
};

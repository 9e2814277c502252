/**
 * Terraform arguments of the resources a multi-Region pattern compares, as CloudFormation names
 * them: a DynamoDB global table's replicas (its own Region, which is its provider's, and each
 * replica block), Route 53 health checks and records, and API Gateway custom domains and their
 * API mappings. read-terraform.ts adds these properties to the ones its other maps give, passing
 * the Region of the resource's provider.
 */
import type { Json } from '../../../../src/lib/iac/model';
import { type Body, block, first, json } from './terraform-body';

type Mapped = { props: Record<string, Json | undefined> };

export const regionalPropertyMaps: Record<string, (body: Body, region: string | undefined) => Mapped> = {
	aws_dynamodb_table: (b, region) => {
		const replicas = block(b, 'replica');
		if (replicas.length === 0) return { props: {} };
		const sse = first(b, 'server_side_encryption');
		const pitr = first(b, 'point_in_time_recovery');
		return {
			props: {
				TableName: json(b['name']),
				// The table's own Region is a replica too, as in AWS::DynamoDB::GlobalTable's Replicas.
				Replicas: [
					{ Region: region ?? '${AWS::Region}', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: (pitr?.['enabled'] ?? false) as Json } },
					...replicas.map((r) => ({
						Region: (r['region_name'] ?? null) as Json,
						PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: (r['point_in_time_recovery'] ?? false) as Json },
						...(r['kms_key_arn'] !== undefined ? { SSESpecification: { KMSMasterKeyId: r['kms_key_arn'] as Json } } : {}),
					})),
				],
				StreamSpecification: b['stream_enabled'] === true ? { StreamViewType: (b['stream_view_type'] ?? null) as Json } : undefined,
				// A global table's SSESpecification names the key type; the key itself is per replica.
				SSESpecification: sse ? { SSEEnabled: (sse['enabled'] ?? false) as Json, ...(sse['enabled'] === true ? { SSEType: 'KMS' } : {}) } : undefined,
			},
		};
	},
	aws_route53_health_check: (b) => ({
		props: {
			HealthCheckConfig: {
				Type: (b['type'] ?? null) as Json,
				...(b['fqdn'] !== undefined ? { FullyQualifiedDomainName: b['fqdn'] as Json } : {}),
				...(b['ip_address'] !== undefined ? { IPAddress: b['ip_address'] as Json } : {}),
				...(b['port'] !== undefined ? { Port: b['port'] as Json } : {}),
				...(b['resource_path'] !== undefined ? { ResourcePath: b['resource_path'] as Json } : {}),
				...(b['request_interval'] !== undefined ? { RequestInterval: b['request_interval'] as Json } : {}),
				...(b['failure_threshold'] !== undefined ? { FailureThreshold: b['failure_threshold'] as Json } : {}),
				...(b['enable_sni'] !== undefined ? { EnableSNI: b['enable_sni'] as Json } : {}),
				...(b['invert_healthcheck'] !== undefined ? { Inverted: b['invert_healthcheck'] as Json } : {}),
				...(b['search_string'] !== undefined ? { SearchString: b['search_string'] as Json } : {}),
				...(b['regions'] !== undefined ? { Regions: b['regions'] as Json } : {}),
			},
		},
	}),
	aws_route53_record: (b) => {
		const alias = first(b, 'alias');
		return {
			props: {
				HostedZoneId: json(b['zone_id']),
				Name: json(b['name']),
				Type: json(b['type']),
				TTL: b['ttl'] === undefined ? undefined : String(b['ttl']),
				SetIdentifier: json(b['set_identifier']),
				Failover: json(first(b, 'failover_routing_policy')?.['type']),
				HealthCheckId: json(b['health_check_id']),
				ResourceRecords: json(b['records']),
				AliasTarget: alias ? { DNSName: (alias['name'] ?? null) as Json, HostedZoneId: (alias['zone_id'] ?? null) as Json, EvaluateTargetHealth: (alias['evaluate_target_health'] ?? null) as Json } : undefined,
			},
		};
	},
	aws_apigatewayv2_domain_name: (b) => ({
		props: {
			DomainName: json(b['domain_name']),
			DomainNameConfigurations: block(b, 'domain_name_configuration').map((c) => ({
				CertificateArn: (c['certificate_arn'] ?? null) as Json,
				EndpointType: (c['endpoint_type'] ?? null) as Json,
				SecurityPolicy: (c['security_policy'] ?? null) as Json,
			})),
		},
	}),
	aws_apigatewayv2_api_mapping: (b) => ({ props: { ApiId: json(b['api_id']), DomainName: json(b['domain_name']), Stage: json(b['stage']) } }),
	aws_acm_certificate: (b) => ({ props: { DomainName: json(b['domain_name']), ValidationMethod: json(b['validation_method']) } }),
};

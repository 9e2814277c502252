/**
 * The Terraform side of facts-containers.ts: the arguments of EKS clusters, access entries and
 * their policy associations, pod identity associations, and the subnet tags and routes that tell a
 * public subnet from a private one, under the CloudFormation property names the facts read.
 * read-terraform.ts adds these entries to its `propertyMaps`.
 *
 * An argument left out stays out (undefined), so facts-containers.ts applies the EKS API's default
 * to both tools alike; a block Terraform writes as a list of one becomes the object CloudFormation has.
 */
import type { HclValue } from './hcl';
import type { Json } from '../../../../src/lib/iac/model';
import { type Body, type Mapped, block, first, json } from './terraform-body';

/** An object without its undefined members, or undefined when none is left or the block is absent. */
function defined(value: Record<string, Json | undefined> | undefined): Json | undefined {
	if (!value) return undefined;
	const entries = Object.entries(value).filter(([, v]) => v !== undefined) as Array<[string, Json]>;
	return entries.length ? Object.fromEntries(entries) : undefined;
}
/** Terraform's tags map as CloudFormation's list of Key/Value pairs. */
const tagList = (tags: HclValue | undefined): Json | undefined =>
	tags && typeof tags === 'object' && !Array.isArray(tags) ? Object.entries(tags).map(([Key, Value]) => ({ Key, Value: json(Value) ?? null })) : undefined;

export const containerPropertyMaps: Record<string, (body: Body) => Mapped> = {
	aws_eks_cluster: (b) => {
		const vpc = first(b, 'vpc_config');
		const compute = first(b, 'compute_config');
		const blockStorage = first(first(b, 'storage_config'), 'block_storage');
		const loadBalancing = first(first(b, 'kubernetes_network_config'), 'elastic_load_balancing');
		const access = first(b, 'access_config');
		const upgrade = first(b, 'upgrade_policy');
		return {
			props: {
				Name: json(b['name']),
				Version: json(b['version']),
				RoleArn: json(b['role_arn']),
				BootstrapSelfManagedAddons: json(b['bootstrap_self_managed_addons']),
				ResourcesVpcConfig: defined({
					SubnetIds: json(vpc?.['subnet_ids']),
					EndpointPrivateAccess: json(vpc?.['endpoint_private_access']),
					EndpointPublicAccess: json(vpc?.['endpoint_public_access']),
					PublicAccessCidrs: json(vpc?.['public_access_cidrs']),
				}),
				ComputeConfig: compute ? defined({ Enabled: json(compute['enabled']), NodePools: json(compute['node_pools']), NodeRoleArn: json(compute['node_role_arn']) }) : undefined,
				StorageConfig: blockStorage ? { BlockStorage: defined({ Enabled: json(blockStorage['enabled']) }) ?? {} } : undefined,
				KubernetesNetworkConfig: loadBalancing ? { ElasticLoadBalancing: defined({ Enabled: json(loadBalancing['enabled']) }) ?? {} } : undefined,
				AccessConfig: access
					? defined({ AuthenticationMode: json(access['authentication_mode']), BootstrapClusterCreatorAdminPermissions: json(access['bootstrap_cluster_creator_admin_permissions']) })
					: undefined,
				UpgradePolicy: upgrade ? defined({ SupportType: json(upgrade['support_type']) }) : undefined,
				Logging: { ClusterLogging: { EnabledTypes: ((b['enabled_cluster_log_types'] as HclValue[] | undefined) ?? []).map((type) => ({ Type: json(type) ?? null })) } },
				EncryptionConfig: block(b, 'encryption_config').map((e) => ({ Provider: { KeyArn: json(first(e, 'provider')?.['key_arn']) ?? null }, Resources: json(e['resources']) ?? [] })),
			},
		};
	},
	aws_eks_access_entry: (b) => ({
		props: { ClusterName: json(b['cluster_name']), PrincipalArn: json(b['principal_arn']), Type: json(b['type']), KubernetesGroups: json(b['kubernetes_groups']) },
	}),
	aws_eks_access_policy_association: (b) => {
		const scope = first(b, 'access_scope');
		return {
			type: 'Terraform::AccessPolicyAssociation',
			props: {
				ClusterName: json(b['cluster_name']),
				PrincipalArn: json(b['principal_arn']),
				PolicyArn: json(b['policy_arn']),
				AccessScope: scope ? defined({ Type: json(scope['type']), Namespaces: json(scope['namespaces']) }) : undefined,
			},
		};
	},
	aws_eks_pod_identity_association: (b) => ({
		props: {
			ClusterName: json(b['cluster_name']),
			Namespace: json(b['namespace']),
			ServiceAccount: json(b['service_account']),
			RoleArn: json(b['role_arn']),
			DisableSessionTags: json(b['disable_session_tags']),
		},
	}),
	aws_subnet: (b) => ({ props: { VpcId: json(b['vpc_id']), CidrBlock: json(b['cidr_block']), Tags: tagList(b['tags']) } }),
	aws_route_table_association: (b) => ({ props: { SubnetId: json(b['subnet_id']), RouteTableId: json(b['route_table_id']) } }),
	aws_route: (b) => ({
		props: {
			RouteTableId: json(b['route_table_id']),
			DestinationCidrBlock: json(b['destination_cidr_block']),
			GatewayId: json(b['gateway_id']),
			NatGatewayId: json(b['nat_gateway_id']),
		},
	}),
};

/**
 * Facts of Amazon EKS clusters, in the words of facts.ts: the Kubernetes version and support
 * policy, who can reach the API server and from where, whether EKS Auto Mode manages compute, block
 * storage and load balancing, which control plane logs go to CloudWatch Logs and whether their log
 * group exists before the cluster, how secrets are encrypted, who has access entries with which
 * access policies, which service account gets which role through EKS Pod Identity, and which subnets
 * carry the tags Kubernetes load balancing looks for. facts.ts adds them to every model, so a variant
 * that opens the endpoint wider, turns one Auto Mode capability off, logs less or grants more shows
 * as a difference.
 *
 * Each reads CloudFormation's property names (read-terraform-containers.ts maps Terraform's arguments
 * to them) and applies the EKS API's default where a property is left out, the same in both tools.
 */
import { dependenciesOf, list, resourcesOfType, target, type Json, type Model, type ModelResource } from '../../../../src/lib/iac/model';
import { canonical, principalText, type Fact } from './facts';
import { type Props, object } from './fact-values';

/** A flag, or the API's default when it is left out. */
const flag = (value: Json | undefined, fallback: boolean) => (value === undefined || value === null ? fallback : value === true || value === 'true');
const onOff = (value: boolean) => (value ? 'on' : 'off');

/** Who may reach the public endpoint: off, the whole internet, or a number of CIDR blocks. */
function publicEndpoint(vpc: Props): string {
	if (!flag(vpc['EndpointPublicAccess'], true)) return 'off';
	const cidrs = list(vpc['PublicAccessCidrs']).map(String);
	// EKS's default is 0.0.0.0/0.
	if (cidrs.length === 0 || cidrs.some((c) => c === '0.0.0.0/0' || c === '::/0')) return 'open to the internet';
	return `limited to ${cidrs.length} CIDR block${cidrs.length === 1 ? '' : 's'}`;
}

/** An access policy ARN as its name (AmazonEKSClusterAdminPolicy), in any partition. */
const policyName = (model: Model, arn: Json | undefined) => canonical(model, arn).replace(/^arn:aws[a-z-]*:eks::aws:cluster-access-policy\//, '');

function scopeText(scope: Json | undefined): string {
	const s = object(scope);
	const namespaces = list(s['Namespaces']).map(String).sort();
	return s['Type'] === 'namespace' ? `namespaces ${namespaces.join(', ')}` : 'the whole cluster';
}

/** The principal an access entry (or a Terraform policy association pointing at one) is for. */
function principalOf(model: Model, value: Json | undefined): string {
	const entry = target(model, value);
	const arn = entry?.type === 'AWS::EKS::AccessEntry' ? entry.props['PrincipalArn'] : value;
	return principalText(model, { AWS: arn ?? null })[0] ?? 'an unknown principal';
}

function clusterFacts(model: Model, r: ModelResource): Fact[] {
	const p = r.props;
	const facts: Fact[] = [];
	const add = (kind: string, text: string) => facts.push({ kind, text, source: r.id });
	const vpc = object(p['ResourcesVpcConfig']);
	const compute = object(p['ComputeConfig']);
	const access = object(p['AccessConfig']);
	const upgrade = object(p['UpgradePolicy']);

	// The kinds of subnet, not their number: Terraform's model has one resource for all `count` copies.
	const subnets = [...new Set(list(vpc['SubnetIds']).map((id) => {
		const subnet = target(model, id);
		return subnet ? `${subnetKind(model, subnet)}s` : 'subnets outside the pattern';
	}))].sort();
	add('size', `EKS cluster: Kubernetes ${p['Version'] ?? 'default version'}, ${String(upgrade['SupportType'] ?? 'EXTENDED').toLowerCase()} support policy, in ${subnets.join(' and ') || 'no subnets'}`);
	add('network', `EKS cluster endpoint: private ${onOff(flag(vpc['EndpointPrivateAccess'], false))}, public ${publicEndpoint(vpc)}`);
	const pools = list(compute['NodePools']).map(String).sort();
	add(
		'size',
		`EKS Auto Mode: compute ${onOff(flag(compute['Enabled'], false))}${pools.length ? ` (node pools ${pools.join(', ')})` : ''}, block storage ${onOff(flag(object(object(p['StorageConfig'])['BlockStorage'])['Enabled'], false))}, load balancing ${onOff(flag(object(object(p['KubernetesNetworkConfig'])['ElasticLoadBalancing'])['Enabled'], false))}, self-managed add-ons ${onOff(flag(p['BootstrapSelfManagedAddons'], true))}`
	);
	// CloudFormation's and the API's default is CONFIG_MAP; the creator is an admin unless told otherwise.
	add('access', `EKS cluster authentication: ${access['AuthenticationMode'] ?? 'CONFIG_MAP'}, creator ${flag(access['BootstrapClusterCreatorAdminPermissions'], true) ? 'made' : 'not made'} cluster admin`);

	const types = (list(object(object(p['Logging'])['ClusterLogging'])['EnabledTypes']) as Props[]).map((t) => String(t['Type'])).sort();
	add('logs', `EKS control plane logs: ${types.length ? types.join(', ') : 'none'}`);
	// EKS writes to /aws/eks/<name>/cluster. A group the pattern creates keeps its retention only if
	// it exists before the cluster does; otherwise EKS creates one that keeps logs forever.
	if (types.length) {
		const group = resourcesOfType(model, 'AWS::Logs::LogGroup').find((g) => p['Name'] !== undefined && g.props['LogGroupName'] === `/aws/eks/${p['Name']}/cluster`);
		add('order', group ? `EKS cluster is created ${dependenciesOf(model, r.id).has(group.id) ? 'after' : 'before'} its control plane log group` : 'EKS cluster writes its control plane logs to a log group the pattern does not create');
	}

	const encryption = list(p['EncryptionConfig']) as Props[];
	add(
		'deletion',
		encryption.length
			? // secrets is the only kind EKS accepts; CloudFormation's schema marks the list deprecated, so a template may leave it out.
				encryption.map((e) => `EKS ${list(e['Resources']).map(String).sort().join(', ') || 'secrets'} encrypted with ${canonical(model, object(e['Provider'])['KeyArn'])}`).join('; ')
			: 'EKS secrets encrypted with the AWS owned key only'
	);
	return facts;
}

export function containerFacts(model: Model): Fact[] {
	const facts: Fact[] = [];
	const subnetTags = new Map<string, string>();
	for (const r of model.resources.values()) {
		const p = r.props;
		const add = (kind: string, text: string) => facts.push({ kind, text, source: r.id });
		switch (r.type) {
			case 'AWS::EKS::Cluster':
				facts.push(...clusterFacts(model, r));
				break;
			case 'AWS::EKS::AccessEntry': {
				const principal = principalOf(model, p['PrincipalArn']);
				add('access', `EKS access entry (${p['Type'] ?? 'STANDARD'}) for ${principal}${list(p['KubernetesGroups']).length ? `, groups ${list(p['KubernetesGroups']).map(String).sort().join(', ')}` : ''}`);
				for (const policy of list(p['AccessPolicies']) as Props[]) {
					add('access', `EKS access for ${principal}: ${policyName(model, policy['PolicyArn'])} on ${scopeText(policy['AccessScope'])}`);
				}
				break;
			}
			// Terraform attaches access policies to an entry with a resource of their own.
			case 'Terraform::AccessPolicyAssociation':
				add('access', `EKS access for ${principalOf(model, p['PrincipalArn'])}: ${policyName(model, p['PolicyArn'])} on ${scopeText(p['AccessScope'])}`);
				break;
			case 'AWS::EKS::PodIdentityAssociation': {
				const role = target(model, p['RoleArn']);
				add('iam', `EKS Pod Identity: service account ${p['Namespace']}/${p['ServiceAccount']} gets ${role ? `a role trusted by ${trustedServices(role)}` : canonical(model, p['RoleArn'])}${p['DisableSessionTags'] === true ? ', without session tags' : ''}`);
				break;
			}
			case 'AWS::EC2::Subnet': {
				// The tags Kubernetes load balancing (EKS Auto Mode, the AWS Load Balancer Controller)
				// uses to choose subnets for internet-facing and internal load balancers. One fact per
				// kind of subnet, not per subnet: Terraform's model has one resource for all `count` copies.
				const tags = (list(p['Tags']) as Props[]).filter((t) => /^kubernetes\.io\/role\/(elb|internal-elb)$/.test(String(t['Key'])));
				for (const tag of tags) subnetTags.set(`${subnetKind(model, r)}s tagged ${tag['Key']}=${tag['Value']}`, r.id);
				break;
			}
		}
	}
	for (const [text, source] of subnetTags) facts.push({ kind: 'network', text, source });
	return facts;
}

function trustedServices(role: ModelResource): string {
	const statements = list(object(role.props['AssumeRolePolicyDocument'])['Statement']) as Props[];
	return [...new Set(statements.flatMap((s) => list(object(s['Principal'])['Service']).map(String)))].sort().join(', ') || 'no service';
}

/** "public subnet" (default route to an internet gateway), "private subnet" (to a NAT gateway) or "subnet". */
function subnetKind(model: Model, subnet: ModelResource): string {
	const tables = resourcesOfType(model, 'AWS::EC2::SubnetRouteTableAssociation')
		.filter((a) => target(model, a.props['SubnetId'])?.id === subnet.id)
		.map((a) => target(model, a.props['RouteTableId'])?.id);
	const routes = resourcesOfType(model, 'AWS::EC2::Route').filter((route) => tables.includes(target(model, route.props['RouteTableId'])?.id) && route.props['DestinationCidrBlock'] === '0.0.0.0/0');
	if (routes.some((route) => target(model, route.props['GatewayId'])?.type === 'AWS::EC2::InternetGateway')) return 'public subnet';
	if (routes.some((route) => target(model, route.props['NatGatewayId'])?.type === 'AWS::EC2::NatGateway')) return 'private subnet';
	return 'subnet';
}

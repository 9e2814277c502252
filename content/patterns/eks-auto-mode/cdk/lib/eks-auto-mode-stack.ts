import { CfnOutput, CfnParameter, Duration, Fn, RemovalPolicy, Stack, Tags, Validations, type StackProps } from 'aws-cdk-lib';
import { FlowLogDestination, FlowLogTrafficType, IpAddresses, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { CfnAccessEntry, CfnCluster, CfnPodIdentityAssociation, KubernetesVersion } from 'aws-cdk-lib/aws-eks';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ParameterTier, StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';

/** The namespace and service account of the sample workload (k8s/20-service-account.yaml). */
const APP_NAMESPACE = 'demo';
const APP_SERVICE_ACCOUNT = 'web';

/**
 * Amazon EKS with EKS Auto Mode in a VPC of its own (two Availability Zones, public and private
 * subnets, one NAT gateway), and EKS Pod Identity for one workload. The Terraform and
 * CloudFormation variants of this pattern deploy the same resources under the same names.
 *
 * The cluster is the L1 CfnCluster: aws-eks-v2's Cluster adds a security group and an SSM
 * parameter of its own, and aws-eks's Cluster a Lambda-backed kubectl handler; the workload is
 * applied with kubectl from ../k8s instead.
 */
export class EksAutoModeStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Deploy-time inputs without defaults, as in the other variants: there is no safe guess.
    const publicAccessCidr = new CfnParameter(this, 'PublicAccessCidr', {
      type: 'String',
      description:
        "The one address range (CIDR) allowed to reach the cluster's public Kubernetes API endpoint, for example your own address as 203.0.113.10/32. Nodes and pods use the private endpoint.",
      allowedPattern: '^(?!0\\.0\\.0\\.0/)(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$',
      constraintDescription: 'an IPv4 CIDR block such as 203.0.113.10/32, not the whole internet',
    });
    const adminPrincipalArn = new CfnParameter(this, 'AdminPrincipalArn', {
      type: 'String',
      description:
        "ARN of the IAM role or user that administers the cluster with kubectl (an access entry with the AmazonEKSClusterAdminPolicy). For an assumed role, give the role's ARN, not the session's.",
      allowedPattern: '^arn:aws[a-z-]*:iam::\\d{12}:(role|user)/.+$',
      constraintDescription: 'an IAM role or user ARN',
    });

    // ---------------------------------------------------------------- VPC
    // Two Availability Zones looked up at deploy time (Fn::GetAZs): the stack has no fixed Region.
    const availabilityZones = [0, 1].map((index) => Fn.select(index, Fn.getAzs()));

    // Public /24s 10.0.0.0/24 and 10.0.1.0/24 for the load balancers and the NAT gateway, private
    // /20s 10.0.16.0/20 and 10.0.32.0/20 for the nodes and pods (every pod gets a VPC address).
    const vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr('10.0.0.0/16'),
      availabilityZones,
      subnetConfiguration: [
        { name: 'Public', subnetType: SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'Private', subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
      // One NAT gateway, in the first zone, for both private subnets: the cheapest way for nodes
      // to pull images and reach AWS APIs. If that zone fails, nodes in the other zone lose
      // outbound access too; use one per zone for production.
      natGateways: 1,
      // Nothing here uses the default security group. CDK's option to empty it deploys a
      // Lambda-backed custom resource; the vpc-networking pattern shows a way without code.
      restrictDefaultSecurityGroup: false,
    });
    // How EKS Auto Mode finds where to put load balancers: internet-facing ones in the public
    // subnets, internal ones in the private subnets.
    for (const subnet of vpc.publicSubnets) Tags.of(subnet).add('kubernetes.io/role/elb', '1');
    for (const subnet of vpc.privateSubnets) Tags.of(subnet).add('kubernetes.io/role/internal-elb', '1');

    // Flow logs record the VPC's traffic for troubleshooting and security investigations.
    const flowLogGroup = new LogGroup(this, 'VpcFlowLogGroup', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const flowLogRole = new Role(this, 'VpcFlowLogRole', {
      // The conditions stop another account's flow logs from using this role (confused deputy).
      assumedBy: new ServicePrincipal('vpc-flow-logs.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'ec2', resource: 'vpc-flow-log', resourceName: '*' }) },
        },
      }),
      description: 'Lets VPC Flow Logs write to the flow log group',
    });
    vpc.addFlowLog('FlowLog', {
      destination: FlowLogDestination.toCloudWatchLogs(flowLogGroup, flowLogRole),
      trafficType: FlowLogTrafficType.ALL,
    });

    // ---------------------------------------------------------------- Cluster
    const clusterName = this.stackName;

    // EKS writes control plane logs to a log group of this exact name. Created first, it keeps the
    // logs for a month; if EKS created it, it would keep them forever and outlive the stack.
    const clusterLogGroup = new LogGroup(this, 'ClusterLogGroup', {
      logGroupName: `/aws/eks/${clusterName}/cluster`,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Envelope encryption of Kubernetes secrets with a key you control (EKS already encrypts all
    // Kubernetes API data with an AWS owned key): you can audit every use in CloudTrail and revoke
    // it. One key costs a monthly fee; rotation adds a little for the first two years.
    const secretsKey = new Key(this, 'SecretsKey', {
      description: 'Encrypts the Kubernetes secrets of the EKS Auto Mode cluster',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // The role EKS uses to run the cluster and, with Auto Mode, to launch and remove nodes, EBS
    // volumes, load balancers and network interfaces: the AWS managed policies EKS Auto Mode
    // requires (https://docs.aws.amazon.com/eks/latest/userguide/auto-cluster-iam-role.html).
    const clusterRole = new Role(this, 'ClusterRole', {
      // Auto Mode needs sts:TagSession besides sts:AssumeRole.
      assumedBy: new ServicePrincipal('eks.amazonaws.com').withSessionTags(),
      description: 'Lets Amazon EKS run the cluster and its Auto Mode compute, storage and load balancing',
      managedPolicies: [
        'AmazonEKSClusterPolicy',
        'AmazonEKSComputePolicy',
        'AmazonEKSBlockStoragePolicy',
        'AmazonEKSLoadBalancingPolicy',
        'AmazonEKSNetworkingPolicy',
      ].map((name) => ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    // The cluster encrypts and decrypts the secrets' data keys with the secrets key, and nothing else.
    clusterRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'UseSecretsKey',
        actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt'],
        resources: [secretsKey.keyArn],
      }),
    );

    // The role of the EC2 instances Auto Mode launches: join the cluster and pull images, nothing
    // more (https://docs.aws.amazon.com/eks/latest/userguide/auto-create-node-role.html). EKS gives
    // it its Kubernetes permissions through an access entry it creates itself.
    const nodeRole = new Role(this, 'NodeRole', {
      assumedBy: new ServicePrincipal('ec2.amazonaws.com'),
      description: 'Lets EKS Auto Mode nodes join the cluster and pull container images',
      managedPolicies: ['AmazonEKSWorkerNodeMinimalPolicy', 'AmazonEC2ContainerRegistryPullOnly'].map((name) =>
        ManagedPolicy.fromAwsManagedPolicyName(name),
      ),
    });

    const managedPoliciesReason =
      'The AWS managed policies EKS Auto Mode documents for its cluster and node roles; AWS updates them as Auto Mode changes, which a copied policy would miss.';
    for (const [role, names] of [
      [clusterRole, ['AmazonEKSClusterPolicy', 'AmazonEKSComputePolicy', 'AmazonEKSBlockStoragePolicy', 'AmazonEKSLoadBalancingPolicy', 'AmazonEKSNetworkingPolicy']],
      [nodeRole, ['AmazonEKSWorkerNodeMinimalPolicy', 'AmazonEC2ContainerRegistryPullOnly']],
    ] as const) {
      for (const name of names) {
        Validations.of(role).acknowledge({ id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`, reason: managedPoliciesReason });
      }
    }

    const cluster = new CfnCluster(this, 'Cluster', {
      name: clusterName,
      // In standard support until 2027-03-27 (tests/iac/retired-versions.json tracks the date).
      version: KubernetesVersion.V1_35.version,
      roleArn: clusterRole.roleArn,
      // At the end of standard support EKS upgrades the cluster instead of moving it to extended
      // support, which bills a higher hourly rate.
      upgradePolicy: { supportType: 'STANDARD' },
      // Access entries only (no aws-auth ConfigMap), and no hidden admin: the one administrator is
      // the access entry below, so who can use kubectl is visible in the code. (With CDK the
      // creator would be the bootstrap's CloudFormation execution role, not you.)
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
      // Auto Mode runs networking, DNS, storage and the Pod Identity agent on its nodes itself.
      bootstrapSelfManagedAddons: false,
      // EKS Auto Mode: compute, block storage and load balancing are enabled together.
      // general-purpose runs workloads, system runs cluster add-ons. Auto Mode starts nodes when
      // pods need them; with no workload the cluster has none.
      computeConfig: { enabled: true, nodePools: ['general-purpose', 'system'], nodeRoleArn: nodeRole.roleArn },
      storageConfig: { blockStorage: { enabled: true } },
      kubernetesNetworkConfig: { elasticLoadBalancing: { enabled: true } },
      resourcesVpcConfig: {
        // Nodes, pods and the cluster's network interfaces live in the private subnets.
        subnetIds: vpc.privateSubnets.map((subnet) => subnet.subnetId),
        // Nodes and pods reach the API server inside the VPC; kubectl reaches it from the one
        // range in PublicAccessCidr. Every request still needs IAM credentials and an access entry.
        endpointPrivateAccess: true,
        endpointPublicAccess: true,
        publicAccessCidrs: [publicAccessCidr.valueAsString],
      },
      // API requests, the audit trail and authentication attempts; controllerManager and
      // scheduler logs are left off (acknowledged below).
      logging: { clusterLogging: { enabledTypes: [{ type: 'api' }, { type: 'audit' }, { type: 'authenticator' }] } },
      // Secrets are the one kind of resource EKS encrypts with the key; CloudFormation's resource
      // schema now marks the resources list (whose only value is secrets) deprecated, so it is left out.
      encryptionConfig: [{ provider: { keyArn: secretsKey.keyArn } }],
    });
    // The log group must exist before EKS first writes to it, and the role may use the secrets key.
    cluster.node.addDependency(clusterLogGroup, clusterRole.node.findChild('DefaultPolicy'));
    Validations.of(cluster).acknowledge({
      id: 'AwsSolutions-EKS1',
      reason:
        'kubectl reaches the API server from one address range (the PublicAccessCidr parameter); every request still needs IAM credentials and an access entry. Nodes and pods use the private endpoint.',
    });
    for (const logType of ['controllerManager', 'scheduler']) {
      Validations.of(cluster).acknowledge({
        id: `AwsSolutions-EKS2[LogExport::${logType}]`,
        reason:
          'The api, audit and authenticator logs are on; controllerManager and scheduler logs add CloudWatch Logs cost and are turned on while debugging.',
      });
    }

    // The cluster's administrator: full access to every namespace through kubectl.
    new CfnAccessEntry(this, 'AdminAccessEntry', {
      clusterName: cluster.ref,
      principalArn: adminPrincipalArn.valueAsString,
      type: 'STANDARD',
      accessPolicies: [
        {
          policyArn: `arn:${this.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
          accessScope: { type: 'cluster' },
        },
      ],
    });

    // ---------------------------------------------------------------- Workload identity
    // The one thing the sample workload reads from AWS. A standard String parameter has no charge.
    const messageParameter = new StringParameter(this, 'MessageParameter', {
      parameterName: `/${this.stackName}/message`,
      stringValue: 'Hello from Parameter Store, read by a pod with EKS Pod Identity',
      description: 'The message the sample pods serve',
      tier: ParameterTier.STANDARD,
    });

    // The role the pods of service account demo/web get through EKS Pod Identity. The trust policy
    // accepts EKS Pod Identity only for that namespace and service account in this cluster
    // (session tags EKS sets on every request).
    const appRole = new Role(this, 'AppRole', {
      // EKS Pod Identity calls sts:AssumeRole and sts:TagSession.
      assumedBy: new ServicePrincipal('pods.eks.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:RequestTag/eks-cluster-arn': cluster.attrArn,
            'aws:RequestTag/kubernetes-namespace': APP_NAMESPACE,
            'aws:RequestTag/kubernetes-service-account': APP_SERVICE_ACCOUNT,
          },
        },
      }).withSessionTags(),
      description: `Lets the pods of service account ${APP_NAMESPACE}/${APP_SERVICE_ACCOUNT} read the message parameter`,
    });
    // Exactly the call the pods make (aws ssm get-parameter in k8s/30-deployment.yaml), on this
    // parameter only. An explicit statement: grantRead() would add ssm:DescribeParameters,
    // GetParameters and GetParameterHistory, which the pods never call.
    appRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ReadMessageParameter',
        actions: ['ssm:GetParameter'],
        resources: [messageParameter.parameterArn],
      }),
    );

    new CfnPodIdentityAssociation(this, 'AppPodIdentityAssociation', {
      clusterName: cluster.ref,
      namespace: APP_NAMESPACE,
      serviceAccount: APP_SERVICE_ACCOUNT,
      roleArn: appRole.roleArn,
    });

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'ClusterName', { description: 'Name of the EKS cluster', value: cluster.ref });
    new CfnOutput(this, 'ConfigureKubectlCommand', {
      description: 'Run this to point kubectl at the cluster',
      value: `aws eks update-kubeconfig --region ${this.region} --name ${cluster.ref}`,
    });
    new CfnOutput(this, 'MessageParameterName', {
      description: 'Name of the SSM parameter the sample pods read',
      value: messageParameter.parameterName,
    });
    new CfnOutput(this, 'AppRoleArn', {
      description: `IAM role the pods of service account ${APP_NAMESPACE}/${APP_SERVICE_ACCOUNT} get through EKS Pod Identity`,
      value: appRole.roleArn,
    });
  }
}

import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  FlowLog,
  FlowLogDestination,
  FlowLogResourceType,
  FlowLogTrafficType,
  IpAddresses,
  SecurityGroup,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  AuroraPostgresEngineVersion,
  ClusterInstance,
  Credentials,
  DatabaseCluster,
  DatabaseClusterEngine,
  DatabaseInsightsMode,
  ParameterGroup,
  PerformanceInsightRetention,
} from 'aws-cdk-lib/aws-rds';
import type { Construct } from 'constructs';

export interface AuroraPostgresqlStackProps extends StackProps {
  /**
   * Stops anyone, this stack included, from deleting the cluster. Deploy once with `false`
   * before `cdk destroy`.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * Aurora PostgreSQL Serverless v2 in the isolated subnets of its own VPC: a writer and a reader in
 * two Availability Zones, storage and the master password encrypted with a customer managed KMS
 * key, the password kept and rotated by RDS in AWS Secrets Manager, and port 5432 open only to a
 * client security group. The Terraform and CloudFormation variants deploy the same resources under
 * the same names.
 */
export class AuroraPostgresqlStack extends Stack {
  constructor(scope: Construct, id: string, props: AuroraPostgresqlStackProps = {}) {
    super(scope, id, props);

    // ---------------------------------------------------------------- Network
    // Two isolated subnets in two Availability Zones: no internet gateway and no NAT gateway, so
    // nothing in them can reach or be reached from the internet, and no NAT hours to pay.
    const vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr('10.0.0.0/16'),
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Isolated', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      // Otherwise CDK adds a Lambda-backed custom resource that empties the default security
      // group, which the other two variants cannot match. Nothing here uses that group.
      restrictDefaultSecurityGroup: false,
    });

    // VPC flow logs, so rejected and accepted connections to the database can be traced.
    const flowLogGroup = new LogGroup(this, 'FlowLogGroup', {
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const flowLogRole = new Role(this, 'FlowLogRole', {
      // The conditions stop another account's flow logs from using this role (confused deputy).
      assumedBy: new ServicePrincipal('vpc-flow-logs.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'ec2', resource: 'vpc-flow-log', resourceName: '*' }) },
        },
      }),
      description: 'Lets VPC Flow Logs write to the flow log group',
    });
    new FlowLog(this, 'FlowLog', {
      resourceType: FlowLogResourceType.fromVpc(vpc),
      destination: FlowLogDestination.toCloudWatchLogs(flowLogGroup, flowLogRole),
      trafficType: FlowLogTrafficType.ALL,
    });

    // ---------------------------------------------------------------- Encryption key
    // A customer managed key encrypts the cluster volume, its snapshots, the master password secret
    // and Performance Insights data. Unlike the AWS managed aws/rds key, its key policy is yours
    // to write, so you can share snapshots with another account or revoke access.
    const key = new Key(this, 'DatabaseKey', {
      description: 'Encrypts the Aurora PostgreSQL cluster, its master password secret and Performance Insights',
      enableKeyRotation: true,
      // A sample leaves nothing behind: the key is deleted 7 days after the stack. For real data
      // use RETAIN, because snapshots encrypted with a deleted key can never be restored.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });

    // ---------------------------------------------------------------- Security groups
    // Membership of this group is what grants network access to the database: attach it to whatever
    // must connect (a Lambda function, an ECS service, an EC2 instance in this VPC). It admits
    // nothing and, like any new security group, allows all outbound traffic.
    const clientSecurityGroup = new SecurityGroup(this, 'ClientSecurityGroup', {
      vpc,
      description: 'Attach to clients of the Aurora PostgreSQL cluster',
      allowAllOutbound: true,
    });
    // The database never opens connections, so its group allows no outbound traffic. CDK writes
    // that as one rule that matches nothing, because an empty list would keep the AWS default
    // allow-all rule.
    const databaseSecurityGroup = new SecurityGroup(this, 'DatabaseSecurityGroup', {
      vpc,
      description: 'Aurora PostgreSQL cluster: PostgreSQL from the client security group only',
      allowAllOutbound: false,
    });

    // ---------------------------------------------------------------- Aurora
    const engine = DatabaseClusterEngine.auroraPostgres({ version: AuroraPostgresEngineVersion.VER_17_9 });

    // Aurora PostgreSQL accepts unencrypted connections unless rds.force_ssl is on.
    const parameterGroup = new ParameterGroup(this, 'ClusterParameterGroup', {
      engine,
      description: 'Aurora PostgreSQL 17: TLS required for every connection',
      parameters: { 'rds.force_ssl': '1' },
    });

    const cluster = new DatabaseCluster(this, 'Database', {
      engine,
      parameterGroup,
      vpc,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      securityGroups: [databaseSecurityGroup],
      defaultDatabaseName: 'app',
      // RDS creates the master password in Secrets Manager, encrypts it with the key above and
      // rotates it every 7 days, with no rotation Lambda function to run or reach the network.
      // 'admin' is reserved by the engine and fails the deployment; 'postgres' is accepted.
      manageMasterUserPassword: true,
      credentials: Credentials.fromUsername('postgres', { encryptionKey: key }),
      storageEncrypted: true,
      storageEncryptionKey: key,
      // Short-lived IAM tokens instead of passwords for application users (GRANT rds_iam TO ...).
      iamAuthentication: true,
      // The RDS Data API: SQL over HTTPS, authorized by IAM. The README tests the cluster with it,
      // from a laptop, without a network path into the VPC.
      enableDataApi: true,
      // Serverless v2 capacity in Aurora capacity units (ACUs, about 2 GiB of memory each). At 0,
      // both instances pause after 5 minutes without connections and bill no compute until the next
      // connection, which waits about 15 seconds for the resume. Use 0.5 or more to never pause.
      serverlessV2MinCapacity: 0,
      serverlessV2MaxCapacity: 4,
      serverlessV2AutoPauseDuration: Duration.minutes(5),
      // A writer and a reader pinned to different Availability Zones. The reader scales with the
      // writer (promotion tier 1), so after a failover the new writer already has the capacity.
      writer: ClusterInstance.serverlessV2('Writer', {
        availabilityZone: vpc.availabilityZones[0],
      }),
      readers: [
        ClusterInstance.serverlessV2('Reader', {
          availabilityZone: vpc.availabilityZones[1],
          scaleWithWriter: true,
        }),
      ],
      backup: { retention: Duration.days(7) },
      copyTagsToSnapshot: true,
      // CloudWatch Database Insights, Standard mode: 7 days of Performance Insights data at no
      // charge, encrypted with the same key.
      enablePerformanceInsights: true,
      databaseInsightsMode: DatabaseInsightsMode.STANDARD,
      performanceInsightRetention: PerformanceInsightRetention.DEFAULT,
      performanceInsightEncryptionKey: key,
      // Deletion protection stops `cdk destroy`, the console and the API from deleting the cluster.
      // To remove this sample, deploy once with `-c deletionProtection=false`, then destroy.
      deletionProtection: props.deletionProtection ?? true,
      // Once protection is off, a destroy deletes the cluster without a final snapshot, as a sample
      // should. For real data keep the default, RemovalPolicy.SNAPSHOT.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // PostgreSQL (5432) from the client security group, and nothing else. The default port is kept:
    // another one hides nothing from a scan inside the VPC, and drivers and tools expect 5432.
    cluster.connections.allowDefaultPortFrom(clientSecurityGroup, 'PostgreSQL from clients');

    // Performance Insights is switched on for the whole cluster, which includes both instances; CDK
    // warns that the instances do not repeat the setting. That is intended, so the warning is noted.
    Validations.of(cluster).acknowledge({
      id: 'Annotation::@aws-cdk/aws-rds:instancePerformanceInsightsOverridden',
      reason:
        'Performance Insights and Database Insights are set once, on the cluster, and apply to every instance in it.',
    });

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'ClusterArn', {
      description: 'ARN of the Aurora cluster, for the RDS Data API (aws rds-data execute-statement --resource-arn)',
      value: cluster.clusterArn,
    });
    new CfnOutput(this, 'ClusterEndpoint', {
      description: 'Writer endpoint (host name) of the cluster, port 5432',
      value: cluster.clusterEndpoint.hostname,
    });
    new CfnOutput(this, 'ReaderEndpoint', {
      description: 'Reader endpoint (host name) of the cluster, port 5432, for read-only queries',
      value: cluster.clusterReadEndpoint.hostname,
    });
    new CfnOutput(this, 'SecretArn', {
      description: 'ARN of the Secrets Manager secret, managed by RDS, that holds the master user name and password',
      value: cluster.secret!.secretArn,
    });
    new CfnOutput(this, 'ClientSecurityGroupId', {
      description: 'Security group to attach to clients that connect to the database',
      value: clientSecurityGroup.securityGroupId,
    });
    new CfnOutput(this, 'VpcId', {
      description: 'ID of the VPC that holds the cluster',
      value: vpc.vpcId,
    });
    new CfnOutput(this, 'IsolatedSubnetIds', {
      description: 'Comma-separated IDs of the isolated subnets, for clients such as a Lambda function in the VPC',
      value: vpc.isolatedSubnets.map((subnet) => subnet.subnetId).join(','),
    });
  }
}

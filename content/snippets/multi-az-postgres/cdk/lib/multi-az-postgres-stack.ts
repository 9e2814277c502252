import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  FlowLog,
  FlowLogDestination,
  FlowLogResourceType,
  FlowLogTrafficType,
  InstanceType,
  IpAddresses,
  Peer,
  Port,
  SecurityGroup,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  CfnDBInstance,
  Credentials,
  DatabaseInstance,
  DatabaseInstanceEngine,
  PostgresEngineVersion,
  StorageType,
} from 'aws-cdk-lib/aws-rds';
import type { Construct } from 'constructs';

export interface MultiAzPostgresStackProps extends StackProps {
  /**
   * DB instance class, with its "db." prefix.
   * @default 'db.t4g.micro'
   */
  readonly instanceClass?: string;
  /**
   * Stops anyone, this stack included, from deleting the DB instance. Deploy once with `false`
   * before `cdk destroy`.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * Not 5432: cdk-nag (AwsSolutions-RDS11) asks for a non-default port. It keeps no one out by
 * itself (the security group does that), but it costs nothing and spares untargeted scans.
 */
const DATABASE_PORT = 5433;

/**
 * The VPC's address range, written out rather than read from the VPC: cdk-nag (AwsSolutions-EC23)
 * must see the literal range to confirm the rule admits no address outside the VPC.
 */
const VPC_CIDR = '10.0.0.0/16';

/**
 * One RDS for PostgreSQL DB instance with a synchronous standby in a second Availability Zone
 * (Multi-AZ), encrypted storage, 7 days of automated backups, deletion protection and a master
 * password that RDS keeps in AWS Secrets Manager, in the isolated subnets of its own VPC. The
 * Terraform and CloudFormation variants deploy the same resources under the same names.
 */
export class MultiAzPostgresStack extends Stack {
  constructor(scope: Construct, id: string, props: MultiAzPostgresStackProps = {}) {
    super(scope, id, props);

    // ---------------------------------------------------------------- Network
    // Two isolated subnets in two Availability Zones: one for the primary, one for the standby.
    // No internet gateway and no NAT gateway, so nothing in them can reach or be reached from the
    // internet, and no NAT hours to pay.
    const vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr(VPC_CIDR),
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Isolated', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      // Otherwise CDK adds a Lambda-backed custom resource that empties the default security
      // group, which the other two variants cannot match. Nothing here uses that group.
      restrictDefaultSecurityGroup: false,
    });

    // VPC flow logs (cdk-nag AwsSolutions-VPC7), so connections to the database can be traced.
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

    // ---------------------------------------------------------------- Security group
    // PostgreSQL from inside this VPC only. The database never opens connections, so the group
    // allows no outbound traffic; CDK writes that as one rule that matches nothing, because an
    // empty list would keep the AWS default allow-all rule.
    const databaseSecurityGroup = new SecurityGroup(this, 'DatabaseSecurityGroup', {
      vpc,
      description: 'RDS for PostgreSQL: PostgreSQL from inside the VPC only',
      allowAllOutbound: false,
    });
    databaseSecurityGroup.addIngressRule(
      Peer.ipv4(VPC_CIDR),
      Port.tcp(DATABASE_PORT),
      'PostgreSQL from inside the VPC',
    );

    // ---------------------------------------------------------------- RDS
    const database = new DatabaseInstance(this, 'Database', {
      // Minor versions are upgraded automatically in the maintenance window.
      engine: DatabaseInstanceEngine.postgres({ version: PostgresEngineVersion.VER_17_9 }),
      // CDK adds the "db." prefix back.
      instanceType: new InstanceType((props.instanceClass ?? 'db.t4g.micro').replace(/^db\./, '')),
      vpc,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      securityGroups: [databaseSecurityGroup],
      port: DATABASE_PORT,
      databaseName: 'app',
      // A synchronous standby in the other Availability Zone. RDS fails over to it by itself when
      // the primary or its Availability Zone fails; the endpoint name stays the same.
      multiAz: true,
      // RDS creates the master password in Secrets Manager and rotates it every 7 days; it never
      // appears in the template. 'admin' is reserved by the engine; 'postgres' is accepted.
      credentials: Credentials.fromUsername('postgres'),
      manageMasterUserPassword: true,
      // The AWS managed key aws/rds: encryption at rest with no key to look after. PostgreSQL 15
      // and later also refuse connections without TLS by default (rds.force_ssl = 1).
      storageEncrypted: true,
      storageType: StorageType.GP3,
      allocatedStorage: 20,
      // Storage autoscaling: RDS grows the volume before it fills up, up to this many GiB.
      maxAllocatedStorage: 100,
      // Daily snapshots plus transaction logs: restore to any second of the last 7 days.
      backupRetention: Duration.days(7),
      copyTagsToSnapshot: true,
      // Deletion protection stops `cdk destroy`, the console and the API from deleting the
      // instance. To remove this sample, deploy once with `-c deletionProtection=false`.
      deletionProtection: props.deletionProtection ?? true,
      // Once protection is off, a destroy deletes the instance without a final snapshot, as a
      // sample should. For real data keep the default, RemovalPolicy.SNAPSHOT.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // ---------------------------------------------------------------- Outputs
    const cfnDatabase = database.node.defaultChild as CfnDBInstance;
    new CfnOutput(this, 'DbInstanceIdentifier', {
      description: 'Identifier of the DB instance, for aws rds describe-db-instances and reboot-db-instance',
      value: database.instanceIdentifier,
    });
    new CfnOutput(this, 'Endpoint', {
      description: 'Host name of the DB instance; it stays the same after a failover',
      value: database.dbInstanceEndpointAddress,
    });
    new CfnOutput(this, 'Port', {
      description: 'PostgreSQL port of the DB instance',
      value: database.dbInstanceEndpointPort,
    });
    new CfnOutput(this, 'SecretArn', {
      description: 'ARN of the Secrets Manager secret, managed by RDS, that holds the master user name and password',
      value: cfnDatabase.attrMasterUserSecretSecretArn,
    });
    new CfnOutput(this, 'DatabaseSecurityGroupId', {
      description: 'Security group of the DB instance; it admits PostgreSQL from inside the VPC',
      value: databaseSecurityGroup.securityGroupId,
    });
    new CfnOutput(this, 'VpcId', {
      description: 'ID of the VPC that holds the DB instance',
      value: vpc.vpcId,
    });
    new CfnOutput(this, 'IsolatedSubnetIds', {
      description: 'Comma-separated IDs of the isolated subnets, for clients such as a Lambda function in the VPC',
      value: vpc.isolatedSubnets.map((subnet) => subnet.subnetId).join(','),
    });
  }
}

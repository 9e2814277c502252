import { CfnOutput, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  FlowLogDestination,
  FlowLogTrafficType,
  GatewayVpcEndpointAwsService,
  IpAddresses,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnAssociation } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';

export interface VpcNetworkingStackProps extends StackProps {
  /**
   * IPv4 range of the VPC. It must be a /16 that no network you will connect to (peered VPCs,
   * a transit gateway, your office over VPN) already uses: the subnet plan below splits it.
   * @default '10.0.0.0/16'
   */
  readonly vpcCidr?: string;
  /**
   * One NAT gateway for all three Availability Zones instead of one per zone.
   * @default false
   */
  readonly singleNatGateway?: boolean;
}

/** The AWS-owned Systems Manager runbook that removes every rule from a VPC's default security group. */
const REMOVE_DEFAULT_SG_RULES_RUNBOOK = 'AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules';

/**
 * A VPC with public, private and isolated subnets in three Availability Zones, NAT gateways,
 * flow logs to CloudWatch Logs, gateway endpoints for S3 and DynamoDB, and a default security
 * group without rules. The Terraform and CloudFormation variants of this pattern deploy the same
 * resources under the same names, with the same subnet plan.
 *
 * Subnet plan for the default 10.0.0.0/16 (the README explains it):
 *   public   /24 per AZ  10.0.0.0/24   10.0.1.0/24   10.0.2.0/24    load balancers, NAT gateways
 *   private  /20 per AZ  10.0.16.0/20  10.0.32.0/20  10.0.48.0/20   containers, functions, instances
 *   isolated /24 per AZ  10.0.64.0/24  10.0.65.0/24  10.0.66.0/24   databases, no route out
 *   free: 10.0.3.0-10.0.15.255 (more public subnets), 10.0.67.0-10.0.255.255 (new tiers or AZs)
 */
export class VpcNetworkingStack extends Stack {
  constructor(scope: Construct, id: string, props: VpcNetworkingStackProps = {}) {
    super(scope, id, props);

    const vpcCidr = props.vpcCidr ?? '10.0.0.0/16';
    if (!/^\d{1,3}(\.\d{1,3}){3}\/16$/.test(vpcCidr)) {
      throw new Error(`vpcCidr must be a /16 such as 10.0.0.0/16 (the subnet plan splits a /16), got "${vpcCidr}"`);
    }

    // Three Availability Zones looked up at deploy time (Fn::GetAZs), so the stack stays free of
    // a fixed Region. Without this list CDK would use only two zones for a stack with no env.
    const availabilityZones = [0, 1, 2].map((index) => Fn.select(index, Fn.getAzs()));

    // ---------------------------------------------------------------- VPC and subnets
    const vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr(vpcCidr),
      availabilityZones,
      // CDK allocates the groups in this order, each subnet on the next free boundary of its
      // size: that gives exactly the plan in the comment above, which the Terraform and
      // CloudFormation variants write out with cidrsubnet() and Fn::Cidr.
      subnetConfiguration: [
        // Instances launched here get no public IP unless they ask for one (Security Hub EC2.15).
        { name: 'Public', subnetType: SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'Private', subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
        { name: 'Isolated', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      // One NAT gateway per Availability Zone, each private subnet routed to the one in its own
      // zone: losing a zone then cuts outbound traffic only in that zone, and no traffic pays for
      // crossing zones on its way out. Each NAT gateway is billed per hour and for its public IPv4
      // address whether traffic flows or not, plus per GB processed: three triple the hourly part.
      // For development, singleNatGateway: true keeps one in the first zone (if that zone fails,
      // every private subnet loses outbound access).
      natGateways: props.singleNatGateway ? 1 : availabilityZones.length,
      // The default security group is locked down below with an AWS-owned runbook instead. CDK's
      // own option deploys a Lambda-backed custom resource, which the Terraform and
      // CloudFormation variants would then have to copy.
      restrictDefaultSecurityGroup: false,
      // Gateway endpoints carry S3 and DynamoDB traffic without NAT (no per-GB NAT charge, no
      // endpoint charge) and give the isolated subnets, which have no route out, access to both.
      gatewayEndpoints: {
        S3Endpoint: {
          service: GatewayVpcEndpointAwsService.S3,
          subnets: [{ subnetType: SubnetType.PRIVATE_WITH_EGRESS }, { subnetType: SubnetType.PRIVATE_ISOLATED }],
        },
        DynamoDbEndpoint: {
          service: GatewayVpcEndpointAwsService.DYNAMODB,
          subnets: [{ subnetType: SubnetType.PRIVATE_WITH_EGRESS }, { subnetType: SubnetType.PRIVATE_ISOLATED }],
        },
      },
    });

    // ---------------------------------------------------------------- Flow logs
    // Accepted and rejected traffic of every network interface in the VPC, for troubleshooting
    // and security investigations. CloudWatch Logs encrypts the log group at rest; add a KMS key
    // (encryptionKey) if your policy requires a key you control.
    const flowLogGroup = new LogGroup(this, 'VpcFlowLogGroup', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // The conditions stop another account's flow logs from using this role (confused deputy).
    const flowLogRole = new Role(this, 'VpcFlowLogRole', {
      assumedBy: new ServicePrincipal('vpc-flow-logs.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'ec2', resource: 'vpc-flow-log', resourceName: '*' }) },
        },
      }),
      description: 'Lets VPC Flow Logs write to the flow log group',
    });

    // CDK adds logs:CreateLogStream, PutLogEvents and DescribeLogStreams on this log group only.
    vpc.addFlowLog('FlowLog', {
      destination: FlowLogDestination.toCloudWatchLogs(flowLogGroup, flowLogRole),
      trafficType: FlowLogTrafficType.ALL,
    });

    // ---------------------------------------------------------------- Default security group
    // Every VPC gets a default security group that lets its members talk to each other and reach
    // anywhere. It cannot be deleted, and CloudFormation cannot remove its rules, so a State
    // Manager association runs the AWS-owned runbook that removes them: when the stack is created,
    // then every day, so rules added later are removed too. Resources that need network access get
    // their own security groups.
    const lockdownRole = new Role(this, 'DefaultSecurityGroupLockdownRole', {
      assumedBy: new ServicePrincipal('ssm.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description: 'Lets Systems Manager Automation remove the rules of the VPC default security group',
    });
    // The permissions the runbook's documentation lists, narrowed to this security group,
    // this runbook and this account's automation executions where IAM allows it.
    lockdownRole.addToPolicy(
      new PolicyStatement({
        actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
        resources: [
          this.formatArn({ service: 'ec2', resource: 'security-group', resourceName: vpc.vpcDefaultSecurityGroup }),
        ],
      }),
    );
    lockdownRole.addToPolicy(new PolicyStatement({ actions: ['ec2:DescribeSecurityGroups'], resources: ['*'] }));
    lockdownRole.addToPolicy(
      new PolicyStatement({
        actions: ['ssm:StartAutomationExecution'],
        resources: [
          `arn:${this.partition}:ssm:${this.region}:*:automation-definition/${REMOVE_DEFAULT_SG_RULES_RUNBOOK}:*`,
        ],
      }),
    );
    lockdownRole.addToPolicy(
      new PolicyStatement({
        actions: ['ssm:GetAutomationExecution'],
        resources: [this.formatArn({ service: 'ssm', resource: 'automation-execution', resourceName: '*' })],
      }),
    );
    // Each wildcard above, acknowledged one by one so that a new wildcard still fails cdk-nag.
    Validations.of(lockdownRole).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'ec2:DescribeSecurityGroups supports no resource-level permissions, so IAM accepts only * for it.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:*:automation-definition/${REMOVE_DEFAULT_SG_RULES_RUNBOOK}:*]`,
        reason: 'The runbook is owned by AWS, not this account, and its version is chosen at run time; the ARN still names this one runbook.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:automation-execution/*]',
        reason: 'Automation execution ids exist only once the runbook starts; the ARN is limited to this account and Region.',
      },
    );

    const lockdown = new CfnAssociation(this, 'DefaultSecurityGroupLockdown', {
      name: REMOVE_DEFAULT_SG_RULES_RUNBOOK,
      // Runs when created, then daily: rules someone adds later are gone within a day. A run that
      // finds no rules changes nothing.
      // https://docs.aws.amazon.com/systems-manager/latest/userguide/reference-cron-and-rate-expressions.html
      scheduleExpression: 'rate(1 day)',
      // The deployment waits for the first run to succeed, and fails if it does not (a denied call,
      // a role not yet usable) instead of finishing with the default group still open.
      waitForSuccessTimeoutSeconds: 300,
      parameters: {
        GroupId: [vpc.vpcDefaultSecurityGroup],
        AutomationAssumeRole: [lockdownRole.roleArn],
      },
    });
    // The role's policy (its DefaultPolicy, which addToPolicy filled) must exist before the
    // runbook starts, or its first call is denied.
    lockdown.node.addDependency(lockdownRole.node.findChild('DefaultPolicy'));

    // ---------------------------------------------------------------- Outputs
    // Exported under the stack name, so other stacks can import them with Fn::ImportValue.
    const outputs: ReadonlyArray<[id: string, description: string, value: string]> = [
      ['VpcId', 'ID of the VPC', vpc.vpcId],
      ['PublicSubnetIds', 'Comma-separated IDs of the public subnets, one per AZ', Fn.join(',', vpc.publicSubnets.map((s) => s.subnetId))],
      ['PrivateSubnetIds', 'Comma-separated IDs of the private subnets (outbound through NAT), one per AZ', Fn.join(',', vpc.privateSubnets.map((s) => s.subnetId))],
      ['IsolatedSubnetIds', 'Comma-separated IDs of the isolated subnets (no route out), one per AZ', Fn.join(',', vpc.isolatedSubnets.map((s) => s.subnetId))],
      ['DefaultSecurityGroupId', 'ID of the default security group, which has no rules once the stack is created', vpc.vpcDefaultSecurityGroup],
      ['FlowLogGroupName', 'CloudWatch Logs group that receives the VPC flow logs', flowLogGroup.logGroupName],
    ];
    for (const [outputId, description, value] of outputs) {
      new CfnOutput(this, outputId, { description, value, exportName: `${this.stackName}-${outputId}` });
    }
  }
}

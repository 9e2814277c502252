import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  FlowLogDestination,
  FlowLogTrafficType,
  IpAddresses,
  Peer,
  Port,
  SecurityGroup,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import {
  AwsLogDriver,
  Cluster,
  ContainerImage,
  ContainerInsights,
  CpuArchitecture,
  FargateService,
  FargateTaskDefinition,
  OperatingSystemFamily,
} from 'aws-cdk-lib/aws-ecs';
import {
  ApplicationLoadBalancer,
  ApplicationProtocol,
  ApplicationTargetGroup,
  TargetType,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface ContainerMicroserviceStackProps extends StackProps {
  /**
   * Container image the service runs. It must listen on port 80 and answer GET / with 200.
   * @default 'public.ecr.aws/nginx/nginx:stable'
   */
  readonly containerImage?: string;
  /** Fewest tasks; two keep one running in each Availability Zone. @default 2 */
  readonly minCapacity?: number;
  /** Most tasks that scaling may start. @default 10 */
  readonly maxCapacity?: number;
  /** One NAT gateway for both Availability Zones instead of one per zone. @default false */
  readonly singleNatGateway?: boolean;
}

/** The port the container listens on, the target group sends to and the listener receives on. */
const HTTP_PORT = 80;
/** Folder of the access logs in the bucket; ELB adds AWSLogs/<account>/ below it. */
const ACCESS_LOG_PREFIX = 'alb';

/**
 * Application Load Balancer -> Amazon ECS service on AWS Fargate in private subnets, with CPU and
 * memory target tracking, in a compact VPC of its own (two Availability Zones, public and private
 * subnets, NAT). The Terraform and CloudFormation variants of this pattern deploy the same
 * resources under the same names.
 */
export class ContainerMicroserviceStack extends Stack {
  constructor(scope: Construct, id: string, props: ContainerMicroserviceStackProps = {}) {
    super(scope, id, props);

    // A public image, so the pattern deploys without building or pushing anything: nginx answers
    // GET / with its welcome page. Swap in your own image. One in your private ECR repository
    // needs ContainerImage.fromEcrRepository(), which also lets the execution role pull it.
    const containerImage = props.containerImage ?? 'public.ecr.aws/nginx/nginx:stable';
    const minCapacity = props.minCapacity ?? 2;
    const maxCapacity = props.maxCapacity ?? 10;

    // ---------------------------------------------------------------- VPC
    // Two Availability Zones looked up at deploy time (Fn::GetAZs): the stack has no fixed Region.
    const availabilityZones = [0, 1].map((index) => Fn.select(index, Fn.getAzs()));

    // The same subnet plan as the vpc-networking pattern, without its isolated tier:
    // public /24s 10.0.0.0/24 and 10.0.1.0/24, private /20s 10.0.16.0/20 and 10.0.32.0/20.
    const vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr('10.0.0.0/16'),
      availabilityZones,
      subnetConfiguration: [
        { name: 'Public', subnetType: SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'Private', subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
      // One NAT gateway per zone: the tasks in each zone keep pulling images and sending logs
      // when the other zone fails. Each NAT gateway is billed per hour and for its public IPv4
      // address whether traffic flows or not, plus per GB processed. singleNatGateway: true keeps
      // one, for development (if its zone fails, no task can pull its image or send logs).
      natGateways: props.singleNatGateway ? 1 : availabilityZones.length,
      // Nothing here uses the default security group. CDK's option to empty it deploys a
      // Lambda-backed custom resource; the vpc-networking pattern shows a way without code.
      restrictDefaultSecurityGroup: false,
    });

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

    // ---------------------------------------------------------------- Load balancer access logs
    // Application Load Balancers write access logs only to S3, encrypted with S3-managed keys
    // (SSE-S3; ELB cannot use a KMS key). Objects expire after 30 days.
    const accessLogsBucket = new Bucket(this, 'AccessLogsBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Denies every request that does not use TLS.
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(30) }],
      // Deleting the stack deletes the bucket once it is empty (see the README); no custom
      // resource empties it for you.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // ELB's log delivery service may write under this account's folder only. AWS recommends this
    // service principal in every Region, the older ones included (step 2 of
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
    // The per-Region ELB account policy of older guides is legacy: still accepted in Regions opened
    // before August 2022, never in newer ones. CDK's logAccessLogs() still grants that account
    // where region-info knows one, and so needs a stack with a fixed Region; this stack has none.
    accessLogsBucket.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('logdelivery.elasticloadbalancing.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [accessLogsBucket.arnForObjects(`${ACCESS_LOG_PREFIX}/AWSLogs/${this.account}/*`)],
      }),
    );
    // Logging this bucket's own requests would need yet another bucket; ELB is its only writer.
    Validations.of(accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket only receives load balancer access logs; S3 server access logs for it would need a second log bucket.',
    });

    // ---------------------------------------------------------------- Load balancer
    const loadBalancerSecurityGroup = new SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc,
      description: 'Lets the internet reach the load balancer on port 80',
      // The load balancer opens connections only to its targets. Its outbound rules stay open;
      // the tasks' security group decides what may reach them.
      allowAllOutbound: true,
    });
    loadBalancerSecurityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(HTTP_PORT), 'HTTP from the internet');
    Validations.of(loadBalancerSecurityGroup).acknowledge({
      id: 'AwsSolutions-EC23',
      reason: 'A public load balancer must accept connections from any address; it forwards only to the tasks on port 80.',
    });

    const loadBalancer = new ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: SubnetType.PUBLIC },
      securityGroup: loadBalancerSecurityGroup,
      // Drops requests with header names that are not valid HTTP (Security Hub ELB.4).
      dropInvalidHeaderFields: true,
    });
    loadBalancer.setAttribute('access_logs.s3.enabled', 'true');
    loadBalancer.setAttribute('access_logs.s3.bucket', accessLogsBucket.bucketName);
    loadBalancer.setAttribute('access_logs.s3.prefix', ACCESS_LOG_PREFIX);
    // ELB checks that it may write to the bucket when access logs are turned on.
    loadBalancer.node.addDependency(accessLogsBucket);

    const targetGroup = new ApplicationTargetGroup(this, 'TargetGroup', {
      vpc,
      port: HTTP_PORT,
      protocol: ApplicationProtocol.HTTP,
      // Fargate tasks register by IP address (awsvpc networking).
      targetType: TargetType.IP,
      healthCheck: {
        path: '/',
        interval: Duration.seconds(15),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
      // Tasks being replaced get 30 seconds to finish their requests (the default is 300).
      deregistrationDelay: Duration.seconds(30),
    });

    // HTTP only: HTTPS needs a certificate, and ACM issues certificates only for a domain you
    // own, never for the load balancer's amazonaws.com name. With a domain, request an ACM
    // certificate, add an HTTPS listener on 443 (sslPolicy SslPolicy.RECOMMENDED_TLS) that
    // forwards to the target group, turn this listener into a redirect to HTTPS, and open 443
    // instead of 80 in the load balancer's security group.
    loadBalancer.addListener('HttpListener', {
      port: HTTP_PORT,
      protocol: ApplicationProtocol.HTTP,
      // The security group above already decides who may connect.
      open: false,
      defaultTargetGroups: [targetGroup],
    });

    // ---------------------------------------------------------------- ECS on Fargate
    const cluster = new Cluster(this, 'Cluster', {
      vpc,
      // CPU, memory, network and storage metrics per task and per container in CloudWatch.
      containerInsightsV2: ContainerInsights.ENHANCED,
    });

    const serviceLogGroup = new LogGroup(this, 'ServiceLogGroup', {
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // CDK adds a task role (empty: give it what your code calls) and an execution role that
    // may write to the log group above and nothing else.
    const taskDefinition = new FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: 256,
      memoryLimitMiB: 512,
      // Graviton: lower price per vCPU-hour than x86. The nginx image is built for both; use
      // CpuArchitecture.X86_64 if yours is built for x86 only.
      runtimePlatform: {
        cpuArchitecture: CpuArchitecture.ARM64,
        operatingSystemFamily: OperatingSystemFamily.LINUX,
      },
    });
    taskDefinition.addContainer('web', {
      image: ContainerImage.fromRegistry(containerImage),
      portMappings: [{ containerPort: HTTP_PORT }],
      logging: new AwsLogDriver({ streamPrefix: 'web', logGroup: serviceLogGroup }),
      // Pass configuration as secrets (Secrets Manager, Parameter Store), not environment
      // variables, which anyone who can read the task definition can read (cdk-nag AwsSolutions-ECS2).
    });

    const serviceSecurityGroup = new SecurityGroup(this, 'ServiceSecurityGroup', {
      vpc,
      description: 'Lets the load balancer reach the tasks; lets the tasks make HTTPS calls',
      allowAllOutbound: false,
    });
    // Outbound HTTPS only: enough to pull the image and to send logs and metrics. Add rules for
    // anything else your code connects to (a database port, for example).
    serviceSecurityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), 'HTTPS to AWS APIs and the image registry');

    const service = new FargateService(this, 'Service', {
      cluster,
      taskDefinition,
      // No desiredCount: scaling owns the number of tasks, and a deployment would otherwise
      // reset it. The service starts with one task and scaling raises it to minCapacity.
      vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      securityGroups: [serviceSecurityGroup],
      // A deployment whose tasks never turn healthy rolls back to the last working one.
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      healthCheckGracePeriod: Duration.seconds(60),
      // No shell into running containers: turn on only while debugging, and give the task role
      // the ssmmessages permissions it then needs.
      enableExecuteCommand: false,
    });
    // The first tasks pull their image with the execution role's policy, which CloudFormation would
    // otherwise create in parallel with the service (tasks failing to start roll the deployment back).
    service.node.addDependency(taskDefinition.obtainExecutionRole().node.findChild('DefaultPolicy'));
    // Registers the tasks and lets the load balancer's security group reach the service's on
    // port 80 (one ingress rule on the service's group).
    targetGroup.addTarget(service);

    // ---------------------------------------------------------------- Scaling
    const scaling = service.autoScaleTaskCount({ minCapacity, maxCapacity });
    // Two target tracking policies: the service scales out when either metric is above its
    // target and scales in only when both are below. Scale out fast, scale in slowly.
    scaling.scaleOnCpuUtilization('CpuScaling', {
      targetUtilizationPercent: 70,
      scaleOutCooldown: Duration.seconds(60),
      scaleInCooldown: Duration.seconds(300),
    });
    scaling.scaleOnMemoryUtilization('MemoryScaling', {
      targetUtilizationPercent: 80,
      scaleOutCooldown: Duration.seconds(60),
      scaleInCooldown: Duration.seconds(300),
    });

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'LoadBalancerUrl', {
      description: 'URL of the service, through the load balancer',
      value: `http://${loadBalancer.loadBalancerDnsName}/`,
    });
    new CfnOutput(this, 'ClusterName', { description: 'Name of the ECS cluster', value: cluster.clusterName });
    new CfnOutput(this, 'ServiceName', { description: 'Name of the ECS service', value: service.serviceName });
    new CfnOutput(this, 'ServiceLogGroupName', {
      description: 'CloudWatch Logs group of the containers',
      value: serviceLogGroup.logGroupName,
    });
    new CfnOutput(this, 'AccessLogsBucketName', {
      description: 'S3 bucket that receives the load balancer access logs',
      value: accessLogsBucket.bucketName,
    });
  }
}

import * as path from 'node:path';
import { CfnOutput, CfnParameter, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  Signing,
  ViewerProtocolPolicy,
  VpcOrigin,
  VpcOriginEndpoint,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin, VpcOrigin as VpcOriginOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  FlowLog,
  FlowLogDestination,
  FlowLogResourceType,
  FlowLogTrafficType,
  IpAddresses,
  Peer,
  Port,
  SecurityGroup,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import {
  Cluster,
  ContainerImage,
  ContainerInsights,
  CpuArchitecture,
  FargateService,
  FargateTaskDefinition,
  LogDrivers,
  OperatingSystemFamily,
  Secret as EcsSecret,
} from 'aws-cdk-lib/aws-ecs';
import {
  ApplicationLoadBalancer,
  ApplicationProtocol,
  ApplicationTargetGroup,
  TargetType,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';
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
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface ThreeTierWebAppStackProps extends StackProps {
  /**
   * Container image of your API, which must answer GET /api/health with 200 on port 80.
   * @default a placeholder: nginx answering /api/health with {"status":"ok"}
   */
  readonly containerImage?: string;
  /**
   * Stops anyone, this stack included, from deleting the database. Deploy once with `false`
   * before `cdk destroy`.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Lowest capacity of each database instance, in Aurora capacity units (ACUs, about 2 GiB of
   * memory each). 0 pauses the database when idle; the next request then waits about 15 seconds.
   * @default 0.5
   */
  readonly minCapacity?: number;
}

/** The stand-in API: the official nginx image, from Amazon ECR Public (no Docker Hub rate limits). */
const PLACEHOLDER_IMAGE = 'public.ecr.aws/docker/library/nginx:stable-alpine';
/** Writes the health answer the load balancer checks, then starts nginx in the foreground. */
const PLACEHOLDER_COMMAND = [
  '/bin/sh',
  '-c',
  `mkdir -p /usr/share/nginx/html/api && echo '{"status":"ok"}' > /usr/share/nginx/html/api/health && exec nginx -g 'daemon off;'`,
];

/** Days to keep CloudFront and S3 access logs. */
const ACCESS_LOG_RETENTION_DAYS = 90;

/**
 * CloudFront serves the front end from a private S3 bucket and sends /api/* through a VPC origin
 * to an internal Application Load Balancer, which forwards to an ECS service on Fargate in private
 * subnets. The service reads and writes an Aurora PostgreSQL Serverless v2 cluster in isolated
 * subnets, with credentials that RDS keeps in Secrets Manager. Security groups chain
 * load balancer -> tasks -> database. The Terraform and CloudFormation variants deploy the same
 * resources under the same names.
 */
export class ThreeTierWebAppStack extends Stack {
  constructor(scope: Construct, id: string, props: ThreeTierWebAppStackProps = {}) {
    super(scope, id, props);

    // ---------------------------------------------------------------- Network
    // Three subnet tiers in two Availability Zones. Public: only the NAT gateway (and the
    // internet gateway CloudFront VPC origins require). Private: the load balancer and the tasks,
    // which reach the internet through NAT to pull images and call AWS APIs. Isolated: the
    // database, with no route out of the VPC.
    const vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr('10.0.0.0/16'),
      maxAzs: 2,
      // One NAT gateway keeps the sample cheap; with one per Availability Zone (natGateways: 2),
      // the tasks in the other zone keep their internet access if that zone fails.
      natGateways: 1,
      subnetConfiguration: [
        { name: 'Public', subnetType: SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'Private', subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
        { name: 'Isolated', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      // Otherwise CDK adds a Lambda-backed custom resource that empties the default security
      // group, which the other two variants cannot match. Nothing here uses that group.
      restrictDefaultSecurityGroup: false,
    });

    // VPC flow logs, so accepted and rejected connections between the tiers can be traced.
    const flowLogGroup = new LogGroup(this, 'FlowLogGroup', {
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // The conditions stop another account's flow logs from using this role (confused deputy).
    const flowLogRole = new Role(this, 'FlowLogRole', {
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

    // ---------------------------------------------------------------- Security groups
    // The chain: CloudFront -> load balancer (80) -> tasks (80) -> database (5432).
    // The load balancer is internal: it has no public address, and nothing on the internet can
    // route to it. Its group admits HTTP only from CloudFront's origin-facing addresses, which VPC
    // origin connections come from, so nothing else in the VPC or a connected network reaches the
    // API around CloudFront, its logs and a web ACL. AWS keeps those addresses in the managed
    // prefix list com.amazonaws.global.cloudfront.origin-facing, whose ID differs by Region.
    // CloudFormation cannot look a prefix list up by name, so, like the CloudFormation variant,
    // the stack takes the ID as a parameter and stays deployable to any Region (the README looks
    // it up). The list counts as 55 rules against the group's rules quota (its weight:
    // https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html).
    const cloudFrontPrefixListId = new CfnParameter(this, 'CloudFrontPrefixListId', {
      type: 'String',
      description:
        'ID of the managed prefix list com.amazonaws.global.cloudfront.origin-facing in this Region (aws ec2 describe-managed-prefix-lists); the load balancer admits HTTP only from it.',
      allowedPattern: '^pl-[0-9a-f]+$',
      constraintDescription: 'must be a prefix list ID such as pl-0123456789abcdef0',
    });
    const loadBalancerSecurityGroup = new SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc,
      description: 'Internal load balancer: HTTP from the CloudFront VPC origin',
      allowAllOutbound: true,
    });
    loadBalancerSecurityGroup.addIngressRule(
      Peer.prefixList(cloudFrontPrefixListId.valueAsString),
      Port.tcp(80),
      'HTTP from the CloudFront VPC origin',
    );

    // Tasks pull their image, send logs and read the secret through the NAT gateway.
    const serviceSecurityGroup = new SecurityGroup(this, 'ServiceSecurityGroup', {
      vpc,
      description: 'ECS tasks: HTTP from the load balancer only',
      allowAllOutbound: true,
    });

    // The database never opens connections, so its group allows no outbound traffic. CDK writes
    // that as one rule that matches nothing, because an empty list would keep the AWS default
    // allow-all rule.
    const databaseSecurityGroup = new SecurityGroup(this, 'DatabaseSecurityGroup', {
      vpc,
      description: 'Aurora PostgreSQL cluster: PostgreSQL from the ECS tasks only',
      allowAllOutbound: false,
    });

    // ---------------------------------------------------------------- Data tier: Aurora
    // A customer managed key encrypts the cluster volume, its snapshots, the master password
    // secret and Performance Insights data.
    const databaseKey = new Key(this, 'DatabaseKey', {
      description: 'Encrypts the Aurora PostgreSQL cluster, its master password secret and Performance Insights',
      enableKeyRotation: true,
      // A sample leaves nothing behind: the key is deleted 7 days after the stack. For real data
      // use RETAIN, because snapshots encrypted with a deleted key can never be restored.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });

    const engine = DatabaseClusterEngine.auroraPostgres({ version: AuroraPostgresEngineVersion.VER_17_9 });

    // Aurora PostgreSQL accepts unencrypted connections unless rds.force_ssl is on.
    const parameterGroup = new ParameterGroup(this, 'ClusterParameterGroup', {
      engine,
      description: 'Aurora PostgreSQL 17: TLS required for every connection',
      parameters: { 'rds.force_ssl': '1' },
    });

    const database = new DatabaseCluster(this, 'Database', {
      engine,
      parameterGroup,
      vpc,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      securityGroups: [databaseSecurityGroup],
      defaultDatabaseName: 'app',
      // RDS creates the master password in Secrets Manager, encrypts it with the key above and
      // rotates it every 7 days. 'admin' is reserved by the engine; 'postgres' is accepted.
      manageMasterUserPassword: true,
      credentials: Credentials.fromUsername('postgres', { encryptionKey: databaseKey }),
      storageEncrypted: true,
      storageEncryptionKey: databaseKey,
      // Short-lived IAM tokens instead of passwords for application users (GRANT rds_iam TO ...).
      iamAuthentication: true,
      // Serverless v2 capacity in ACUs (about 2 GiB of memory each). 0.5 keeps the database
      // awake for the web app; 0 would pause it after idle minutes and make the next request wait
      // about 15 seconds.
      serverlessV2MinCapacity: props.minCapacity ?? 0.5,
      serverlessV2MaxCapacity: 4,
      // A writer and a reader in different Availability Zones; the reader scales with the writer
      // (promotion tier 1), so after a failover the new writer already has the capacity.
      writer: ClusterInstance.serverlessV2('Writer', { availabilityZone: vpc.availabilityZones[0] }),
      readers: [
        ClusterInstance.serverlessV2('Reader', { availabilityZone: vpc.availabilityZones[1], scaleWithWriter: true }),
      ],
      backup: { retention: Duration.days(7) },
      copyTagsToSnapshot: true,
      // CloudWatch Database Insights, Standard mode: 7 days of Performance Insights data at no
      // charge, encrypted with the same key.
      enablePerformanceInsights: true,
      databaseInsightsMode: DatabaseInsightsMode.STANDARD,
      performanceInsightRetention: PerformanceInsightRetention.DEFAULT,
      performanceInsightEncryptionKey: databaseKey,
      // Deletion protection stops `cdk destroy`, the console and the API from deleting the cluster.
      // To remove this sample, deploy once with `-c deletionProtection=false`, then destroy.
      deletionProtection: props.deletionProtection ?? true,
      // Once protection is off, a destroy deletes the cluster without a final snapshot, as a sample
      // should. For real data keep the default, RemovalPolicy.SNAPSHOT.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // PostgreSQL (5432) from the tasks, and nothing else.
    database.connections.allowDefaultPortFrom(serviceSecurityGroup, 'PostgreSQL from the ECS tasks');

    // Performance Insights is switched on for the whole cluster, which includes both instances;
    // CDK warns that the instances do not repeat the setting. That is intended.
    Validations.of(database).acknowledge({
      id: 'Annotation::@aws-cdk/aws-rds:instancePerformanceInsightsOverridden',
      reason:
        'Performance Insights and Database Insights are set once, on the cluster, and apply to every instance in it.',
    });

    // ---------------------------------------------------------------- Application tier: ALB
    const loadBalancer = new ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: false,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
      securityGroup: loadBalancerSecurityGroup,
      // Requests with header names that are not valid HTTP are dropped, not passed to the tasks.
      dropInvalidHeaderFields: true,
    });
    // No access logs: the security group admits only CloudFront's origin-facing addresses, so every
    // request reaches the load balancer through CloudFront, whose standard logs (below) record it.
    Validations.of(loadBalancer).acknowledge({
      id: 'AwsSolutions-ELB2',
      reason:
        "Every request reaches the internal load balancer through CloudFront, the only source its security group admits (CloudFront's origin-facing prefix list), and CloudFront's standard logs record each one.",
    });

    const targetGroup = new ApplicationTargetGroup(this, 'TargetGroup', {
      vpc,
      port: 80,
      protocol: ApplicationProtocol.HTTP,
      targetType: TargetType.IP,
      // Set explicitly, the same in all three variants, because the ELB API and the Terraform
      // provider have different defaults. A new task takes traffic after 2 passed checks (about 30
      // seconds); a failing one leaves after 3 failed checks (about 45 seconds).
      // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
      healthCheck: {
        path: '/api/health',
        healthyHttpCodes: '200',
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
      // Tasks leaving during a deployment get 30 seconds to finish their requests.
      deregistrationDelay: Duration.seconds(30),
    });
    // HTTP inside the VPC: CloudFront terminates TLS for viewers, and the VPC origin carries the
    // request over the AWS network. HTTPS to the load balancer needs a certificate for a domain.
    loadBalancer.addListener('Listener', {
      port: 80,
      protocol: ApplicationProtocol.HTTP,
      // The ingress rule above already admits the VPC origin; do not add a second one.
      open: false,
      defaultTargetGroups: [targetGroup],
    });

    // ---------------------------------------------------------------- Application tier: ECS
    const ecsCluster = new Cluster(this, 'EcsCluster', {
      vpc,
      // CPU, memory, network and task counts per service in CloudWatch.
      containerInsightsV2: ContainerInsights.ENABLED,
    });

    const serviceLogGroup = new LogGroup(this, 'ServiceLogGroup', {
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // ECS uses this role to start tasks: write their logs and read the database secret.
    const taskExecutionRole = new Role(this, 'TaskExecutionRole', {
      assumedBy: new ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Lets ECS write the API logs and read the database secret when it starts a task',
    });
    // The application's own role: it needs no AWS permissions yet. Add them here, not to the
    // execution role.
    const taskRole = new Role(this, 'TaskRole', {
      assumedBy: new ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Role of the API containers; grant it what the application calls',
    });

    const taskDefinition = new FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: 256,
      memoryLimitMiB: 512,
      // Graviton: a lower price per vCPU-hour than x86. Your image must be built for arm64.
      runtimePlatform: {
        cpuArchitecture: CpuArchitecture.ARM64,
        operatingSystemFamily: OperatingSystemFamily.LINUX,
      },
      executionRole: taskExecutionRole,
      taskRole,
    });

    taskDefinition.addContainer('Api', {
      image: ContainerImage.fromRegistry(props.containerImage ?? PLACEHOLDER_IMAGE),
      command: props.containerImage ? undefined : PLACEHOLDER_COMMAND,
      portMappings: [{ containerPort: 80 }],
      // Where the database is. Not secret, so plain environment variables.
      environment: {
        DB_HOST: database.clusterEndpoint.hostname,
        DB_PORT: '5432',
        DB_NAME: 'app',
      },
      // ECS reads these from the RDS-managed secret when a task starts, so they never appear in
      // the task definition. RDS rotates the password every 7 days: read the secret again on a
      // failed login (or restart the tasks), or use IAM database authentication instead.
      secrets: {
        DB_USERNAME: EcsSecret.fromSecretsManager(database.secret!, 'username'),
        DB_PASSWORD: EcsSecret.fromSecretsManager(database.secret!, 'password'),
      },
      logging: LogDrivers.awsLogs({ logGroup: serviceLogGroup, streamPrefix: 'api' }),
    });
    Validations.of(taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason:
        'The environment holds only the database host, port and name; the user name and password come from Secrets Manager as ECS secrets.',
    });

    const service = new FargateService(this, 'Service', {
      cluster: ecsCluster,
      taskDefinition,
      // One task per Availability Zone.
      desiredCount: 2,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [serviceSecurityGroup],
      assignPublicIp: false,
      // New tasks must pass the health check before old ones stop; a deployment whose tasks keep
      // failing rolls back on its own.
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { rollback: true },
      healthCheckGracePeriod: Duration.seconds(60),
    });
    // Registers the tasks with the target group and lets the load balancer reach them on port 80.
    service.attachToApplicationTargetGroup(targetGroup);
    // The execution role's policy (the secret, the key and the log group, granted by addContainer
    // above) is a separate resource, which CloudFormation would otherwise create in parallel with
    // the service: the first tasks could then fail to read the secret, and the circuit breaker roll
    // the stack back. CDK already orders the task role, not this one.
    service.node.addDependency(taskExecutionRole.node.findChild('DefaultPolicy'));

    // ---------------------------------------------------------------- Presentation tier: S3
    // Receives the CloudFront standard logs and the front-end bucket's server access logs. It does
    // not log its own access, which would only record log deliveries.
    const logsBucket = new Bucket(this, 'LogsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // SSE-S3: CloudFront standard logging cannot write to a bucket encrypted with SSE-KMS.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // CloudFront standard logging delivers through an ACL grant, so this bucket keeps ACLs
      // enabled; BucketOwnerPreferred makes the bucket owner own every delivered log file.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'ExpireLogs', expiration: Duration.days(ACCESS_LOG_RETENTION_DAYS) }],
      // `cdk destroy` deletes the bucket only when it is empty (see the README's clean-up step).
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const frontendBucket = new Bucket(this, 'FrontendBucket', {
      // Private: only CloudFront, signing with origin access control, can read the objects.
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // SSE-S3: the files are public through CloudFront anyway, and SSE-KMS would need a key
      // policy for CloudFront and a charge per request.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logsBucket,
      serverAccessLogsPrefix: 's3-access/',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // ---------------------------------------------------------------- CloudFront
    // Origin access control (not the legacy origin access identity): CloudFront signs every
    // request to the bucket with SigV4, and the bucket policy admits only this distribution.
    const originAccessControl = new S3OriginAccessControl(this, 'OriginAccessControl', {
      description: 'Lets the three-tier web app distribution read the front-end bucket',
      signing: Signing.SIGV4_ALWAYS,
    });

    // The VPC origin lets CloudFront reach the internal load balancer without a public address.
    const apiVpcOrigin = new VpcOrigin(this, 'ApiVpcOrigin', {
      endpoint: VpcOriginEndpoint.applicationLoadBalancer(loadBalancer),
      httpPort: 80,
      protocolPolicy: OriginProtocolPolicy.HTTP_ONLY,
    });

    // Single-page app routes such as /dashboard get /index.html; see src/spa-rewrite.js.
    const spaRewrite = new CloudFrontFunction(this, 'SpaRewriteFunction', {
      comment: 'Serves index.html for single-page app routes',
      runtime: FunctionRuntime.JS_2_0,
      // The same file the Terraform variant reads and the CloudFormation variant inlines.
      code: FunctionCode.fromFile({ filePath: path.join(__dirname, '..', '..', 'src', 'spa-rewrite.js') }),
    });

    const distribution = new Distribution(this, 'Distribution', {
      comment: 'Three-tier web app',
      defaultRootObject: 'index.html',
      // Everything but /api/*: the front end's files from S3, cached at the edge.
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(frontendBucket, { originAccessControl, originId: 'FrontendOrigin' }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        // Managed SecurityHeadersPolicy: HSTS, nosniff, X-Frame-Options SAMEORIGIN and more.
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
        // Only on this behavior: /api/* never reaches the function, and API errors stay API errors.
        // No custom error responses either, since they would apply to the API too.
        functionAssociations: [{ function: spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        // The API: every method, never cached, with the viewer's headers, cookies and query
        // strings (but not its Host header, which the load balancer does not serve).
        '/api/*': {
          origin: VpcOriginOrigin.withVpcOrigin(apiVpcOrigin, {
            domainName: loadBalancer.loadBalancerDnsName,
            originId: 'ApiOrigin',
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        },
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      enableLogging: true,
      logBucket: logsBucket,
      logFilePrefix: 'cloudfront/',
    });

    Validations.of(distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'A public web app serves every country; add a geo restriction only if a licence or law requires it.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'A CloudFront web ACL must be created in us-east-1 and is billed monthly, while this stack deploys to any Region; the README shows how to attach one.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the default *.cloudfront.net certificate is used, whose minimum TLS version cannot be set; a domain and an ACM certificate allow TLS 1.2 or later.',
      },
    );

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'AppUrl', {
      description: 'HTTPS address of the web app; the API answers under /api/',
      value: `https://${distribution.distributionDomainName}`,
    });
    new CfnOutput(this, 'DistributionId', {
      description: 'CloudFront distribution ID, for cache invalidations after a front-end upload',
      value: distribution.distributionId,
    });
    new CfnOutput(this, 'FrontendBucketName', {
      description: 'Bucket to upload the built front end to (aws s3 sync)',
      value: frontendBucket.bucketName,
    });
    new CfnOutput(this, 'LogsBucketName', {
      description: 'Bucket holding CloudFront and S3 access logs; empty it before deleting the stack',
      value: logsBucket.bucketName,
    });
    new CfnOutput(this, 'LoadBalancerDnsName', {
      description: 'DNS name of the internal load balancer; it resolves to private addresses only',
      value: loadBalancer.loadBalancerDnsName,
    });
    new CfnOutput(this, 'EcsClusterName', {
      description: 'ECS cluster that runs the API service',
      value: ecsCluster.clusterName,
    });
    new CfnOutput(this, 'ServiceName', {
      description: 'ECS service of the API',
      value: service.serviceName,
    });
    new CfnOutput(this, 'DatabaseEndpoint', {
      description: 'Writer endpoint (host name) of the Aurora cluster, port 5432, reachable only from the tasks',
      value: database.clusterEndpoint.hostname,
    });
    new CfnOutput(this, 'DatabaseSecretArn', {
      description: 'ARN of the Secrets Manager secret, managed by RDS, with the master user name and password',
      value: database.secret!.secretArn,
    });
  }
}

import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Tags, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  DomainName,
  EndpointType,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  LogGroupLogDestination,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CnameRecord, Failover, HealthCheck, HealthCheckType, HostedZone } from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';

export interface MultiRegionFailoverTableStackProps extends StackProps {
  /** Name of the global table, the same in every Region. */
  readonly tableName: string;
  /** Region of the second replica; the first is in this stack's Region. */
  readonly secondaryRegion: string;
}

/**
 * The DynamoDB global table, deployed once in the primary Region with a replica in each Region.
 * The Terraform and CloudFormation (table.yaml) variants deploy the same table.
 */
export class MultiRegionFailoverTableStack extends Stack {
  constructor(scope: Construct, id: string, props: MultiRegionFailoverTableStackProps) {
    super(scope, id, props);

    const table = new TableV2(this, 'ItemsTable', {
      tableName: props.tableName,
      partitionKey: { name: 'id', type: AttributeType.STRING },
      // On-demand in every replica: no capacity to plan, and an idle table costs nothing but storage.
      billing: Billing.onDemand(),
      // The AWS managed key (aws/dynamodb) in each Region: every use of the key shows in
      // CloudTrail, with no key policy to write and no monthly key fee.
      encryption: TableEncryptionV2.awsManagedKey(),
      // Applies to every replica, so a restore works in either Region.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // A replica in this Region comes with the table; this adds the other. CDK turns on the
      // stream (new and old images) that global tables replicate through.
      replicas: [{ region: props.secondaryRegion }],
      // A sample should leave nothing behind on `cdk destroy`: this deletes every replica. For
      // real data use RETAIN and deletionProtection: true.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    new CfnOutput(this, 'TableName', {
      description: 'Name of the global table, the same in both Regions',
      value: table.tableName,
    });
  }
}

export interface MultiRegionFailoverRegionStackProps extends StackProps {
  /** Name of the global table, which has a replica in this stack's Region. */
  readonly tableName: string;
  /** The Region whose failover record is PRIMARY; in any other Region the record is SECONDARY. */
  readonly primaryRegion: string;
  /** The name clients call, served by the API in every Region, for example api.example.com. */
  readonly domainName: string;
  /** The public hosted zone you own that domainName belongs to. */
  readonly hostedZoneId: string;
}

/**
 * The items API in one Region: API Gateway HTTP API -> Lambda function -> this Region's replica,
 * a custom domain for the failover name, a Route 53 health check of GET /health and the Route 53
 * failover record. The app deploys it in the primary and in the secondary Region; the Terraform
 * module and the CloudFormation template.yaml deploy the same resources under the same names.
 */
export class MultiRegionFailoverRegionStack extends Stack {
  constructor(scope: Construct, id: string, props: MultiRegionFailoverRegionStackProps) {
    super(scope, id, props);
    const isPrimary = this.region === props.primaryRegion;

    // ---------------------------------------------------------------- Lambda
    // An explicit log group, so retention is set and `cdk destroy` removes it (the log group
    // Lambda creates by itself keeps logs forever and outlives the stack).
    const functionLogs = new LogGroup(this, 'ApiFunctionLogGroup', {
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Our own role instead of the default one, which attaches the AWS managed
    // AWSLambdaBasicExecutionRole policy: that policy lets the function write to any log group.
    const role = new Role(this, 'ApiFunctionRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: "Lets the items API function write its logs and use its Region's replica of the items table",
    });
    functionLogs.grantWrite(role);

    const fn = new LambdaFunction(this, 'ApiFunction', {
      runtime: Runtime.NODEJS_24_X,
      // Graviton: lower price per GB-second than x86 for the same code.
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      // The plain source folder shared by all three variants: no bundler, no Docker.
      code: Code.fromAsset(path.join(__dirname, '..', '..', 'src')),
      memorySize: 256,
      timeout: Duration.seconds(10),
      role,
      logGroup: functionLogs,
      environment: { TABLE_NAME: props.tableName },
      description: 'Items API in one Region: health check, list, read, create and delete items',
    });
    // Exactly the four calls the function makes (../src/index.js), on this Region's replica only:
    // the table's ARN here, built from its name, which every replica shares.
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ReadWriteItemsTable',
        actions: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Scan'],
        resources: [this.formatArn({ service: 'dynamodb', resource: 'table', resourceName: props.tableName })],
      }),
    );

    // ---------------------------------------------------------------- API Gateway
    const api = new HttpApi(this, 'HttpApi', {
      description: 'Items API in one Region',
      // The default stage is added below, because the automatic one cannot log or throttle.
      createDefaultStage: false,
    });

    const accessLogs = new LogGroup(this, 'HttpApiAccessLogs', {
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const stage = api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
      // The API is public, so a ceiling on requests is also a ceiling on the bill. The limits
      // apply to each route on its own, so client traffic cannot crowd out the health checks.
      throttle: { rateLimit: 10, burstLimit: 20 },
    });

    // One permission for the whole API instead of one per route: the same invoke rights,
    // and the same single permission the Terraform and CloudFormation variants create.
    const integration = new HttpLambdaIntegration('ApiIntegration', fn, {
      scopePermissionToRoute: false,
    });

    const health = new HttpRoute(this, 'HealthRoute', {
      httpApi: api,
      routeKey: HttpRouteKey.with('/health', HttpMethod.GET),
      integration,
    });
    // Route 53 health checkers call this route without credentials.
    Validations.of(health).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: "Route 53 health checkers call GET /health without credentials; it answers only whether this Region's replica can be read.",
    });

    const routes: ReadonlyArray<[id: string, method: HttpMethod, path: string]> = [
      ['ListItemsRoute', HttpMethod.GET, '/items'],
      ['CreateItemRoute', HttpMethod.POST, '/items'],
      ['GetItemRoute', HttpMethod.GET, '/items/{id}'],
      ['DeleteItemRoute', HttpMethod.DELETE, '/items/{id}'],
    ];
    for (const [routeId, method, routePath] of routes) {
      const route = new HttpRoute(this, routeId, {
        httpApi: api,
        routeKey: HttpRouteKey.with(routePath, method),
        integration,
      });
      // Anyone can call this sample API. Before it holds real data, add an authorizer
      // (JWT with Amazon Cognito, or IAM) to each route.
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'A public sample API: the stage throttles requests, and the README says to add an authorizer before storing real data.',
      });
    }

    // ---------------------------------------------------------------- Custom domain
    // The failover name must be served by the API in each Region, so each Region has its own
    // certificate for it. CloudFormation writes the DNS validation record into the hosted zone
    // and waits until ACM issues the certificate. Both Regions' certificates use the same record.
    const zone = HostedZone.fromHostedZoneId(this, 'HostedZone', props.hostedZoneId);
    const certificate = new Certificate(this, 'Certificate', {
      domainName: props.domainName,
      validation: CertificateValidation.fromDns(zone),
    });

    const domain = new DomainName(this, 'ApiDomainName', {
      domainName: props.domainName,
      certificate,
      endpointType: EndpointType.REGIONAL,
      securityPolicy: SecurityPolicy.TLS_1_2,
    });

    const mapping = new ApiMapping(this, 'ApiMapping', { api, domainName: domain, stage });

    // ---------------------------------------------------------------- Route 53
    // Checks this Region's API at its own address (not the failover name, which points at
    // whichever Region is healthy): HTTPS GET /health every 30 seconds from Route 53's checkers;
    // 3 failures in a row make a checker report it unhealthy.
    const healthCheck = new HealthCheck(this, 'HealthCheck', {
      type: HealthCheckType.HTTPS,
      fqdn: `${api.apiId}.execute-api.${this.region}.${this.urlSuffix}`,
      port: 443,
      resourcePath: '/health',
      enableSNI: true,
      requestInterval: Duration.seconds(30),
      failureThreshold: 3,
    });
    // The name the Route 53 console lists the health check under.
    Tags.of(healthCheck).add('Name', `multi-region-failover ${this.region}`);

    // PRIMARY in the primary Region, SECONDARY in the other. Route 53 answers with the primary
    // while its health check passes, and with the secondary while it fails. A CNAME with a
    // 60-second TTL, so resolvers let go of the old answer within a minute of a change.
    const record = new CnameRecord(this, 'FailoverRecord', {
      zone,
      // Fully qualified (the final dot), as a hosted zone imported by ID has no name.
      recordName: `${props.domainName}.`,
      domainName: domain.regionalDomainName,
      ttl: Duration.seconds(60),
      setIdentifier: this.region,
      failover: isPrimary ? Failover.PRIMARY : Failover.SECONDARY,
      healthCheck,
    });
    // The record sends clients to the custom domain only once the domain serves this API.
    record.node.addDependency(mapping);

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'FailoverUrl', {
      description: 'The URL clients call; Route 53 sends it to the healthy Region. Append items or health',
      value: `https://${props.domainName}/`,
    });
    new CfnOutput(this, 'RegionalUrl', {
      description: "This Region's API at its own address, as the health check calls it. Append items or health",
      value: stage.url,
    });
    new CfnOutput(this, 'HealthCheckId', {
      description: "ID of this Region's Route 53 health check, to invert it and test a failover",
      value: healthCheck.healthCheckId,
    });
    new CfnOutput(this, 'FailoverRole', {
      description: 'PRIMARY or SECONDARY, the role of this Region\'s record',
      value: isPrimary ? 'PRIMARY' : 'SECONDARY',
    });
  }
}

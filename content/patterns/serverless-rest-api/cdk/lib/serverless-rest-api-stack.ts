import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * API Gateway HTTP API -> one Lambda function -> one DynamoDB table.
 * The Terraform and CloudFormation variants of this pattern deploy the same resources under the
 * same names, so compare them side by side.
 */
export class ServerlessRestApiStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // ---------------------------------------------------------------- DynamoDB
    const table = new Table(this, 'ItemsTable', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      // On-demand: no capacity to plan, and an idle sample costs nothing but storage.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The AWS managed key (aws/dynamodb) instead of the default AWS owned key: every use of the
      // key shows in CloudTrail, with no key policy to write and no monthly key fee. Switch to
      // CUSTOMER_MANAGED when you must control the key policy or revoke access yourself.
      encryption: TableEncryption.AWS_MANAGED,
      // A sample should leave nothing behind on `cdk destroy`. For real data use RETAIN and
      // deletionProtection: true, so a stack deletion or replacement cannot drop the table.
      removalPolicy: RemovalPolicy.DESTROY,
    });

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
      description: 'Lets the items API function write its logs and use the items table',
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
      environment: { TABLE_NAME: table.tableName },
      description: 'Items API: list, read, create and delete items',
    });
    // Exactly the four calls the function makes (../src/index.js), on the table only. An explicit
    // statement, because table.grantReadWriteData() would add batch writes, updates, queries and
    // stream reads the code never uses.
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ReadWriteItemsTable',
        actions: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Scan'],
        resources: [table.tableArn],
      }),
    );


    // ---------------------------------------------------------------- API Gateway
    const api = new HttpApi(this, 'HttpApi', {
      description: 'Items API',
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
      // The API is public, so a ceiling on requests is also a ceiling on the bill.
      // Raise both numbers for real traffic.
      throttle: { rateLimit: 10, burstLimit: 20 },
    });

    // One permission for the whole API instead of one per route: the same invoke rights,
    // and the same single permission the Terraform and CloudFormation variants create.
    const integration = new HttpLambdaIntegration('ApiIntegration', fn, {
      scopePermissionToRoute: false,
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

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'ApiUrl', {
      description: 'Base URL of the HTTP API; append /items',
      value: stage.url,
    });
    new CfnOutput(this, 'TableName', {
      description: 'Name of the DynamoDB table that stores the items',
      value: table.tableName,
    });
  }
}

import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnApi, LogGroupLogDestination, WebSocketApi, WebSocketRoute, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** The stage clients connect to: wss://{api-id}.execute-api.{region}.amazonaws.com/live. */
const STAGE_NAME = 'live';

/**
 * API Gateway WebSocket API -> one Lambda function -> a DynamoDB table of connections, and back to
 * the clients through the API Gateway Management API. The Terraform and CloudFormation variants of
 * this pattern deploy the same resources under the same names, so compare them side by side.
 */
export class WebSocketApiStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // ---------------------------------------------------------------- DynamoDB
    // One item per open connection. expiresAt is the time to live: API Gateway closes a connection
    // after 2 hours at most, so DynamoDB deletes items whose $disconnect never arrived.
    const table = new Table(this, 'ConnectionsTable', {
      partitionKey: { name: 'connectionId', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
      // On-demand: no capacity to plan, and an idle sample costs nothing but storage.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The AWS managed key (aws/dynamodb): every use shows in CloudTrail, no key fee.
      encryption: TableEncryption.AWS_MANAGED,
      // A sample should leave nothing behind on `cdk destroy`; connections are not worth keeping.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // ---------------------------------------------------------------- API Gateway (WebSocket API)
    // Messages are JSON; the value of their "action" field picks the route.
    const api = new WebSocketApi(this, 'WebSocketApi', {
      apiName: `${this.stackName}-websocket`,
      description: 'Real-time messages: connect, send a message to every connection, disconnect',
      routeSelectionExpression: '$request.body.action',
    });
    // The same logical id as the CloudFormation template, so that cdk-nag names the policy's
    // resource (AwsSolutions-IAM5, acknowledged below) the same way in both.
    (api.node.defaultChild as CfnApi).overrideLogicalId('WebSocketApi');

    // ---------------------------------------------------------------- Lambda
    // An explicit log group, so retention is set and `cdk destroy` removes it.
    const functionLogs = new LogGroup(this, 'WebSocketFunctionLogGroup', {
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Our own role instead of the default one, whose AWS managed AWSLambdaBasicExecutionRole
    // policy lets the function write to any log group.
    const role = new Role(this, 'WebSocketFunctionRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Lets the WebSocket function log, track connections and post to them',
    });
    functionLogs.grantWrite(role);

    const fn = new LambdaFunction(this, 'WebSocketFunction', {
      runtime: Runtime.NODEJS_24_X,
      // Graviton: lower price per GB-second than x86 for the same code.
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      // The plain source folder shared by all three variants: no bundler, no Docker.
      code: Code.fromAsset(path.join(__dirname, '..', '..', 'src')),
      memorySize: 256,
      // API Gateway waits at most 29 seconds for an answer; a broadcast to many connections needs it.
      timeout: Duration.seconds(29),
      role,
      logGroup: functionLogs,
      environment: { TABLE_NAME: table.tableName },
      description: 'WebSocket routes: store connections, send messages to all, remove connections',
    });
    // Exactly the calls the function makes (../src/index.js): PutItem on $connect, DeleteItem on
    // $disconnect and for connections that are gone, Scan to find the connections.
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'TrackConnections',
        actions: ['dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:Scan'],
        resources: [table.tableArn],
      }),
    );
    // PostToConnection only, on this API's stage. stage.grantManagementApiAccess() would also allow
    // GET (read a connection) and DELETE (close one), which the code never does. The connection id
    // is only known at run time, hence the * at the end.
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'PostToConnections',
        actions: ['execute-api:ManageConnections'],
        resources: [
          this.formatArn({ service: 'execute-api', resource: api.apiId, resourceName: `${STAGE_NAME}/POST/@connections/*` }),
        ],
      }),
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<WebSocketApi>/${STAGE_NAME}/POST/@connections/*]`,
      reason: 'Connection ids exist only at run time, so the function may post to any connection of this one API stage, with POST only.',
    });

    // ---------------------------------------------------------------- Routes
    // One integration for the four routes; each route gets a Lambda permission for its own key.
    const integration = new WebSocketLambdaIntegration('WebSocketIntegration', fn);
    const routes: ReadonlyArray<[id: string, routeKey: string, answers: boolean]> = [
      ['ConnectRoute', '$connect', false],
      ['DisconnectRoute', '$disconnect', false],
      // Two-way: the function's answer ({"status":"sent"} or an error) goes back to the sender.
      ['SendMessageRoute', 'sendmessage', true],
      // Two-way: anything API Gateway cannot route gets the function's usage error back.
      ['DefaultRoute', '$default', true],
    ];
    const created = routes.map(([routeId, routeKey, answers]) => {
      const route = new WebSocketRoute(this, routeId, { webSocketApi: api, routeKey, integration, returnResponse: answers });
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: routeKey === '$connect'
          ? 'A public sample: anyone may connect, the stage throttles, and the page says how to add an IAM or Lambda authorizer before production.'
          : 'API Gateway authorizes a WebSocket connection once, on $connect; its other routes cannot have an authorizer of their own.',
      });
      return route;
    });

    // ---------------------------------------------------------------- Stage
    const accessLogs = new LogGroup(this, 'WebSocketApiAccessLogs', {
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const stage = new WebSocketStage(this, 'WebSocketStage', {
      webSocketApi: api,
      stageName: STAGE_NAME,
      autoDeploy: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            eventType: '$context.eventType',
            routeKey: '$context.routeKey',
            connectionId: '$context.connectionId',
            status: '$context.status',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
      // Connections and messages per second: the API is public, so this also caps the bill.
      throttle: { rateLimit: 10, burstLimit: 20 },
    });
    // Created after the routes, so that its first deployment has all four.
    for (const route of created) stage.node.addDependency(route);

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'WebSocketUrl', {
      description: 'URL to connect to, for example with npx wscat -c',
      value: stage.url,
    });
    new CfnOutput(this, 'TableName', {
      description: 'Name of the DynamoDB table that stores the open connections',
      value: table.tableName,
    });
    new CfnOutput(this, 'FunctionLogGroupName', {
      description: 'Log group of the WebSocket function, for aws logs tail',
      value: functionLogs.logGroupName,
    });
  }
}

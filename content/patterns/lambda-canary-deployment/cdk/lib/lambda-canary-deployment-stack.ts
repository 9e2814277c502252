import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { LambdaApplication, LambdaDeploymentConfig, LambdaDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * A Lambda function published as versions behind the alias `live`, which an HTTP API invokes.
 * Each deployment that changes the function publishes a new version, and AWS CodeDeploy shifts the
 * alias to it: 10 percent of requests for five minutes, then all of them. An alarm on the alias's
 * errors stops the shift and moves every request back to the previous version.
 * The Terraform and CloudFormation variants of this pattern deploy the same resources under the
 * same names, so compare them side by side.
 */
export class LambdaCanaryDeploymentStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // What the release says, and whether it fails every request on purpose. Change them with
    // `npx cdk deploy -c message="Hello from release 2"` and `-c failRequests=true`: each change
    // publishes a new version, which CodeDeploy then shifts traffic to.
    const message = String(this.node.tryGetContext('message') ?? 'Hello from release 1');
    const failRequests = String(this.node.tryGetContext('failRequests') ?? 'false') === 'true' ? 'true' : 'false';

    // ---------------------------------------------------------------- Lambda
    // An explicit log group, so retention is set and `cdk destroy` removes it.
    const functionLogs = new LogGroup(this, 'ApiFunctionLogGroup', {
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Our own role instead of the default one, which attaches the AWS managed
    // AWSLambdaBasicExecutionRole policy: that policy lets the function write to any log group.
    // The function calls no AWS service, so writing its logs is all the role allows.
    const role = new Role(this, 'ApiFunctionRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Lets the release function write its logs',
    });
    functionLogs.grantWrite(role);

    const fn = new LambdaFunction(this, 'ApiFunction', {
      runtime: Runtime.NODEJS_24_X,
      // Graviton: lower price per GB-second than x86 for the same code.
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      // The plain source folder shared by all three variants: no bundler, no Docker.
      code: Code.fromAsset(path.join(__dirname, '..', '..', 'src')),
      memorySize: 128,
      timeout: Duration.seconds(5),
      role,
      logGroup: functionLogs,
      environment: { MESSAGE: message, FAIL_REQUESTS: failRequests },
      description: 'Answers with the message of its release and the version that ran',
      // Keep each version when the next one replaces it, as Terraform's publish = true does: you
      // can still shift the alias back to an earlier version by hand. Deleting the stack deletes
      // the function, and with it every version.
      currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN },
    });

    // currentVersion publishes a new version whenever the function's code or configuration
    // changes: its logical id is a hash of both, so CloudFormation creates a new version resource.
    const version = fn.currentVersion;

    // Clients never call a version directly: the API invokes this alias, and CodeDeploy moves it.
    const alias = new Alias(this, 'LiveAlias', {
      aliasName: 'live',
      version,
      description: 'The version clients get; AWS CodeDeploy shifts it to each new version',
    });

    // ---------------------------------------------------------------- CloudWatch alarm
    // Errors of invocations through the alias (dimensions FunctionName and Resource =
    // function:live), one-minute sums. During a shift the alias serves both versions, so any error
    // stops the deployment: with no other traffic errors, they come from the new version.
    const errorsAlarm = new Alarm(this, 'AliasErrorsAlarm', {
      alarmDescription: 'Errors through the live alias: stops a CodeDeploy deployment and rolls it back',
      metric: alias.metricErrors({ period: Duration.minutes(1), statistic: Stats.SUM }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // No requests, no data: the alarm stays OK instead of blocking the next deployment.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    // ---------------------------------------------------------------- CodeDeploy
    const application = new LambdaApplication(this, 'DeploymentApplication');

    // Puts an UpdatePolicy (CodeDeployLambdaAliasUpdate) on the alias: when a deployment changes
    // the alias's version, CloudFormation hands the change to this deployment group instead of
    // moving all traffic at once.
    const deploymentGroup = new LambdaDeploymentGroup(this, 'DeploymentGroup', {
      application,
      alias,
      // 10 percent of requests for five minutes, then the rest. The other predefined Lambda
      // configurations: LambdaDeploymentConfig.CANARY_10PERCENT_10MINUTES, _15MINUTES, _30MINUTES,
      // LINEAR_10PERCENT_EVERY_1MINUTE, _2MINUTES, _3MINUTES, _10MINUTES and ALL_AT_ONCE.
      deploymentConfig: LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      alarms: [errorsAlarm],
      // Roll back when the deployment fails and when the alarm stops it; a deployment you stop by
      // hand leaves the alias where it is.
      autoRollback: { failedDeployment: true, deploymentInAlarm: true, stoppedDeployment: false },
    });
    // The role CDK creates for the group has CodeDeploy's AWS managed policy for Lambda.
    Validations.of(deploymentGroup.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      reason:
        "CodeDeploy's own service role policy for Lambda deployments, which AWS keeps in step with the calls CodeDeploy makes: read and move aliases, read alarms, and invoke only hook functions named CodeDeployHook_*.",
    });

    // ---------------------------------------------------------------- API Gateway
    const api = new HttpApi(this, 'HttpApi', {
      description: 'Answers with the release that the live alias sent the request to',
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
      throttle: { rateLimit: 10, burstLimit: 20 },
    });

    // The integration invokes the alias, never the function or a version: the alias's routing
    // weights decide which version answers. The permission is on the alias too.
    const integration = new HttpLambdaIntegration('ApiIntegration', alias, {
      scopePermissionToRoute: false,
    });

    const route = new HttpRoute(this, 'GetMessageRoute', {
      httpApi: api,
      routeKey: HttpRouteKey.with('/', HttpMethod.GET),
      integration,
    });
    // Anyone can call this sample API. Before it serves real clients, add an authorizer.
    Validations.of(route).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'A public sample API that returns a fixed message; the stage throttles requests, and the page says to add an authorizer before it serves real clients.',
    });

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'ApiUrl', {
      description: 'URL of the HTTP API; GET / answers with the message and the version that ran',
      value: stage.url,
    });
    new CfnOutput(this, 'FunctionName', {
      description: 'Name of the Lambda function whose live alias CodeDeploy shifts',
      value: fn.functionName,
    });
    new CfnOutput(this, 'ApplicationName', {
      description: 'Name of the CodeDeploy application',
      value: application.applicationName,
    });
    new CfnOutput(this, 'DeploymentGroupName', {
      description: 'Name of the CodeDeploy deployment group that shifts the live alias',
      value: deploymentGroup.deploymentGroupName,
    });
    new CfnOutput(this, 'AlarmName', {
      description: 'Name of the alarm that stops and rolls back a deployment',
      value: errorsAlarm.alarmName,
    });
  }
}

import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccountRecovery, FeaturePlan, Mfa, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * Amazon Cognito user pool -> API Gateway HTTP API with a JWT authorizer -> one Lambda function ->
 * one DynamoDB table, where each user reads and writes only the notes under their own token's sub.
 * The Terraform and CloudFormation variants of this pattern deploy the same resources under the
 * same names, so compare them side by side.
 */
export class ApiWithSignInStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // ---------------------------------------------------------------- Cognito
    const userPool = new UserPool(this, 'UserPool', {
      // Essentials is what a new user pool gets by default; the cost estimate uses its rate and its
      // free monthly active users. Threat protection needs Plus, which bills every active user.
      featurePlan: FeaturePlan.ESSENTIALS,
      selfSignUpEnabled: true,
      // The email address is the user name; Cognito mails a code that confirms the account.
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // A changed address takes effect only once its code is confirmed.
      keepOriginal: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      // Users may add an authenticator app (TOTP, no SMS charges). Require it before production.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // A sample should leave nothing behind on `cdk destroy`. For real users, set
      // deletionProtection: true and RemovalPolicy.RETAIN.
      deletionProtection: false,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason: 'A sample pool: users can turn on authenticator-app MFA, and the page says to require MFA before production.',
    });
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'Threat protection needs the Plus plan, which bills every monthly active user with no free tier; the pool stays on Essentials, the default plan.',
    });

    // A public client (a browser or mobile app cannot keep a secret), with no hosted UI or OAuth
    // redirects: apps sign in through the Cognito API. USER_PASSWORD_AUTH lets the test steps sign
    // in with the AWS CLI; SRP is what app SDKs use, and never sends the password itself.
    const client = new UserPoolClient(this, 'UserPoolClient', {
      userPool,
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.days(30),
    });

    // ---------------------------------------------------------------- DynamoDB
    const table = new Table(this, 'NotesTable', {
      // One partition per user (the token's sub), notes sorted by time within it.
      partitionKey: { name: 'userId', type: AttributeType.STRING },
      sortKey: { name: 'noteId', type: AttributeType.STRING },
      // On-demand: no capacity to plan, and an idle sample costs nothing but storage.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The AWS managed key (aws/dynamodb): every use of the key shows in CloudTrail, with no key
      // policy to write and no monthly key fee.
      encryption: TableEncryption.AWS_MANAGED,
      // For real data use RETAIN and deletionProtection: true.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // ---------------------------------------------------------------- Lambda
    // An explicit log group, so retention is set and `cdk destroy` removes it.
    const functionLogs = new LogGroup(this, 'ApiFunctionLogGroup', {
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Our own role instead of the default one, whose AWS managed AWSLambdaBasicExecutionRole
    // policy lets the function write to any log group.
    const role = new Role(this, 'ApiFunctionRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Lets the notes API function write its logs and use the notes table',
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
      description: "Notes API: list and create the signed-in user's notes",
    });
    // Exactly the two calls the function makes (../src/index.js), on the table only:
    // table.grantReadWriteData() would add scans, batch writes, updates and deletes.
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ReadWriteNotesTable',
        actions: ['dynamodb:PutItem', 'dynamodb:Query'],
        resources: [table.tableArn],
      }),
    );

    // ---------------------------------------------------------------- API Gateway
    const api = new HttpApi(this, 'HttpApi', {
      description: 'Notes API',
      // The default stage is added below, because the automatic one cannot log or throttle.
      createDefaultStage: false,
    });

    // API Gateway checks every token before the function runs: its signature against the user
    // pool's published keys, the issuer (this pool), the audience (this app client: the ID
    // token's aud, or the access token's client_id) and the expiry.
    const authorizer = new HttpAuthorizer(this, 'JwtAuthorizer', {
      httpApi: api,
      type: HttpAuthorizerType.JWT,
      identitySource: ['$request.header.Authorization'],
      jwtIssuer: `https://cognito-idp.${this.region}.amazonaws.com/${userPool.userPoolId}`,
      jwtAudience: [client.userPoolClientId],
    });
    const routeAuthorizer = HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'RouteAuthorizer', {
      authorizerId: authorizer.authorizerId,
      authorizerType: HttpAuthorizerType.JWT,
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
            user: '$context.authorizer.claims.sub',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
      // Anyone may sign up, so a ceiling on requests is also a ceiling on the bill.
      // Raise both numbers for real traffic.
      throttle: { rateLimit: 10, burstLimit: 20 },
    });

    // One permission for the whole API instead of one per route: the same invoke rights,
    // and the same single permission the Terraform and CloudFormation variants create.
    const integration = new HttpLambdaIntegration('ApiIntegration', fn, {
      scopePermissionToRoute: false,
    });

    const routes: ReadonlyArray<[id: string, method: HttpMethod]> = [
      ['ListNotesRoute', HttpMethod.GET],
      ['CreateNoteRoute', HttpMethod.POST],
    ];
    for (const [routeId, method] of routes) {
      // Every route needs a valid token: without one API Gateway answers 401 and the
      // function never runs.
      new HttpRoute(this, routeId, {
        httpApi: api,
        routeKey: HttpRouteKey.with('/notes', method),
        integration,
        authorizer: routeAuthorizer,
      });
    }

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'ApiUrl', {
      description: 'Base URL of the HTTP API; append notes',
      value: stage.url,
    });
    new CfnOutput(this, 'UserPoolId', {
      description: 'ID of the Cognito user pool, for admin-confirm-sign-up',
      value: userPool.userPoolId,
    });
    new CfnOutput(this, 'UserPoolClientId', {
      description: 'ID of the public app client, for sign-up and initiate-auth',
      value: client.userPoolClientId,
    });
    new CfnOutput(this, 'TableName', {
      description: 'Name of the DynamoDB table that stores the notes',
      value: table.tableName,
    });
  }
}

import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaFunctionTarget } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * S3 upload -> EventBridge rule -> Lambda function -> DynamoDB table and SQS queue.
 * The Terraform and CloudFormation variants of this pattern deploy the same resources under the
 * same names, so compare them side by side.
 */
export class EventDrivenPipelineStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // ---------------------------------------------------------------- S3
    const bucket = new Bucket(this, 'UploadBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // SSE-S3. Switch to SSE-KMS with a customer managed key if you must control who can decrypt.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // `cdk destroy` deletes the bucket only when it is empty (see the README's clean-up step).
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Send every event of this bucket to EventBridge's default bus. Set on the CloudFormation
    // resource itself: the L2 `eventBridgeEnabled` prop would add a custom resource and a
    // Lambda function to do the same thing.
    (bucket.node.defaultChild as CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
    // The table already records every upload. For an audit trail of every request, reads
    // included, turn on server access logs or CloudTrail data events.
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Every upload is recorded in the objects table; add server access logs or CloudTrail data events if reads must be audited too.',
    });

    // ---------------------------------------------------------------- DynamoDB
    const table = new Table(this, 'ObjectsTable', {
      // One item per object key; a newer upload of the same key replaces it (the function compares
      // S3 sequencers, so an older upload's late event does not).
      partitionKey: { name: 'objectKey', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The AWS managed key (aws/dynamodb): every use shows in CloudTrail, no key fee.
      encryption: TableEncryption.AWS_MANAGED,
      // A sample should leave nothing behind. For real data use RETAIN and deletionProtection.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // ---------------------------------------------------------------- SQS
    // SSE-SQS on every queue: encrypted at rest with no key to manage. EventBridge cannot send to
    // a queue encrypted with the AWS managed aws/sqs key, and a customer managed key would need a
    // key policy for EventBridge and Lambda.
    const downstreamDeadLetterQueue = new Queue(this, 'DownstreamDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The longest SQS allows, to give you time to inspect and redrive.
      retentionPeriod: Duration.days(14),
    });

    const downstreamQueue = new Queue(this, 'DownstreamQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // How long a consumer has to process and delete a message before another can receive it.
      visibilityTimeout: Duration.seconds(60),
      // A message that consumers fail to process five times moves to the dead-letter queue.
      deadLetterQueue: { queue: downstreamDeadLetterQueue, maxReceiveCount: 5 },
    });

    // Events the pipeline could not record: EventBridge puts here what it cannot deliver to the
    // function, and Lambda what still fails after its two retries. It is itself a dead-letter
    // queue, so it has none of its own.
    const failedEventsQueue = new Queue(this, 'FailedEventsQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    // ---------------------------------------------------------------- Lambda
    // An explicit log group, so retention is set and `cdk destroy` removes it.
    const functionLogs = new LogGroup(this, 'ProcessorFunctionLogGroup', {
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Our own role instead of the default one, whose AWS managed AWSLambdaBasicExecutionRole
    // policy lets the function write to any log group.
    const role = new Role(this, 'ProcessorFunctionRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Lets the processor function log, record uploads and send messages',
    });
    functionLogs.grantWrite(role);

    const fn = new LambdaFunction(this, 'ProcessorFunction', {
      runtime: Runtime.NODEJS_24_X,
      // Graviton: lower price per GB-second than x86 for the same code.
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      // The plain source folder shared by all three variants: no bundler, no Docker.
      code: Code.fromAsset(path.join(__dirname, '..', '..', 'src')),
      memorySize: 256,
      timeout: Duration.seconds(30),
      role,
      logGroup: functionLogs,
      environment: {
        TABLE_NAME: table.tableName,
        QUEUE_URL: downstreamQueue.queueUrl,
      },
      // EventBridge invokes the function asynchronously. After Lambda's two retries a failed event
      // goes here instead of being dropped.
      deadLetterQueue: failedEventsQueue,
      description: 'Records each uploaded object and queues a message for downstream consumers',
    });
    // Exactly the calls the code makes. The function's only table call is a PutItem with a
    // condition; checking the condition needs no read permission.
    table.grant(fn, 'dynamodb:PutItem');
    // SendMessage only: grantSendMessages() would add GetQueueAttributes and GetQueueUrl, which the
    // code never calls (it has the queue URL).
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [downstreamQueue.queueArn] }),
    );

    // ---------------------------------------------------------------- EventBridge
    const rule = new Rule(this, 'ObjectCreatedRule', {
      description: 'Object Created events of the upload bucket, to the processor function',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [bucket.bucketName] } },
      },
    });
    rule.addTarget(
      new LambdaFunctionTarget(fn, {
        // When EventBridge cannot invoke the function (throttled, deleted, no permission) it
        // retries for up to two hours, then puts the event in the failed-events queue.
        retryAttempts: 10,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: failedEventsQueue,
      }),
    );

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'BucketName', {
      description: 'Bucket to upload objects to',
      value: bucket.bucketName,
    });
    new CfnOutput(this, 'TableName', {
      description: 'DynamoDB table with one item per uploaded object',
      value: table.tableName,
    });
    new CfnOutput(this, 'QueueUrl', {
      description: 'URL of the queue downstream consumers read',
      value: downstreamQueue.queueUrl,
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      description: 'URL of the dead-letter queue for messages consumers failed to process',
      value: downstreamDeadLetterQueue.queueUrl,
    });
    new CfnOutput(this, 'FunctionLogGroupName', {
      description: 'Log group of the processor function, for aws logs tail',
      value: functionLogs.logGroupName,
    });
    new CfnOutput(this, 'FailedEventsQueueUrl', {
      description: 'URL of the queue holding upload events the function could not record',
      value: failedEventsQueue.queueUrl,
    });
  }
}

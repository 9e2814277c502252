import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Architecture, Code, EventSourceMapping, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * EventBridge Scheduler schedule -> SQS job queue -> Lambda worker, with a dead-letter queue, an
 * alarm on it and an encrypted SNS topic for the alarm. The Terraform and CloudFormation variants
 * of this pattern deploy the same resources under the same names, so compare them side by side.
 */
export class ScheduledQueueWorkerStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // When the schedule runs. Six-field cron (minutes hours day-of-month month day-of-week year),
    // read in the time zone below: every hour on the hour. For a daily job at 02:00 local time, use
    // 'cron(0 2 * * ? *)' and your IANA zone, for example 'Europe/Berlin'; the schedule follows
    // daylight saving time.
    const scheduleExpression = 'cron(0 * * * ? *)';
    const scheduleTimezone = 'Etc/UTC';
    // The worker's timeout, and from it the queue's visibility timeout: AWS recommends at least six
    // times the function timeout, which leaves Lambda time to retry a batch whose invocation was
    // throttled before the messages become visible again.
    const workerTimeout = Duration.seconds(10);
    // Receives before SQS moves a message to the dead-letter queue.
    const maxReceiveCount = 5;

    // ---------------------------------------------------------------- SQS
    // SSE-SQS on every queue: encrypted at rest with no key to manage. EventBridge Scheduler and
    // Lambda need no key permissions for it, as they would for a customer managed KMS key.
    const jobDeadLetterQueue = new Queue(this, 'JobDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The longest SQS allows, to give you time to read the failed jobs and redrive them.
      retentionPeriod: Duration.days(14),
    });

    const jobQueue = new Queue(this, 'JobQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(workerTimeout.toSeconds() * 6),
      // A message the worker fails maxReceiveCount times moves to the dead-letter queue.
      deadLetterQueue: { queue: jobDeadLetterQueue, maxReceiveCount },
    });

    // Where EventBridge Scheduler puts a job it could not deliver after its retries (the queue
    // deleted, the role's permission missing). It is itself a dead-letter queue, so it has none.
    const scheduleDeadLetterQueue = new Queue(this, 'ScheduleDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(scheduleDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "The schedule's own dead-letter queue: EventBridge Scheduler sends it the jobs it could not deliver, and a dead-letter queue needs none of its own.",
    });

    // ---------------------------------------------------------------- EventBridge Scheduler
    // The schedule's own role, which can do nothing but send messages to the job queue and to the
    // schedule's dead-letter queue (EventBridge Scheduler sends failed deliveries with this role).
    const scheduleRole = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        // Only schedules in this account may use the role (confused deputy).
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description: 'Lets the job schedule send messages to the job queue and its own dead-letter queue',
    });
    const { policyDependable: schedulePolicy } = scheduleRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'SendJobs',
        actions: ['sqs:SendMessage'],
        resources: [jobQueue.queueArn, scheduleDeadLetterQueue.queueArn],
      }),
    );

    const schedule = new CfnSchedule(this, 'JobSchedule', {
      description: 'Puts a heartbeat job on the job queue',
      scheduleExpression,
      scheduleExpressionTimezone: scheduleTimezone,
      // Exactly on time, not spread over a window.
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: jobQueue.queueArn,
        roleArn: scheduleRole.roleArn,
        // The message body. Scheduler sends it as it is; the worker reads "task".
        input: JSON.stringify({ task: 'heartbeat' }),
        // An hourly job: retry for up to an hour, then set it aside in the dead-letter queue.
        retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 3600 },
        deadLetterConfig: { arn: scheduleDeadLetterQueue.queueArn },
      },
    });
    // Without its policy, the first run could fail to send. (The role itself is already a
    // dependency, through RoleArn.)
    if (schedulePolicy) schedule.node.addDependency(schedulePolicy);

    // ---------------------------------------------------------------- Lambda
    // An explicit log group, so retention is set and `cdk destroy` removes it.
    const functionLogs = new LogGroup(this, 'WorkerFunctionLogGroup', {
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Our own role instead of the default one, whose AWS managed AWSLambdaBasicExecutionRole
    // policy lets the function write to any log group.
    const role = new Role(this, 'WorkerFunctionRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Lets the worker function log and read the job queue',
    });
    functionLogs.grantWrite(role);
    // The three calls Lambda's event source mapping makes with the function's role; the code itself
    // calls no AWS API. grantConsumeMessages() would add ChangeMessageVisibility and GetQueueUrl.
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ReadJobQueue',
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
        resources: [jobQueue.queueArn],
      }),
    );

    const fn = new LambdaFunction(this, 'WorkerFunction', {
      runtime: Runtime.NODEJS_24_X,
      // Graviton: lower price per GB-second than x86 for the same code.
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      // The plain source folder shared by all three variants: no bundler, no Docker.
      code: Code.fromAsset(path.join(__dirname, '..', '..', 'src')),
      memorySize: 256,
      timeout: workerTimeout,
      role,
      logGroup: functionLogs,
      description: 'Runs the jobs on the job queue and reports the ones that failed',
    });

    // Lambda polls the queue and invokes the function with up to ten messages. With
    // ReportBatchItemFailures, only the messages the function lists in batchItemFailures go back
    // to the queue; without it, one failure would return the whole batch.
    new EventSourceMapping(this, 'WorkerEventSourceMapping', {
      target: fn,
      eventSourceArn: jobQueue.queueArn,
      batchSize: 10,
      reportBatchItemFailures: true,
    });

    // ---------------------------------------------------------------- Alarm
    // A customer managed key, because CloudWatch cannot publish to a topic encrypted with the AWS
    // managed aws/sns key: that key's policy cannot be changed to let CloudWatch use it.
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the dead-letter alarm notifications at rest in SNS',
      enableKeyRotation: true,
      // Nothing else is encrypted with this key, so deleting it with the stack loses nothing.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsOfThisAccount',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        // Only alarms in this account: the service principal cannot be used on another's behalf.
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    const topic = new Topic(this, 'AlarmTopic', {
      displayName: 'Failed jobs',
      masterKey: key,
      // Adds a topic policy that denies publishing over plain HTTP (cdk-nag AwsSolutions-SNS3).
      enforceSSL: true,
    });
    // A topic policy replaces the default one, so CloudWatch needs an explicit allow.
    topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsOfThisAccount',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    // Any message in the dead-letter queue is a job that failed maxReceiveCount times. The maximum
    // over five-minute periods, so a single message that reaches the queue raises the alarm.
    const alarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription:
        'Jobs failed and are in the dead-letter queue. Runbook: read them with aws sqs receive-message, find the cause in the worker log group, fix it, then redrive them with aws sqs start-message-move-task.',
      metric: jobDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: Stats.MAXIMUM,
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // A queue without messages publishes no data points, which is not a failure.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const notify = new SnsAction(topic);
    alarm.addAlarmAction(notify);
    // The OK notification tells you that the dead-letter queue is empty again.
    alarm.addOkAction(notify);

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'JobQueueUrl', {
      description: 'URL of the job queue, to send a job by hand',
      value: jobQueue.queueUrl,
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      description: 'URL of the dead-letter queue of the job queue, to read failed jobs',
      value: jobDeadLetterQueue.queueUrl,
    });
    new CfnOutput(this, 'DeadLetterQueueArn', {
      description: 'ARN of the dead-letter queue, for aws sqs start-message-move-task',
      value: jobDeadLetterQueue.queueArn,
    });
    new CfnOutput(this, 'ScheduleDeadLetterQueueUrl', {
      description: 'URL of the queue holding jobs the schedule could not deliver',
      value: scheduleDeadLetterQueue.queueUrl,
    });
    new CfnOutput(this, 'ScheduleName', {
      description: 'Name of the schedule, in the default schedule group',
      value: schedule.ref,
    });
    new CfnOutput(this, 'FunctionLogGroupName', {
      description: 'Log group of the worker function, for aws logs tail',
      value: functionLogs.logGroupName,
    });
    new CfnOutput(this, 'AlarmName', {
      description: 'Name of the alarm on the dead-letter queue',
      value: alarm.alarmName,
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      description: 'SNS topic the alarm notifies; subscribe your email address to it',
      value: topic.topicArn,
    });
  }
}

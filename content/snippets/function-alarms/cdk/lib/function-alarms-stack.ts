import {
  CfnCondition,
  CfnOutput,
  CfnParameter,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TreatMissingData,
  type IAlarm,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { CfnSubscription, Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/**
 * Alarms on the symptoms of an existing Lambda function (errors, throttles, a slow tail close to
 * the timeout), a one-screen dashboard, and an encrypted SNS topic that receives every alarm.
 * The function itself is not part of the stack: it is named by the FunctionName parameter.
 * The Terraform and CloudFormation variants deploy the same resources under the same names.
 */
export class FunctionAlarmsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // ---------------------------------------------------------------- Inputs
    // CloudFormation parameters rather than context, so the required name fails the deployment
    // when it is missing instead of deploying alarms on nothing.
    const functionName = new CfnParameter(this, 'FunctionName', {
      type: 'String',
      description: 'Name (not ARN) of the existing Lambda function to watch, in the Region you deploy to.',
      allowedPattern: '^[a-zA-Z0-9_-]{1,64}$',
      constraintDescription: 'a function name: 1-64 letters, digits, hyphens or underscores',
    }).valueAsString;
    const timeoutSeconds = new CfnParameter(this, 'FunctionTimeoutSeconds', {
      type: 'Number',
      description: "The function's configured timeout in seconds (aws lambda get-function-configuration --query Timeout).",
      minValue: 1,
      maxValue: 900,
    }).valueAsString;
    const alarmEmail = new CfnParameter(this, 'AlarmEmail', {
      type: 'String',
      description: 'Optional email address to subscribe to the alarm topic. Leave empty to subscribe later.',
      default: '',
      allowedPattern: '^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
      constraintDescription: 'an email address, or empty',
    }).valueAsString;
    const hasAlarmEmail = new CfnCondition(this, 'HasAlarmEmail', {
      expression: Fn.conditionNot(Fn.conditionEquals(alarmEmail, '')),
    });

    // ---------------------------------------------------------------- Encrypted topic
    // A customer managed key, because CloudWatch cannot publish to a topic encrypted with the AWS
    // managed aws/sns key: that key's policy cannot be changed to let CloudWatch use it.
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the alarm notifications of one Lambda function at rest in SNS',
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
      displayName: 'Lambda function alarms',
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

    // Email subscribers must confirm from the message SNS sends; until then nothing is delivered.
    const subscription = new Subscription(this, 'AlarmEmailSubscription', {
      topic,
      protocol: SubscriptionProtocol.EMAIL,
      endpoint: alarmEmail,
    });
    (subscription.node.defaultChild as CfnSubscription).cfnOptions.condition = hasAlarmEmail;

    // ---------------------------------------------------------------- Metrics
    // Lambda publishes these once a minute per function; five-minute periods turn a burst of
    // failures into one notification instead of a stream of ALARM/OK emails.
    const period = Duration.minutes(5);
    const lambdaMetric = (metricName: string, statistic: string, label: string) =>
      new Metric({
        namespace: 'AWS/Lambda',
        metricName,
        dimensionsMap: { FunctionName: functionName },
        statistic,
        period,
        label,
      });
    const invocations = lambdaMetric('Invocations', 'Sum', 'Invocations');
    const errors = lambdaMetric('Errors', 'Sum', 'Errors');
    const throttles = lambdaMetric('Throttles', 'Sum', 'Throttles');
    const concurrency = lambdaMetric('ConcurrentExecutions', 'Maximum', 'Concurrent executions (max)');
    const durationP50 = lambdaMetric('Duration', 'p50', 'Duration p50');
    const durationP99 = lambdaMetric('Duration', 'p99', 'Duration p99');

    // ---------------------------------------------------------------- Alarms
    const action = new SnsAction(topic);
    const notify = (alarm: Alarm) => {
      alarm.addAlarmAction(action);
      // The OK notification tells whoever is on call that the symptom is gone.
      alarm.addOkAction(action);
      return alarm;
    };

    // Any failed invocation is a failure a caller saw (or a retry that may not succeed). For a
    // function that fails now and then by design, alarm on Errors / Invocations instead.
    const errorsAlarm = notify(
      new Alarm(this, 'ErrorsAlarm', {
        alarmName: `${functionName}-errors`,
        alarmDescription: `Invocations of ${functionName} ended in a function error (exception, timeout or out of memory). Runbook: read the errors in the log group /aws/lambda/${functionName} and the X-Ray traces; if they began with a deployment, roll it back.`,
        metric: errors,
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        // No invocations means no data points, which is not a failure.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    // A throttled request never ran: synchronous callers got an error, asynchronous events wait
    // for retries. Any throttle means the function hit its concurrency limit.
    const throttlesAlarm = notify(
      new Alarm(this, 'ThrottlesAlarm', {
        alarmName: `${functionName}-throttles`,
        alarmDescription: `Invocations of ${functionName} were throttled. Runbook: compare ConcurrentExecutions with the function's reserved concurrency and the account's concurrency quota; raise the limit or find what drove the traffic.`,
        metric: throttles,
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    // p99 at 80% of the timeout leaves room to act before the slowest invocations are cut off
    // (which would then count as errors). Three periods in a row, so one slow burst or a wave of
    // cold starts does not page anyone. The timeout is an input, so this is a percentage.
    const durationAlarm = notify(
      new Alarm(this, 'DurationAlarm', {
        alarmName: `${functionName}-duration-near-timeout`,
        alarmDescription: `The p99 duration of ${functionName} has stayed at 80% of its ${timeoutSeconds}-second timeout or more for 15 minutes. Runbook: look for slow dependencies in the X-Ray traces and for a recent deployment; raise the timeout or memory only once the cause is known.`,
        metric: new MathExpression({
          expression: `100 * durationP99 / (1000 * ${timeoutSeconds})`,
          usingMetrics: { durationP99 },
          label: 'Duration p99 as % of timeout',
          period,
        }),
        threshold: 80,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    // ---------------------------------------------------------------- Dashboard
    const alarms: IAlarm[] = [errorsAlarm, throttlesAlarm, durationAlarm];
    const dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${functionName}-health`,
      widgets: [
        [new AlarmStatusWidget({ title: 'Alarms', alarms, width: 24, height: 3 })],
        [
          new GraphWidget({ title: 'Invocations and errors', left: [invocations, errors], width: 8 }),
          new GraphWidget({ title: 'Throttles and concurrency', left: [throttles], right: [concurrency], width: 8 }),
          new GraphWidget({ title: 'Duration (ms)', left: [durationP50, durationP99], width: 8 }),
        ],
      ],
    });

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'AlarmTopicArn', {
      description: 'ARN of the SNS topic the alarms notify; subscribe a chat or paging tool to it',
      value: topic.topicArn,
    });
    new CfnOutput(this, 'DashboardUrl', {
      description: 'CloudWatch console URL of the function dashboard',
      value: `https://console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards:name=${dashboard.dashboardName}`,
    });
  }
}

/**
 * The Terraform side of facts-messaging.ts: the arguments of SQS queues (and their separate redrive
 * policies), Lambda event source mappings, EventBridge Scheduler schedules, CloudWatch metric alarms
 * and SNS topics, under the CloudFormation property names the facts read. read-terraform.ts adds
 * these entries to its `propertyMaps`.
 *
 * An argument left out stays out (undefined), so facts-messaging.ts applies the service's default to
 * both tools alike; a block Terraform writes as a list of one becomes the object CloudFormation has,
 * and a JSON argument (jsonencode) stays the document it encodes.
 */
import type { HclValue } from './hcl';
import type { Json } from '../../../../src/lib/iac/model';
import { type Body, type Mapped, block, first, json, renamed } from './terraform-body';

/** A JSON argument: the document itself, whether jsonencode() left it an object or it is JSON text. */
function document(value: HclValue | undefined): Json | undefined {
	if (typeof value === 'string' && /^\s*[{[]/.test(value)) {
		try {
			return JSON.parse(value) as Json;
		} catch {
			return value;
		}
	}
	return json(value);
}

export const messagingPropertyMaps: Record<string, (body: Body) => Mapped> = {
	aws_sqs_queue: (b) => ({
		props: {
			QueueName: json(b['name']),
			FifoQueue: json(b['fifo_queue']),
			VisibilityTimeout: json(b['visibility_timeout_seconds']),
			MessageRetentionPeriod: json(b['message_retention_seconds']),
			SqsManagedSseEnabled: json(b['sqs_managed_sse_enabled']),
			KmsMasterKeyId: json(b['kms_master_key_id']),
			RedrivePolicy: document(b['redrive_policy']),
		},
	}),
	// The RedrivePolicy of the queue it names, set apart (type-map.ts counts it as part of the queue).
	aws_sqs_queue_redrive_policy: (b) => ({
		type: 'Terraform::SqsQueueRedrivePolicy',
		props: { Queue: json(b['queue_url']), RedrivePolicy: document(b['redrive_policy']) },
	}),
	aws_lambda_event_source_mapping: (b) => ({
		props: {
			EventSourceArn: json(b['event_source_arn']),
			FunctionName: json(b['function_name']),
			BatchSize: json(b['batch_size']),
			MaximumBatchingWindowInSeconds: json(b['maximum_batching_window_in_seconds']),
			FunctionResponseTypes: json(b['function_response_types']),
			Enabled: json(b['enabled']),
			ScalingConfig: renamed(first(b, 'scaling_config'), { maximum_concurrency: 'MaximumConcurrency' }),
		},
	}),
	aws_scheduler_schedule: (b) => {
		const target = first(b, 'target') ?? {};
		const retry = renamed(first(target, 'retry_policy'), { maximum_retry_attempts: 'MaximumRetryAttempts', maximum_event_age_in_seconds: 'MaximumEventAgeInSeconds' });
		const deadLetter = renamed(first(target, 'dead_letter_config'), { arn: 'Arn' });
		return {
			props: {
				ScheduleExpression: json(b['schedule_expression']),
				ScheduleExpressionTimezone: json(b['schedule_expression_timezone']),
				State: json(b['state']),
				FlexibleTimeWindow: renamed(first(b, 'flexible_time_window'), { mode: 'Mode', maximum_window_in_minutes: 'MaximumWindowInMinutes' }),
				Target: {
					Arn: json(target['arn']) ?? null,
					RoleArn: json(target['role_arn']) ?? null,
					...(target['input'] === undefined ? {} : { Input: document(target['input']) ?? null }),
					...(retry ? { RetryPolicy: retry } : {}),
					...(deadLetter ? { DeadLetterConfig: deadLetter } : {}),
				},
			},
		};
	},
	aws_cloudwatch_metric_alarm: (b) => {
		const dimensions = b['dimensions'];
		return {
			props: {
				// The name lets a fact find the alarm where Terraform put its name in place of a reference (a CodeDeploy deployment group's alarms).
				AlarmName: json(b['alarm_name']),
				Namespace: json(b['namespace']),
				MetricName: json(b['metric_name']),
				Dimensions:
					dimensions && typeof dimensions === 'object' && !Array.isArray(dimensions)
						? Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value: Value as Json }))
						: undefined,
				Statistic: json(b['statistic']),
				ExtendedStatistic: json(b['extended_statistic']),
				Period: json(b['period']),
				EvaluationPeriods: json(b['evaluation_periods']),
				DatapointsToAlarm: json(b['datapoints_to_alarm']),
				Threshold: json(b['threshold']),
				ComparisonOperator: json(b['comparison_operator']),
				TreatMissingData: json(b['treat_missing_data']),
				ActionsEnabled: json(b['actions_enabled']),
				AlarmActions: json(b['alarm_actions']),
				OKActions: json(b['ok_actions']),
				InsufficientDataActions: json(b['insufficient_data_actions']),
				// A metric math alarm: one query per metric_query block.
				Metrics: block(b, 'metric_query').map((q) => {
					const metric = first(q, 'metric');
					return {
						Id: json(q['id']) ?? null,
						...(q['expression'] === undefined ? {} : { Expression: json(q['expression']) ?? null }),
						...(metric
							? {
									MetricStat: {
										Metric: {
											Namespace: json(metric['namespace']) ?? null,
											MetricName: json(metric['metric_name']) ?? null,
											Dimensions: metric['dimensions'] && typeof metric['dimensions'] === 'object' && !Array.isArray(metric['dimensions'])
												? Object.entries(metric['dimensions']).map(([Name, Value]) => ({ Name, Value: Value as Json }))
												: [],
										},
										Stat: json(metric['stat']) ?? null,
										Period: json(metric['period']) ?? null,
									},
								}
							: {}),
					};
				}),
			},
		};
	},
	aws_sns_topic: (b) => ({ props: { KmsMasterKeyId: json(b['kms_master_key_id']), FifoTopic: json(b['fifo_topic']) } }),
};

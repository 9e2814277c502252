/**
 * Facts of queues and what drives them, in the words of facts.ts: how long an SQS queue hides a
 * received message, how long it keeps one, how it is encrypted and after how many receives it moves
 * a message to which dead-letter queue; how a Lambda event source mapping reads a queue (batch size,
 * batching window, whether the function may report single failed messages); when an EventBridge
 * Scheduler schedule runs, what it sends where, how it retries and where undeliverable jobs go;
 * what a CloudWatch alarm watches, when it fires and whom it notifies; and how an SNS topic is
 * encrypted. facts.ts adds them to every model, so a variant with another redrive count, batch size,
 * schedule or threshold shows as a difference.
 *
 * Each reads CloudFormation's property names (read-terraform-messaging.ts maps Terraform's arguments
 * to them) and applies the service's documented default where a property is left out; where this
 * module does not know the default, the fact says "default", so a value written in one variant and
 * left out in another still shows. A queue is named by what it is for (the queue a Lambda function
 * reads, the dead-letter queue of that queue), never by id.
 */
import { list, resourcesOfType, target, type Json, type Model, type ModelResource } from '../../../../src/lib/iac/model';
import { canonical, type Fact } from './facts';
import { type Props, object, on, given } from './fact-values';

const off = (value: Json | undefined) => value === false || value === 'false';
const orDefault = (value: Json | undefined, fallback: string | number) => (given(value) ? String(value) : String(fallback));

/** A JSON document given as itself or as its text (CloudFormation accepts both, jsonencode gives text). */
export function jsonDocument(value: Json | undefined): Json | undefined {
	if (typeof value === 'string' && /^\s*[{[]/.test(value)) {
		try {
			return JSON.parse(value) as Json;
		} catch {
			return value;
		}
	}
	return value;
}

/** A queue's redrive policy: on the queue, or in Terraform's separate aws_sqs_queue_redrive_policy. */
export function redrivePolicyOf(model: Model, queue: ModelResource): Props | undefined {
	const separate = resourcesOfType(model, 'Terraform::SqsQueueRedrivePolicy').find((r) => target(model, r.props['Queue'])?.id === queue.id);
	const policy = jsonDocument(queue.props['RedrivePolicy'] ?? separate?.props['RedrivePolicy']);
	return policy && typeof policy === 'object' && !Array.isArray(policy) ? policy : undefined;
}

/**
 * Names each queue by what it is for: the queue a Lambda function reads, the queue a schedule sends
 * to, the dead-letter queue of a schedule or of one of those queues; any other is "an SQS queue".
 */
export function queueNamer(model: Model): (id: string) => string {
	const names = new Map<string, string>();
	const name = (value: Json | undefined, purpose: string) => {
		const queue = target(model, value);
		if (queue?.type === 'AWS::SQS::Queue' && !names.has(queue.id)) names.set(queue.id, purpose);
	};
	for (const mapping of resourcesOfType(model, 'AWS::Lambda::EventSourceMapping')) name(mapping.props['EventSourceArn'], 'the queue a Lambda function reads');
	const schedules = resourcesOfType(model, 'AWS::Scheduler::Schedule').map((s) => object(s.props['Target']));
	for (const t of schedules) name(t['Arn'], 'the queue a schedule sends to');
	for (const t of schedules) name(object(t['DeadLetterConfig'])['Arn'], 'the dead-letter queue of a schedule');
	const named = (id: string) => names.get(id) ?? 'an SQS queue';
	for (const queue of resourcesOfType(model, 'AWS::SQS::Queue')) {
		const deadLetter = target(model, redrivePolicyOf(model, queue)?.['deadLetterTargetArn']);
		if (deadLetter?.type === 'AWS::SQS::Queue' && !names.has(deadLetter.id)) names.set(deadLetter.id, `the dead-letter queue of ${named(queue.id)}`);
	}
	return named;
}

/** The resource a value names: a reference to it, or (Terraform) the literal name it was given. */
function resourceNamed(model: Model, value: Json | undefined): ModelResource | undefined {
	const referenced = target(model, value);
	if (referenced) return referenced;
	if (typeof value !== 'string') return undefined;
	// The resource whose own name it is: an alias, a permission or a mapping names its function too.
	return [...model.resources.values()].find((r) => nameKeys[r.type] !== undefined && r.props[nameKeys[r.type]!] === value);
}

/** The property that holds a resource's own name, by type. */
const nameKeys: Record<string, string> = {
	'AWS::SQS::Queue': 'QueueName',
	'AWS::SNS::Topic': 'TopicName',
	'AWS::Lambda::Function': 'FunctionName',
	'AWS::DynamoDB::Table': 'TableName',
	'AWS::DynamoDB::GlobalTable': 'TableName',
};

const p0 = (r: ModelResource): Props => r.props;

/** SQS queues, event source mappings, schedules, alarms and topics of a model, as facts. */
export function messagingFacts(model: Model): Fact[] {
	const facts: Fact[] = [];
	const add = (kind: string, text: string, source: string) => facts.push({ kind, text, source });
	const queueName = queueNamer(model);
	const describe = (value: Json | undefined) => {
		const r = resourceNamed(model, value);
		return r?.type === 'AWS::SQS::Queue' ? queueName(r.id) : r ? `<${r.type}>` : canonical(model, value);
	};

	for (const queue of resourcesOfType(model, 'AWS::SQS::Queue')) {
		const p = queue.props;
		// Since 2022 SQS encrypts new queues with SSE-SQS unless told otherwise; "default" keeps a
		// setting written in one variant and left out in another visible.
		const encryption = given(p['KmsMasterKeyId']) ? `KMS key ${canonical(model, p['KmsMasterKeyId'])}` : on(p['SqsManagedSseEnabled']) ? 'SSE-SQS' : off(p['SqsManagedSseEnabled']) ? 'no encryption' : 'default encryption';
		const redrive = redrivePolicyOf(model, queue);
		const deadLetter = redrive ? `after ${Number(redrive['maxReceiveCount'])} receives to ${describe(redrive['deadLetterTargetArn'])}` : 'no dead-letter queue';
		add(
			'queue',
			`${queueName(queue.id)}${on(p['FifoQueue']) ? ' (FIFO)' : ''}: visibility timeout ${orDefault(p['VisibilityTimeout'], 30)} s, keeps messages ${orDefault(p['MessageRetentionPeriod'], 345600)} s, ${encryption}, ${deadLetter}`,
			queue.id
		);
	}

	for (const mapping of resourcesOfType(model, 'AWS::Lambda::EventSourceMapping')) {
		const p = mapping.props;
		const reports = list(p['FunctionResponseTypes']).includes('ReportBatchItemFailures');
		const concurrency = object(p['ScalingConfig'])['MaximumConcurrency'];
		add(
			'queue',
			`Lambda event source mapping from ${describe(p['EventSourceArn'])}: batch size ${orDefault(p['BatchSize'], 'default')}, batching window ${orDefault(p['MaximumBatchingWindowInSeconds'], 0)} s, ${reports ? 'the function reports failed messages (ReportBatchItemFailures)' : 'a failure returns the whole batch'}${given(concurrency) ? `, at most ${concurrency} concurrent invocations` : ''}${off(p['Enabled']) ? ', disabled' : ''}`,
			mapping.id
		);
	}

	for (const schedule of resourcesOfType(model, 'AWS::Scheduler::Schedule')) {
		const p = schedule.props;
		const t = object(p['Target']);
		const window = object(p['FlexibleTimeWindow']);
		const retry = object(t['RetryPolicy']);
		const input = jsonDocument(t['Input']);
		const deadLetter = object(t['DeadLetterConfig'])['Arn'];
		add(
			'schedule',
			`schedule ${p['ScheduleExpression']} in ${orDefault(p['ScheduleExpressionTimezone'], 'UTC')}, flexible time window ${orDefault(window['Mode'], 'unset')}${given(window['MaximumWindowInMinutes']) ? ` of ${window['MaximumWindowInMinutes']} min` : ''}, ${orDefault(p['State'], 'ENABLED')}`,
			schedule.id
		);
		add(
			'schedule',
			`schedule sends ${input === undefined ? 'no input' : JSON.stringify(input)} to ${describe(t['Arn'])}, retries ${orDefault(retry['MaximumRetryAttempts'], 'default')} times within ${orDefault(retry['MaximumEventAgeInSeconds'], 'default')} s, then ${given(deadLetter) ? `to ${describe(deadLetter)}` : 'drops the job'}`,
			schedule.id
		);
	}

	for (const alarm of resourcesOfType(model, 'AWS::CloudWatch::Alarm')) {
		// One query that only reads a metric (CDK writes a labelled metric so) is that metric.
		const queries = list(p0(alarm)['Metrics']);
		const only = queries.length === 1 ? object(object(queries[0])['MetricStat']) : {};
		const p: Props = given(only['Metric'])
			? {
					...p0(alarm),
					...object(only['Metric']),
					Statistic: only['Stat'] ?? null,
					Period: only['Period'] ?? null,
					Metrics: [],
				}
			: p0(alarm);
		const dimensions = (list(p['Dimensions']) as Props[]).map((d) => {
			const r = resourceNamed(model, d['Value']);
			return `${d['Name']}${r ? ` of ${describe(d['Value'])}` : ''}`;
		});
		const watched = list(p['Metrics']).length
			? `metric math over ${list(p['Metrics']).length} metrics`
			: `${p['Namespace']} ${p['MetricName']}${dimensions.length ? ` (${dimensions.sort().join(', ')})` : ''}, ${p['Statistic'] ?? p['ExtendedStatistic']} over ${p['Period']} s`;
		const actions = (key: string) => list(p[key]).map((a) => canonical(model, a)).sort().join(', ') || 'none';
		add(
			'alarm',
			`alarm on ${watched}: ${p['ComparisonOperator']} ${Number(p['Threshold'])} in ${orDefault(p['DatapointsToAlarm'], String(p['EvaluationPeriods']))} of ${p['EvaluationPeriods']} periods, missing data ${orDefault(p['TreatMissingData'], 'missing')}${off(p['ActionsEnabled']) ? ', actions disabled' : ''}; notifies ${actions('AlarmActions')} on alarm, ${actions('OKActions')} on OK, ${actions('InsufficientDataActions')} on insufficient data`,
			alarm.id
		);
	}

	for (const topic of resourcesOfType(model, 'AWS::SNS::Topic')) {
		const p = topic.props;
		add('encryption', `SNS topic${on(p['FifoTopic']) ? ' (FIFO)' : ''}: ${given(p['KmsMasterKeyId']) ? `encrypted with ${canonical(model, p['KmsMasterKeyId'])}` : 'not encrypted'}`, topic.id);
	}
	return facts;
}

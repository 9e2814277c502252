// Records each object uploaded to the bucket, then tells downstream consumers about it.
// An EventBridge rule invokes this function with one S3 "Object Created" event at a time.
// CloudFormation inlines this file, so it stays small and uses only the
// AWS SDK for JavaScript v3 that the Lambda Node.js runtime already includes.
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand } = require('@aws-sdk/lib-dynamodb');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');

// Created once per execution environment, so warm invocations reuse the connections.
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  // Some events lack an etag; store the item without it instead of failing.
  marshallOptions: { removeUndefinedValues: true },
});
const sqs = new SQSClient({});
const TableName = process.env.TABLE_NAME;
const QueueUrl = process.env.QUEUE_URL;

// Events arrive out of order and more than once, so an old upload's event can come after a newer
// one's. S3 gives each event a sequencer, a hex number: of two events for the same key, the one
// with the greater sequencer happened later. AWS compares them by left-padding the shorter with
// zeros, then comparing as strings. A condition expression cannot pad, so the item stores the
// sequencer in upper case without leading zeros: a longer one is then greater, and one of the
// same length compares as a string. An event without a sequencer counts as older than any other.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
const orderable = (sequencer) =>
  typeof sequencer === 'string' && sequencer !== '' ? sequencer.toUpperCase().replace(/^0+(?=.)/, '') : '0';

exports.handler = async (event) => {
  const { bucket, object, reason } = event.detail ?? {};
  if (!bucket?.name || typeof object?.key !== 'string') {
    // Not an S3 Object Created event: retrying would not help, so log it and stop.
    console.error(JSON.stringify({ message: 'not an S3 Object Created event', id: event.id }));
    return;
  }

  const record = {
    objectKey: object.key,
    bucket: bucket.name,
    size: object.size,
    etag: object.etag,
    sequencer: orderable(object.sequencer),
    // PutObject, POST Object, CopyObject or CompleteMultipartUpload.
    reason,
    createdAt: event.time,
    // The EventBridge event id: the same on every retry of this event, so consumers can drop duplicates.
    eventId: event.id,
  };

  try {
    // One item per object key. Write it only if the key has no item yet (no stored sequencer), or
    // its item records an older upload or this same one. The same one means a retry of this event:
    // writing it again changes nothing and lets the retry send a message that failed to send.
    await db.send(
      new PutCommand({
        TableName,
        Item: record,
        ConditionExpression:
          'attribute_not_exists(#sequencer) OR size(#sequencer) < :length' +
          ' OR (size(#sequencer) = :length AND #sequencer <= :sequencer)',
        ExpressionAttributeNames: { '#sequencer': 'sequencer' },
        ExpressionAttributeValues: { ':sequencer': record.sequencer, ':length': record.sequencer.length },
      }),
    );
  } catch (error) {
    if (error.name !== 'ConditionalCheckFailedException') throw error;
    // A newer upload of this key is already recorded: this event is stale, which is not an error.
    // Stop here, without a message, so consumers do not act on an upload that was replaced.
    console.log(JSON.stringify({ message: 'skipped: newer upload recorded', objectKey: record.objectKey }));
    return;
  }

  // An error above or here fails the invocation: Lambda retries it twice, then sends the
  // event to the failed-events queue, so no upload goes unrecorded without a trace.
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(record) }));

  console.log(JSON.stringify({ message: 'recorded', objectKey: record.objectKey, size: record.size }));
};

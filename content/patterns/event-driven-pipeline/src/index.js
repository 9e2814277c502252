// Records each object uploaded to the bucket, then tells downstream consumers about it.
// An EventBridge rule invokes this function with one S3 "Object Created" event at a time.
// CloudFormation inlines this file, so it stays small and uses only the
// AWS SDK for JavaScript v3 that the Lambda Node.js runtime already includes.
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand } = require('@aws-sdk/lib-dynamodb');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');

// Created once per execution environment, so warm invocations reuse the connections.
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  // Some events lack etag or sequencer; store the item without them instead of failing.
  marshallOptions: { removeUndefinedValues: true },
});
const sqs = new SQSClient({});
const TableName = process.env.TABLE_NAME;
const QueueUrl = process.env.QUEUE_URL;

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
    sequencer: object.sequencer,
    // PutObject, POST Object, CopyObject or CompleteMultipartUpload.
    reason,
    createdAt: event.time,
    // The EventBridge event id: the same on every retry of this event, so consumers can drop duplicates.
    eventId: event.id,
  };

  // One item per object key: uploading the same key again replaces its item.
  await db.send(new PutCommand({ TableName, Item: record }));

  // An error above or here fails the invocation: Lambda retries it twice, then sends the
  // event to the failed-events queue, so no upload goes unrecorded without a trace.
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(record) }));

  console.log(JSON.stringify({ message: 'recorded', objectKey: record.objectKey, size: record.size }));
};

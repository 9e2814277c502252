// Runs the jobs that an EventBridge Scheduler schedule (or anyone allowed to) puts on the queue.
// Lambda's event source mapping hands it a batch of SQS messages. The handler returns the ids of
// the messages it could not process (batchItemFailures): Lambda deletes the others, and SQS makes
// only the failed ones visible again, until its redrive policy moves them to the dead-letter queue.
// CloudFormation inlines this file, so it stays small and needs no AWS SDK.

// The jobs this worker knows, by the message's "task" field. Replace the sample with your own.
const tasks = {
  // Logs how long the message waited in the queue: proof that the schedule and the worker run.
  heartbeat: async (job, record) => {
    const sentAt = Number(record.attributes?.SentTimestamp);
    console.log(
      JSON.stringify({
        message: 'job done',
        task: job.task,
        messageId: record.messageId,
        waitedMs: Number.isFinite(sentAt) ? Date.now() - sentAt : null,
      }),
    );
  },
};

// A job is a JSON object whose "task" names one of the tasks above; anything else is rejected.
function parseJob(body) {
  let job;
  try {
    job = JSON.parse(body);
  } catch {
    throw new Error('the body is not JSON');
  }
  if (job === null || typeof job !== 'object' || Array.isArray(job)) throw new Error('the body is not a JSON object');
  if (typeof job.task !== 'string' || !Object.hasOwn(tasks, job.task)) {
    throw new Error(`unknown task ${JSON.stringify(job.task ?? null)}`);
  }
  return job;
}

exports.handler = async (event) => {
  const batchItemFailures = [];
  // One message at a time, and never a throw: an exception would fail the whole batch, and the
  // messages that succeeded would run again.
  for (const record of event.Records ?? []) {
    try {
      const job = parseJob(record.body);
      await tasks[job.task](job, record);
    } catch (error) {
      // A rejected message is retried too: after maxReceiveCount receives SQS moves it to the
      // dead-letter queue, where the alarm reports it and you can read it.
      console.error(
        JSON.stringify({
          message: 'job failed',
          messageId: record.messageId,
          receiveCount: Number(record.attributes?.ApproximateReceiveCount) || null,
          error: error.message,
        }),
      );
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

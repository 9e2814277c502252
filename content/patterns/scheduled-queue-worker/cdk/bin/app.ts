#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { ScheduledQueueWorkerStack } from '../lib/scheduled-queue-worker-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new ScheduledQueueWorkerStack(app, 'ScheduledQueueWorkerStack', {
  description: 'Scheduled jobs and a queue worker: EventBridge Scheduler, Amazon SQS, AWS Lambda and a CloudWatch alarm',
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'scheduled-queue-worker');

#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { EventDrivenPipelineStack } from '../lib/event-driven-pipeline-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new EventDrivenPipelineStack(app, 'EventDrivenPipelineStack', {
  description: 'Event-driven pipeline: Amazon S3, Amazon EventBridge, AWS Lambda, Amazon DynamoDB and Amazon SQS',
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'event-driven-pipeline');

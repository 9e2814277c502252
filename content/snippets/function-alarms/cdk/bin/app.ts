#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { FunctionAlarmsStack } from '../lib/function-alarms-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile, which must be
// the Region of the function it watches (Lambda metrics are Regional).
new FunctionAlarmsStack(app, 'FunctionAlarmsStack', {
  description: 'CloudWatch alarms and a dashboard for an existing AWS Lambda function, notifying an encrypted SNS topic',
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Snippet', 'function-alarms');

#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { OrderSagaWorkflowStack } from '../lib/order-saga-workflow-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new OrderSagaWorkflowStack(app, 'OrderSagaWorkflowStack', {
  description: 'Order saga: AWS Step Functions, Amazon DynamoDB and AWS Lambda',
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'order-saga-workflow');

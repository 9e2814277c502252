#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { WebSocketApiStack } from '../lib/websocket-api-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new WebSocketApiStack(app, 'WebSocketApiStack', {
  description: 'Real-time messages over WebSocket: API Gateway WebSocket API, AWS Lambda and Amazon DynamoDB',
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'websocket-api');

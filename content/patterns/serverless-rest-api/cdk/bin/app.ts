#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { ServerlessRestApiStack } from '../lib/serverless-rest-api-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new ServerlessRestApiStack(app, 'ServerlessRestApiStack', {
  description: 'Serverless REST API: API Gateway HTTP API, AWS Lambda and Amazon DynamoDB',
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'serverless-rest-api');

#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { ApiWithSignInStack } from '../lib/api-with-sign-in-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new ApiWithSignInStack(app, 'ApiWithSignInStack', {
  description: 'API with sign-in: Amazon Cognito user pool, API Gateway HTTP API with a JWT authorizer, AWS Lambda and Amazon DynamoDB',
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'api-with-sign-in');

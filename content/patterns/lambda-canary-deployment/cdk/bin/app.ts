#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { LambdaCanaryDeploymentStack } from '../lib/lambda-canary-deployment-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new LambdaCanaryDeploymentStack(app, 'LambdaCanaryDeploymentStack', {
  description: 'Canary deployments for a Lambda function: alias, AWS CodeDeploy, CloudWatch alarm and an HTTP API',
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'lambda-canary-deployment');

#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { Arm64FunctionStack } from '../lib/arm64-function-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new Arm64FunctionStack(app, 'Arm64FunctionStack', {
  description: 'AWS Lambda function on arm64 (Graviton) with its own log group, a least-privilege role and X-Ray tracing',
  // `npx cdk deploy -c memorySize=1024` to try another size; see the README.
  memorySize: Number(app.node.tryGetContext('memorySize') ?? 256),
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Snippet', 'arm64-function');

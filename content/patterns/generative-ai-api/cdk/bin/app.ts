#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { GenerativeAiApiStack } from '../lib/generative-ai-api-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// Optional context, for example `npx cdk deploy -c enableGuardrail=false`, or another model:
// -c inferenceProfileId=<profile id> -c foundationModelArns=<arn>,<arn>,...
const context = (key: string): string | undefined => app.node.tryGetContext(key) as string | undefined;
const foundationModelArns = context('foundationModelArns');
const reservedConcurrency = context('reservedConcurrency');

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new GenerativeAiApiStack(app, 'GenerativeAiApiStack', {
  description: 'Generative AI API: Lambda function URL with response streaming, Amazon Bedrock and a guardrail',
  inferenceProfileId: context('inferenceProfileId'),
  foundationModelArns: foundationModelArns?.split(','),
  enableGuardrail: String(context('enableGuardrail') ?? 'true') !== 'false',
  reservedConcurrency: reservedConcurrency === undefined ? undefined : Number(reservedConcurrency),
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'generative-ai-api');

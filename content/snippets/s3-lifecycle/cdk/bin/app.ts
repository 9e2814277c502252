#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { S3LifecycleStack } from '../lib/s3-lifecycle-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// Optional inputs from the command line, for example `npx cdk deploy -c noncurrentVersionExpirationDays=90`.
// A missing value keeps the default in lib/s3-lifecycle-stack.ts.
const days = (key: string): number | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return value === undefined || value === '' ? undefined : Number(value);
};
const temporaryPrefix: unknown = app.node.tryGetContext('temporaryPrefix');

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new S3LifecycleStack(app, 'S3LifecycleStack', {
  description: 'Amazon S3 bucket with lifecycle rules: Intelligent-Tiering, old versions and temporary objects expire, incomplete uploads aborted',
  intelligentTieringAfterDays: days('intelligentTieringAfterDays'),
  noncurrentVersionExpirationDays: days('noncurrentVersionExpirationDays'),
  abortIncompleteMultipartUploadDays: days('abortIncompleteMultipartUploadDays'),
  temporaryPrefix: typeof temporaryPrefix === 'string' && temporaryPrefix !== '' ? temporaryPrefix : undefined,
  temporaryObjectExpirationDays: days('temporaryObjectExpirationDays'),
  logRetentionDays: days('logRetentionDays'),
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Snippet', 's3-lifecycle');

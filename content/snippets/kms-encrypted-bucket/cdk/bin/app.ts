#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { KmsEncryptedBucketStack } from '../lib/kms-encrypted-bucket-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new KmsEncryptedBucketStack(app, 'KmsEncryptedBucketStack', {
  description: 'Amazon S3 bucket encrypted with a customer managed AWS KMS key, TLS only, with server access logs',
  // `npx cdk deploy -c logRetentionDays=365` keeps access logs longer; see the README.
  logRetentionDays: Number(app.node.tryGetContext('logRetentionDays') ?? 90),
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Snippet', 'kms-encrypted-bucket');

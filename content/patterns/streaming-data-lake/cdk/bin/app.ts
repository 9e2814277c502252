#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { StreamingDataLakeStack } from '../lib/streaming-data-lake-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new StreamingDataLakeStack(app, 'StreamingDataLakeStack', {
  description: 'Streaming data lake: Amazon Data Firehose, Amazon S3, AWS Glue Data Catalog and Amazon Athena',
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'streaming-data-lake');

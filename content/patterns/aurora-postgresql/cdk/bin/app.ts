#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { AuroraPostgresqlStack } from '../lib/aurora-postgresql-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new AuroraPostgresqlStack(app, 'AuroraPostgresqlStack', {
  description: 'Aurora PostgreSQL Serverless v2: Multi-AZ cluster, KMS encryption, RDS-managed secret, private VPC',
  // `npx cdk deploy -c deletionProtection=false` before `npx cdk destroy`; see the README.
  deletionProtection: String(app.node.tryGetContext('deletionProtection') ?? true) !== 'false',
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'aurora-postgresql');

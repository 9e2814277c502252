#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { MultiAzPostgresStack } from '../lib/multi-az-postgres-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new MultiAzPostgresStack(app, 'MultiAzPostgresStack', {
  description: 'RDS for PostgreSQL Multi-AZ DB instance: encrypted, backed up, RDS-managed secret, private VPC',
  // `npx cdk deploy -c instanceClass=db.m7g.large` for another size; see the README.
  instanceClass: String(app.node.tryGetContext('instanceClass') ?? 'db.t4g.micro'),
  // `npx cdk deploy -c deletionProtection=false` before `npx cdk destroy`; see the README.
  deletionProtection: String(app.node.tryGetContext('deletionProtection') ?? true) !== 'false',
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Snippet', 'multi-az-postgres');

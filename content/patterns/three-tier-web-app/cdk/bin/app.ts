#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { ThreeTierWebAppStack } from '../lib/three-tier-web-app-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new ThreeTierWebAppStack(app, 'ThreeTierWebAppStack', {
  description: 'Three-tier web app: CloudFront, S3, internal ALB, ECS on Fargate, Aurora PostgreSQL Serverless v2',
  // `npx cdk deploy -c containerImage=<your image URI>` runs your API instead of the placeholder.
  containerImage: app.node.tryGetContext('containerImage'),
  // `npx cdk deploy -c deletionProtection=false` before `npx cdk destroy`; see the README.
  deletionProtection: String(app.node.tryGetContext('deletionProtection') ?? true) !== 'false',
  // `npx cdk deploy -c minCapacity=0` lets the database pause when idle (the next request waits
  // about 15 seconds); see the cost estimate on the pattern's page.
  minCapacity: Number(app.node.tryGetContext('minCapacity') ?? 0.5),
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'three-tier-web-app');

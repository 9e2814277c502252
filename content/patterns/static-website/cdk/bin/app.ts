#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { StaticWebsiteStack } from '../lib/static-website-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// Optional inputs from the command line: `npx cdk deploy -c domainName=www.example.com
// -c certificateArn=arn:aws:acm:us-east-1:...`. An empty value counts as not given.
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new StaticWebsiteStack(app, 'StaticWebsiteStack', {
  description: 'Static website: private Amazon S3 bucket behind Amazon CloudFront with origin access control',
  domainName: context('domainName'),
  certificateArn: context('certificateArn'),
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'static-website');

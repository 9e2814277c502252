#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { EdgeProtectionStack } from '../lib/edge-protection-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// AWS WAF creates a web ACL for CloudFront (scope CLOUDFRONT) only in US East (N. Virginia), and a
// web ACL's logs must go to a log group in the web ACL's own Region. So the whole stack deploys
// there: cdk.json's context sets cloudFrontWebAclRegion to that Region. The buckets are in that
// Region too, which CloudFront, a global service, does not mind. No account: the stack deploys to
// the account of your AWS CLI profile.
const region: unknown = app.node.tryGetContext('cloudFrontWebAclRegion');
if (typeof region !== 'string' || region === '') {
  throw new Error('Set "cloudFrontWebAclRegion" in the context of cdk.json to the Region AWS WAF requires for CloudFront.');
}

new EdgeProtectionStack(app, 'EdgeProtectionStack', {
  env: { region },
  description: 'Edge protection: Amazon CloudFront with an AWS WAF web ACL in front of a private Amazon S3 bucket',
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'edge-protection');

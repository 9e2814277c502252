#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { GitHubActionsDeployRoleStack } from '../lib/github-actions-deploy-role-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile. The repository,
// branch, bucket and distribution are CloudFormation parameters: give them to `cdk deploy`.
new GitHubActionsDeployRoleStack(app, 'GitHubActionsDeployRoleStack', {
  description: 'GitHub Actions deploy role: IAM OIDC provider for GitHub and a role one branch can assume to publish a static site',
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'github-actions-deploy-role');

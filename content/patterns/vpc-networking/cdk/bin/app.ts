#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { VpcNetworkingStack } from '../lib/vpc-networking-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new VpcNetworkingStack(app, 'VpcNetworkingStack', {
  description: 'VPC networking: public, private and isolated subnets in three Availability Zones',
  // The same choices the Terraform variables and CloudFormation parameters offer.
  vpcCidr: '10.0.0.0/16',
  // true: one NAT gateway for all three AZs, cheaper but a single point of failure (see the stack).
  singleNatGateway: false,
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'vpc-networking');

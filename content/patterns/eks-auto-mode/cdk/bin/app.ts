#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { EksAutoModeStack } from '../lib/eks-auto-mode-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile. The stack name is
// also the cluster name. Give the two deploy-time inputs with
// --parameters PublicAccessCidr=... --parameters AdminPrincipalArn=... (see the README).
new EksAutoModeStack(app, 'EksAutoModeStack', {
  description: 'Kubernetes on Amazon EKS with EKS Auto Mode, in a new VPC, with EKS Pod Identity for one workload',
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'eks-auto-mode');

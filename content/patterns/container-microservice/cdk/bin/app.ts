#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { ContainerMicroserviceStack } from '../lib/container-microservice-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile.
new ContainerMicroserviceStack(app, 'ContainerMicroserviceStack', {
  description: 'Container microservice: Application Load Balancer, Amazon ECS on AWS Fargate, in a new VPC',
  // The same choices the Terraform variables and CloudFormation parameters offer.
  // A public image, so the stack deploys without a registry of your own: swap in your image.
  containerImage: 'public.ecr.aws/nginx/nginx:stable',
  minCapacity: 2,
  maxCapacity: 10,
  // true: one NAT gateway for both AZs, cheaper but a single point of failure (see the stack).
  singleNatGateway: false,
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'container-microservice');

#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { MonthlyBudgetStack } from '../lib/monthly-budget-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

// No env: the stack deploys to the account and Region of your AWS CLI profile. The budget
// measures the whole account's cost, in every Region, whichever Region the stack is in.
new MonthlyBudgetStack(app, 'MonthlyBudgetStack', {
  description: 'AWS Budgets monthly cost budget with alerts at 80% of actual and 100% of forecasted spend',
});

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Snippet', 'monthly-budget');

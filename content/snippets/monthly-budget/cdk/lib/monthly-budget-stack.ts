import { Aws, CfnCondition, CfnOutput, CfnParameter, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import type { Construct } from 'constructs';

/**
 * One AWS Budgets cost budget for the whole account, reset every month, that emails (and
 * optionally notifies an SNS topic) when actual spend passes 80% of the amount and when the
 * month's forecast passes 100%. The Terraform and CloudFormation variants deploy the same budget.
 */
export class MonthlyBudgetStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // ---------------------------------------------------------------- Inputs
    // CloudFormation parameters rather than context, so a deployment without an amount or an
    // address fails instead of creating a budget nobody hears from.
    const budgetAmount = new CfnParameter(this, 'BudgetAmount', {
      type: 'Number',
      description: 'The most the account should cost per calendar month, in US dollars.',
      minValue: 1,
    }).valueAsNumber;
    const notificationEmail = new CfnParameter(this, 'NotificationEmail', {
      type: 'String',
      description: 'Email address that receives the budget alerts.',
      allowedPattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
      constraintDescription: 'an email address',
    }).valueAsString;
    const notificationTopicArn = new CfnParameter(this, 'NotificationTopicArn', {
      type: 'String',
      description:
        'Optional ARN of an existing SNS topic that also receives the alerts; its policy must let budgets.amazonaws.com publish. Leave empty for email only.',
      default: '',
      allowedPattern: '^$|^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]+:[A-Za-z0-9_-]+$',
      constraintDescription: 'the ARN of a standard SNS topic, or empty',
    }).valueAsString;
    const budgetName = new CfnParameter(this, 'BudgetName', {
      type: 'String',
      description: 'Name of the budget, unique in the account; it appears in every alert.',
      default: 'monthly-cost',
      allowedPattern: '^[^:\\\\]{1,100}$',
      constraintDescription: 'up to 100 characters, without : or \\',
    }).valueAsString;

    const hasTopic = new CfnCondition(this, 'HasNotificationTopic', {
      expression: Fn.conditionNot(Fn.conditionEquals(notificationTopicArn, '')),
    });

    // Every alert goes to the email address, and to the topic when one is given. AWS::NoValue
    // drops the topic from the list when the parameter is empty.
    const subscribers = [
      { subscriptionType: 'EMAIL', address: notificationEmail },
      Fn.conditionIf(hasTopic.logicalId, { SubscriptionType: 'SNS', Address: notificationTopicArn }, Aws.NO_VALUE),
    ];

    // ---------------------------------------------------------------- Budget
    new CfnBudget(this, 'MonthlyBudget', {
      budget: {
        budgetName,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: budgetAmount, unit: 'USD' },
      },
      notificationsWithSubscribers: [
        // 80% of the amount already spent: time to look before the month is over.
        {
          notification: {
            notificationType: 'ACTUAL',
            comparisonOperator: 'GREATER_THAN',
            threshold: 80,
            thresholdType: 'PERCENTAGE',
          },
          subscribers,
        },
        // The month's forecast passes the amount: catches a new cost early in the month, long
        // before actual spend reaches 80%.
        {
          notification: {
            notificationType: 'FORECASTED',
            comparisonOperator: 'GREATER_THAN',
            threshold: 100,
            thresholdType: 'PERCENTAGE',
          },
          subscribers,
        },
      ],
    });

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'MonthlyBudgetName', {
      description: 'Name of the budget in the AWS Billing and Cost Management console',
      value: budgetName,
    });
  }
}

# One AWS Budgets cost budget for the whole account, reset every month, that emails (and
# optionally notifies an SNS topic) when actual spend passes 80% of the amount and when the
# month's forecast passes 100%. The resource name is the snake_case of the CDK and
# CloudFormation logical ID (MonthlyBudget -> monthly_budget), so the three variants line up.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

locals {
  tags = {
    Snippet = "monthly-budget"
  }

  # Every alert goes to the email address, and to the topic when one is given.
  topic_arns = var.notification_topic_arn == "" ? [] : [var.notification_topic_arn]
}

################################################################################
# Budget (no filters: the whole account's cost)
################################################################################

resource "aws_budgets_budget" "monthly_budget" {
  name         = var.budget_name
  budget_type  = "COST"
  time_unit    = "MONTHLY"
  limit_amount = var.budget_amount
  limit_unit   = "USD"

  # 80% of the amount already spent: time to look before the month is over.
  notification {
    notification_type          = "ACTUAL"
    comparison_operator        = "GREATER_THAN"
    threshold                  = 80
    threshold_type             = "PERCENTAGE"
    subscriber_email_addresses = [var.notification_email]
    subscriber_sns_topic_arns  = local.topic_arns
  }

  # The month's forecast passes the amount: catches a new cost early in the month, long before
  # actual spend reaches 80%.
  notification {
    notification_type          = "FORECASTED"
    comparison_operator        = "GREATER_THAN"
    threshold                  = 100
    threshold_type             = "PERCENTAGE"
    subscriber_email_addresses = [var.notification_email]
    subscriber_sns_topic_arns  = local.topic_arns
  }
}

output "monthly_budget_name" {
  description = "Name of the budget in the AWS Billing and Cost Management console."
  value       = aws_budgets_budget.monthly_budget.name
}

output "state_machine_arn" {
  description = "ARN of the order state machine, for aws stepfunctions start-execution."
  value       = aws_sfn_state_machine.order_state_machine.arn
}

output "inventory_table_name" {
  description = "DynamoDB table with the stock of each product."
  value       = aws_dynamodb_table.inventory_table.name
}

output "shipments_table_name" {
  description = "DynamoDB table with one shipment per shipped order."
  value       = aws_dynamodb_table.shipments_table.name
}

output "state_machine_log_group_name" {
  description = "Log group of the state machine, for aws logs tail."
  value       = aws_cloudwatch_log_group.state_machine_log_group.name
}

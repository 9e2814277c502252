output "api_url" {
  description = "Base URL of the HTTP API; append /items."
  value       = aws_apigatewayv2_stage.http_api_default_stage.invoke_url
}

output "table_name" {
  description = "Name of the DynamoDB table that stores the items."
  value       = aws_dynamodb_table.items_table.name
}

output "websocket_url" {
  description = "URL to connect to, for example with npx wscat -c."
  value       = aws_apigatewayv2_stage.web_socket_stage.invoke_url
}

output "table_name" {
  description = "Name of the DynamoDB table that stores the open connections."
  value       = aws_dynamodb_table.connections_table.name
}

output "function_log_group_name" {
  description = "Log group of the WebSocket function, for aws logs tail."
  value       = aws_cloudwatch_log_group.web_socket_function_log_group.name
}

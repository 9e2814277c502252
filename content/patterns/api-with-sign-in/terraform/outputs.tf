output "api_url" {
  description = "Base URL of the HTTP API; append notes."
  value       = aws_apigatewayv2_stage.http_api_default_stage.invoke_url
}

output "user_pool_id" {
  description = "ID of the Cognito user pool, for admin-confirm-sign-up."
  value       = aws_cognito_user_pool.user_pool.id
}

output "user_pool_client_id" {
  description = "ID of the public app client, for sign-up and initiate-auth."
  value       = aws_cognito_user_pool_client.user_pool_client.id
}

output "table_name" {
  description = "Name of the DynamoDB table that stores the notes."
  value       = aws_dynamodb_table.notes_table.name
}

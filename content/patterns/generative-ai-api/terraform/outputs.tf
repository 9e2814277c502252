output "function_url" {
  description = "URL to POST {\"prompt\":\"...\"} to, signed with SigV4 (service lambda)."
  value       = aws_lambda_function_url.chat_function_url.function_url
}

output "function_name" {
  description = "Name of the Lambda function that streams the answers."
  value       = aws_lambda_function.chat_function.function_name
}

output "log_group_name" {
  description = "Log group of the function, with the stop reason and token counts of each answer."
  value       = aws_cloudwatch_log_group.chat_function_log_group.name
}

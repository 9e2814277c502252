output "function_name" {
  description = "Name of the Lambda function, for aws lambda invoke."
  value       = aws_lambda_function.arm64_function.function_name
}

output "log_group_name" {
  description = "CloudWatch Logs log group that holds the function logs."
  value       = aws_cloudwatch_log_group.arm64_function_log_group.name
}

output "alarm_topic_arn" {
  description = "ARN of the SNS topic the alarms notify; subscribe a chat or paging tool to it."
  value       = aws_sns_topic.alarm_topic.arn
}

output "dashboard_url" {
  description = "CloudWatch console URL of the function dashboard."
  value       = "https://console.aws.amazon.com/cloudwatch/home?region=${var.region}#dashboards:name=${aws_cloudwatch_dashboard.dashboard.dashboard_name}"
}

output "job_queue_url" {
  description = "URL of the job queue, to send a job by hand."
  value       = aws_sqs_queue.job_queue.url
}

output "dead_letter_queue_url" {
  description = "URL of the dead-letter queue of the job queue, to read failed jobs."
  value       = aws_sqs_queue.job_dead_letter_queue.url
}

output "dead_letter_queue_arn" {
  description = "ARN of the dead-letter queue, for aws sqs start-message-move-task."
  value       = aws_sqs_queue.job_dead_letter_queue.arn
}

output "schedule_dead_letter_queue_url" {
  description = "URL of the queue holding jobs the schedule could not deliver."
  value       = aws_sqs_queue.schedule_dead_letter_queue.url
}

output "schedule_name" {
  description = "Name of the schedule, in the default schedule group."
  value       = aws_scheduler_schedule.job_schedule.name
}

output "function_log_group_name" {
  description = "Log group of the worker function, for aws logs tail."
  value       = aws_cloudwatch_log_group.worker_function_log_group.name
}

output "alarm_name" {
  description = "Name of the alarm on the dead-letter queue."
  value       = aws_cloudwatch_metric_alarm.dead_letter_alarm.alarm_name
}

output "alarm_topic_arn" {
  description = "SNS topic the alarm notifies; subscribe your email address to it."
  value       = aws_sns_topic.alarm_topic.arn
}

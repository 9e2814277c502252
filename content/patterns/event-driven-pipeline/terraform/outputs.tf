output "bucket_name" {
  description = "Bucket to upload objects to."
  value       = aws_s3_bucket.upload_bucket.id
}

output "table_name" {
  description = "DynamoDB table with one item per uploaded object."
  value       = aws_dynamodb_table.objects_table.name
}

output "queue_url" {
  description = "URL of the queue downstream consumers read."
  value       = aws_sqs_queue.downstream_queue.url
}

output "dead_letter_queue_url" {
  description = "URL of the dead-letter queue for messages consumers failed to process."
  value       = aws_sqs_queue.downstream_dead_letter_queue.url
}

output "function_log_group_name" {
  description = "Log group of the processor function, for aws logs tail."
  value       = aws_cloudwatch_log_group.processor_function_log_group.name
}

output "failed_events_queue_url" {
  description = "URL of the queue holding upload events the function could not record."
  value       = aws_sqs_queue.failed_events_queue.url
}

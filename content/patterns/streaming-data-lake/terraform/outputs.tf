output "delivery_stream_name" {
  description = "Name of the Firehose stream to send records to."
  value       = aws_kinesis_firehose_delivery_stream.delivery_stream.name
}

output "data_bucket_name" {
  description = "Bucket that holds the Parquet files (data/) and the records that failed (errors/)."
  value       = aws_s3_bucket.data_bucket.id
}

output "results_bucket_name" {
  description = "Bucket that holds Athena query results."
  value       = aws_s3_bucket.results_bucket.id
}

output "database_name" {
  description = "Glue database of the events table."
  value       = aws_glue_catalog_database.glue_database.name
}

output "table_name" {
  description = "Glue table that Firehose converts with and Athena queries."
  value       = aws_glue_catalog_table.events_table.name
}

output "work_group_name" {
  description = "Athena workgroup to run queries in."
  value       = aws_athena_workgroup.athena_work_group.name
}

output "firehose_log_group_name" {
  description = "Log group of the Firehose stream's delivery errors."
  value       = aws_cloudwatch_log_group.firehose_log_group.name
}

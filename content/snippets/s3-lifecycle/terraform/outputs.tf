output "data_bucket_name" {
  description = "Bucket with the lifecycle rules; empty it before terraform destroy."
  value       = aws_s3_bucket.data_bucket.id
}

output "logs_bucket_name" {
  description = "Bucket holding the data bucket's server access logs; empty it before terraform destroy."
  value       = aws_s3_bucket.logs_bucket.id
}

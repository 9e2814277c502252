output "data_bucket_name" {
  description = "Bucket whose objects are encrypted with the customer managed key; empty it before terraform destroy."
  value       = aws_s3_bucket.data_bucket.id
}

output "data_key_arn" {
  description = "ARN of the KMS key; grant kms:GenerateDataKey and kms:Decrypt on it to readers and writers."
  value       = aws_kms_key.data_key.arn
}

output "data_key_alias" {
  description = "Alias of the KMS key."
  value       = aws_kms_alias.data_key_alias.name
}

output "logs_bucket_name" {
  description = "Bucket holding the data bucket's server access logs; empty it before terraform destroy."
  value       = aws_s3_bucket.logs_bucket.id
}

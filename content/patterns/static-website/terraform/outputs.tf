output "site_bucket_name" {
  description = "Bucket to upload the built site to (aws s3 sync)."
  value       = aws_s3_bucket.site_bucket.id
}

output "logs_bucket_name" {
  description = "Bucket holding CloudFront and S3 access logs; empty it before terraform destroy."
  value       = aws_s3_bucket.logs_bucket.id
}

output "distribution_id" {
  description = "CloudFront distribution ID, for cache invalidations."
  value       = aws_cloudfront_distribution.distribution.id
}

output "site_url" {
  description = "HTTPS address of the website."
  value       = "https://${coalesce(var.domain_name, aws_cloudfront_distribution.distribution.domain_name)}"
}

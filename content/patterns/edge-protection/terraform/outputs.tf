output "site_bucket_name" {
  description = "Bucket to upload the site to."
  value       = aws_s3_bucket.site_bucket.id
}

output "logs_bucket_name" {
  description = "Bucket holding CloudFront and S3 access logs; empty it before terraform destroy."
  value       = aws_s3_bucket.logs_bucket.id
}

output "distribution_id" {
  description = "CloudFront distribution ID."
  value       = aws_cloudfront_distribution.distribution.id
}

output "site_url" {
  description = "HTTPS address of the distribution."
  value       = "https://${aws_cloudfront_distribution.distribution.domain_name}"
}

output "web_acl_arn" {
  description = "ARN of the AWS WAF web ACL on the distribution."
  value       = aws_wafv2_web_acl.web_acl.arn
}

output "waf_log_group_name" {
  description = "CloudWatch Logs log group with the requests the web ACL blocked or counted."
  value       = aws_cloudwatch_log_group.waf_log_group.name
}

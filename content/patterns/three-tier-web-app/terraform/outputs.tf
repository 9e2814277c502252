output "app_url" {
  description = "HTTPS address of the web app; the API answers under /api/."
  value       = "https://${aws_cloudfront_distribution.distribution.domain_name}"
}

output "distribution_id" {
  description = "CloudFront distribution ID, for cache invalidations after a front-end upload."
  value       = aws_cloudfront_distribution.distribution.id
}

output "frontend_bucket_name" {
  description = "Bucket to upload the built front end to (aws s3 sync)."
  value       = aws_s3_bucket.frontend_bucket.id
}

output "logs_bucket_name" {
  description = "Bucket holding CloudFront and S3 access logs; empty it before terraform destroy."
  value       = aws_s3_bucket.logs_bucket.id
}

output "load_balancer_dns_name" {
  description = "DNS name of the internal load balancer; it resolves to private addresses only."
  value       = aws_lb.load_balancer.dns_name
}

output "ecs_cluster_name" {
  description = "ECS cluster that runs the API service."
  value       = aws_ecs_cluster.ecs_cluster.name
}

output "service_name" {
  description = "ECS service of the API."
  value       = aws_ecs_service.service.name
}

output "database_endpoint" {
  description = "Writer endpoint (host name) of the Aurora cluster, port 5432, reachable only from the tasks."
  value       = aws_rds_cluster.database.endpoint
}

output "database_secret_arn" {
  description = "ARN of the Secrets Manager secret, managed by RDS, with the master user name and password."
  value       = local.database_secret_arn
}

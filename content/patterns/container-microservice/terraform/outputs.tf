output "load_balancer_url" {
  description = "URL of the service, through the load balancer."
  value       = "http://${aws_lb.load_balancer.dns_name}/"
}

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.cluster.name
}

output "service_name" {
  description = "Name of the ECS service."
  value       = aws_ecs_service.service.name
}

output "service_log_group_name" {
  description = "CloudWatch Logs group of the containers."
  value       = aws_cloudwatch_log_group.service_log_group.name
}

output "access_logs_bucket_name" {
  description = "S3 bucket that receives the load balancer access logs."
  value       = aws_s3_bucket.access_logs_bucket.bucket
}

output "regional_url" {
  description = "This Region's API at its own address, as the health check calls it; append items or health."
  value       = aws_apigatewayv2_stage.http_api_default_stage.invoke_url
}

output "health_check_id" {
  description = "ID of this Region's Route 53 health check."
  value       = aws_route53_health_check.health_check.id
}

output "failover_role" {
  description = "PRIMARY or SECONDARY, the role of this Region's record."
  value       = var.failover_role
}

output "failover_url" {
  description = "The URL clients call; Route 53 sends it to the healthy Region. Append items or health."
  value       = "https://${var.domain_name}/"
}

output "primary_regional_url" {
  description = "The primary Region's API at its own address, as its health check calls it."
  value       = module.primary.regional_url
}

output "secondary_regional_url" {
  description = "The secondary Region's API at its own address, as its health check calls it."
  value       = module.secondary.regional_url
}

output "primary_health_check_id" {
  description = "ID of the primary Region's Route 53 health check, to invert it and test a failover."
  value       = module.primary.health_check_id
}

output "secondary_health_check_id" {
  description = "ID of the secondary Region's Route 53 health check."
  value       = module.secondary.health_check_id
}

output "table_name" {
  description = "Name of the global table, the same in both Regions."
  value       = aws_dynamodb_table.items_table.name
}

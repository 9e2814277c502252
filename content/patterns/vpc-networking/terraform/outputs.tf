output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.vpc.id
}

output "public_subnet_ids" {
  description = "IDs of the public subnets, one per AZ."
  value       = aws_subnet.vpc_public_subnet[*].id
}

output "private_subnet_ids" {
  description = "IDs of the private subnets (outbound through NAT), one per AZ."
  value       = aws_subnet.vpc_private_subnet[*].id
}

output "isolated_subnet_ids" {
  description = "IDs of the isolated subnets (no route out), one per AZ."
  value       = aws_subnet.vpc_isolated_subnet[*].id
}

output "default_security_group_id" {
  description = "ID of the default security group, which has no rules once the association has run."
  value       = aws_vpc.vpc.default_security_group_id
}

output "flow_log_group_name" {
  description = "CloudWatch Logs group that receives the VPC flow logs."
  value       = aws_cloudwatch_log_group.vpc_flow_log_group.name
}

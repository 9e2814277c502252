output "db_instance_identifier" {
  description = "Identifier of the DB instance, for aws rds describe-db-instances and reboot-db-instance."
  value       = aws_db_instance.database.identifier
}

output "endpoint" {
  description = "Host name of the DB instance; it stays the same after a failover."
  value       = aws_db_instance.database.address
}

output "port" {
  description = "PostgreSQL port of the DB instance."
  value       = aws_db_instance.database.port
}

output "secret_arn" {
  description = "ARN of the Secrets Manager secret, managed by RDS, that holds the master user name and password."
  value       = aws_db_instance.database.master_user_secret[0].secret_arn
}

output "database_security_group_id" {
  description = "Security group of the DB instance; it admits PostgreSQL from inside the VPC."
  value       = aws_security_group.database_security_group.id
}

output "vpc_id" {
  description = "ID of the VPC that holds the DB instance."
  value       = aws_vpc.vpc.id
}

output "isolated_subnet_ids" {
  description = "IDs of the isolated subnets, for clients such as a Lambda function in the VPC."
  value       = aws_subnet.vpc_isolated_subnet[*].id
}

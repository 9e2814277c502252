output "cluster_arn" {
  description = "ARN of the Aurora cluster, for the RDS Data API (aws rds-data execute-statement --resource-arn)."
  value       = aws_rds_cluster.database.arn
}

output "cluster_endpoint" {
  description = "Writer endpoint (host name) of the cluster, port 5432."
  value       = aws_rds_cluster.database.endpoint
}

output "reader_endpoint" {
  description = "Reader endpoint (host name) of the cluster, port 5432, for read-only queries."
  value       = aws_rds_cluster.database.reader_endpoint
}

output "secret_arn" {
  description = "ARN of the Secrets Manager secret, managed by RDS, that holds the master user name and password."
  value       = aws_rds_cluster.database.master_user_secret[0].secret_arn
}

output "client_security_group_id" {
  description = "Security group to attach to clients that connect to the database."
  value       = aws_security_group.client_security_group.id
}

output "vpc_id" {
  description = "ID of the VPC that holds the cluster."
  value       = aws_vpc.vpc.id
}

output "isolated_subnet_ids" {
  description = "IDs of the isolated subnets, for clients such as a Lambda function in the VPC."
  value       = aws_subnet.vpc_isolated_subnet[*].id
}

# Aurora PostgreSQL Serverless v2 in the isolated subnets of its own VPC: a writer and a reader in
# two Availability Zones, encrypted with a customer managed KMS key, the master password kept and
# rotated by RDS in AWS Secrets Manager, and port 5432 open only to a client security group.
# Resource names are the snake_case of the logical IDs in the CDK and CloudFormation variants
# (DatabaseSecurityGroup -> database_security_group), so the three variants line up.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

locals {
  # Prefix of every physical name. Each resource adds a unique suffix (name_prefix and
  # identifier_prefix), so two copies can share an account and Region.
  name = "aurora-postgresql"
  tags = {
    Pattern = "aurora-postgresql"
  }
}

# Availability Zones of the Region that need no opt-in (Local Zones and Wavelength Zones excluded).
data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

# Account, partition and Region for the flow log role's trust conditions.
data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

################################################################################
# Network
################################################################################

# Two isolated subnets in two Availability Zones: no internet gateway and no NAT gateway, so
# nothing in them can reach or be reached from the internet, and no NAT hours to pay.
resource "aws_vpc" "vpc" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
  enable_dns_support   = true

  tags = {
    Name = "${local.name}/Vpc"
  }
}

# VpcIsolatedSubnet1Subnet and VpcIsolatedSubnet2Subnet in the other variants.
resource "aws_subnet" "vpc_isolated_subnet" {
  count = 2

  vpc_id                  = aws_vpc.vpc.id
  availability_zone       = data.aws_availability_zones.available.names[count.index]
  cidr_block              = cidrsubnet(aws_vpc.vpc.cidr_block, 8, count.index)
  map_public_ip_on_launch = false

  tags = {
    Name = "${local.name}/Vpc/IsolatedSubnet${count.index + 1}"
  }
}

# One route table per subnet, as CDK creates them. With no routes but the local one, traffic
# stays inside the VPC.
resource "aws_route_table" "vpc_isolated_subnet_route_table" {
  count = 2

  vpc_id = aws_vpc.vpc.id

  tags = {
    Name = "${local.name}/Vpc/IsolatedSubnet${count.index + 1}"
  }
}

resource "aws_route_table_association" "vpc_isolated_subnet_route_table_association" {
  count = 2

  route_table_id = aws_route_table.vpc_isolated_subnet_route_table[count.index].id
  subnet_id      = aws_subnet.vpc_isolated_subnet[count.index].id
}

# VPC flow logs, so rejected and accepted connections to the database can be traced.
resource "aws_cloudwatch_log_group" "flow_log_group" {
  name_prefix       = "/aws/vpc-flow-logs/${local.name}-"
  retention_in_days = var.log_retention_days
}

data "aws_iam_policy_document" "flow_logs_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }

    # Stops another account's flow logs from using this role (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${data.aws_partition.current.partition}:ec2:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:vpc-flow-log/*"]
    }
  }
}

resource "aws_iam_role" "flow_log_role" {
  name_prefix        = "${local.name}-flow-log-"
  description        = "Lets VPC Flow Logs write to the flow log group"
  assume_role_policy = data.aws_iam_policy_document.flow_logs_assume_role.json
}

data "aws_iam_policy_document" "flow_log" {
  statement {
    actions = [
      "logs:CreateLogStream",
      "logs:DescribeLogStreams",
      "logs:PutLogEvents",
    ]
    resources = ["${aws_cloudwatch_log_group.flow_log_group.arn}:*"]
  }
}

resource "aws_iam_role_policy" "flow_log_role_default_policy" {
  name   = "flow-log"
  role   = aws_iam_role.flow_log_role.id
  policy = data.aws_iam_policy_document.flow_log.json
}

resource "aws_flow_log" "flow_log" {
  vpc_id               = aws_vpc.vpc.id
  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.flow_log_group.arn
  iam_role_arn         = aws_iam_role.flow_log_role.arn
}

################################################################################
# Encryption key
################################################################################

# A customer managed key encrypts the cluster volume, its snapshots, the master password secret
# and Performance Insights data. Unlike the AWS managed aws/rds key, its key policy is yours to
# write, so you can share snapshots with another account or revoke access. Without a policy
# argument the key gets the default key policy, as in the other variants: the account's IAM
# policies decide who may use it.
resource "aws_kms_key" "database_key" {
  description         = "Encrypts the Aurora PostgreSQL cluster, its master password secret and Performance Insights"
  enable_key_rotation = true
  # A sample leaves nothing behind: the key is deleted 7 days after terraform destroy. For real
  # data add lifecycle { prevent_destroy = true }, because snapshots encrypted with a deleted key
  # can never be restored.
  deletion_window_in_days = 7
}

################################################################################
# Security groups
################################################################################

# Membership of this group is what grants network access to the database: attach it to whatever
# must connect (a Lambda function, an ECS service, an EC2 instance in this VPC). It admits nothing
# and allows all outbound traffic.
resource "aws_security_group" "client_security_group" {
  name_prefix = "${local.name}-client-"
  description = "Attach to clients of the Aurora PostgreSQL cluster"
  vpc_id      = aws_vpc.vpc.id

  egress {
    description = "Allow all outbound traffic by default"
    cidr_blocks = ["0.0.0.0/0"]
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
  }
}

# The database never opens connections. Terraform removes the AWS default allow-all egress rule
# from a new security group, and this one declares no other.
resource "aws_security_group" "database_security_group" {
  name_prefix = "${local.name}-database-"
  description = "Aurora PostgreSQL cluster: PostgreSQL from the client security group only"
  vpc_id      = aws_vpc.vpc.id
}

# PostgreSQL (5432) from the client security group, and nothing else.
resource "aws_vpc_security_group_ingress_rule" "database_security_group_ingress" {
  security_group_id            = aws_security_group.database_security_group.id
  description                  = "PostgreSQL from clients"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.client_security_group.id
}

################################################################################
# Aurora
################################################################################

# Aurora PostgreSQL accepts unencrypted connections unless rds.force_ssl is on.
resource "aws_rds_cluster_parameter_group" "cluster_parameter_group" {
  name_prefix = "${local.name}-"
  description = "Aurora PostgreSQL 17: TLS required for every connection"
  family      = "aurora-postgresql17"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_subnet_group" "database_subnets" {
  name_prefix = "${local.name}-"
  description = "Isolated subnets of the Aurora PostgreSQL cluster"
  subnet_ids  = aws_subnet.vpc_isolated_subnet[*].id
}

resource "aws_rds_cluster" "database" {
  cluster_identifier_prefix = "${local.name}-"
  engine                    = "aurora-postgresql"
  engine_mode               = "provisioned"
  # Minor versions are upgraded automatically in the maintenance window; raise this value after
  # an upgrade, or the next plan tries to go back.
  engine_version                  = "17.9"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.cluster_parameter_group.name
  db_subnet_group_name            = aws_db_subnet_group.database_subnets.name
  vpc_security_group_ids          = [aws_security_group.database_security_group.id]
  port                            = 5432
  database_name                   = "app"

  # RDS creates the master password in Secrets Manager, encrypts it with the key above and
  # rotates it every 7 days, with no rotation Lambda function to run or reach the network. The
  # password never enters the Terraform state. 'admin' is reserved by the engine and fails the
  # deployment; 'postgres' is accepted.
  master_username               = "postgres"
  manage_master_user_password   = true
  master_user_secret_kms_key_id = aws_kms_key.database_key.arn

  storage_encrypted = true
  kms_key_id        = aws_kms_key.database_key.arn

  # Short-lived IAM tokens instead of passwords for application users (GRANT rds_iam TO ...).
  iam_database_authentication_enabled = true
  # The RDS Data API: SQL over HTTPS, authorized by IAM. The README tests the cluster with it,
  # from a laptop, without a network path into the VPC.
  enable_http_endpoint = true

  # Serverless v2 capacity in ACUs. At 0, both instances pause after 5 minutes (300 seconds)
  # without connections and bill no compute until the next connection.
  serverlessv2_scaling_configuration {
    min_capacity             = var.min_capacity
    max_capacity             = var.max_capacity
    seconds_until_auto_pause = 300
  }

  backup_retention_period = 7
  copy_tags_to_snapshot   = true

  # CloudWatch Database Insights, Standard mode: 7 days of Performance Insights data at no charge,
  # encrypted with the same key. Set on the cluster, it covers both instances.
  database_insights_mode                = "standard"
  performance_insights_enabled          = true
  performance_insights_kms_key_id       = aws_kms_key.database_key.arn
  performance_insights_retention_period = 7

  # Deletion protection stops Terraform, the console and the API from deleting the cluster. To
  # remove this sample, apply once with -var deletion_protection=false, then destroy.
  deletion_protection = var.deletion_protection
  # Once protection is off, destroy deletes the cluster without a final snapshot, as a sample
  # should. For real data set skip_final_snapshot = false and a final_snapshot_identifier.
  skip_final_snapshot = true
}

# A writer and a reader pinned to different Availability Zones. The reader scales with the writer
# (promotion tier 1), so after a failover the new writer already has the capacity.
resource "aws_rds_cluster_instance" "database_writer" {
  identifier_prefix   = "${local.name}-writer-"
  cluster_identifier  = aws_rds_cluster.database.id
  instance_class      = "db.serverless"
  engine              = aws_rds_cluster.database.engine
  engine_version      = aws_rds_cluster.database.engine_version
  availability_zone   = data.aws_availability_zones.available.names[0]
  promotion_tier      = 0
  publicly_accessible = false
}

resource "aws_rds_cluster_instance" "database_reader" {
  identifier_prefix   = "${local.name}-reader-"
  cluster_identifier  = aws_rds_cluster.database.id
  instance_class      = "db.serverless"
  engine              = aws_rds_cluster.database.engine
  engine_version      = aws_rds_cluster.database.engine_version
  availability_zone   = data.aws_availability_zones.available.names[1]
  promotion_tier      = 1
  publicly_accessible = false

  # Created after the writer, so the writer is the first instance of the cluster.
  depends_on = [aws_rds_cluster_instance.database_writer]
}

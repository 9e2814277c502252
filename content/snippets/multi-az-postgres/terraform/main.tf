# One RDS for PostgreSQL DB instance with a synchronous standby in a second Availability Zone
# (Multi-AZ), encrypted storage, 7 days of automated backups, deletion protection and a master
# password that RDS keeps in AWS Secrets Manager, in the isolated subnets of its own VPC.
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
  name = "multi-az-postgres"
  tags = {
    Snippet = "multi-az-postgres"
  }

  # Not 5432: cdk-nag (AwsSolutions-RDS11, run on the other variants) asks for a non-default port.
  # It keeps no one out by itself (the security group does that), but it costs nothing and spares
  # untargeted scans.
  database_port = 5433
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

# Two isolated subnets in two Availability Zones: one for the primary, one for the standby.
# No internet gateway and no NAT gateway, so nothing in them can reach or be reached from the
# internet, and no NAT hours to pay.
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

# VPC flow logs (cdk-nag AwsSolutions-VPC7 on the other variants), so connections to the
# database can be traced.
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
# Security group
################################################################################

# PostgreSQL from inside this VPC only. The database never opens connections: Terraform removes
# the AWS default allow-all egress rule from a new security group, and this one declares no other.
resource "aws_security_group" "database_security_group" {
  name_prefix = "${local.name}-database-"
  description = "RDS for PostgreSQL: PostgreSQL from inside the VPC only"
  vpc_id      = aws_vpc.vpc.id
}

resource "aws_vpc_security_group_ingress_rule" "database_security_group_ingress" {
  security_group_id = aws_security_group.database_security_group.id
  description       = "PostgreSQL from inside the VPC"
  ip_protocol       = "tcp"
  from_port         = local.database_port
  to_port           = local.database_port
  cidr_ipv4         = aws_vpc.vpc.cidr_block
}

################################################################################
# RDS
################################################################################

resource "aws_db_subnet_group" "database_subnet_group" {
  name_prefix = "${local.name}-"
  description = "Isolated subnets of the RDS for PostgreSQL DB instance"
  subnet_ids  = aws_subnet.vpc_isolated_subnet[*].id
}

resource "aws_db_instance" "database" {
  identifier_prefix = "${local.name}-"
  engine            = "postgres"
  # Minor versions are upgraded automatically in the maintenance window; raise this value after
  # an upgrade, or the next plan tries to go back.
  engine_version         = "17.9"
  instance_class         = var.instance_class
  db_subnet_group_name   = aws_db_subnet_group.database_subnet_group.name
  vpc_security_group_ids = [aws_security_group.database_security_group.id]
  publicly_accessible    = false
  port                   = local.database_port
  db_name                = "app"

  # A synchronous standby in the other Availability Zone. RDS fails over to it by itself when the
  # primary or its Availability Zone fails; the endpoint name stays the same.
  multi_az = true

  # RDS creates the master password in Secrets Manager and rotates it every 7 days. The password
  # never enters the Terraform state. 'admin' is reserved by the engine; 'postgres' is accepted.
  username                    = "postgres"
  manage_master_user_password = true

  # Without kms_key_id this is the AWS managed key aws/rds: encryption at rest with no key to
  # look after. PostgreSQL 15 and later also refuse connections without TLS by default
  # (rds.force_ssl = 1).
  storage_encrypted = true
  storage_type      = "gp3"
  allocated_storage = 20
  # Storage autoscaling: RDS grows the volume before it fills up, up to this many GiB.
  max_allocated_storage = 100

  # Daily snapshots plus transaction logs: restore to any second of the last 7 days.
  backup_retention_period = 7
  copy_tags_to_snapshot   = true

  # Deletion protection stops Terraform, the console and the API from deleting the instance. To
  # remove this sample, apply once with -var deletion_protection=false, then destroy.
  deletion_protection = var.deletion_protection
  # Once protection is off, destroy deletes the instance without a final snapshot, as a sample
  # should. For real data set skip_final_snapshot = false and a final_snapshot_identifier.
  skip_final_snapshot = true
}

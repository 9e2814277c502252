# A VPC with public, private and isolated subnets in three Availability Zones, NAT gateways,
# flow logs, S3 and DynamoDB gateway endpoints, and a default security group without rules.
# Resource names are the snake_case of the logical IDs in the CDK and CloudFormation variants
# (VpcPublicSubnet1Subnet, 2, 3 -> vpc_public_subnet[0..2]), so the three variants line up.
#
# Subnet plan for the default vpc_cidr 10.0.0.0/16 (the README explains it):
#   public   /24 per AZ  10.0.0.0/24   10.0.1.0/24   10.0.2.0/24    load balancers, NAT gateways
#   private  /20 per AZ  10.0.16.0/20  10.0.32.0/20  10.0.48.0/20   containers, functions, instances
#   isolated /24 per AZ  10.0.64.0/24  10.0.65.0/24  10.0.66.0/24   databases, no route out
#   free: 10.0.3.0-10.0.15.255 (more public subnets), 10.0.67.0-10.0.255.255 (new tiers or AZs)

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

# The first three zones that every account has (no opt-in Local Zones), looked up at plan time.
data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  tags = {
    Pattern = "vpc-networking"
  }

  azs = slice(data.aws_availability_zones.available.names, 0, 3)

  # One NAT gateway per Availability Zone, each private subnet routed to the one in its own zone:
  # losing a zone then cuts outbound traffic only in that zone, and no traffic pays for crossing
  # zones on its way out. Each NAT gateway is billed per hour and for its public IPv4 address
  # whether traffic flows or not, plus per GB processed: three triple the hourly part.
  # single_nat_gateway = true keeps one in the first zone for development (if that zone fails,
  # every private subnet loses outbound access).
  nat_gateway_count = var.single_nat_gateway ? 1 : length(local.azs)

  # The runbook that removes every rule from a VPC's default security group, owned by AWS.
  remove_default_sg_rules_runbook = "AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules"
}

################################################################################
# VPC and internet gateway
################################################################################

resource "aws_vpc" "vpc" {
  cidr_block = var.vpc_cidr
  # Both are needed for private DNS names, including those of interface endpoints you add later.
  enable_dns_hostnames = true
  enable_dns_support   = true
  instance_tenancy     = "default"

  tags = {
    Name = var.name
  }
}

# A separate attachment, as in the CDK and CloudFormation variants (vpc_id on the gateway would
# attach it too).
resource "aws_internet_gateway" "vpc_igw" {
  tags = {
    Name = var.name
  }
}

resource "aws_internet_gateway_attachment" "vpc_vpcgw" {
  internet_gateway_id = aws_internet_gateway.vpc_igw.id
  vpc_id              = aws_vpc.vpc.id
}

################################################################################
# Public subnets: a route to the internet gateway, and the NAT gateways
################################################################################

resource "aws_subnet" "vpc_public_subnet" {
  count = length(local.azs)

  vpc_id            = aws_vpc.vpc.id
  availability_zone = local.azs[count.index]
  # The nth /24 of the VPC: 10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24.
  cidr_block = cidrsubnet(var.vpc_cidr, 8, count.index)
  # Instances launched here get no public IP unless they ask for one (Security Hub EC2.15).
  map_public_ip_on_launch = false

  tags = {
    Name = "${var.name}-public-${count.index + 1}"
  }
}

resource "aws_route_table" "vpc_public_route_table" {
  count = length(local.azs)

  vpc_id = aws_vpc.vpc.id

  tags = {
    Name = "${var.name}-public-${count.index + 1}"
  }
}

resource "aws_route_table_association" "vpc_public_route_table_association" {
  count = length(local.azs)

  route_table_id = aws_route_table.vpc_public_route_table[count.index].id
  subnet_id      = aws_subnet.vpc_public_subnet[count.index].id
}

resource "aws_route" "vpc_public_default_route" {
  count = length(local.azs)

  route_table_id         = aws_route_table.vpc_public_route_table[count.index].id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.vpc_igw.id

  # The internet gateway must be attached before a route can point at it.
  depends_on = [aws_internet_gateway_attachment.vpc_vpcgw]
}

resource "aws_eip" "vpc_public_eip" {
  count = local.nat_gateway_count

  domain = "vpc"

  tags = {
    Name = "${var.name}-public-${count.index + 1}"
  }
}

resource "aws_nat_gateway" "vpc_public_nat_gateway" {
  count = local.nat_gateway_count

  allocation_id = aws_eip.vpc_public_eip[count.index].id
  subnet_id     = aws_subnet.vpc_public_subnet[count.index].id

  tags = {
    Name = "${var.name}-public-${count.index + 1}"
  }

  # A NAT gateway created before its subnet can reach the internet may fail to start.
  depends_on = [aws_route.vpc_public_default_route, aws_route_table_association.vpc_public_route_table_association]
}

################################################################################
# Private subnets: outbound through NAT, no inbound from the internet
################################################################################

resource "aws_subnet" "vpc_private_subnet" {
  count = length(local.azs)

  vpc_id            = aws_vpc.vpc.id
  availability_zone = local.azs[count.index]
  # The (n+1)th /20 of the VPC: 10.0.16.0/20, 10.0.32.0/20, 10.0.48.0/20.
  cidr_block              = cidrsubnet(var.vpc_cidr, 4, count.index + 1)
  map_public_ip_on_launch = false

  tags = {
    Name = "${var.name}-private-${count.index + 1}"
  }
}

resource "aws_route_table" "vpc_private_route_table" {
  count = length(local.azs)

  vpc_id = aws_vpc.vpc.id

  tags = {
    Name = "${var.name}-private-${count.index + 1}"
  }
}

resource "aws_route_table_association" "vpc_private_route_table_association" {
  count = length(local.azs)

  route_table_id = aws_route_table.vpc_private_route_table[count.index].id
  subnet_id      = aws_subnet.vpc_private_subnet[count.index].id
}

resource "aws_route" "vpc_private_default_route" {
  count = length(local.azs)

  route_table_id         = aws_route_table.vpc_private_route_table[count.index].id
  destination_cidr_block = "0.0.0.0/0"
  # The NAT gateway of the same zone, or the only one.
  nat_gateway_id = aws_nat_gateway.vpc_public_nat_gateway[var.single_nat_gateway ? 0 : count.index].id
}

################################################################################
# Isolated subnets: no route out, except to S3 and DynamoDB through the endpoints
################################################################################

resource "aws_subnet" "vpc_isolated_subnet" {
  count = length(local.azs)

  vpc_id            = aws_vpc.vpc.id
  availability_zone = local.azs[count.index]
  # The 65th to 67th /24 of the VPC: 10.0.64.0/24, 10.0.65.0/24, 10.0.66.0/24.
  cidr_block              = cidrsubnet(var.vpc_cidr, 8, 64 + count.index)
  map_public_ip_on_launch = false

  tags = {
    Name = "${var.name}-isolated-${count.index + 1}"
  }
}

resource "aws_route_table" "vpc_isolated_route_table" {
  count = length(local.azs)

  vpc_id = aws_vpc.vpc.id

  tags = {
    Name = "${var.name}-isolated-${count.index + 1}"
  }
}

resource "aws_route_table_association" "vpc_isolated_route_table_association" {
  count = length(local.azs)

  route_table_id = aws_route_table.vpc_isolated_route_table[count.index].id
  subnet_id      = aws_subnet.vpc_isolated_subnet[count.index].id
}

################################################################################
# Gateway endpoints for S3 and DynamoDB
################################################################################

# S3 and DynamoDB traffic from the private and isolated subnets stays on the AWS network without
# NAT: no per-GB NAT charge and no endpoint charge. The default endpoint policy allows every
# bucket and table; IAM and resource policies still decide who may use them.
resource "aws_vpc_endpoint" "vpc_s3_endpoint" {
  vpc_id            = aws_vpc.vpc.id
  vpc_endpoint_type = "Gateway"
  service_name      = "com.amazonaws.${data.aws_region.current.region}.s3"
  route_table_ids   = concat(aws_route_table.vpc_private_route_table[*].id, aws_route_table.vpc_isolated_route_table[*].id)
}

resource "aws_vpc_endpoint" "vpc_dynamo_db_endpoint" {
  vpc_id            = aws_vpc.vpc.id
  vpc_endpoint_type = "Gateway"
  service_name      = "com.amazonaws.${data.aws_region.current.region}.dynamodb"
  route_table_ids   = concat(aws_route_table.vpc_private_route_table[*].id, aws_route_table.vpc_isolated_route_table[*].id)
}

################################################################################
# Flow logs
################################################################################

# Accepted and rejected traffic of every network interface in the VPC, for troubleshooting and
# security investigations. CloudWatch Logs encrypts the log group at rest; add kms_key_id if your
# policy requires a key you control (its key policy must then allow the logs service).
resource "aws_cloudwatch_log_group" "vpc_flow_log_group" {
  name_prefix       = "/aws/vpc/${var.name}-flow-logs-"
  retention_in_days = var.flow_log_retention_days
}

data "aws_iam_policy_document" "vpc_flow_log_assume_role" {
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

resource "aws_iam_role" "vpc_flow_log_role" {
  name_prefix        = "${var.name}-flow-log-"
  description        = "Lets VPC Flow Logs write to the flow log group"
  assume_role_policy = data.aws_iam_policy_document.vpc_flow_log_assume_role.json
}

# The actions CDK grants, on this log group and its log streams only.
data "aws_iam_policy_document" "vpc_flow_log" {
  statement {
    actions = [
      "logs:CreateLogStream",
      "logs:DescribeLogStreams",
      "logs:PutLogEvents",
    ]
    resources = ["${aws_cloudwatch_log_group.vpc_flow_log_group.arn}:*"]
  }
}

resource "aws_iam_role_policy" "vpc_flow_log_role_default_policy" {
  name   = "vpc-flow-log"
  role   = aws_iam_role.vpc_flow_log_role.id
  policy = data.aws_iam_policy_document.vpc_flow_log.json
}

resource "aws_flow_log" "vpc_flow_log" {
  vpc_id               = aws_vpc.vpc.id
  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.vpc_flow_log_group.arn
  iam_role_arn         = aws_iam_role.vpc_flow_log_role.arn

  tags = {
    Name = var.name
  }
}

################################################################################
# Default security group without rules
################################################################################

# Every VPC gets a default security group that lets its members talk to each other and reach
# anywhere. It cannot be deleted, so a State Manager association runs the AWS-owned runbook that
# removes its rules: when it is created, then every day, so rules added later are removed too.
# Terraform alone could adopt the group with aws_default_security_group and no rules; this
# variant uses the runbook so that it deploys the same resources as the CDK and CloudFormation
# variants, where no such resource exists.
data "aws_iam_policy_document" "default_security_group_lockdown_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ssm.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "default_security_group_lockdown_role" {
  name_prefix        = "${var.name}-sg-lockdown-"
  description        = "Lets Systems Manager Automation remove the rules of the VPC default security group"
  assume_role_policy = data.aws_iam_policy_document.default_security_group_lockdown_assume_role.json
}

# The permissions the runbook's documentation lists, narrowed to this security group, this
# runbook and this account's automation executions where IAM allows it.
data "aws_iam_policy_document" "default_security_group_lockdown" {
  statement {
    actions = [
      "ec2:RevokeSecurityGroupEgress",
      "ec2:RevokeSecurityGroupIngress",
    ]
    resources = ["arn:${data.aws_partition.current.partition}:ec2:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:security-group/${aws_vpc.vpc.default_security_group_id}"]
  }

  # DescribeSecurityGroups supports no resource-level permissions.
  statement {
    actions   = ["ec2:DescribeSecurityGroups"]
    resources = ["*"]
  }

  # The runbook is owned by AWS, not this account; its version is chosen at run time.
  statement {
    actions   = ["ssm:StartAutomationExecution"]
    resources = ["arn:${data.aws_partition.current.partition}:ssm:${data.aws_region.current.region}:*:automation-definition/${local.remove_default_sg_rules_runbook}:*"]
  }

  statement {
    actions   = ["ssm:GetAutomationExecution"]
    resources = ["arn:${data.aws_partition.current.partition}:ssm:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:automation-execution/*"]
  }
}

resource "aws_iam_role_policy" "default_security_group_lockdown_role_default_policy" {
  name   = "default-security-group-lockdown"
  role   = aws_iam_role.default_security_group_lockdown_role.id
  policy = data.aws_iam_policy_document.default_security_group_lockdown.json
}

resource "aws_ssm_association" "default_security_group_lockdown" {
  name = local.remove_default_sg_rules_runbook

  # Runs when created, then daily: rules someone adds later are gone within a day. A run that
  # finds no rules changes nothing.
  # https://docs.aws.amazon.com/systems-manager/latest/userguide/reference-cron-and-rate-expressions.html
  schedule_expression = "rate(1 day)"

  # The apply waits for the first run to succeed, and fails if it does not (a denied call, a role
  # not yet usable) instead of finishing with the default group still open.
  wait_for_success_timeout_seconds = 300

  parameters = {
    GroupId              = aws_vpc.vpc.default_security_group_id
    AutomationAssumeRole = aws_iam_role.default_security_group_lockdown_role.arn
  }

  # The role's policy must exist before the runbook starts, or its first call is denied.
  depends_on = [aws_iam_role_policy.default_security_group_lockdown_role_default_policy]
}

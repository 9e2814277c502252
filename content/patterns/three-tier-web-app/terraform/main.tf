# CloudFront serves the front end from a private S3 bucket and sends /api/* through a VPC origin
# to an internal Application Load Balancer, which forwards to an ECS service on Fargate in private
# subnets. The service uses an Aurora PostgreSQL Serverless v2 cluster in isolated subnets, with
# credentials that RDS keeps in Secrets Manager. Security groups chain load balancer -> tasks ->
# database. Resource names are the snake_case of the logical IDs in the CDK and CloudFormation
# variants (LoadBalancerSecurityGroup -> load_balancer_security_group), so the three variants
# line up.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

# Availability Zones of the Region that need no opt-in (Local Zones and Wavelength Zones excluded).
data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

locals {
  # Prefix of the physical names. Names that must be unique in the account (ECS cluster, CloudFront
  # origin access control, VPC origin and function) use the front-end bucket's generated name
  # instead.
  name        = "three-tier-web-app"
  unique_name = aws_s3_bucket.frontend_bucket.id
  tags = {
    Pattern = "three-tier-web-app"
  }

  # The stand-in API: the official nginx image from Amazon ECR Public. Its command writes the
  # health answer the load balancer checks, then starts nginx.
  placeholder_image   = "public.ecr.aws/docker/library/nginx:stable-alpine"
  placeholder_command = ["/bin/sh", "-c", "mkdir -p /usr/share/nginx/html/api && echo '{\"status\":\"ok\"}' > /usr/share/nginx/html/api/health && exec nginx -g 'daemon off;'"]

  database_secret_arn = aws_rds_cluster.database.master_user_secret[0].secret_arn

  # CloudFront managed policies.
  caching_optimized_policy_id             = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  caching_disabled_policy_id              = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
  all_viewer_except_host_header_policy_id = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
  security_headers_policy_id              = "67f7725c-6f97-4210-82d7-5512b31e9d03"
}

################################################################################
# Network
################################################################################

# Three subnet tiers in two Availability Zones. Public: only the NAT gateway (and the internet
# gateway CloudFront VPC origins require). Private: the load balancer and the tasks, which reach
# the internet through NAT. Isolated: the database, with no route out of the VPC.
resource "aws_vpc" "vpc" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
  enable_dns_support   = true

  tags = {
    Name = "${local.name}/Vpc"
  }
}

resource "aws_internet_gateway" "vpc_igw" {
  tags = {
    Name = "${local.name}/Vpc"
  }
}

resource "aws_internet_gateway_attachment" "vpc_vpcgw" {
  internet_gateway_id = aws_internet_gateway.vpc_igw.id
  vpc_id              = aws_vpc.vpc.id
}

# VpcPublicSubnet1Subnet and VpcPublicSubnet2Subnet in the other variants; 10.0.0.0/24 and 10.0.1.0/24.
resource "aws_subnet" "vpc_public_subnet" {
  count = 2

  vpc_id                  = aws_vpc.vpc.id
  availability_zone       = data.aws_availability_zones.available.names[count.index]
  cidr_block              = cidrsubnet(aws_vpc.vpc.cidr_block, 8, count.index)
  map_public_ip_on_launch = false

  tags = {
    Name = "${local.name}/Vpc/PublicSubnet${count.index + 1}"
  }
}

resource "aws_route_table" "vpc_public_subnet_route_table" {
  count = 2

  vpc_id = aws_vpc.vpc.id

  tags = {
    Name = "${local.name}/Vpc/PublicSubnet${count.index + 1}"
  }
}

resource "aws_route_table_association" "vpc_public_subnet_route_table_association" {
  count = 2

  route_table_id = aws_route_table.vpc_public_subnet_route_table[count.index].id
  subnet_id      = aws_subnet.vpc_public_subnet[count.index].id
}

resource "aws_route" "vpc_public_subnet_default_route" {
  count = 2

  route_table_id         = aws_route_table.vpc_public_subnet_route_table[count.index].id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.vpc_igw.id

  depends_on = [aws_internet_gateway_attachment.vpc_vpcgw]
}

# One NAT gateway keeps the sample cheap; with one per Availability Zone, the tasks in the other
# zone keep their internet access if this zone fails.
resource "aws_eip" "vpc_public_subnet1_eip" {
  domain = "vpc"

  tags = {
    Name = "${local.name}/Vpc/PublicSubnet1"
  }
}

resource "aws_nat_gateway" "vpc_public_subnet1_nat_gateway" {
  allocation_id = aws_eip.vpc_public_subnet1_eip.allocation_id
  subnet_id     = aws_subnet.vpc_public_subnet[0].id

  tags = {
    Name = "${local.name}/Vpc/PublicSubnet1"
  }

  depends_on = [aws_route.vpc_public_subnet_default_route]
}

# 10.0.2.0/24 and 10.0.3.0/24.
resource "aws_subnet" "vpc_private_subnet" {
  count = 2

  vpc_id                  = aws_vpc.vpc.id
  availability_zone       = data.aws_availability_zones.available.names[count.index]
  cidr_block              = cidrsubnet(aws_vpc.vpc.cidr_block, 8, count.index + 2)
  map_public_ip_on_launch = false

  tags = {
    Name = "${local.name}/Vpc/PrivateSubnet${count.index + 1}"
  }
}

resource "aws_route_table" "vpc_private_subnet_route_table" {
  count = 2

  vpc_id = aws_vpc.vpc.id

  tags = {
    Name = "${local.name}/Vpc/PrivateSubnet${count.index + 1}"
  }
}

resource "aws_route_table_association" "vpc_private_subnet_route_table_association" {
  count = 2

  route_table_id = aws_route_table.vpc_private_subnet_route_table[count.index].id
  subnet_id      = aws_subnet.vpc_private_subnet[count.index].id
}

resource "aws_route" "vpc_private_subnet_default_route" {
  count = 2

  route_table_id         = aws_route_table.vpc_private_subnet_route_table[count.index].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.vpc_public_subnet1_nat_gateway.id
}

# 10.0.4.0/24 and 10.0.5.0/24. No route but the local one: traffic stays inside the VPC.
resource "aws_subnet" "vpc_isolated_subnet" {
  count = 2

  vpc_id                  = aws_vpc.vpc.id
  availability_zone       = data.aws_availability_zones.available.names[count.index]
  cidr_block              = cidrsubnet(aws_vpc.vpc.cidr_block, 8, count.index + 4)
  map_public_ip_on_launch = false

  tags = {
    Name = "${local.name}/Vpc/IsolatedSubnet${count.index + 1}"
  }
}

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

# VPC flow logs, so accepted and rejected connections between the tiers can be traced.
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
      values   = ["arn:${data.aws_partition.current.partition}:ec2:${var.region}:${data.aws_caller_identity.current.account_id}:vpc-flow-log/*"]
    }
  }
}

resource "aws_iam_role" "flow_log_role" {
  name_prefix        = "${local.name}-flow-log-"
  description        = "Lets VPC Flow Logs write to the flow log group"
  assume_role_policy = data.aws_iam_policy_document.flow_logs_assume_role.json
}

resource "aws_iam_role_policy" "flow_log_role_default_policy" {
  name = "flow-log"
  role = aws_iam_role.flow_log_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.flow_log_group.arn}:*"
    }]
  })
}

resource "aws_flow_log" "flow_log" {
  vpc_id               = aws_vpc.vpc.id
  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.flow_log_group.arn
  iam_role_arn         = aws_iam_role.flow_log_role.arn
}

################################################################################
# Security groups
################################################################################

# CloudFront's origin-facing addresses, which VPC origin connections come from. AWS maintains the
# list; its ID differs by Region, so it is looked up by name. (CloudFormation has no such lookup:
# the CDK and CloudFormation variants take the ID as the CloudFrontPrefixListId parameter.)
data "aws_ec2_managed_prefix_list" "cloudfront_origin_facing" {
  name = "com.amazonaws.global.cloudfront.origin-facing"
}

# The chain: CloudFront -> load balancer (80) -> tasks (80) -> database (5432).
# The load balancer is internal: no public address, and nothing on the internet can route to it.
# Its group admits HTTP only from CloudFront's origin-facing addresses, so nothing else in the VPC
# or a connected network reaches the API around CloudFront, its logs and a web ACL. The prefix list
# counts as 55 rules against the group's rules quota (its weight:
# https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html).
resource "aws_security_group" "load_balancer_security_group" {
  name_prefix = "${local.name}-lb-"
  description = "Internal load balancer: HTTP from the CloudFront VPC origin"
  vpc_id      = aws_vpc.vpc.id

  ingress {
    description     = "HTTP from the CloudFront VPC origin"
    prefix_list_ids = [data.aws_ec2_managed_prefix_list.cloudfront_origin_facing.id]
    protocol        = "tcp"
    from_port       = 80
    to_port         = 80
  }

  egress {
    description = "Allow all outbound traffic by default"
    cidr_blocks = ["0.0.0.0/0"]
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
  }
}

# Tasks pull their image, send logs and read the secret through the NAT gateway.
resource "aws_security_group" "service_security_group" {
  name_prefix = "${local.name}-service-"
  description = "ECS tasks: HTTP from the load balancer only"
  vpc_id      = aws_vpc.vpc.id

  egress {
    description = "Allow all outbound traffic by default"
    cidr_blocks = ["0.0.0.0/0"]
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
  }
}

resource "aws_vpc_security_group_ingress_rule" "service_security_group_ingress" {
  security_group_id            = aws_security_group.service_security_group.id
  description                  = "Load balancer to target"
  ip_protocol                  = "tcp"
  from_port                    = 80
  to_port                      = 80
  referenced_security_group_id = aws_security_group.load_balancer_security_group.id
}

# The database never opens connections. Terraform removes the AWS default allow-all egress rule
# from a new security group, and this one declares no other.
resource "aws_security_group" "database_security_group" {
  name_prefix = "${local.name}-database-"
  description = "Aurora PostgreSQL cluster: PostgreSQL from the ECS tasks only"
  vpc_id      = aws_vpc.vpc.id
}

resource "aws_vpc_security_group_ingress_rule" "database_security_group_ingress" {
  security_group_id            = aws_security_group.database_security_group.id
  description                  = "PostgreSQL from the ECS tasks"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.service_security_group.id
}

################################################################################
# Data tier: Aurora
################################################################################

# A customer managed key encrypts the cluster volume, its snapshots, the master password secret
# and Performance Insights data.
resource "aws_kms_key" "database_key" {
  description         = "Encrypts the Aurora PostgreSQL cluster, its master password secret and Performance Insights"
  enable_key_rotation = true
  # A sample leaves nothing behind: the key is deleted 7 days after terraform destroy. For real
  # data add lifecycle { prevent_destroy = true }, because snapshots encrypted with a deleted key
  # can never be restored.
  deletion_window_in_days = 7

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # The default statement: the account's IAM policies decide who may use the key.
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      # ECS decrypts the database secret for the tasks, through Secrets Manager only.
      {
        Effect    = "Allow"
        Principal = { AWS = aws_iam_role.task_execution_role.arn }
        Action    = "kms:Decrypt"
        Resource  = "*"
        Condition = { StringEquals = { "kms:ViaService" = "secretsmanager.${var.region}.amazonaws.com" } }
      },
    ]
  })
}

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
  # rotates it every 7 days; it never enters the Terraform state. 'admin' is reserved by the
  # engine; 'postgres' is accepted.
  master_username               = "postgres"
  manage_master_user_password   = true
  master_user_secret_kms_key_id = aws_kms_key.database_key.arn

  storage_encrypted = true
  kms_key_id        = aws_kms_key.database_key.arn

  # Short-lived IAM tokens instead of passwords for application users (GRANT rds_iam TO ...).
  iam_database_authentication_enabled = true

  # Serverless v2 capacity in ACUs. 0.5 keeps the database awake for the web app.
  serverlessv2_scaling_configuration {
    min_capacity = var.min_capacity
    max_capacity = var.max_capacity
  }

  backup_retention_period = 7
  copy_tags_to_snapshot   = true

  # CloudWatch Database Insights, Standard mode: 7 days of Performance Insights data at no charge,
  # encrypted with the same key. Set on the cluster, it covers both instances.
  database_insights_mode                = "standard"
  performance_insights_enabled          = true
  performance_insights_kms_key_id       = aws_kms_key.database_key.arn
  performance_insights_retention_period = 7

  # To remove this sample, apply once with -var deletion_protection=false, then destroy. Once
  # protection is off, destroy deletes the cluster without a final snapshot.
  deletion_protection = var.deletion_protection
  skip_final_snapshot = true
}

# A writer and a reader in different Availability Zones; the reader scales with the writer
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

  depends_on = [aws_rds_cluster_instance.database_writer]
}

################################################################################
# Application tier: load balancer
################################################################################

resource "aws_lb" "load_balancer" {
  name_prefix        = "app-"
  load_balancer_type = "application"
  internal           = true
  subnets            = aws_subnet.vpc_private_subnet[*].id
  security_groups    = [aws_security_group.load_balancer_security_group.id]
  # Requests with header names that are not valid HTTP are dropped, not passed to the tasks.
  drop_invalid_header_fields = true
}

resource "aws_lb_target_group" "target_group" {
  name_prefix = "api-"
  vpc_id      = aws_vpc.vpc.id
  target_type = "ip"
  port        = 80
  protocol    = "HTTP"
  # Tasks leaving during a deployment get 30 seconds to finish their requests.
  deregistration_delay = 30

  # Set explicitly, the same in all three variants, because the ELB API and this provider have
  # different defaults. A new task takes traffic after 2 passed checks (about 30 seconds); a
  # failing one leaves after 3 failed checks (about 45 seconds).
  # https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
  health_check {
    path                = "/api/health"
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

# HTTP inside the VPC: CloudFront terminates TLS for viewers, and the VPC origin carries the
# request over the AWS network. HTTPS to the load balancer needs a certificate for a domain.
resource "aws_lb_listener" "load_balancer_listener" {
  load_balancer_arn = aws_lb.load_balancer.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.target_group.arn
  }
}

################################################################################
# Application tier: ECS on Fargate
################################################################################

resource "aws_ecs_cluster" "ecs_cluster" {
  name = local.unique_name

  # CPU, memory, network and task counts per service in CloudWatch.
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "service_log_group" {
  name_prefix       = "/ecs/${local.name}-"
  retention_in_days = var.log_retention_days
}

data "aws_iam_policy_document" "ecs_tasks_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# ECS uses this role to start tasks: write their logs and read the database secret.
resource "aws_iam_role" "task_execution_role" {
  name_prefix        = "${local.name}-exec-"
  description        = "Lets ECS write the API logs and read the database secret when it starts a task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume_role.json
}

resource "aws_iam_role_policy" "task_execution_role_default_policy" {
  name = "task-execution"
  role = aws_iam_role.task_execution_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.service_log_group.arn}:*"
      },
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"]
        Resource = local.database_secret_arn
      },
    ]
  })
}

# The application's own role: it needs no AWS permissions yet. Add them here.
resource "aws_iam_role" "task_role" {
  name_prefix        = "${local.name}-task-"
  description        = "Role of the API containers; grant it what the application calls"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume_role.json
}

resource "aws_ecs_task_definition" "task_definition" {
  family                   = local.unique_name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.task_execution_role.arn
  task_role_arn            = aws_iam_role.task_role.arn

  # Graviton: a lower price per vCPU-hour than x86. Your image must be built for arm64.
  runtime_platform {
    cpu_architecture        = "ARM64"
    operating_system_family = "LINUX"
  }

  container_definitions = jsonencode([merge(
    {
      name         = "Api"
      essential    = true
      image        = coalesce(var.container_image, local.placeholder_image)
      portMappings = [{ containerPort = 80, protocol = "tcp" }]
      # Where the database is. Not secret, so plain environment variables.
      environment = [
        { name = "DB_HOST", value = aws_rds_cluster.database.endpoint },
        { name = "DB_PORT", value = "5432" },
        { name = "DB_NAME", value = "app" },
      ]
      # ECS reads these from the RDS-managed secret when a task starts. RDS rotates the password
      # every 7 days: read the secret again on a failed login (or restart the tasks), or use IAM
      # database authentication instead.
      secrets = [
        { name = "DB_USERNAME", valueFrom = "${local.database_secret_arn}:username::" },
        { name = "DB_PASSWORD", valueFrom = "${local.database_secret_arn}:password::" },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.service_log_group.name
          awslogs-stream-prefix = "api"
          awslogs-region        = var.region
        }
      }
    },
    var.container_image == null ? { command = local.placeholder_command } : {},
  )])
}

resource "aws_ecs_service" "service" {
  name                              = "api"
  cluster                           = aws_ecs_cluster.ecs_cluster.arn
  task_definition                   = aws_ecs_task_definition.task_definition.arn
  launch_type                       = "FARGATE"
  desired_count                     = var.desired_count
  health_check_grace_period_seconds = 60
  # New tasks must pass the health check before old ones stop; a deployment whose tasks keep
  # failing rolls back on its own.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = aws_subnet.vpc_private_subnet[*].id
    security_groups  = [aws_security_group.service_security_group.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.target_group.arn
    container_name   = "Api"
    container_port   = 80
  }

  depends_on = [aws_lb_listener.load_balancer_listener, aws_iam_role_policy.task_execution_role_default_policy]
}

################################################################################
# Presentation tier: S3
################################################################################

# Receives the CloudFront standard logs and the front-end bucket's server access logs. It does not
# log its own access, which would only record log deliveries.
resource "aws_s3_bucket" "logs_bucket" {
  bucket_prefix = "${local.name}-logs-"
  # `terraform destroy` deletes the bucket only when it is empty (see the README's clean-up step).
}

resource "aws_s3_bucket_public_access_block" "logs_bucket" {
  bucket                  = aws_s3_bucket.logs_bucket.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# SSE-S3: CloudFront standard logging cannot write to a bucket encrypted with SSE-KMS.
resource "aws_s3_bucket_server_side_encryption_configuration" "logs_bucket" {
  bucket = aws_s3_bucket.logs_bucket.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# CloudFront standard logging delivers through an ACL grant, so ACLs stay enabled;
# BucketOwnerPreferred makes the bucket owner own every delivered log file.
resource "aws_s3_bucket_ownership_controls" "logs_bucket" {
  bucket = aws_s3_bucket.logs_bucket.id

  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "logs_bucket" {
  bucket = aws_s3_bucket.logs_bucket.id

  rule {
    id     = "ExpireLogs"
    status = "Enabled"

    filter {}

    expiration {
      days = var.access_log_retention_days
    }
  }
}

resource "aws_s3_bucket_policy" "logs_bucket_policy" {
  bucket = aws_s3_bucket.logs_bucket.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # TLS only, and TLS 1.2 or later.
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.logs_bucket.arn, "${aws_s3_bucket.logs_bucket.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.logs_bucket.arn, "${aws_s3_bucket.logs_bucket.arn}/*"]
        Condition = { NumericLessThan = { "s3:TlsVersion" = 1.2 } }
      },
      # S3 server access logs of the front-end bucket, and of no other bucket.
      {
        Effect    = "Allow"
        Principal = { Service = "logging.s3.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.logs_bucket.arn}/s3-access/*"
        Condition = {
          ArnLike      = { "aws:SourceArn" = aws_s3_bucket.frontend_bucket.arn }
          StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
        }
      },
    ]
  })

  # S3 rejects a bucket policy while the public access block is still being applied.
  depends_on = [aws_s3_bucket_public_access_block.logs_bucket]
}

resource "aws_s3_bucket" "frontend_bucket" {
  bucket_prefix = "${local.name}-"
}

# Private: only CloudFront, signing with origin access control, can read the objects.
resource "aws_s3_bucket_public_access_block" "frontend_bucket" {
  bucket                  = aws_s3_bucket.frontend_bucket.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# SSE-S3: the files are public through CloudFront anyway, and SSE-KMS would need a key policy for
# CloudFront and a charge per request.
resource "aws_s3_bucket_server_side_encryption_configuration" "frontend_bucket" {
  bucket = aws_s3_bucket.frontend_bucket.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_ownership_controls" "frontend_bucket" {
  bucket = aws_s3_bucket.frontend_bucket.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_logging" "frontend_bucket" {
  bucket        = aws_s3_bucket.frontend_bucket.id
  target_bucket = aws_s3_bucket.logs_bucket.id
  target_prefix = "s3-access/"
}

resource "aws_s3_bucket_policy" "frontend_bucket_policy" {
  bucket = aws_s3_bucket.frontend_bucket.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.frontend_bucket.arn, "${aws_s3_bucket.frontend_bucket.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.frontend_bucket.arn, "${aws_s3_bucket.frontend_bucket.arn}/*"]
        Condition = { NumericLessThan = { "s3:TlsVersion" = 1.2 } }
      },
      # Read-only, for this distribution only.
      {
        Effect    = "Allow"
        Principal = { Service = "cloudfront.amazonaws.com" }
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.frontend_bucket.arn}/*"
        Condition = { StringEquals = { "AWS:SourceArn" = aws_cloudfront_distribution.distribution.arn } }
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.frontend_bucket]
}

################################################################################
# CloudFront
################################################################################

# Origin access control (not the legacy origin access identity): CloudFront signs every request to
# the bucket with SigV4, and the bucket policy admits only this distribution.
resource "aws_cloudfront_origin_access_control" "origin_access_control" {
  name                              = local.unique_name
  description                       = "Lets the three-tier web app distribution read the front-end bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# The VPC origin lets CloudFront reach the internal load balancer without a public address.
resource "aws_cloudfront_vpc_origin" "api_vpc_origin" {
  vpc_origin_endpoint_config {
    name                   = "${local.unique_name}-api"
    arn                    = aws_lb.load_balancer.arn
    http_port              = 80
    https_port             = 443
    origin_protocol_policy = "http-only"

    origin_ssl_protocols {
      items    = ["TLSv1.2"]
      quantity = 1
    }
  }
}

# Single-page app routes such as /dashboard get /index.html, on the default (S3) behavior only.
resource "aws_cloudfront_function" "spa_rewrite_function" {
  name    = "${local.unique_name}-spa-rewrite"
  comment = "Serves index.html for single-page app routes"
  runtime = "cloudfront-js-2.0"
  publish = true
  # The same file the CDK variant reads and the CloudFormation variant inlines.
  code = file("${path.module}/../src/spa-rewrite.js")
}

resource "aws_cloudfront_distribution" "distribution" {
  comment             = "Three-tier web app"
  enabled             = true
  default_root_object = "index.html"
  http_version        = "http2and3"
  is_ipv6_enabled     = true

  origin {
    origin_id                = "FrontendOrigin"
    domain_name              = aws_s3_bucket.frontend_bucket.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.origin_access_control.id
  }

  origin {
    origin_id   = "ApiOrigin"
    domain_name = aws_lb.load_balancer.dns_name

    vpc_origin_config {
      vpc_origin_id = aws_cloudfront_vpc_origin.api_vpc_origin.id
    }
  }

  # Everything but /api/*: the front end's files from S3, cached at the edge. Managed policies:
  # CachingOptimized, and SecurityHeadersPolicy (HSTS, nosniff, X-Frame-Options SAMEORIGIN and more).
  default_cache_behavior {
    target_origin_id           = "FrontendOrigin"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    cache_policy_id            = local.caching_optimized_policy_id
    response_headers_policy_id = local.security_headers_policy_id
    compress                   = true

    # Only on this behavior: /api/* never reaches the function, and API errors stay API errors. No
    # custom_error_response either, since it would apply to the API too.
    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.spa_rewrite_function.arn
    }
  }

  # The API: every method, never cached (CachingDisabled), with the viewer's headers, cookies and
  # query strings but not its Host header (AllViewerExceptHostHeader).
  ordered_cache_behavior {
    path_pattern               = "/api/*"
    target_origin_id           = "ApiOrigin"
    viewer_protocol_policy     = "https-only"
    allowed_methods            = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
    cached_methods             = ["GET", "HEAD"]
    cache_policy_id            = local.caching_disabled_policy_id
    origin_request_policy_id   = local.all_viewer_except_host_header_policy_id
    response_headers_policy_id = local.security_headers_policy_id
    compress                   = true
  }

  # A public web app serves every country; restrict countries only if a licence or law requires it.
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  # Without a custom domain: the *.cloudfront.net certificate, whose minimum TLS version cannot be
  # changed. No AWS WAF web ACL (see the README).
  viewer_certificate {
    cloudfront_default_certificate = true
  }

  # Standard logs (one file per edge location every few minutes) in the logs bucket.
  logging_config {
    bucket          = aws_s3_bucket.logs_bucket.bucket_regional_domain_name
    prefix          = "cloudfront/"
    include_cookies = false
  }

  # CloudFront standard logging needs ACLs enabled on the logs bucket before it starts.
  depends_on = [aws_s3_bucket_ownership_controls.logs_bucket]
}

# Application Load Balancer -> Amazon ECS service on AWS Fargate in private subnets, with CPU and
# memory target tracking, in a compact VPC of its own (two Availability Zones, public and private
# subnets, NAT). Resource names are the snake_case of the logical IDs in the CDK and
# CloudFormation variants (VpcPublicSubnet1Subnet, 2 -> vpc_public_subnet[0..1]), so the three
# variants line up.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

# The first two zones that every account has (no opt-in Local Zones), looked up at plan time.
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
    Pattern = "container-microservice"
  }

  azs = slice(data.aws_availability_zones.available.names, 0, 2)

  # The same subnet plan as the vpc-networking pattern, without its isolated tier:
  # public /24s 10.0.0.0/24 and 10.0.1.0/24, private /20s 10.0.16.0/20 and 10.0.32.0/20.
  vpc_cidr = "10.0.0.0/16"

  # One NAT gateway per zone: the tasks in each zone keep pulling images and sending logs when the
  # other zone fails. Each NAT gateway is billed per hour and for its public IPv4 address whether
  # traffic flows or not, plus per GB processed. single_nat_gateway = true keeps one, for
  # development (if its zone fails, no task can pull its image or send logs).
  nat_gateway_count = var.single_nat_gateway ? 1 : length(local.azs)

  # The port the container listens on, the target group sends to and the listener receives on.
  http_port = 80
  # Folder of the access logs in the bucket; ELB adds AWSLogs/<account>/ below it.
  access_log_prefix = "alb"
}

################################################################################
# VPC
################################################################################

resource "aws_vpc" "vpc" {
  cidr_block           = local.vpc_cidr
  enable_dns_hostnames = true
  enable_dns_support   = true
  instance_tenancy     = "default"

  tags = {
    Name = var.name
  }
}

resource "aws_internet_gateway" "vpc_igw" {
  tags = {
    Name = var.name
  }
}

resource "aws_internet_gateway_attachment" "vpc_vpcgw" {
  internet_gateway_id = aws_internet_gateway.vpc_igw.id
  vpc_id              = aws_vpc.vpc.id
}

# Public subnets hold the load balancer and the NAT gateways.
resource "aws_subnet" "vpc_public_subnet" {
  count = length(local.azs)

  vpc_id                  = aws_vpc.vpc.id
  availability_zone       = local.azs[count.index]
  cidr_block              = cidrsubnet(local.vpc_cidr, 8, count.index)
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

  depends_on = [aws_route.vpc_public_default_route, aws_route_table_association.vpc_public_route_table_association]
}

# Private subnets hold the tasks: outbound through the NAT gateway of the same zone, no inbound
# from the internet.
resource "aws_subnet" "vpc_private_subnet" {
  count = length(local.azs)

  vpc_id                  = aws_vpc.vpc.id
  availability_zone       = local.azs[count.index]
  cidr_block              = cidrsubnet(local.vpc_cidr, 4, count.index + 1)
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
  nat_gateway_id         = aws_nat_gateway.vpc_public_nat_gateway[var.single_nat_gateway ? 0 : count.index].id
}

# Flow logs record the VPC's traffic for troubleshooting and security investigations. Nothing
# here uses the VPC's default security group; the vpc-networking pattern shows how to empty it.
resource "aws_cloudwatch_log_group" "vpc_flow_log_group" {
  name_prefix       = "/aws/vpc/${var.name}-flow-logs-"
  retention_in_days = 30
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
}

################################################################################
# Load balancer access logs
################################################################################

# Application Load Balancers write access logs only to S3, encrypted with S3-managed keys (SSE-S3;
# ELB cannot use a KMS key). `terraform destroy` deletes the bucket only once it is empty (see the
# README); force_destroy = true would delete the logs with it.
resource "aws_s3_bucket" "access_logs_bucket" {
  bucket_prefix = "${var.name}-alb-logs-"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs_bucket" {
  bucket = aws_s3_bucket.access_logs_bucket.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "access_logs_bucket" {
  bucket = aws_s3_bucket.access_logs_bucket.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "access_logs_bucket" {
  bucket = aws_s3_bucket.access_logs_bucket.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "access_logs_bucket" {
  bucket = aws_s3_bucket.access_logs_bucket.id

  rule {
    id     = "expire-after-30-days"
    status = "Enabled"

    filter {}

    expiration {
      days = 30
    }
  }
}

data "aws_iam_policy_document" "access_logs_bucket" {
  # Denies every request that does not use TLS.
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.access_logs_bucket.arn, "${aws_s3_bucket.access_logs_bucket.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # ELB's log delivery service may write under this account's folder only. AWS recommends this
  # service principal in every Region, the older ones included (step 2 of
  # https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
  # The per-Region ELB account policy of older guides (data "aws_elb_service_account") is legacy:
  # still accepted in Regions opened before August 2022, never in newer ones, so it is not used.
  statement {
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.access_logs_bucket.arn}/${local.access_log_prefix}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"]

    principals {
      type        = "Service"
      identifiers = ["logdelivery.elasticloadbalancing.amazonaws.com"]
    }
  }
}

resource "aws_s3_bucket_policy" "access_logs_bucket_policy" {
  bucket = aws_s3_bucket.access_logs_bucket.id
  policy = data.aws_iam_policy_document.access_logs_bucket.json

  # S3 rejects a policy while the bucket's public access settings are being written.
  depends_on = [aws_s3_bucket_public_access_block.access_logs_bucket]
}

################################################################################
# Load balancer
################################################################################

# Separate rule resources instead of inline blocks, as the AWS provider recommends. A new security
# group starts with an allow-all outbound rule; Terraform removes it.
resource "aws_security_group" "load_balancer_security_group" {
  name_prefix = "${var.name}-alb-"
  description = "Lets the internet reach the load balancer on port 80"
  vpc_id      = aws_vpc.vpc.id
}

# A public load balancer must accept connections from any address (cdk-nag AwsSolutions-EC23,
# acknowledged in the CDK variant).
resource "aws_vpc_security_group_ingress_rule" "load_balancer_security_group_http_from_internet" {
  security_group_id = aws_security_group.load_balancer_security_group.id
  description       = "HTTP from the internet"
  ip_protocol       = "tcp"
  from_port         = local.http_port
  to_port           = local.http_port
  cidr_ipv4         = "0.0.0.0/0"
}

# The load balancer opens connections only to its targets. Its outbound rules stay open; the
# tasks' security group decides what may reach them.
resource "aws_vpc_security_group_egress_rule" "load_balancer_security_group_all_out" {
  security_group_id = aws_security_group.load_balancer_security_group.id
  description       = "Allow all outbound traffic by default"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_lb" "load_balancer" {
  load_balancer_type = "application"
  internal           = false
  subnets            = aws_subnet.vpc_public_subnet[*].id
  security_groups    = [aws_security_group.load_balancer_security_group.id]
  # Drops requests with header names that are not valid HTTP (Security Hub ELB.4).
  drop_invalid_header_fields = true
  enable_deletion_protection = false

  access_logs {
    enabled = true
    bucket  = aws_s3_bucket.access_logs_bucket.id
    prefix  = local.access_log_prefix
  }

  tags = {
    Name = var.name
  }

  # ELB checks that it may write to the bucket when access logs are turned on, and the public
  # subnets need their route to the internet before the load balancer can serve.
  depends_on = [aws_s3_bucket_policy.access_logs_bucket_policy, aws_route.vpc_public_default_route]
}

resource "aws_lb_target_group" "target_group" {
  vpc_id   = aws_vpc.vpc.id
  port     = local.http_port
  protocol = "HTTP"
  # Fargate tasks register by IP address (awsvpc networking).
  target_type = "ip"
  # Tasks being replaced get 30 seconds to finish their requests (the default is 300).
  deregistration_delay = 30

  health_check {
    path                = "/"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  stickiness {
    type    = "lb_cookie"
    enabled = false
  }
}

# HTTP only: HTTPS needs a certificate, and ACM issues certificates only for a domain you own,
# never for the load balancer's amazonaws.com name. With a domain, request an ACM certificate, add
# an aws_lb_listener on 443 (protocol "HTTPS", ssl_policy "ELBSecurityPolicy-TLS13-1-2-2021-06",
# certificate_arn) that forwards to the target group, turn this listener into a redirect to
# HTTPS, and open 443 instead of 80 in the load balancer's security group.
resource "aws_lb_listener" "load_balancer_http_listener" {
  load_balancer_arn = aws_lb.load_balancer.arn
  port              = local.http_port
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.target_group.arn
  }
}

################################################################################
# ECS on Fargate
################################################################################

resource "aws_ecs_cluster" "cluster" {
  name = var.name

  # CPU, memory, network and storage metrics per task and per container in CloudWatch.
  setting {
    name  = "containerInsights"
    value = "enhanced"
  }
}

resource "aws_cloudwatch_log_group" "service_log_group" {
  name_prefix       = "/ecs/${var.name}-"
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

# The role your code runs as. It has no permissions: add what your code calls.
resource "aws_iam_role" "task_definition_task_role" {
  name_prefix        = "${var.name}-task-"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume_role.json
}

# The role ECS uses to start the task: here only to write its logs (the public image needs no
# credentials to pull).
resource "aws_iam_role" "task_definition_execution_role" {
  name_prefix        = "${var.name}-exec-"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume_role.json
}

data "aws_iam_policy_document" "task_execution" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.service_log_group.arn}:*"]
  }
}

resource "aws_iam_role_policy" "task_definition_execution_role_default_policy" {
  name   = "task-execution"
  role   = aws_iam_role.task_definition_execution_role.id
  policy = data.aws_iam_policy_document.task_execution.json
}

resource "aws_ecs_task_definition" "task_definition" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  task_role_arn            = aws_iam_role.task_definition_task_role.arn
  execution_role_arn       = aws_iam_role.task_definition_execution_role.arn

  # Graviton: lower price per vCPU-hour than x86. The nginx image is built for both; use X86_64
  # if yours is built for x86 only.
  runtime_platform {
    cpu_architecture        = "ARM64"
    operating_system_family = "LINUX"
  }

  # Pass configuration as secrets (Secrets Manager, Parameter Store), not environment variables,
  # which anyone who can read the task definition can read (cdk-nag AwsSolutions-ECS2).
  container_definitions = jsonencode([
    {
      name      = "web"
      image     = var.container_image
      essential = true
      portMappings = [
        {
          containerPort = local.http_port
          protocol      = "tcp"
        }
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = aws_cloudwatch_log_group.service_log_group.name
          "awslogs-region"        = data.aws_region.current.region
          "awslogs-stream-prefix" = "web"
        }
      }
    }
  ])
}

resource "aws_security_group" "service_security_group" {
  name_prefix = "${var.name}-service-"
  description = "Lets the load balancer reach the tasks; lets the tasks make HTTPS calls"
  vpc_id      = aws_vpc.vpc.id
}

# Outbound HTTPS only: enough to pull the image and to send logs and metrics. Add rules for
# anything else your code connects to (a database port, for example).
resource "aws_vpc_security_group_egress_rule" "service_security_group_https_out" {
  security_group_id = aws_security_group.service_security_group.id
  description       = "HTTPS to AWS APIs and the image registry"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "service_security_group_from_load_balancer_security_group" {
  security_group_id            = aws_security_group.service_security_group.id
  description                  = "Load balancer to target"
  ip_protocol                  = "tcp"
  from_port                    = local.http_port
  to_port                      = local.http_port
  referenced_security_group_id = aws_security_group.load_balancer_security_group.id
}

resource "aws_ecs_service" "service" {
  name            = var.name
  cluster         = aws_ecs_cluster.cluster.id
  task_definition = aws_ecs_task_definition.task_definition.arn
  launch_type     = "FARGATE"
  # Scaling owns the number of tasks from here on; ignore_changes below keeps a later apply from
  # resetting it.
  desired_count                      = var.min_capacity
  health_check_grace_period_seconds  = 60
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  # No shell into running containers: turn on only while debugging, and give the task role the
  # ssmmessages permissions it then needs.
  enable_execute_command = false

  network_configuration {
    subnets          = aws_subnet.vpc_private_subnet[*].id
    security_groups  = [aws_security_group.service_security_group.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.target_group.arn
    container_name   = "web"
    container_port   = local.http_port
  }

  # A deployment whose tasks never turn healthy rolls back to the last working one.
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  lifecycle {
    ignore_changes = [desired_count]
  }

  # The target group must belong to a load balancer (through the listener) before a service can
  # use it, and the first tasks pull their image with the execution role's policy, which would
  # otherwise be created in parallel (tasks failing to start roll the deployment back).
  depends_on = [
    aws_lb_listener.load_balancer_http_listener,
    aws_iam_role_policy.task_definition_execution_role_default_policy,
  ]
}

################################################################################
# Scaling
################################################################################

# Without role_arn, Application Auto Scaling uses (and creates if needed) its service-linked role
# for ECS.
resource "aws_appautoscaling_target" "service_task_count_target" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.cluster.name}/${aws_ecs_service.service.name}"
  min_capacity       = var.min_capacity
  max_capacity       = var.max_capacity
}

# Two target tracking policies: the service scales out when either metric is above its target and
# scales in only when both are below. Scale out fast, scale in slowly.
resource "aws_appautoscaling_policy" "service_task_count_target_cpu_scaling" {
  name               = "${var.name}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.service_task_count_target.service_namespace
  scalable_dimension = aws_appautoscaling_target.service_task_count_target.scalable_dimension
  resource_id        = aws_appautoscaling_target.service_task_count_target.resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = 70
    scale_out_cooldown = 60
    scale_in_cooldown  = 300

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_appautoscaling_policy" "service_task_count_target_memory_scaling" {
  name               = "${var.name}-memory"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.service_task_count_target.service_namespace
  scalable_dimension = aws_appautoscaling_target.service_task_count_target.scalable_dimension
  resource_id        = aws_appautoscaling_target.service_task_count_target.resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = 80
    scale_out_cooldown = 60
    scale_in_cooldown  = 300

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageMemoryUtilization"
    }
  }
}

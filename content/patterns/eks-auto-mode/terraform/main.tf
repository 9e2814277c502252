# Amazon EKS with EKS Auto Mode in a VPC of its own (two Availability Zones, public and private
# subnets, one NAT gateway), and EKS Pod Identity for one workload. Resource names are the
# snake_case of the logical IDs in the CDK and CloudFormation variants (VpcPublicSubnet1Subnet,
# 2 -> vpc_public_subnet[0..1]), so the three variants line up.

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
    Pattern = "eks-auto-mode"
  }

  azs = slice(data.aws_availability_zones.available.names, 0, 2)

  # Public /24s 10.0.0.0/24 and 10.0.1.0/24 for the load balancers and the NAT gateway, private
  # /20s 10.0.16.0/20 and 10.0.32.0/20 for the nodes and pods (every pod gets a VPC address).
  vpc_cidr = "10.0.0.0/16"

  # The namespace and service account of the sample workload (../k8s/20-service-account.yaml).
  app_namespace       = "demo"
  app_service_account = "web"
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

# Public subnets: the tag kubernetes.io/role/elb=1 is how EKS Auto Mode finds where to put
# internet-facing load balancers.
resource "aws_subnet" "vpc_public_subnet" {
  count = length(local.azs)

  vpc_id                  = aws_vpc.vpc.id
  availability_zone       = local.azs[count.index]
  cidr_block              = cidrsubnet(local.vpc_cidr, 8, count.index)
  map_public_ip_on_launch = false

  tags = {
    Name                     = "${var.name}-public-${count.index + 1}"
    "kubernetes.io/role/elb" = "1"
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

# One NAT gateway, in the first zone, for both private subnets: the cheapest way for nodes to pull
# images and reach AWS APIs. If that zone fails, nodes in the other zone lose outbound access too;
# add a NAT gateway in the second zone for production.
resource "aws_eip" "vpc_public_eip" {
  domain = "vpc"

  tags = {
    Name = "${var.name}-public-1"
  }
}

resource "aws_nat_gateway" "vpc_public_nat_gateway" {
  allocation_id = aws_eip.vpc_public_eip.id
  subnet_id     = aws_subnet.vpc_public_subnet[0].id

  tags = {
    Name = "${var.name}-public-1"
  }

  depends_on = [aws_route.vpc_public_default_route, aws_route_table_association.vpc_public_route_table_association]
}

# Private subnets hold the nodes and pods, and the cluster's network interfaces. The tag
# kubernetes.io/role/internal-elb=1 marks them for internal load balancers.
resource "aws_subnet" "vpc_private_subnet" {
  count = length(local.azs)

  vpc_id                  = aws_vpc.vpc.id
  availability_zone       = local.azs[count.index]
  cidr_block              = cidrsubnet(local.vpc_cidr, 4, count.index + 1)
  map_public_ip_on_launch = false

  tags = {
    Name                              = "${var.name}-private-${count.index + 1}"
    "kubernetes.io/role/internal-elb" = "1"
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
  nat_gateway_id         = aws_nat_gateway.vpc_public_nat_gateway.id
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
# Cluster
################################################################################

# EKS writes control plane logs to a log group of this exact name. Created first, it keeps the logs
# for var.log_retention_days; if EKS created it, it would keep them forever and outlive the stack.
resource "aws_cloudwatch_log_group" "cluster_log_group" {
  name              = "/aws/eks/${var.name}/cluster"
  retention_in_days = var.log_retention_days
}

# Envelope encryption of Kubernetes secrets with a key you control (EKS already encrypts all
# Kubernetes API data with an AWS owned key): you can audit every use in CloudTrail and revoke it.
# One key costs a monthly fee; rotation adds a little for the first two years. Without a policy
# argument the key gets KMS's default key policy: this account's IAM policies decide who may use it.
resource "aws_kms_key" "secrets_key" {
  description             = "Encrypts the Kubernetes secrets of the EKS Auto Mode cluster"
  enable_key_rotation     = true
  deletion_window_in_days = 7
}

data "aws_iam_policy_document" "eks_assume_role" {
  # Auto Mode needs sts:TagSession besides sts:AssumeRole.
  statement {
    actions = ["sts:AssumeRole", "sts:TagSession"]

    principals {
      type        = "Service"
      identifiers = ["eks.amazonaws.com"]
    }
  }
}

# The role EKS uses to run the cluster and, with Auto Mode, to launch and remove nodes, EBS
# volumes, load balancers and network interfaces.
resource "aws_iam_role" "cluster_role" {
  name_prefix        = "${var.name}-cluster-"
  description        = "Lets Amazon EKS run the cluster and its Auto Mode compute, storage and load balancing"
  assume_role_policy = data.aws_iam_policy_document.eks_assume_role.json
}

# The AWS managed policies EKS Auto Mode requires for the cluster role
# (https://docs.aws.amazon.com/eks/latest/userguide/auto-cluster-iam-role.html); AWS keeps them up
# to date as Auto Mode changes.
# One attachment per policy (not for_each), so each reads as its own policy in a plan.
resource "aws_iam_role_policy_attachment" "cluster_role_cluster_policy" {
  role       = aws_iam_role.cluster_role.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKSClusterPolicy"
}

resource "aws_iam_role_policy_attachment" "cluster_role_compute_policy" {
  role       = aws_iam_role.cluster_role.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKSComputePolicy"
}

resource "aws_iam_role_policy_attachment" "cluster_role_block_storage_policy" {
  role       = aws_iam_role.cluster_role.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKSBlockStoragePolicy"
}

resource "aws_iam_role_policy_attachment" "cluster_role_load_balancing_policy" {
  role       = aws_iam_role.cluster_role.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKSLoadBalancingPolicy"
}

resource "aws_iam_role_policy_attachment" "cluster_role_networking_policy" {
  role       = aws_iam_role.cluster_role.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKSNetworkingPolicy"
}

# The cluster encrypts and decrypts the secrets' data keys with the secrets key, and nothing else.
data "aws_iam_policy_document" "cluster_secrets_key" {
  statement {
    sid       = "UseSecretsKey"
    actions   = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt"]
    resources = [aws_kms_key.secrets_key.arn]
  }
}

resource "aws_iam_role_policy" "cluster_role_default_policy" {
  name   = "secrets-key"
  role   = aws_iam_role.cluster_role.id
  policy = data.aws_iam_policy_document.cluster_secrets_key.json
}

data "aws_iam_policy_document" "ec2_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

# The role of the EC2 instances Auto Mode launches: join the cluster and pull images, nothing more
# (https://docs.aws.amazon.com/eks/latest/userguide/auto-create-node-role.html). EKS gives it its
# Kubernetes permissions through an access entry it creates itself.
resource "aws_iam_role" "node_role" {
  name_prefix        = "${var.name}-node-"
  description        = "Lets EKS Auto Mode nodes join the cluster and pull container images"
  assume_role_policy = data.aws_iam_policy_document.ec2_assume_role.json
}

resource "aws_iam_role_policy_attachment" "node_role_worker_node_minimal_policy" {
  role       = aws_iam_role.node_role.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKSWorkerNodeMinimalPolicy"
}

resource "aws_iam_role_policy_attachment" "node_role_registry_pull_only_policy" {
  role       = aws_iam_role.node_role.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly"
}

resource "aws_eks_cluster" "cluster" {
  name = var.name
  # In standard support until 2027-03-27 (tests/iac/retired-versions.json tracks the date).
  version  = "1.35"
  role_arn = aws_iam_role.cluster_role.arn

  # At the end of standard support EKS upgrades the cluster instead of moving it to extended
  # support, which bills a higher hourly rate.
  upgrade_policy {
    support_type = "STANDARD"
  }

  # Access entries only (no aws-auth ConfigMap), and no hidden admin: the one administrator is the
  # access entry below, so who can use kubectl is visible in the code.
  access_config {
    authentication_mode                         = "API"
    bootstrap_cluster_creator_admin_permissions = false
  }

  # Auto Mode runs networking, DNS, storage and the Pod Identity agent on its nodes itself.
  bootstrap_self_managed_addons = false

  # EKS Auto Mode: compute, block storage and load balancing are enabled together.
  # general-purpose runs workloads, system runs cluster add-ons. Auto Mode starts nodes when pods
  # need them; with no workload the cluster has none.
  compute_config {
    enabled       = true
    node_pools    = ["general-purpose", "system"]
    node_role_arn = aws_iam_role.node_role.arn
  }

  storage_config {
    block_storage {
      enabled = true
    }
  }

  kubernetes_network_config {
    elastic_load_balancing {
      enabled = true
    }
  }

  vpc_config {
    # Nodes, pods and the cluster's network interfaces live in the private subnets.
    subnet_ids = aws_subnet.vpc_private_subnet[*].id
    # Nodes and pods reach the API server inside the VPC; kubectl reaches it from the one range in
    # var.public_access_cidr. Every request still needs IAM credentials and an access entry.
    endpoint_private_access = true
    endpoint_public_access  = true
    public_access_cidrs     = [var.public_access_cidr]
  }

  # API requests, the audit trail and authentication attempts. controllerManager and scheduler logs
  # are left off (cdk-nag AwsSolutions-EKS2, acknowledged in the CDK variant): turn them on while
  # debugging.
  enabled_cluster_log_types = ["api", "audit", "authenticator"]

  # Secrets are the one kind of resource EKS encrypts with the key (the provider requires the list;
  # CloudFormation's schema marks it deprecated, and the other variants leave it out).
  encryption_config {
    resources = ["secrets"]

    provider {
      key_arn = aws_kms_key.secrets_key.arn
    }
  }

  # The log group must exist before EKS first writes to it, the role needs its policies, and the
  # managed policies must stay attached until the cluster (and the nodes and load balancers Auto
  # Mode cleans up) is gone.
  depends_on = [
    aws_cloudwatch_log_group.cluster_log_group,
    aws_iam_role_policy.cluster_role_default_policy,
    aws_iam_role_policy_attachment.cluster_role_cluster_policy,
    aws_iam_role_policy_attachment.cluster_role_compute_policy,
    aws_iam_role_policy_attachment.cluster_role_block_storage_policy,
    aws_iam_role_policy_attachment.cluster_role_load_balancing_policy,
    aws_iam_role_policy_attachment.cluster_role_networking_policy,
    aws_iam_role_policy_attachment.node_role_worker_node_minimal_policy,
    aws_iam_role_policy_attachment.node_role_registry_pull_only_policy,
  ]
}

# The cluster's administrator: full access to every namespace through kubectl.
resource "aws_eks_access_entry" "admin_access_entry" {
  cluster_name  = aws_eks_cluster.cluster.name
  principal_arn = var.admin_principal_arn
  type          = "STANDARD"
}

resource "aws_eks_access_policy_association" "admin_access_entry" {
  cluster_name  = aws_eks_cluster.cluster.name
  principal_arn = aws_eks_access_entry.admin_access_entry.principal_arn
  policy_arn    = "arn:${data.aws_partition.current.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"

  access_scope {
    type = "cluster"
  }
}

################################################################################
# Workload identity
################################################################################

# The one thing the sample workload reads from AWS. A standard String parameter has no charge.
resource "aws_ssm_parameter" "message_parameter" {
  name        = "/${var.name}/message"
  type        = "String"
  tier        = "Standard"
  value       = "Hello from Parameter Store, read by a pod with EKS Pod Identity"
  description = "The message the sample pods serve"
}

# The role the pods of service account demo/web get through EKS Pod Identity. The trust policy
# accepts EKS Pod Identity only for that namespace and service account in this cluster (session
# tags EKS sets on every request).
data "aws_iam_policy_document" "pod_identity_assume_role" {
  statement {
    actions = ["sts:AssumeRole", "sts:TagSession"]

    principals {
      type        = "Service"
      identifiers = ["pods.eks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/eks-cluster-arn"
      values   = [aws_eks_cluster.cluster.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/kubernetes-namespace"
      values   = [local.app_namespace]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/kubernetes-service-account"
      values   = [local.app_service_account]
    }
  }
}

resource "aws_iam_role" "app_role" {
  name_prefix        = "${var.name}-app-"
  description        = "Lets the pods of service account ${local.app_namespace}/${local.app_service_account} read the message parameter"
  assume_role_policy = data.aws_iam_policy_document.pod_identity_assume_role.json
}

# Exactly the call the pods make (aws ssm get-parameter in ../k8s/30-deployment.yaml), on this
# parameter only.
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "ReadMessageParameter"
    actions   = ["ssm:GetParameter"]
    resources = [aws_ssm_parameter.message_parameter.arn]
  }
}

resource "aws_iam_role_policy" "app_role_default_policy" {
  name   = "read-message"
  role   = aws_iam_role.app_role.id
  policy = data.aws_iam_policy_document.app.json
}

resource "aws_eks_pod_identity_association" "app_pod_identity_association" {
  cluster_name    = aws_eks_cluster.cluster.name
  namespace       = local.app_namespace
  service_account = local.app_service_account
  role_arn        = aws_iam_role.app_role.arn
}

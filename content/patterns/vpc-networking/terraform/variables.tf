variable "region" {
  description = "AWS Region to deploy to. It needs at least three Availability Zones."
  type        = string
  default     = "us-east-1"
}

variable "name" {
  description = "Prefix of the Name tag of every resource, and of the IAM role and log group names."
  type        = string
  default     = "vpc-networking"
}

variable "vpc_cidr" {
  description = "IPv4 range of the VPC. It must be a /16 that no network you will connect to (peered VPCs, a transit gateway, your office over VPN) already uses: the subnet plan splits it."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && endswith(var.vpc_cidr, "/16")
    error_message = "vpc_cidr must be a /16 such as 10.0.0.0/16: the subnet plan splits a /16."
  }
}

variable "single_nat_gateway" {
  description = "true puts one NAT gateway in the first Availability Zone for all private subnets: cheaper, but if that zone fails every private subnet loses outbound access. false puts one in each zone."
  type        = bool
  default     = false
}

variable "flow_log_retention_days" {
  description = "Days to keep the VPC flow logs."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_days)
    error_message = "flow_log_retention_days must be a value CloudWatch Logs accepts, such as 7, 14, 30 or 90."
  }
}

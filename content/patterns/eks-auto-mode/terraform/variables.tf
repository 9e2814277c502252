variable "region" {
  description = "AWS Region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "name" {
  description = "Name of the EKS cluster, and prefix of the other names and Name tags. Change it to deploy a second copy in the same account and Region."
  type        = string
  default     = "eks-auto-mode"
}

# No default, as in the other variants: there is no safe guess.
variable "public_access_cidr" {
  description = "The one address range (CIDR) allowed to reach the cluster's public Kubernetes API endpoint, for example your own address as 203.0.113.10/32. Nodes and pods use the private endpoint."
  type        = string

  validation {
    condition     = can(cidrhost(var.public_access_cidr, 0)) && !startswith(var.public_access_cidr, "0.0.0.0/")
    error_message = "public_access_cidr must be an IPv4 CIDR block such as 203.0.113.10/32, not the whole internet."
  }
}

variable "admin_principal_arn" {
  description = "ARN of the IAM role or user that administers the cluster with kubectl (an access entry with the AmazonEKSClusterAdminPolicy). For an assumed role, give the role's ARN, not the session's."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/.+$", var.admin_principal_arn))
    error_message = "admin_principal_arn must be the ARN of an IAM role or user (arn:aws:iam::ACCOUNT:role/NAME), not of an assumed-role session."
  }
}

variable "log_retention_days" {
  description = "Days to keep the control plane logs."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts, such as 7, 14, 30 or 90."
  }
}

variable "region" {
  description = "AWS Region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "instance_class" {
  description = "DB instance class of the primary and of its standby. The default is the smallest Graviton class; size it from the load you measure."
  type        = string
  default     = "db.t4g.micro"

  validation {
    condition     = can(regex("^db\\.[a-z0-9]+\\.[a-z0-9]+$", var.instance_class))
    error_message = "instance_class must be a DB instance class such as db.t4g.micro or db.m7g.large."
  }
}

variable "deletion_protection" {
  description = "Stops anyone, Terraform included, from deleting the DB instance. Apply once with false before terraform destroy."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Days to keep the VPC flow logs."
  type        = number
  default     = 14

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention CloudWatch Logs accepts, such as 7, 14, 30 or 365."
  }
}

variable "region" {
  description = "AWS Region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "min_capacity" {
  description = "Lowest capacity of each instance, in Aurora capacity units (ACUs, about 2 GiB of memory each). 0 pauses both instances after 5 minutes without connections; the next connection waits about 15 seconds for the resume. Use 0.5 or more to never pause."
  type        = number
  default     = 0
}

variable "max_capacity" {
  description = "Highest capacity of each instance, in ACUs (0.5-ACU steps, at least 1)."
  type        = number
  default     = 4
}

variable "deletion_protection" {
  description = "Stops anyone, Terraform included, from deleting the cluster. Apply once with false before terraform destroy."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Days to keep the VPC flow logs."
  type        = number
  default     = 14
}

variable "region" {
  description = "AWS Region for the key and both buckets."
  type        = string
  default     = "us-east-1"
}

variable "log_retention_days" {
  description = "Days to keep the data bucket's server access logs in the logs bucket."
  type        = number
  default     = 90

  validation {
    condition     = var.log_retention_days >= 1 && floor(var.log_retention_days) == var.log_retention_days
    error_message = "log_retention_days must be a whole number of days, 1 or more."
  }
}

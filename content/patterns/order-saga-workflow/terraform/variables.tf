variable "region" {
  description = "AWS Region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "log_retention_days" {
  description = "Days to keep the state machine logs and the payment function logs."
  type        = number
  default     = 14
}

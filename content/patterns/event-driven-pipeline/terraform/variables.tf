variable "region" {
  description = "AWS Region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "log_retention_days" {
  description = "Days to keep the function logs."
  type        = number
  default     = 14
}

variable "max_receive_count" {
  description = "Times consumers may receive a message from the downstream queue without deleting it before SQS moves it to the dead-letter queue."
  type        = number
  default     = 5

  validation {
    condition     = var.max_receive_count >= 1 && var.max_receive_count <= 1000
    error_message = "max_receive_count must be between 1 and 1000."
  }
}

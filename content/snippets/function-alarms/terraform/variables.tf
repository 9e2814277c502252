variable "region" {
  description = "AWS Region of the function to watch. Lambda metrics are Regional, so the alarms must be in the same Region."
  type        = string
  default     = "us-east-1"
}

variable "function_name" {
  description = "Name (not ARN) of the existing Lambda function to watch."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be a function name: 1-64 letters, digits, hyphens or underscores."
  }
}

variable "function_timeout_seconds" {
  description = "The function's configured timeout in seconds (aws lambda get-function-configuration --query Timeout)."
  type        = number

  validation {
    condition     = var.function_timeout_seconds >= 1 && var.function_timeout_seconds <= 900
    error_message = "function_timeout_seconds must be between 1 and 900, the range Lambda allows."
  }
}

variable "alarm_email" {
  description = "Optional email address to subscribe to the alarm topic. Leave empty to subscribe later."
  type        = string
  default     = ""

  validation {
    condition     = var.alarm_email == "" || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alarm_email))
    error_message = "alarm_email must be an email address, or empty."
  }
}

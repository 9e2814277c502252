variable "region" {
  description = "AWS Region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "log_retention_days" {
  description = "Days to keep the function logs and the API access logs."
  type        = number
  default     = 14
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second the API accepts before answering 429. Anyone may sign up, so this also caps the bill."
  type        = number
  default     = 10
}

variable "throttling_burst_limit" {
  description = "Requests the API accepts in a short burst above the rate limit."
  type        = number
  default     = 20
}

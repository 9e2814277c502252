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
  description = "Steady-state connections and messages per second the API accepts before refusing them. The API is public, so this also caps the bill."
  type        = number
  default     = 10
}

variable "throttling_burst_limit" {
  description = "Connections and messages the API accepts in a short burst above the rate limit."
  type        = number
  default     = 20
}

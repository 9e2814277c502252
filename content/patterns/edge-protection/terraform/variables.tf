variable "rate_limit" {
  description = "Requests one client IP address may send in 5 minutes before the web ACL answers it with 429 for a while. AWS WAF accepts 10 or more."
  type        = number
  default     = 1000

  validation {
    condition     = var.rate_limit >= 10
    error_message = "AWS WAF needs a rate limit of 10 or more."
  }
}

variable "waf_log_retention_days" {
  description = "Days to keep the requests the web ACL blocked or counted."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.waf_log_retention_days)
    error_message = "CloudWatch Logs keeps logs for 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days."
  }
}

variable "access_log_retention_days" {
  description = "Days to keep CloudFront and S3 access logs in the logs bucket."
  type        = number
  default     = 90
}

variable "content_security_policy" {
  description = "Content-Security-Policy header for every response. The default loads everything from the site itself, with no inline scripts, plugins or framing."
  type        = string
  default     = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests"
}

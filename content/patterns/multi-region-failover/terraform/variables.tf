variable "primary_region" {
  description = "Region that serves the failover name while its health check passes; the global table is created here."
  type        = string
  default     = "us-east-1"
}

variable "secondary_region" {
  description = "Region that serves the failover name while the primary's health check fails; it holds the second replica."
  type        = string
  default     = "us-west-2"
}

variable "domain_name" {
  description = "The name clients call, in the hosted zone hosted_zone_id, for example api.example.com. Both Regions serve it."
  type        = string
}

variable "hosted_zone_id" {
  description = "ID of the public Route 53 hosted zone you own that domain_name belongs to."
  type        = string
}

variable "name" {
  description = "Prefix of the physical names in each Region; the table is named <name>-items. Change it to deploy a second copy in the account."
  type        = string
  default     = "multi-region-failover"
}

variable "log_retention_days" {
  description = "Days to keep the function logs and the API access logs in each Region."
  type        = number
  default     = 14
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second each route accepts before answering 429. The API is public, so this also caps the bill."
  type        = number
  default     = 10
}

variable "throttling_burst_limit" {
  description = "Requests each route accepts in a short burst above the rate limit."
  type        = number
  default     = 20
}

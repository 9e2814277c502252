variable "name" {
  description = "Prefix of the physical names; the Region is appended, so both instances can share an account."
  type        = string
}

variable "failover_role" {
  description = "PRIMARY or SECONDARY: the role of this Region's failover record."
  type        = string

  validation {
    condition     = contains(["PRIMARY", "SECONDARY"], var.failover_role)
    error_message = "failover_role must be PRIMARY or SECONDARY."
  }
}

variable "table_name" {
  description = "Name of the global table, which has a replica in this Region."
  type        = string
}

variable "domain_name" {
  description = "The name clients call, served by the API in every Region."
  type        = string
}

variable "hosted_zone_id" {
  description = "ID of the public Route 53 hosted zone that domain_name belongs to."
  type        = string
}

variable "function_zip" {
  description = "Path of the zipped function code (../src)."
  type        = string
}

variable "function_zip_hash" {
  description = "Base64 SHA-256 of the zip, so a code change updates the function."
  type        = string
}

variable "log_retention_days" {
  description = "Days to keep the function logs and the API access logs."
  type        = number
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second each route accepts before answering 429."
  type        = number
}

variable "throttling_burst_limit" {
  description = "Requests each route accepts in a short burst above the rate limit."
  type        = number
}

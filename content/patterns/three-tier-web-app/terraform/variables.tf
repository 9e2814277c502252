variable "region" {
  description = "AWS Region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "container_image" {
  description = "Image of your API, which must answer GET /api/health with 200 on port 80 and run on arm64. null runs a placeholder: nginx answering /api/health with {\"status\":\"ok\"}."
  type        = string
  default     = null
}

variable "desired_count" {
  description = "Number of API tasks; 2 puts one in each Availability Zone."
  type        = number
  default     = 2
}

variable "min_capacity" {
  description = "Lowest capacity of each database instance, in Aurora capacity units (ACUs, about 2 GiB of memory each). 0 pauses the database when idle; the next request then waits about 15 seconds."
  type        = number
  default     = 0.5
}

variable "max_capacity" {
  description = "Highest capacity of each database instance, in ACUs."
  type        = number
  default     = 4
}

variable "deletion_protection" {
  description = "Stops anyone, Terraform included, from deleting the database. Apply once with false before terraform destroy."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Days to keep the VPC flow logs and the API logs."
  type        = number
  default     = 14
}

variable "access_log_retention_days" {
  description = "Days to keep the CloudFront and S3 access logs in the logs bucket."
  type        = number
  default     = 90
}

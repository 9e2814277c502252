variable "region" {
  description = "AWS Region for both buckets."
  type        = string
  default     = "us-east-1"
}

variable "intelligent_tiering_after_days" {
  description = "Days after upload before objects move to S3 Intelligent-Tiering. 0 moves them at the next lifecycle run; Intelligent-Tiering has no minimum storage duration."
  type        = number
  default     = 0

  validation {
    condition     = var.intelligent_tiering_after_days >= 0 && floor(var.intelligent_tiering_after_days) == var.intelligent_tiering_after_days
    error_message = "intelligent_tiering_after_days must be a whole number of days, 0 or more."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days an overwritten or deleted version is kept before it is deleted for good."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days
    error_message = "noncurrent_version_expiration_days must be a whole number of days, 1 or more."
  }
}

variable "abort_incomplete_multipart_upload_days" {
  description = "Days after a multipart upload starts before its parts are deleted if it never completed."
  type        = number
  default     = 7

  validation {
    condition     = var.abort_incomplete_multipart_upload_days >= 1 && floor(var.abort_incomplete_multipart_upload_days) == var.abort_incomplete_multipart_upload_days
    error_message = "abort_incomplete_multipart_upload_days must be a whole number of days, 1 or more."
  }
}

variable "temporary_prefix" {
  description = "Key prefix of scratch objects that expire on their own, such as tmp/."
  type        = string
  default     = "tmp/"

  validation {
    condition     = length(var.temporary_prefix) > 0
    error_message = "temporary_prefix must not be empty; an empty prefix would expire every object."
  }
}

variable "temporary_object_expiration_days" {
  description = "Days after upload before objects under temporary_prefix expire."
  type        = number
  default     = 7

  validation {
    condition     = var.temporary_object_expiration_days >= 1 && floor(var.temporary_object_expiration_days) == var.temporary_object_expiration_days
    error_message = "temporary_object_expiration_days must be a whole number of days, 1 or more."
  }
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

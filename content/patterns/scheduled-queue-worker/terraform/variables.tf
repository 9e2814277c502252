variable "region" {
  description = "AWS Region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "schedule_expression" {
  description = "When the schedule puts a job on the queue: a cron(...) or rate(...) expression. The default runs every hour on the hour; cron(0 2 * * ? *) runs daily at 02:00 in schedule_timezone."
  type        = string
  default     = "cron(0 * * * ? *)"

  validation {
    condition     = can(regex("^(cron|rate)\\(.+\\)$", var.schedule_expression))
    error_message = "schedule_expression must be a cron(...) or rate(...) expression."
  }
}

variable "schedule_timezone" {
  description = "IANA time zone in which the cron expression is read, for example Europe/Berlin; the schedule follows its daylight saving time."
  type        = string
  default     = "Etc/UTC"
}

variable "max_receive_count" {
  description = "Times the worker may receive a job without finishing it before SQS moves the job to the dead-letter queue."
  type        = number
  default     = 5

  validation {
    condition     = var.max_receive_count >= 1 && var.max_receive_count <= 1000
    error_message = "max_receive_count must be between 1 and 1000."
  }
}

variable "log_retention_days" {
  description = "Days to keep the worker function's logs."
  type        = number
  default     = 14
}

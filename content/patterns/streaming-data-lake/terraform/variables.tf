variable "region" {
  description = "AWS Region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "log_retention_days" {
  description = "Days to keep the Firehose error logs."
  type        = number
  default     = 14
}

variable "buffer_interval_seconds" {
  description = "Seconds Firehose buffers records before it writes a file, unless the buffer fills first. Shorter means fresher data and more, smaller files."
  type        = number
  default     = 60
}

variable "buffer_size_mb" {
  description = "MiB Firehose buffers before it writes a file, unless the interval ends first. At least 64, so that at volume each Parquet file holds enough rows to scan efficiently."
  type        = number
  default     = 64
}

variable "results_retention_days" {
  description = "Days to keep Athena query results before S3 deletes them."
  type        = number
  default     = 7
}

variable "bytes_scanned_cutoff_per_query" {
  description = "Bytes one query may scan before Athena cancels it (10 GiB by default): a ceiling on the cost of a single query."
  type        = number
  default     = 10737418240
}

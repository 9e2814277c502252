# Firehose (Direct PUT) -> JSON converted to Parquet with a Glue table's schema -> S3, one
# partition per day -> Athena workgroup. Resource names are the snake_case of the logical IDs in
# the CDK and CloudFormation variants (DataBucket -> data_bucket), so the three variants line up.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

resource "random_id" "suffix" {
  byte_length = 4
}

locals {
  # Prefix of every physical name. The random suffix lets two copies share an account.
  name = "streaming-data-lake-${random_id.suffix.hex}"
  tags = {
    Pattern = "streaming-data-lake"
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

################################################################################
# S3: the data lake
################################################################################

# Firehose already logs every delivery error, and the table is the record of what arrived, so
# the bucket has no server access logs.
resource "aws_s3_bucket" "data_bucket" {
  bucket_prefix = "streaming-data-lake-data-"
  # `terraform destroy` deletes the bucket only when it is empty (see the README's clean-up step).
}

resource "aws_s3_bucket_public_access_block" "data_bucket" {
  bucket                  = aws_s3_bucket.data_bucket.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# SSE-S3. Switch to SSE-KMS with a customer managed key if you must control who can decrypt;
# the Firehose role and every Athena user then also need kms:Decrypt and kms:GenerateDataKey.
resource "aws_s3_bucket_server_side_encryption_configuration" "data_bucket" {
  bucket = aws_s3_bucket.data_bucket.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_ownership_controls" "data_bucket" {
  bucket = aws_s3_bucket.data_bucket.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# Versioning lets you restore a file that a mistaken delete removed; old versions expire.
resource "aws_s3_bucket_versioning" "data_bucket" {
  bucket = aws_s3_bucket.data_bucket.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "data_bucket" {
  bucket = aws_s3_bucket.data_bucket.id

  rule {
    id     = "ExpireOldVersions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }

  # Firehose writes large files in parts; a delivery that never completes leaves parts that are
  # billed as storage until they are removed.
  rule {
    id     = "AbortIncompleteUploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  # Records Firehose could not convert, kept long enough to inspect and send again.
  rule {
    id     = "ExpireErrors"
    status = "Enabled"

    filter {
      prefix = "errors/"
    }

    expiration {
      days = 30
    }
  }

  depends_on = [aws_s3_bucket_versioning.data_bucket]
}

resource "aws_s3_bucket_policy" "data_bucket_policy" {
  bucket = aws_s3_bucket.data_bucket.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # TLS only, and TLS 1.2 or later.
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.data_bucket.arn, "${aws_s3_bucket.data_bucket.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.data_bucket.arn, "${aws_s3_bucket.data_bucket.arn}/*"]
        Condition = { NumericLessThan = { "s3:TlsVersion" = 1.2 } }
      },
    ]
  })

  # S3 rejects a bucket policy while the public access block is still being applied.
  depends_on = [aws_s3_bucket_public_access_block.data_bucket]
}

################################################################################
# S3: Athena query results
################################################################################

# Query results are copies of data already in the lake, kept for a few days only.
resource "aws_s3_bucket" "results_bucket" {
  bucket_prefix = "streaming-data-lake-results-"
}

resource "aws_s3_bucket_public_access_block" "results_bucket" {
  bucket                  = aws_s3_bucket.results_bucket.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "results_bucket" {
  bucket = aws_s3_bucket.results_bucket.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_ownership_controls" "results_bucket" {
  bucket = aws_s3_bucket.results_bucket.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "results_bucket" {
  bucket = aws_s3_bucket.results_bucket.id

  rule {
    id     = "ExpireResults"
    status = "Enabled"

    filter {}

    expiration {
      days = var.results_retention_days
    }
  }

  rule {
    id     = "AbortIncompleteUploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

resource "aws_s3_bucket_policy" "results_bucket_policy" {
  bucket = aws_s3_bucket.results_bucket.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.results_bucket.arn, "${aws_s3_bucket.results_bucket.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.results_bucket.arn, "${aws_s3_bucket.results_bucket.arn}/*"]
        Condition = { NumericLessThan = { "s3:TlsVersion" = 1.2 } }
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.results_bucket]
}

################################################################################
# Glue Data Catalog
################################################################################

# Athena names allow no hyphens, so the database name uses underscores.
resource "aws_glue_catalog_database" "glue_database" {
  name        = "streaming_data_lake_${random_id.suffix.hex}"
  description = "Streaming data lake"
}

# The one place this variant declares the columns: Firehose converts each JSON record with this
# schema, and Athena reads the Parquet files with it.
resource "aws_glue_catalog_table" "events_table" {
  database_name = aws_glue_catalog_database.glue_database.name
  name          = "events"
  description   = "Events delivered by Firehose as Parquet, one partition per day (UTC)"
  table_type    = "EXTERNAL_TABLE"

  partition_keys {
    name = "dt"
    type = "string"
  }

  storage_descriptor {
    location      = "s3://${aws_s3_bucket.data_bucket.id}/data/"
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

    ser_de_info {
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
    }

    columns {
      name = "event_id"
      type = "string"
    }
    columns {
      name = "event_type"
      type = "string"
    }
    columns {
      name = "user_id"
      type = "string"
    }
    columns {
      name = "amount"
      type = "double"
    }
    columns {
      name = "event_time"
      type = "timestamp"
    }
  }

  # Partition projection: Athena computes the day partitions from these settings instead of
  # reading them from the catalog, so a new day is queryable as soon as Firehose writes it, with
  # no crawler and no ALTER TABLE ADD PARTITION.
  parameters = {
    "classification"              = "parquet"
    "projection.enabled"          = "true"
    "projection.dt.type"          = "date"
    "projection.dt.format"        = "yyyy-MM-dd"
    "projection.dt.range"         = "2026-01-01,NOW"
    "projection.dt.interval"      = "1"
    "projection.dt.interval.unit" = "DAYS"
    "storage.location.template"   = "s3://${aws_s3_bucket.data_bucket.id}/data/dt=$${dt}/"
  }
}

################################################################################
# Firehose
################################################################################

# Created before the stream, so retention applies from the first error.
resource "aws_cloudwatch_log_group" "firehose_log_group" {
  name              = "/aws/kinesisfirehose/${local.name}"
  retention_in_days = var.log_retention_days
}

# Firehose writes delivery and conversion errors to this stream; it does not create it itself.
resource "aws_cloudwatch_log_stream" "firehose_log_stream" {
  name           = "DestinationDelivery"
  log_group_name = aws_cloudwatch_log_group.firehose_log_group.name
}

data "aws_iam_policy_document" "firehose_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["firehose.amazonaws.com"]
    }

    # Firehose passes the account ID as the external ID: only streams of this account can use
    # the role.
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "firehose_role" {
  name_prefix        = "streaming-data-lake-"
  description        = "Lets the Firehose stream write to the data bucket, read the table schema and log errors"
  assume_role_policy = data.aws_iam_policy_document.firehose_assume_role.json
}

data "aws_iam_policy_document" "firehose_delivery" {
  # Firehose writes objects under keys it generates, so the objects need the bucket's /*; this
  # bucket only.
  statement {
    sid       = "WriteDataObjects"
    actions   = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.data_bucket.arn}/*"]
  }

  statement {
    sid       = "ListDataBucket"
    actions   = ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"]
    resources = [aws_s3_bucket.data_bucket.arn]
  }

  # The table's schema for format conversion. Glue checks a table read against the catalog, the
  # database and the table, so all three are named.
  statement {
    sid     = "ReadTableSchema"
    actions = ["glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"]
    resources = [
      "arn:${data.aws_partition.current.partition}:glue:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:catalog",
      aws_glue_catalog_database.glue_database.arn,
      aws_glue_catalog_table.events_table.arn,
    ]
  }

  statement {
    sid       = "WriteErrorLogs"
    actions   = ["logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.firehose_log_group.arn}:*"]
  }
}

resource "aws_iam_role_policy" "firehose_role_default_policy" {
  name   = "firehose-delivery"
  role   = aws_iam_role.firehose_role.id
  policy = data.aws_iam_policy_document.firehose_delivery.json
}

resource "aws_kinesis_firehose_delivery_stream" "delivery_stream" {
  name = local.name
  # Without a kinesis_source_configuration or msk_source_configuration block, the source is
  # Direct PUT: producers call PutRecord and PutRecordBatch on the stream itself.
  destination = "extended_s3"

  # Records are encrypted while Firehose holds them, with a key AWS owns and manages (no key
  # fee, no key policy).
  server_side_encryption {
    enabled  = true
    key_type = "AWS_OWNED_CMK"
  }

  extended_s3_configuration {
    bucket_arn = aws_s3_bucket.data_bucket.arn
    role_arn   = aws_iam_role.firehose_role.arn
    # Hive-style daily partitions (UTC), the layout the table's partition projection expects.
    prefix = "data/dt=!{timestamp:yyyy-MM-dd}/"
    # Records that fail conversion land here, one folder per error type and day.
    error_output_prefix = "errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/"
    # A file every 60 seconds or every 64 MiB, whichever comes first.
    buffering_interval = var.buffer_interval_seconds
    buffering_size     = var.buffer_size_mb
    # Parquet compresses its own pages (Snappy, below), so the files are not compressed again.
    compression_format = "UNCOMPRESSED"

    cloudwatch_logging_options {
      enabled         = true
      log_group_name  = aws_cloudwatch_log_group.firehose_log_group.name
      log_stream_name = aws_cloudwatch_log_stream.firehose_log_stream.name
    }

    data_format_conversion_configuration {
      enabled = true

      input_format_configuration {
        deserializer {
          # Reads ISO 8601 times such as 2026-12-07T10:00:00Z into the timestamp column.
          open_x_json_ser_de {}
        }
      }

      output_format_configuration {
        serializer {
          parquet_ser_de {
            compression = "SNAPPY"
          }
        }
      }

      schema_configuration {
        catalog_id    = data.aws_caller_identity.current.account_id
        database_name = aws_glue_catalog_database.glue_database.name
        table_name    = aws_glue_catalog_table.events_table.name
        region        = data.aws_region.current.region
        role_arn      = aws_iam_role.firehose_role.arn
        version_id    = "LATEST"
      }
    }
  }

  # Without the policy in place, the first deliveries could fail to read the schema or write.
  depends_on = [aws_iam_role_policy.firehose_role_default_policy]
}

################################################################################
# Athena
################################################################################

resource "aws_athena_workgroup" "athena_work_group" {
  name        = "${local.name}-workgroup"
  description = "Queries the streaming data lake"
  state       = "ENABLED"
  # `terraform destroy` deletes the workgroup with its saved queries.
  force_destroy = true

  configuration {
    # Every query in this workgroup writes its results here, encrypted, whatever the client asks for.
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true
    bytes_scanned_cutoff_per_query     = var.bytes_scanned_cutoff_per_query

    engine_version {
      selected_engine_version = "Athena engine version 3"
    }

    result_configuration {
      output_location = "s3://${aws_s3_bucket.results_bucket.id}/results/"

      encryption_configuration {
        encryption_option = "SSE_S3"
      }
    }
  }
}

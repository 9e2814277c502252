# A versioned S3 bucket whose lifecycle rules keep only the data you need, in the storage class
# that fits how it is used: objects move to S3 Intelligent-Tiering, old versions and scratch
# objects expire, and incomplete multipart uploads are cleaned up. Resource names are the
# snake_case of the logical IDs in the CDK and CloudFormation variants (DataBucket -> data_bucket),
# so the three variants line up.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

# For the log delivery condition: ARNs of S3 buckets carry no account ID.
data "aws_caller_identity" "current" {}

locals {
  tags = {
    Snippet = "s3-lifecycle"
  }
}

################################################################################
# S3: access logs
################################################################################

# It does not log its own access: that would only record log deliveries.
resource "aws_s3_bucket" "logs_bucket" {
  bucket_prefix = "s3-lifecycle-logs-"
  # `terraform destroy` deletes the bucket only when it is empty (see the README's clean-up step).
}

resource "aws_s3_bucket_public_access_block" "logs_bucket" {
  bucket                  = aws_s3_bucket.logs_bucket.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# SSE-S3: S3 server access logging does not support a destination bucket whose default
# encryption is SSE-KMS.
resource "aws_s3_bucket_server_side_encryption_configuration" "logs_bucket" {
  bucket = aws_s3_bucket.logs_bucket.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# ACLs off: log delivery is granted by the bucket policy below.
resource "aws_s3_bucket_ownership_controls" "logs_bucket" {
  bucket = aws_s3_bucket.logs_bucket.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# Logs are data too: keep them as long as an investigation needs, then let them go.
resource "aws_s3_bucket_lifecycle_configuration" "logs_bucket" {
  bucket = aws_s3_bucket.logs_bucket.id

  rule {
    id     = "ExpireLogs"
    status = "Enabled"

    filter {}

    expiration {
      days = var.log_retention_days
    }
  }
}

resource "aws_s3_bucket_policy" "logs_bucket_policy" {
  bucket = aws_s3_bucket.logs_bucket.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # TLS only, and TLS 1.2 or later.
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.logs_bucket.arn, "${aws_s3_bucket.logs_bucket.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.logs_bucket.arn, "${aws_s3_bucket.logs_bucket.arn}/*"]
        Condition = { NumericLessThan = { "s3:TlsVersion" = 1.2 } }
      },
      # S3 server access logs of the data bucket, and of no other bucket.
      {
        Effect    = "Allow"
        Principal = { Service = "logging.s3.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.logs_bucket.arn}/s3-access/*"
        Condition = {
          ArnLike      = { "aws:SourceArn" = aws_s3_bucket.data_bucket.arn }
          StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
        }
      },
    ]
  })

  # S3 rejects a bucket policy while the public access block is still being applied.
  depends_on = [aws_s3_bucket_public_access_block.logs_bucket]
}

################################################################################
# S3: data
################################################################################

resource "aws_s3_bucket" "data_bucket" {
  bucket_prefix = "s3-lifecycle-"
}

resource "aws_s3_bucket_public_access_block" "data_bucket" {
  bucket                  = aws_s3_bucket.data_bucket.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

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

# Versioning protects against overwrites and deletes; the rules below stop old versions from
# piling up for ever.
resource "aws_s3_bucket_versioning" "data_bucket" {
  bucket = aws_s3_bucket.data_bucket.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_logging" "data_bucket" {
  bucket        = aws_s3_bucket.data_bucket.id
  target_bucket = aws_s3_bucket.logs_bucket.id
  target_prefix = "s3-access/"
}

resource "aws_s3_bucket_lifecycle_configuration" "data_bucket" {
  bucket = aws_s3_bucket.data_bucket.id

  # Intelligent-Tiering rather than Standard-IA or Glacier Instant Retrieval: it moves each object
  # between access tiers as its use changes, with no retrieval fee and no minimum storage
  # duration. Standard-IA and Glacier Instant Retrieval pay off only for data you know stays
  # cold; read it early and retrieval fees and minimum-duration charges apply. S3 does not
  # transition objects smaller than 128 KB.
  rule {
    id     = "TransitionToIntelligentTiering"
    status = "Enabled"

    filter {}

    transition {
      days          = var.intelligent_tiering_after_days
      storage_class = "INTELLIGENT_TIERING"
    }
  }

  # Old versions are kept long enough to undo a mistake, then deleted. Delete markers left with
  # no versions behind them are removed too.
  rule {
    id     = "ExpireNoncurrentVersions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_expiration_days
    }

    expiration {
      expired_object_delete_marker = true
    }
  }

  # Parts of uploads that never completed are stored and billed but invisible in listings.
  rule {
    id     = "AbortIncompleteMultipartUploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = var.abort_incomplete_multipart_upload_days
    }
  }

  # Scratch data expires on its own, so nobody has to remember to delete it.
  rule {
    id     = "ExpireTemporaryObjects"
    status = "Enabled"

    filter {
      prefix = var.temporary_prefix
    }

    expiration {
      days = var.temporary_object_expiration_days
    }
  }

  # Noncurrent-version rules need versioning to be on first.
  depends_on = [aws_s3_bucket_versioning.data_bucket]
}

resource "aws_s3_bucket_policy" "data_bucket_policy" {
  bucket = aws_s3_bucket.data_bucket.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
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

  depends_on = [aws_s3_bucket_public_access_block.data_bucket]
}

# An S3 bucket whose objects are encrypted with a customer managed KMS key (SSE-KMS with an S3
# Bucket Key), reachable only over TLS 1.2 or later, with server access logs in a second bucket.
# Resource names are the snake_case of the logical IDs in the CDK and CloudFormation variants
# (DataBucket -> data_bucket), so the three variants line up.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

# For the key policy and the log delivery condition: ARNs of S3 buckets carry no account ID.
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  tags = {
    Snippet = "kms-encrypted-bucket"
  }
}

################################################################################
# KMS: the bucket's key
################################################################################

# A customer managed key rather than the AWS managed aws/s3 key: its key policy is yours to
# write, you can disable it to make every object unreadable at once, and CloudTrail records each
# use of it.
resource "aws_kms_key" "data_key" {
  description = "Encrypts the objects in the KMS-encrypted data bucket"
  # New key material every 365 days (the KMS default); old material still decrypts old objects.
  enable_key_rotation = true
  # A sample leaves nothing behind: the key is deleted 7 days after terraform destroy. For real
  # data add lifecycle { prevent_destroy = true }, because objects encrypted with a deleted key
  # can never be read again.
  deletion_window_in_days = 7

  # The default key policy, written out: it lets this account's IAM policies grant access to the
  # key, and grants nobody access by itself. Without it, no IAM policy could ever grant access.
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
    ]
  })
}

# name_prefix makes the alias unique, so a second copy of this configuration does not collide.
resource "aws_kms_alias" "data_key_alias" {
  name_prefix   = "alias/kms-encrypted-bucket-"
  target_key_id = aws_kms_key.data_key.arn
}

################################################################################
# S3: access logs
################################################################################

# It does not log its own access: that would only record log deliveries.
resource "aws_s3_bucket" "logs_bucket" {
  bucket_prefix = "kms-encrypted-bucket-logs-"
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
  bucket_prefix = "kms-encrypted-bucket-"
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
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data_key.arn
    }

    # S3 asks KMS for a short-lived bucket-level key and derives object keys from it, instead of
    # calling KMS for every object: fewer KMS requests to pay for and to be throttled on.
    bucket_key_enabled = true
    # SSE-C would encrypt with a key sent in each request, outside KMS and the key policy.
    blocked_encryption_types = ["SSE-C"]
  }
}

resource "aws_s3_bucket_ownership_controls" "data_bucket" {
  bucket = aws_s3_bucket.data_bucket.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# Versioning keeps overwritten and deleted objects, so a mistake or a ransomware-style overwrite
# can be undone. Old versions stay until a lifecycle rule expires them.
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
      # Default encryption applies only when an upload names no encryption. An upload that asks
      # for SSE-S3, another KMS key, or aws:kms without a key (which S3 answers with the AWS
      # managed aws/s3 key) would bypass this key, so it is denied. Uploads without encryption
      # headers, and uploads that name this key's ARN, pass. StringNotEquals is true when the key
      # ID header is missing, so "aws:kms" alone is denied too.
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.data_bucket.arn}/*"
        Condition = {
          Null            = { "s3:x-amz-server-side-encryption" = "false" }
          StringNotEquals = { "s3:x-amz-server-side-encryption-aws-kms-key-id" = aws_kms_key.data_key.arn }
        }
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.data_bucket]
}

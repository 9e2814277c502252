# S3 upload -> EventBridge rule -> Lambda function -> DynamoDB table and SQS queue.
# Resource names are the snake_case of the logical IDs in the CDK and CloudFormation
# variants (ObjectsTable -> objects_table), so the three variants line up.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

locals {
  # Prefix of every physical name. The upload bucket's generated name is unique, so a second
  # copy of this configuration in the same account does not collide.
  name = aws_s3_bucket.upload_bucket.id
  tags = {
    Pattern = "event-driven-pipeline"
  }
}

################################################################################
# S3
################################################################################

# The table already records every upload, so the bucket has no server access logs. For an
# audit trail of every request, reads included, turn on server access logs or CloudTrail data events.
resource "aws_s3_bucket" "upload_bucket" {
  bucket_prefix = "event-driven-pipeline-"
  # `terraform destroy` deletes the bucket only when it is empty (see the README's clean-up step).
}

resource "aws_s3_bucket_public_access_block" "upload_bucket" {
  bucket                  = aws_s3_bucket.upload_bucket.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# SSE-S3. Switch to SSE-KMS with a customer managed key if you must control who can decrypt.
resource "aws_s3_bucket_server_side_encryption_configuration" "upload_bucket" {
  bucket = aws_s3_bucket.upload_bucket.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_ownership_controls" "upload_bucket" {
  bucket = aws_s3_bucket.upload_bucket.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# Send every event of this bucket to EventBridge's default bus; the rule below picks the
# Object Created ones.
resource "aws_s3_bucket_notification" "upload_bucket" {
  bucket      = aws_s3_bucket.upload_bucket.id
  eventbridge = true
}

resource "aws_s3_bucket_policy" "upload_bucket_policy" {
  bucket = aws_s3_bucket.upload_bucket.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # TLS only, and TLS 1.2 or later.
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.upload_bucket.arn, "${aws_s3_bucket.upload_bucket.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.upload_bucket.arn, "${aws_s3_bucket.upload_bucket.arn}/*"]
        Condition = { NumericLessThan = { "s3:TlsVersion" = 1.2 } }
      },
    ]
  })

  # S3 rejects a bucket policy while the public access block is still being applied.
  depends_on = [aws_s3_bucket_public_access_block.upload_bucket]
}

################################################################################
# DynamoDB
################################################################################

resource "aws_dynamodb_table" "objects_table" {
  name = local.name
  # One item per object key; a newer upload of the same key replaces it (the function compares
  # S3 sequencers, so an older upload's late event does not).
  hash_key     = "objectKey"
  billing_mode = "PAY_PER_REQUEST"

  attribute {
    name = "objectKey"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  # Without kms_key_arn this is the AWS managed key (aws/dynamodb): every use of the key
  # shows in CloudTrail, with no key policy to write and no monthly key fee.
  server_side_encryption {
    enabled = true
  }

  # `terraform destroy` deletes the table and its data, as a sample should. For real data set
  # deletion_protection_enabled = true and add lifecycle { prevent_destroy = true }.
}

################################################################################
# SQS
################################################################################

# SSE-SQS on every queue: encrypted at rest with no key to manage. EventBridge cannot send to a
# queue encrypted with the AWS managed aws/sqs key, and a customer managed key would need a key
# policy for EventBridge and Lambda.
resource "aws_sqs_queue" "downstream_dead_letter_queue" {
  name                    = "${local.name}-downstream-dlq"
  sqs_managed_sse_enabled = true
  # The longest SQS allows (14 days), to give you time to inspect and redrive.
  message_retention_seconds = 1209600
}

resource "aws_sqs_queue_policy" "downstream_dead_letter_queue_policy" {
  queue_url = aws_sqs_queue.downstream_dead_letter_queue.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "sqs:*"
        Resource  = aws_sqs_queue.downstream_dead_letter_queue.arn
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

resource "aws_sqs_queue" "downstream_queue" {
  name                    = "${local.name}-downstream"
  sqs_managed_sse_enabled = true
  # How long a consumer has to process and delete a message before another can receive it.
  visibility_timeout_seconds = 60

  # A message that consumers fail to process max_receive_count times moves to the dead-letter queue.
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.downstream_dead_letter_queue.arn
    maxReceiveCount     = var.max_receive_count
  })
}

resource "aws_sqs_queue_policy" "downstream_queue_policy" {
  queue_url = aws_sqs_queue.downstream_queue.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "sqs:*"
        Resource  = aws_sqs_queue.downstream_queue.arn
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

# Events the pipeline could not record: EventBridge puts here what it cannot deliver to the
# function, and Lambda what still fails after its two retries. It is itself a dead-letter
# queue, so it has none of its own.
resource "aws_sqs_queue" "failed_events_queue" {
  name                      = "${local.name}-failed-events"
  sqs_managed_sse_enabled   = true
  message_retention_seconds = 1209600
}

resource "aws_sqs_queue_policy" "failed_events_queue_policy" {
  queue_url = aws_sqs_queue.failed_events_queue.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "sqs:*"
        Resource  = aws_sqs_queue.failed_events_queue.arn
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      # Only this rule may put undeliverable events here.
      {
        Sid       = "AllowObjectCreatedRule"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sqs:SendMessage"
        Resource  = aws_sqs_queue.failed_events_queue.arn
        Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.object_created_rule.arn } }
      },
    ]
  })
}

################################################################################
# Lambda
################################################################################

data "archive_file" "function" {
  type        = "zip"
  source_dir  = "${path.module}/../src"
  output_path = "${path.module}/build/function.zip"
}

# Created before the function, so retention applies from the first log line.
resource "aws_cloudwatch_log_group" "processor_function_log_group" {
  name              = "/aws/lambda/${local.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role" "processor_function_role" {
  name_prefix = "event-driven-pipeline-"
  description = "Lets the processor function log, record uploads and send messages"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "lambda.amazonaws.com" }
        Action    = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy" "processor_function_role_default_policy" {
  name = "processor-function"
  role = aws_iam_role.processor_function_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # Instead of the AWS managed AWSLambdaBasicExecutionRole, which allows every log group.
      {
        Sid      = "WriteOwnLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.processor_function_log_group.arn}:*"
      },
      # The function's dead-letter queue.
      {
        Sid      = "SendFailedEvents"
        Effect   = "Allow"
        Action   = "sqs:SendMessage"
        Resource = aws_sqs_queue.failed_events_queue.arn
      },
      # Exactly the calls the code makes. The function's only table call is a PutItem with a
      # condition; checking the condition needs no read permission.
      {
        Sid      = "RecordObjects"
        Effect   = "Allow"
        Action   = "dynamodb:PutItem"
        Resource = aws_dynamodb_table.objects_table.arn
      },
      # SendMessage only: the code has the queue URL and calls nothing else on the queue.
      {
        Sid      = "SendDownstreamMessages"
        Effect   = "Allow"
        Action   = "sqs:SendMessage"
        Resource = aws_sqs_queue.downstream_queue.arn
      },
    ]
  })
}

resource "aws_lambda_function" "processor_function" {
  function_name = local.name
  description   = "Records each uploaded object and queues a message for downstream consumers"
  role          = aws_iam_role.processor_function_role.arn
  runtime       = "nodejs24.x"
  # Graviton: lower price per GB-second than x86 for the same code.
  architectures    = ["arm64"]
  handler          = "index.handler"
  filename         = data.archive_file.function.output_path
  source_code_hash = data.archive_file.function.output_base64sha256
  memory_size      = 256
  timeout          = 30

  environment {
    variables = {
      TABLE_NAME = aws_dynamodb_table.objects_table.name
      QUEUE_URL  = aws_sqs_queue.downstream_queue.url
    }
  }

  # EventBridge invokes the function asynchronously. After Lambda's two retries a failed event
  # goes here instead of being dropped.
  dead_letter_config {
    target_arn = aws_sqs_queue.failed_events_queue.arn
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.processor_function_log_group.name
  }

  # Without the policy in place, the first invocations could fail to log or to record.
  depends_on = [aws_iam_role_policy.processor_function_role_default_policy]
}

################################################################################
# EventBridge
################################################################################

resource "aws_cloudwatch_event_rule" "object_created_rule" {
  name        = local.name
  description = "Object Created events of the upload bucket, to the processor function"
  state       = "ENABLED"
  event_pattern = jsonencode({
    source        = ["aws.s3"]
    "detail-type" = ["Object Created"]
    detail = {
      bucket = { name = [aws_s3_bucket.upload_bucket.id] }
    }
  })
}

resource "aws_cloudwatch_event_target" "object_created_rule" {
  rule      = aws_cloudwatch_event_rule.object_created_rule.name
  target_id = "ProcessorFunction"
  arn       = aws_lambda_function.processor_function.arn

  # When EventBridge cannot invoke the function (throttled, deleted, no permission) it retries
  # for up to two hours, then puts the event in the failed-events queue.
  retry_policy {
    maximum_retry_attempts       = 10
    maximum_event_age_in_seconds = 7200
  }

  dead_letter_config {
    arn = aws_sqs_queue.failed_events_queue.arn
  }
}

# Lets this rule, and no other, invoke the function.
resource "aws_lambda_permission" "object_created_rule_permission" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.processor_function.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.object_created_rule.arn
}

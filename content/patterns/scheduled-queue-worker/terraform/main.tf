# EventBridge Scheduler schedule -> SQS job queue -> Lambda worker, with a dead-letter queue, an
# alarm on it and an encrypted SNS topic for the alarm. Resource names are the snake_case of the
# logical IDs in the CDK and CloudFormation variants (JobQueue -> job_queue), so the three
# variants line up.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

resource "random_id" "suffix" {
  byte_length = 4
}

locals {
  # Prefix of every physical name. The random suffix lets two copies share an account.
  name       = "scheduled-queue-worker-${random_id.suffix.hex}"
  account_id = data.aws_caller_identity.current.account_id
  tags = {
    Pattern = "scheduled-queue-worker"
  }

  # The worker's timeout, and from it the queue's visibility timeout: AWS recommends at least six
  # times the function timeout, which leaves Lambda time to retry a batch whose invocation was
  # throttled before the messages become visible again.
  worker_timeout = 10
}

################################################################################
# SQS
################################################################################

# SSE-SQS on every queue: encrypted at rest with no key to manage. EventBridge Scheduler and
# Lambda need no key permissions for it, as they would for a customer managed KMS key.
resource "aws_sqs_queue" "job_dead_letter_queue" {
  name                    = "${local.name}-jobs-dlq"
  sqs_managed_sse_enabled = true
  # The longest SQS allows (14 days), to give you time to read the failed jobs and redrive them.
  message_retention_seconds = 1209600
}

resource "aws_sqs_queue_policy" "job_dead_letter_queue_policy" {
  queue_url = aws_sqs_queue.job_dead_letter_queue.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "sqs:*"
        Resource  = aws_sqs_queue.job_dead_letter_queue.arn
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

resource "aws_sqs_queue" "job_queue" {
  name                       = "${local.name}-jobs"
  sqs_managed_sse_enabled    = true
  visibility_timeout_seconds = local.worker_timeout * 6

  # A message the worker fails max_receive_count times moves to the dead-letter queue.
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.job_dead_letter_queue.arn
    maxReceiveCount     = var.max_receive_count
  })
}

resource "aws_sqs_queue_policy" "job_queue_policy" {
  queue_url = aws_sqs_queue.job_queue.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "sqs:*"
        Resource  = aws_sqs_queue.job_queue.arn
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

# Where EventBridge Scheduler puts a job it could not deliver after its retries (the queue
# deleted, the role's permission missing). It is itself a dead-letter queue, so it has none.
resource "aws_sqs_queue" "schedule_dead_letter_queue" {
  name                      = "${local.name}-schedule-dlq"
  sqs_managed_sse_enabled   = true
  message_retention_seconds = 1209600
}

resource "aws_sqs_queue_policy" "schedule_dead_letter_queue_policy" {
  queue_url = aws_sqs_queue.schedule_dead_letter_queue.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "sqs:*"
        Resource  = aws_sqs_queue.schedule_dead_letter_queue.arn
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

################################################################################
# EventBridge Scheduler
################################################################################

# The schedule's own role, which can do nothing but send messages to the job queue and to the
# schedule's dead-letter queue (EventBridge Scheduler sends failed deliveries with this role).
resource "aws_iam_role" "schedule_role" {
  name_prefix = "scheduled-queue-worker-"
  description = "Lets the job schedule send messages to the job queue and its own dead-letter queue"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "scheduler.amazonaws.com" }
        Action    = "sts:AssumeRole"
        # Only schedules in this account may use the role (confused deputy).
        Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
      },
    ]
  })
}

resource "aws_iam_role_policy" "schedule_role_default_policy" {
  name = "job-schedule"
  role = aws_iam_role.schedule_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "SendJobs"
        Effect   = "Allow"
        Action   = "sqs:SendMessage"
        Resource = [aws_sqs_queue.job_queue.arn, aws_sqs_queue.schedule_dead_letter_queue.arn]
      },
    ]
  })
}

resource "aws_scheduler_schedule" "job_schedule" {
  name        = local.name
  description = "Puts a heartbeat job on the job queue"
  # When the schedule runs, read in the time zone below (see variables.tf).
  schedule_expression          = var.schedule_expression
  schedule_expression_timezone = var.schedule_timezone
  state                        = "ENABLED"

  # Exactly on time, not spread over a window.
  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_sqs_queue.job_queue.arn
    role_arn = aws_iam_role.schedule_role.arn
    # The message body. Scheduler sends it as it is; the worker reads "task".
    input = jsonencode({ task = "heartbeat" })

    # An hourly job: retry for up to an hour, then set it aside in the dead-letter queue.
    retry_policy {
      maximum_retry_attempts       = 10
      maximum_event_age_in_seconds = 3600
    }

    dead_letter_config {
      arn = aws_sqs_queue.schedule_dead_letter_queue.arn
    }
  }

  # Without its policy, the first run could fail to send.
  depends_on = [aws_iam_role_policy.schedule_role_default_policy]
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
resource "aws_cloudwatch_log_group" "worker_function_log_group" {
  name              = "/aws/lambda/${local.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role" "worker_function_role" {
  name_prefix = "scheduled-queue-worker-"
  description = "Lets the worker function log and read the job queue"
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

resource "aws_iam_role_policy" "worker_function_role_default_policy" {
  name = "worker-function"
  role = aws_iam_role.worker_function_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # Instead of the AWS managed AWSLambdaBasicExecutionRole, which allows every log group.
      {
        Sid      = "WriteOwnLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.worker_function_log_group.arn}:*"
      },
      # The three calls Lambda's event source mapping makes with the function's role; the code
      # itself calls no AWS API.
      {
        Sid      = "ReadJobQueue"
        Effect   = "Allow"
        Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
        Resource = aws_sqs_queue.job_queue.arn
      },
    ]
  })
}

resource "aws_lambda_function" "worker_function" {
  function_name = local.name
  description   = "Runs the jobs on the job queue and reports the ones that failed"
  role          = aws_iam_role.worker_function_role.arn
  runtime       = "nodejs24.x"
  # Graviton: lower price per GB-second than x86 for the same code.
  architectures    = ["arm64"]
  handler          = "index.handler"
  filename         = data.archive_file.function.output_path
  source_code_hash = data.archive_file.function.output_base64sha256
  memory_size      = 256
  # The queue's visibility timeout is six times this.
  timeout = local.worker_timeout

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.worker_function_log_group.name
  }

  # Without the policy in place, the event source mapping below cannot be created and the first
  # invocations could fail to log.
  depends_on = [aws_iam_role_policy.worker_function_role_default_policy]
}

# Lambda polls the queue and invokes the function with up to ten messages. With
# ReportBatchItemFailures, only the messages the function lists in batchItemFailures go back to
# the queue; without it, one failure would return the whole batch.
resource "aws_lambda_event_source_mapping" "worker_event_source_mapping" {
  function_name           = aws_lambda_function.worker_function.arn
  event_source_arn        = aws_sqs_queue.job_queue.arn
  batch_size              = 10
  function_response_types = ["ReportBatchItemFailures"]
}

################################################################################
# Alarm
################################################################################

# Only alarms in this account may use the key and the topic: the service principal cannot be
# used on another account's behalf.
data "aws_iam_policy_document" "alarm_topic_key" {
  # The default statement: the account's IAM policies decide who may use the key.
  statement {
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "AllowCloudWatchAlarmsOfThisAccount"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

# A customer managed key, because CloudWatch cannot publish to a topic encrypted with the AWS
# managed aws/sns key: that key's policy cannot be changed to let CloudWatch use it.
resource "aws_kms_key" "alarm_topic_key" {
  description         = "Encrypts the dead-letter alarm notifications at rest in SNS"
  enable_key_rotation = true
  # Nothing else is encrypted with this key, so deleting it with the rest loses nothing.
  deletion_window_in_days = 7
  policy                  = data.aws_iam_policy_document.alarm_topic_key.json
}

resource "aws_sns_topic" "alarm_topic" {
  name              = "${local.name}-alarms"
  display_name      = "Failed jobs"
  kms_master_key_id = aws_kms_key.alarm_topic_key.arn
}

# A topic policy replaces the default one, so CloudWatch needs an explicit allow.
data "aws_iam_policy_document" "alarm_topic_policy" {
  # Denies publishing over plain HTTP (cdk-nag AwsSolutions-SNS3).
  statement {
    sid       = "AllowPublishThroughSSLOnly"
    effect    = "Deny"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alarm_topic.arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  statement {
    sid       = "AllowCloudWatchAlarmsOfThisAccount"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alarm_topic.arn]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_sns_topic_policy" "alarm_topic_policy" {
  arn    = aws_sns_topic.alarm_topic.arn
  policy = data.aws_iam_policy_document.alarm_topic_policy.json
}

# Any message in the dead-letter queue is a job that failed max_receive_count times. The maximum
# over five-minute periods, so a single message that reaches the queue raises the alarm. The OK
# action tells you that the dead-letter queue is empty again.
resource "aws_cloudwatch_metric_alarm" "dead_letter_alarm" {
  alarm_name        = "${local.name}-dead-letters"
  alarm_description = "Jobs failed and are in the dead-letter queue. Runbook: read them with aws sqs receive-message, find the cause in the worker log group, fix it, then redrive them with aws sqs start-message-move-task."
  namespace         = "AWS/SQS"
  metric_name       = "ApproximateNumberOfMessagesVisible"
  dimensions = {
    QueueName = aws_sqs_queue.job_dead_letter_queue.name
  }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  # A queue without messages publishes no data points, which is not a failure.
  treat_missing_data = "notBreaching"
  alarm_actions      = [aws_sns_topic.alarm_topic.arn]
  ok_actions         = [aws_sns_topic.alarm_topic.arn]
}

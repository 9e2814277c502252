# Alarms on the symptoms of an existing Lambda function (errors, throttles, a slow tail close to the
# timeout), a one-screen dashboard, and an encrypted SNS topic that receives every alarm.
# Resource names are the snake_case of the logical IDs in the CDK and CloudFormation variants
# (ErrorsAlarm -> errors_alarm), so the three variants line up.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  tags = {
    Snippet = "function-alarms"
  }

  # Lambda publishes its metrics once a minute per function; five-minute periods turn a burst of
  # failures into one notification instead of a stream of ALARM/OK emails.
  period = 300
}

################################################################################
# Encrypted topic
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
  description         = "Encrypts the alarm notifications of one Lambda function at rest in SNS"
  enable_key_rotation = true
  # Nothing else is encrypted with this key, so deleting it with the rest loses nothing.
  deletion_window_in_days = 7
  policy                  = data.aws_iam_policy_document.alarm_topic_key.json
}

resource "aws_sns_topic" "alarm_topic" {
  name_prefix       = "${var.function_name}-alarms-"
  display_name      = "Lambda function alarms"
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

# Email subscribers must confirm from the message SNS sends; until then nothing is delivered.
resource "aws_sns_topic_subscription" "alarm_email_subscription" {
  count = var.alarm_email == "" ? 0 : 1

  topic_arn = aws_sns_topic.alarm_topic.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

################################################################################
# Alarms (the OK action tells whoever is on call that the symptom is gone)
################################################################################

# Any failed invocation is a failure a caller saw (or a retry that may not succeed). For a
# function that fails now and then by design, alarm on Errors / Invocations instead.
resource "aws_cloudwatch_metric_alarm" "errors_alarm" {
  alarm_name          = "${var.function_name}-errors"
  alarm_description   = "Invocations of ${var.function_name} ended in a function error (exception, timeout or out of memory). Runbook: read the errors in the log group /aws/lambda/${var.function_name} and the X-Ray traces; if they began with a deployment, roll it back."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = var.function_name }
  statistic           = "Sum"
  period              = local.period
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  # No invocations means no data points, which is not a failure.
  treat_missing_data = "notBreaching"
  alarm_actions      = [aws_sns_topic.alarm_topic.arn]
  ok_actions         = [aws_sns_topic.alarm_topic.arn]
}

# A throttled request never ran: synchronous callers got an error, asynchronous events wait for
# retries. Any throttle means the function hit its concurrency limit.
resource "aws_cloudwatch_metric_alarm" "throttles_alarm" {
  alarm_name          = "${var.function_name}-throttles"
  alarm_description   = "Invocations of ${var.function_name} were throttled. Runbook: compare ConcurrentExecutions with the function's reserved concurrency and the account's concurrency quota; raise the limit or find what drove the traffic."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = var.function_name }
  statistic           = "Sum"
  period              = local.period
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]
  ok_actions          = [aws_sns_topic.alarm_topic.arn]
}

# p99 at 80% of the timeout leaves room to act before the slowest invocations are cut off (which
# would then count as errors). Three periods in a row, so one slow burst or a wave of cold starts
# does not page anyone. The timeout is an input, so this is a percentage.
resource "aws_cloudwatch_metric_alarm" "duration_alarm" {
  alarm_name          = "${var.function_name}-duration-near-timeout"
  alarm_description   = "The p99 duration of ${var.function_name} has stayed at 80% of its ${var.function_timeout_seconds}-second timeout or more for 15 minutes. Runbook: look for slow dependencies in the X-Ray traces and for a recent deployment; raise the timeout or memory only once the cause is known."
  evaluation_periods  = 3
  threshold           = 80
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]
  ok_actions          = [aws_sns_topic.alarm_topic.arn]

  metric_query {
    id          = "percentOfTimeout"
    label       = "Duration p99 as % of timeout"
    expression  = "100 * durationP99 / (1000 * ${var.function_timeout_seconds})"
    return_data = true
  }

  metric_query {
    id          = "durationP99"
    return_data = false

    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Duration"
      dimensions  = { FunctionName = var.function_name }
      stat        = "p99"
      period      = local.period
    }
  }
}

################################################################################
# Dashboard: the alarms' state on top, then traffic and errors, throttles and
# concurrency, and duration
################################################################################

resource "aws_cloudwatch_dashboard" "dashboard" {
  dashboard_name = "${var.function_name}-health"
  dashboard_body = jsonencode({
    widgets = [
      {
        type = "alarm", x = 0, y = 0, width = 24, height = 3
        properties = {
          title = "Alarms"
          alarms = [
            aws_cloudwatch_metric_alarm.errors_alarm.arn,
            aws_cloudwatch_metric_alarm.throttles_alarm.arn,
            aws_cloudwatch_metric_alarm.duration_alarm.arn,
          ]
        }
      },
      {
        type = "metric", x = 0, y = 3, width = 8, height = 6
        properties = {
          title = "Invocations and errors", view = "timeSeries", region = var.region, period = local.period
          metrics = [
            ["AWS/Lambda", "Invocations", "FunctionName", var.function_name, { stat = "Sum", label = "Invocations" }],
            ["AWS/Lambda", "Errors", "FunctionName", var.function_name, { stat = "Sum", label = "Errors" }],
          ]
        }
      },
      {
        type = "metric", x = 8, y = 3, width = 8, height = 6
        properties = {
          title = "Throttles and concurrency", view = "timeSeries", region = var.region, period = local.period
          metrics = [
            ["AWS/Lambda", "Throttles", "FunctionName", var.function_name, { stat = "Sum", label = "Throttles" }],
            ["AWS/Lambda", "ConcurrentExecutions", "FunctionName", var.function_name, { stat = "Maximum", label = "Concurrent executions (max)", yAxis = "right" }],
          ]
        }
      },
      {
        type = "metric", x = 16, y = 3, width = 8, height = 6
        properties = {
          title = "Duration (ms)", view = "timeSeries", region = var.region, period = local.period
          metrics = [
            ["AWS/Lambda", "Duration", "FunctionName", var.function_name, { stat = "p50", label = "Duration p50" }],
            ["AWS/Lambda", "Duration", "FunctionName", var.function_name, { stat = "p99", label = "Duration p99" }],
          ]
        }
      },
    ]
  })
}

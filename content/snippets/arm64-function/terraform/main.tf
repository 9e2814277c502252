# One Lambda function on arm64 (AWS Graviton), with its own log group, a role that can write only
# to that log group and to X-Ray, and active tracing. Resource names are the snake_case of the
# logical IDs in the CDK and CloudFormation variants (Arm64Function -> arm64_function).

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
  name = "arm64-function-${random_id.suffix.hex}"
  tags = {
    Snippet = "arm64-function"
  }
}

data "archive_file" "function" {
  type        = "zip"
  source_dir  = "${path.module}/../src"
  output_path = "${path.module}/build/function.zip"
}

# Created before the function, so retention applies from the first log line.
resource "aws_cloudwatch_log_group" "arm64_function_log_group" {
  name              = "/aws/lambda/${local.name}"
  retention_in_days = var.log_retention_days
}

data "aws_iam_policy_document" "lambda_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "arm64_function_role" {
  name_prefix        = "arm64-function-"
  description        = "Lets the arm64 function write its own logs and its X-Ray traces"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

data "aws_iam_policy_document" "arm64_function" {
  # Instead of the AWS managed AWSLambdaBasicExecutionRole, which allows every log group.
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.arm64_function_log_group.arn}:*"]
  }

  # X-Ray defines no resource types for these two write actions, so no narrower ARN exists.
  statement {
    sid       = "WriteTraces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "arm64_function_role_default_policy" {
  name   = "arm64-function"
  role   = aws_iam_role.arm64_function_role.id
  policy = data.aws_iam_policy_document.arm64_function.json
}

resource "aws_lambda_function" "arm64_function" {
  function_name = local.name
  description   = "CPU-bound sample workload for measuring arm64 and memory settings"
  role          = aws_iam_role.arm64_function_role.arn
  runtime       = "nodejs24.x"
  # Graviton: a lower price per GB-second than x86_64. Code without native binaries (plain
  # JavaScript, Python) runs unchanged; rebuild native dependencies for arm64.
  architectures    = ["arm64"]
  handler          = "index.handler"
  filename         = data.archive_file.function.output_path
  source_code_hash = data.archive_file.function.output_base64sha256
  memory_size      = var.memory_size
  timeout          = 30

  # X-Ray records each invocation, with its initialization and run time, so you can see where the
  # time goes before and after a change.
  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.arm64_function_log_group.name
  }

  # Without the policy in place, the first invocations could fail to log or to send traces.
  depends_on = [aws_iam_role_policy.arm64_function_role_default_policy]
}

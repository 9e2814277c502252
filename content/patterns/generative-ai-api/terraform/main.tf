# A Lambda function URL (IAM auth, response streaming) -> one Lambda function -> Amazon Bedrock
# ConverseStream, through a cross-Region inference profile, with an optional guardrail.
# Resource names are the snake_case of the logical IDs in the CDK and CloudFormation variants
# (ChatFunction -> chat_function), so the three variants line up.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

resource "random_id" "suffix" {
  byte_length = 4
}

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  # Prefix of every physical name. The random suffix lets two copies share an account.
  name = "generative-ai-api-${random_id.suffix.hex}"
  tags = {
    Pattern = "generative-ai-api"
  }

  # The profile is called from this Region, so its ARN names this Region and account.
  inference_profile_arn = "arn:${data.aws_partition.current.partition}:bedrock:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:inference-profile/${var.inference_profile_id}"
}

################################################################################
# Bedrock guardrail
################################################################################

# Applied by Bedrock inside the Converse call, to the prompt before the model sees it and to the
# answer before the caller does. The Classic tier, so every check runs in this Region.
# On by default: it costs nothing while idle, and an API that answers anyone holding the
# credentials should refuse harmful prompts and prompt attacks from the first request.
resource "aws_bedrock_guardrail" "guardrail" {
  count = var.enable_guardrail ? 1 : 0

  name                      = "${local.name}-guardrail"
  description               = "Content filters and one denied topic for the generative AI API"
  blocked_input_messaging   = "Sorry, I can't help with that request."
  blocked_outputs_messaging = "Sorry, I can't share that answer."

  content_policy_config {
    filters_config {
      type            = "SEXUAL"
      input_strength  = "HIGH"
      output_strength = "HIGH"
    }
    filters_config {
      type            = "VIOLENCE"
      input_strength  = "HIGH"
      output_strength = "HIGH"
    }
    filters_config {
      type            = "HATE"
      input_strength  = "HIGH"
      output_strength = "HIGH"
    }
    filters_config {
      type            = "INSULTS"
      input_strength  = "HIGH"
      output_strength = "HIGH"
    }
    filters_config {
      type            = "MISCONDUCT"
      input_strength  = "HIGH"
      output_strength = "HIGH"
    }
    # Prompt attacks (jailbreaks, injected instructions) exist only in prompts.
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = "HIGH"
      output_strength = "NONE"
    }
  }

  topic_policy_config {
    topics_config {
      name       = "Investment advice"
      type       = "DENY"
      definition = "Recommendations about which stocks, bonds, funds or cryptocurrencies to buy or sell, or how to invest money for a return."
      examples = [
        "Which stocks should I buy this year?",
        "Is now a good time to put my savings into bitcoin?",
      ]
    }
  }
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
resource "aws_cloudwatch_log_group" "chat_function_log_group" {
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

resource "aws_iam_role" "chat_function_role" {
  name_prefix        = "generative-ai-api-"
  description        = "Lets the generative AI API function write its logs and stream answers from one model"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

data "aws_iam_policy_document" "chat_function" {
  # Instead of the AWS managed AWSLambdaBasicExecutionRole, which allows every log group.
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.chat_function_log_group.arn}:*"]
  }

  # ConverseStream is authorised as bedrock:InvokeModelWithResponseStream: on the inference
  # profile the code names, and on the model in each Region the profile routes to, only when the
  # call comes through that profile.
  statement {
    sid       = "InvokeInferenceProfile"
    actions   = ["bedrock:InvokeModelWithResponseStream"]
    resources = [local.inference_profile_arn]
  }

  statement {
    sid       = "InvokeModelThroughProfile"
    actions   = ["bedrock:InvokeModelWithResponseStream"]
    resources = var.foundation_model_arns

    condition {
      test     = "StringEquals"
      variable = "bedrock:InferenceProfileArn"
      values   = [local.inference_profile_arn]
    }
  }

  # A guardrail named in guardrailConfig is applied with the caller's permission.
  dynamic "statement" {
    for_each = var.enable_guardrail ? [1] : []

    content {
      sid       = "ApplyGuardrail"
      actions   = ["bedrock:ApplyGuardrail"]
      resources = [aws_bedrock_guardrail.guardrail[0].guardrail_arn]
    }
  }
}

resource "aws_iam_role_policy" "chat_function_role_default_policy" {
  name   = "chat-function"
  role   = aws_iam_role.chat_function_role.id
  policy = data.aws_iam_policy_document.chat_function.json
}

resource "aws_lambda_function" "chat_function" {
  function_name = local.name
  description   = "Streams an Amazon Bedrock answer to each prompt"
  role          = aws_iam_role.chat_function_role.arn
  runtime       = "nodejs24.x"
  # Graviton: lower price per GB-second than x86 for the same code.
  architectures    = ["arm64"]
  handler          = "index.handler"
  filename         = data.archive_file.function.output_path
  source_code_hash = data.archive_file.function.output_base64sha256
  # The function mostly waits for the model, so little memory; the timeout covers the longest
  # answer MAX_TOKENS allows. A caller who hangs up does not stop the invocation.
  memory_size                    = 256
  timeout                        = 60
  reserved_concurrent_executions = var.reserved_concurrency

  environment {
    variables = {
      MODEL_ID          = var.inference_profile_id
      GUARDRAIL_ID      = var.enable_guardrail ? aws_bedrock_guardrail.guardrail[0].guardrail_id : ""
      GUARDRAIL_VERSION = var.enable_guardrail ? aws_bedrock_guardrail.guardrail[0].version : ""
      # The longest prompt accepted (characters) and the longest answer (tokens): both bound what
      # one request can cost.
      MAX_PROMPT_CHARS = "4000"
      MAX_TOKENS       = "1024"
    }
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.chat_function_log_group.name
  }

  # Without the policy in place, the first invocations could fail to log or to reach the model.
  depends_on = [aws_iam_role_policy.chat_function_role_default_policy]
}

# Only signed requests from IAM principals of this account that may call
# lambda:InvokeFunctionUrl and lambda:InvokeFunction get through; no resource policy opens it to
# anyone else. RESPONSE_STREAM sends each part of the answer as the model writes it.
resource "aws_lambda_function_url" "chat_function_url" {
  function_name      = aws_lambda_function.chat_function.function_name
  authorization_type = "AWS_IAM"
  invoke_mode        = "RESPONSE_STREAM"
}

# A Lambda function published as versions behind the alias "live", which an HTTP API invokes, and
# an AWS CodeDeploy deployment group that shifts the alias to each new version, stopped and rolled
# back by an alarm on the alias's errors.
#
# Terraform has no UpdatePolicy: it cannot hand an alias change to CodeDeploy the way
# CloudFormation does. So Terraform publishes each new version (publish = true) and leaves the
# alias where it is (ignore_changes below); you start the shift with `aws deploy create-deployment`
# and the revision in the output deployment_revision (see README.md).
#
# Resource names are the snake_case of the logical IDs in the CDK and CloudFormation variants
# (LiveAlias -> live_alias), so the three variants line up.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

data "aws_partition" "current" {}

resource "random_id" "suffix" {
  byte_length = 4
}

locals {
  # Prefix of every physical name. The random suffix lets two copies share an account.
  name = "lambda-canary-deployment-${random_id.suffix.hex}"
  tags = {
    Pattern = "lambda-canary-deployment"
  }
  alias_name = "live"
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
resource "aws_cloudwatch_log_group" "api_function_log_group" {
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

resource "aws_iam_role" "api_function_role" {
  name_prefix        = "lambda-canary-fn-"
  description        = "Lets the release function write its logs"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

# The function calls no AWS service, so writing its logs is all the role allows. Instead of the
# AWS managed AWSLambdaBasicExecutionRole, which allows every log group.
data "aws_iam_policy_document" "api_function" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.api_function_log_group.arn}:*"]
  }
}

resource "aws_iam_role_policy" "api_function_role_default_policy" {
  name   = "api-function"
  role   = aws_iam_role.api_function_role.id
  policy = data.aws_iam_policy_document.api_function.json
}

resource "aws_lambda_function" "api_function" {
  function_name = local.name
  description   = "Answers with the message of its release and the version that ran"
  role          = aws_iam_role.api_function_role.arn
  runtime       = "nodejs24.x"
  # Graviton: lower price per GB-second than x86 for the same code.
  architectures    = ["arm64"]
  handler          = "index.handler"
  filename         = data.archive_file.function.output_path
  source_code_hash = data.archive_file.function.output_base64sha256
  memory_size      = 128
  timeout          = 5

  # Publishes a new version whenever the code or the configuration changes, and keeps the earlier
  # ones: `version` is the newest. This is what AWS::Lambda::Version does in the other variants.
  publish = true

  environment {
    variables = {
      MESSAGE       = var.message
      FAIL_REQUESTS = tostring(var.fail_requests)
    }
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.api_function_log_group.name
  }

  # Without the policy in place, the first invocations could fail to log.
  depends_on = [aws_iam_role_policy.api_function_role_default_policy]
}

# Clients never call a version directly: the API invokes this alias. Terraform creates it on the
# first version and then leaves its version and weights to CodeDeploy: without ignore_changes, the
# next apply would move all traffic to the new version at once, or undo a shift in progress.
resource "aws_lambda_alias" "live_alias" {
  name             = local.alias_name
  description      = "The version clients get; AWS CodeDeploy shifts it to each new version"
  function_name    = aws_lambda_function.api_function.function_name
  function_version = aws_lambda_function.api_function.version

  lifecycle {
    ignore_changes = [function_version, routing_config]
  }
}

################################################################################
# CloudWatch alarm
################################################################################

# Errors of invocations through the alias (dimensions FunctionName and Resource =
# function:live), one-minute sums. During a shift the alias serves both versions, so any error
# stops the deployment: with no other traffic errors, they come from the new version.
resource "aws_cloudwatch_metric_alarm" "alias_errors_alarm" {
  alarm_name          = "${local.name}-alias-errors"
  alarm_description   = "Errors through the live alias: stops a CodeDeploy deployment and rolls it back"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  # No requests, no data: the alarm stays OK instead of blocking the next deployment.
  treat_missing_data = "notBreaching"

  dimensions = {
    FunctionName = aws_lambda_function.api_function.function_name
    Resource     = "${aws_lambda_function.api_function.function_name}:${aws_lambda_alias.live_alias.name}"
  }
}

################################################################################
# CodeDeploy
################################################################################

resource "aws_codedeploy_app" "deployment_application" {
  name             = local.name
  compute_platform = "Lambda"
}

data "aws_iam_policy_document" "codedeploy_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["codedeploy.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "deployment_group_service_role" {
  name_prefix        = "lambda-canary-deploy-"
  description        = "Lets AWS CodeDeploy shift the live alias and read the rollback alarm"
  assume_role_policy = data.aws_iam_policy_document.codedeploy_assume_role.json
}

# CodeDeploy's AWS managed policy for Lambda deployments, which reads and moves aliases, reads
# alarms and may invoke only hook functions named CodeDeployHook_*. AWS keeps it in step with the
# calls CodeDeploy makes.
resource "aws_iam_role_policy_attachment" "deployment_group_service_role_policy" {
  role       = aws_iam_role.deployment_group_service_role.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited"
}

resource "aws_codedeploy_deployment_group" "deployment_group" {
  app_name               = aws_codedeploy_app.deployment_application.name
  deployment_group_name  = local.name
  service_role_arn       = aws_iam_role.deployment_group_service_role.arn
  deployment_config_name = var.deployment_config_name

  # Every Lambda deployment is blue/green with traffic control: the alias moves between versions.
  deployment_style {
    deployment_type   = "BLUE_GREEN"
    deployment_option = "WITH_TRAFFIC_CONTROL"
  }

  alarm_configuration {
    enabled = true
    alarms  = [aws_cloudwatch_metric_alarm.alias_errors_alarm.alarm_name]
  }

  # Roll back when the deployment fails and when the alarm stops it; a deployment you stop by
  # hand leaves the alias where it is.
  auto_rollback_configuration {
    enabled = true
    events  = ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]
  }

  # A deployment must not start before CodeDeploy may use its role.
  depends_on = [aws_iam_role_policy_attachment.deployment_group_service_role_policy]
}

################################################################################
# API Gateway (HTTP API)
################################################################################

resource "aws_apigatewayv2_api" "http_api" {
  name          = local.name
  description   = "Answers with the release that the live alias sent the request to"
  protocol_type = "HTTP"
}

resource "aws_cloudwatch_log_group" "http_api_access_logs" {
  name              = "/aws/apigateway/${local.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_stage" "http_api_default_stage" {
  api_id      = aws_apigatewayv2_api.http_api.id
  name        = "$default"
  auto_deploy = true

  # The API is public, so a ceiling on requests is also a ceiling on the bill.
  default_route_settings {
    throttling_rate_limit  = var.throttling_rate_limit
    throttling_burst_limit = var.throttling_burst_limit
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.http_api_access_logs.arn
    format = jsonencode({
      requestId        = "$context.requestId"
      ip               = "$context.identity.sourceIp"
      requestTime      = "$context.requestTime"
      routeKey         = "$context.routeKey"
      status           = "$context.status"
      protocol         = "$context.protocol"
      responseLength   = "$context.responseLength"
      integrationError = "$context.integrationErrorMessage"
    })
  }
}

# The integration invokes the alias, never the function or a version: the alias's routing
# weights decide which version answers.
resource "aws_apigatewayv2_integration" "api_integration" {
  api_id                 = aws_apigatewayv2_api.http_api.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_alias.live_alias.arn
  payload_format_version = "2.0"
}

# Anyone can call this route. Before it serves real clients, add an authorizer
# (authorization_type = "JWT" with Amazon Cognito, or "AWS_IAM").
resource "aws_apigatewayv2_route" "get_message_route" {
  api_id    = aws_apigatewayv2_api.http_api.id
  route_key = "GET /"
  target    = "integrations/${aws_apigatewayv2_integration.api_integration.id}"
}

# Lets this API, and no other, invoke the alias (qualifier). A permission on the function alone
# would not cover calls to the alias.
resource "aws_lambda_permission" "api_permission" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api_function.function_name
  qualifier     = aws_lambda_alias.live_alias.name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http_api.execution_arn}/*/*/*"
}

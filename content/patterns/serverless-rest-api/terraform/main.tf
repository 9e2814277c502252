# API Gateway HTTP API -> one Lambda function -> one DynamoDB table.
# Resource names are the snake_case of the logical IDs in the CDK and CloudFormation
# variants (ItemsTable -> items_table), so the three variants line up.

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
  name = "serverless-rest-api-${random_id.suffix.hex}"
  tags = {
    Pattern = "serverless-rest-api"
  }

  routes = {
    list_items_route  = "GET /items"
    create_item_route = "POST /items"
    get_item_route    = "GET /items/{id}"
    delete_item_route = "DELETE /items/{id}"
  }
}

################################################################################
# DynamoDB
################################################################################

resource "aws_dynamodb_table" "items_table" {
  name = local.name
  # On-demand: no capacity to plan, and an idle sample costs nothing but storage.
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
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
  name_prefix        = "serverless-rest-api-"
  description        = "Lets the items API function write its logs and use the items table"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

data "aws_iam_policy_document" "api_function" {
  # Instead of the AWS managed AWSLambdaBasicExecutionRole, which allows every log group.
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.api_function_log_group.arn}:*"]
  }

  # Exactly the four calls the function makes (../src/index.js), on the table only: no batch
  # writes, updates, queries or stream reads it never uses.
  statement {
    sid = "ReadWriteItemsTable"
    actions = [
      "dynamodb:DeleteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Scan",
    ]
    resources = [aws_dynamodb_table.items_table.arn]
  }
}

resource "aws_iam_role_policy" "api_function_role_default_policy" {
  name   = "api-function"
  role   = aws_iam_role.api_function_role.id
  policy = data.aws_iam_policy_document.api_function.json
}

resource "aws_lambda_function" "api_function" {
  function_name = local.name
  description   = "Items API: list, read, create and delete items"
  role          = aws_iam_role.api_function_role.arn
  runtime       = "nodejs24.x"
  # Graviton: lower price per GB-second than x86 for the same code.
  architectures    = ["arm64"]
  handler          = "index.handler"
  filename         = data.archive_file.function.output_path
  source_code_hash = data.archive_file.function.output_base64sha256
  memory_size      = 256
  timeout          = 10

  environment {
    variables = {
      TABLE_NAME = aws_dynamodb_table.items_table.name
    }
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.api_function_log_group.name
  }

  # Without the policy in place, the first invocations could fail to log or to reach the table.
  depends_on = [aws_iam_role_policy.api_function_role_default_policy]
}

################################################################################
# API Gateway (HTTP API)
################################################################################

resource "aws_apigatewayv2_api" "http_api" {
  name          = local.name
  description   = "Items API"
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

resource "aws_apigatewayv2_integration" "api_integration" {
  api_id                 = aws_apigatewayv2_api.http_api.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.api_function.arn
  payload_format_version = "2.0"
}

# Anyone can call these routes. Before the table holds real data, add an authorizer
# (authorization_type = "JWT" with Amazon Cognito, or "AWS_IAM") to each route.
resource "aws_apigatewayv2_route" "routes" {
  for_each = local.routes

  api_id    = aws_apigatewayv2_api.http_api.id
  route_key = each.value
  target    = "integrations/${aws_apigatewayv2_integration.api_integration.id}"
}

# One permission for every route of this API, and no other API.
resource "aws_lambda_permission" "api_permission" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api_function.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http_api.execution_arn}/*/*/*"
}

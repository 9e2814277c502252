# API Gateway WebSocket API -> one Lambda function -> a DynamoDB table of connections, and back to
# the clients through the API Gateway Management API. Resource names are the snake_case of the
# logical IDs in the CDK and CloudFormation variants (ConnectionsTable -> connections_table), so the
# three variants line up.

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
  name = "websocket-api-${random_id.suffix.hex}"
  tags = {
    Pattern = "websocket-api"
  }

  # The stage clients connect to: wss://{api-id}.execute-api.{region}.amazonaws.com/live. A local,
  # not a reference to the stage, in the function's policy: the stage waits for the routes, which
  # wait for the function, which waits for its policy.
  stage_name = "live"

  # The four route keys, for one Lambda permission per route.
  route_keys = ["$connect", "$disconnect", "sendmessage", "$default"]
}

################################################################################
# DynamoDB
################################################################################

# One item per open connection. expiresAt is the time to live: API Gateway closes a connection
# after 2 hours at most, so DynamoDB deletes items whose $disconnect never arrived.
resource "aws_dynamodb_table" "connections_table" {
  name = local.name
  # On-demand: no capacity to plan, and an idle sample costs nothing but storage.
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "connectionId"

  attribute {
    name = "connectionId"
    type = "S"
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  # Without kms_key_arn this is the AWS managed key (aws/dynamodb): every use of the key
  # shows in CloudTrail, with no key policy to write and no monthly key fee.
  server_side_encryption {
    enabled = true
  }

  # `terraform destroy` deletes the table, as a sample should; connections are not worth keeping.
}

################################################################################
# API Gateway (WebSocket API)
################################################################################

# Messages are JSON; the value of their "action" field picks the route.
resource "aws_apigatewayv2_api" "web_socket_api" {
  name                       = local.name
  description                = "Real-time messages: connect, send a message to every connection, disconnect"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
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
resource "aws_cloudwatch_log_group" "web_socket_function_log_group" {
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

resource "aws_iam_role" "web_socket_function_role" {
  name_prefix        = "websocket-api-"
  description        = "Lets the WebSocket function log, track connections and post to them"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

data "aws_iam_policy_document" "web_socket_function" {
  # Instead of the AWS managed AWSLambdaBasicExecutionRole, which allows every log group.
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.web_socket_function_log_group.arn}:*"]
  }

  # Exactly the calls the function makes (../src/index.js): PutItem on $connect, DeleteItem on
  # $disconnect and for connections that are gone, Scan to find the connections.
  statement {
    sid = "TrackConnections"
    actions = [
      "dynamodb:DeleteItem",
      "dynamodb:PutItem",
      "dynamodb:Scan",
    ]
    resources = [aws_dynamodb_table.connections_table.arn]
  }

  # PostToConnection only (POST), on this API's stage; no GET (read a connection) or DELETE (close
  # one), which the code never does. The connection id is only known at run time, hence the *.
  statement {
    sid       = "PostToConnections"
    actions   = ["execute-api:ManageConnections"]
    resources = ["${aws_apigatewayv2_api.web_socket_api.execution_arn}/${local.stage_name}/POST/@connections/*"]
  }
}

resource "aws_iam_role_policy" "web_socket_function_role_default_policy" {
  name   = "websocket-function"
  role   = aws_iam_role.web_socket_function_role.id
  policy = data.aws_iam_policy_document.web_socket_function.json
}

resource "aws_lambda_function" "web_socket_function" {
  function_name = local.name
  description   = "WebSocket routes: store connections, send messages to all, remove connections"
  role          = aws_iam_role.web_socket_function_role.arn
  runtime       = "nodejs24.x"
  # Graviton: lower price per GB-second than x86 for the same code.
  architectures    = ["arm64"]
  handler          = "index.handler"
  filename         = data.archive_file.function.output_path
  source_code_hash = data.archive_file.function.output_base64sha256
  memory_size      = 256
  # API Gateway waits at most 29 seconds for an answer; a broadcast to many connections needs it.
  timeout = 29

  environment {
    variables = {
      TABLE_NAME = aws_dynamodb_table.connections_table.name
    }
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.web_socket_function_log_group.name
  }

  # Without the policy in place, the first invocations could fail to log or to reach the table.
  depends_on = [aws_iam_role_policy.web_socket_function_role_default_policy]
}

################################################################################
# Routes
################################################################################

# One integration for the four routes.
resource "aws_apigatewayv2_integration" "web_socket_integration" {
  api_id           = aws_apigatewayv2_api.web_socket_api.id
  integration_type = "AWS_PROXY"
  integration_uri  = aws_lambda_function.web_socket_function.invoke_arn
}

# Anyone can connect. API Gateway authorizes a WebSocket connection once, on $connect: before
# production, add an IAM (authorization_type = "AWS_IAM") or a Lambda authorizer ("CUSTOM") there.
resource "aws_apigatewayv2_route" "connect_route" {
  api_id             = aws_apigatewayv2_api.web_socket_api.id
  route_key          = "$connect"
  authorization_type = "NONE"
  target             = "integrations/${aws_apigatewayv2_integration.web_socket_integration.id}"
}

resource "aws_apigatewayv2_route" "disconnect_route" {
  api_id             = aws_apigatewayv2_api.web_socket_api.id
  route_key          = "$disconnect"
  authorization_type = "NONE"
  target             = "integrations/${aws_apigatewayv2_integration.web_socket_integration.id}"
}

# Two-way: the function's answer ({"status":"sent"} or an error) goes back to the sender.
resource "aws_apigatewayv2_route" "send_message_route" {
  api_id                              = aws_apigatewayv2_api.web_socket_api.id
  route_key                           = "sendmessage"
  authorization_type                  = "NONE"
  route_response_selection_expression = "$default"
  target                              = "integrations/${aws_apigatewayv2_integration.web_socket_integration.id}"
}

resource "aws_apigatewayv2_route_response" "send_message_route_response" {
  api_id             = aws_apigatewayv2_api.web_socket_api.id
  route_id           = aws_apigatewayv2_route.send_message_route.id
  route_response_key = "$default"
}

# Two-way: anything API Gateway cannot route gets the function's usage error back.
resource "aws_apigatewayv2_route" "default_route" {
  api_id                              = aws_apigatewayv2_api.web_socket_api.id
  route_key                           = "$default"
  authorization_type                  = "NONE"
  route_response_selection_expression = "$default"
  target                              = "integrations/${aws_apigatewayv2_integration.web_socket_integration.id}"
}

resource "aws_apigatewayv2_route_response" "default_route_response" {
  api_id             = aws_apigatewayv2_api.web_socket_api.id
  route_id           = aws_apigatewayv2_route.default_route.id
  route_response_key = "$default"
}

# One permission per route, each for its own route key of this API only.
resource "aws_lambda_permission" "route_permissions" {
  for_each = toset(local.route_keys)

  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.web_socket_function.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.web_socket_api.execution_arn}/*/${each.value}"
}

################################################################################
# Stage
################################################################################

resource "aws_cloudwatch_log_group" "web_socket_api_access_logs" {
  name              = "/aws/apigateway/${local.name}"
  retention_in_days = var.log_retention_days
}

# API Gateway writes these logs with the account's CloudWatch Logs role for API Gateway, which must
# be set once per account and Region (see the README); without it the stage fails to create.
resource "aws_apigatewayv2_stage" "web_socket_stage" {
  api_id      = aws_apigatewayv2_api.web_socket_api.id
  name        = local.stage_name
  auto_deploy = true

  # Connections and messages per second: the API is public, so this also caps the bill.
  default_route_settings {
    throttling_rate_limit  = var.throttling_rate_limit
    throttling_burst_limit = var.throttling_burst_limit
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.web_socket_api_access_logs.arn
    format = jsonencode({
      requestId        = "$context.requestId"
      ip               = "$context.identity.sourceIp"
      requestTime      = "$context.requestTime"
      eventType        = "$context.eventType"
      routeKey         = "$context.routeKey"
      connectionId     = "$context.connectionId"
      status           = "$context.status"
      integrationError = "$context.integrationErrorMessage"
    })
  }

  # Created after the routes, so that its first deployment has all four.
  depends_on = [
    aws_apigatewayv2_route.connect_route,
    aws_apigatewayv2_route.disconnect_route,
    aws_apigatewayv2_route_response.send_message_route_response,
    aws_apigatewayv2_route_response.default_route_response,
  ]
}

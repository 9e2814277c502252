# The items API in one Region: API Gateway HTTP API -> Lambda function -> this Region's replica
# of the global table, a custom domain for the failover name, a Route 53 health check of
# GET /health and this Region's Route 53 failover record. The root module instantiates it once
# per Region, each time with that Region's provider.

data "aws_region" "current" {}
data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

locals {
  region = data.aws_region.current.region
  # Prefix of every physical name in this Region.
  name = "${var.name}-${local.region}"

  routes = {
    health_route      = "GET /health"
    list_items_route  = "GET /items"
    create_item_route = "POST /items"
    get_item_route    = "GET /items/{id}"
    delete_item_route = "DELETE /items/{id}"
  }
}

################################################################################
# Lambda
################################################################################

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
  name_prefix        = "${var.name}-"
  description        = "Lets the items API function write its logs and use its Region's replica of the items table"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

data "aws_iam_policy_document" "api_function" {
  # Instead of the AWS managed AWSLambdaBasicExecutionRole, which allows every log group.
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.api_function_log_group.arn}:*"]
  }

  # Exactly the four calls the function makes (../src/index.js), on this Region's replica only:
  # the function never reads or writes the other Region's replica.
  statement {
    sid = "ReadWriteItemsTable"
    actions = [
      "dynamodb:DeleteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Scan",
    ]
    resources = ["arn:${data.aws_partition.current.partition}:dynamodb:${local.region}:${data.aws_caller_identity.current.account_id}:table/${var.table_name}"]
  }
}

resource "aws_iam_role_policy" "api_function_role_default_policy" {
  name   = "api-function"
  role   = aws_iam_role.api_function_role.id
  policy = data.aws_iam_policy_document.api_function.json
}

resource "aws_lambda_function" "api_function" {
  function_name = local.name
  description   = "Items API in one Region: health check, list, read, create and delete items"
  role          = aws_iam_role.api_function_role.arn
  runtime       = "nodejs24.x"
  # Graviton: lower price per GB-second than x86 for the same code.
  architectures    = ["arm64"]
  handler          = "index.handler"
  filename         = var.function_zip
  source_code_hash = var.function_zip_hash
  memory_size      = 256
  timeout          = 10

  environment {
    variables = {
      TABLE_NAME = var.table_name
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
  description   = "Items API in one Region"
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

  # The API is public, so a ceiling on requests is also a ceiling on the bill. The limits
  # apply to each route on its own, so client traffic cannot crowd out the health checks.
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

# Route 53 health checkers call GET /health without credentials. Anyone can call the other
# routes too: before the table holds real data, add an authorizer (authorization_type = "JWT"
# with Amazon Cognito, or "AWS_IAM") to each items route.
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

################################################################################
# Custom domain
################################################################################

# The failover name must be served by the API in each Region, so each Region has its own
# certificate for it, validated through a record in the hosted zone. Both Regions' certificates
# ask for the same validation record, hence allow_overwrite.
resource "aws_acm_certificate" "certificate" {
  domain_name       = var.domain_name
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "certificate_validation" {
  zone_id         = var.hosted_zone_id
  name            = one(aws_acm_certificate.certificate.domain_validation_options).resource_record_name
  type            = one(aws_acm_certificate.certificate.domain_validation_options).resource_record_type
  records         = [one(aws_acm_certificate.certificate.domain_validation_options).resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

# Waits until ACM has issued the certificate, as CloudFormation does by itself.
resource "aws_acm_certificate_validation" "certificate" {
  certificate_arn         = aws_acm_certificate.certificate.arn
  validation_record_fqdns = [aws_route53_record.certificate_validation.fqdn]
}

resource "aws_apigatewayv2_domain_name" "api_domain_name" {
  domain_name = var.domain_name

  domain_name_configuration {
    certificate_arn = aws_acm_certificate_validation.certificate.certificate_arn
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

resource "aws_apigatewayv2_api_mapping" "api_mapping" {
  api_id      = aws_apigatewayv2_api.http_api.id
  domain_name = aws_apigatewayv2_domain_name.api_domain_name.id
  stage       = aws_apigatewayv2_stage.http_api_default_stage.id
}

################################################################################
# Route 53
################################################################################

# Checks this Region's API at its own address (not the failover name, which points at whichever
# Region is healthy): HTTPS GET /health every 30 seconds from Route 53's checkers; 3 failures in
# a row make a checker report it unhealthy.
resource "aws_route53_health_check" "health_check" {
  type              = "HTTPS"
  fqdn              = "${aws_apigatewayv2_api.http_api.id}.execute-api.${local.region}.amazonaws.com"
  port              = 443
  resource_path     = "/health"
  enable_sni        = true
  request_interval  = 30
  failure_threshold = 3

  tags = {
    Name = "multi-region-failover ${local.region}"
  }
}

# PRIMARY in the primary Region, SECONDARY in the other. Route 53 answers with the primary while
# its health check passes, and with the secondary while it fails. A CNAME with a 60-second TTL,
# so resolvers let go of the old answer within a minute of a change.
resource "aws_route53_record" "failover_record" {
  zone_id         = var.hosted_zone_id
  name            = var.domain_name
  type            = "CNAME"
  ttl             = 60
  set_identifier  = local.region
  health_check_id = aws_route53_health_check.health_check.id
  records         = [aws_apigatewayv2_domain_name.api_domain_name.domain_name_configuration[0].target_domain_name]

  failover_routing_policy {
    type = var.failover_role
  }

  # The record sends clients to the custom domain only once the domain serves this API.
  depends_on = [aws_apigatewayv2_api_mapping.api_mapping]
}

# Amazon Cognito user pool -> API Gateway HTTP API with a JWT authorizer -> one Lambda
# function -> one DynamoDB table, where each user reads and writes only the notes under their
# own token's sub. Resource names are the snake_case of the logical IDs in the CDK and
# CloudFormation variants (NotesTable -> notes_table), so the three variants line up.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

resource "random_id" "suffix" {
  byte_length = 4
}

data "aws_region" "current" {}

locals {
  # Prefix of every physical name. The random suffix lets two copies share an account.
  name = "api-with-sign-in-${random_id.suffix.hex}"
  tags = {
    Pattern = "api-with-sign-in"
  }
}

################################################################################
# Cognito
################################################################################

resource "aws_cognito_user_pool" "user_pool" {
  name = local.name
  # Essentials is what a new user pool gets by default; the cost estimate uses its rate and
  # its free monthly active users. Threat protection needs Plus, which bills every active user.
  user_pool_tier = "ESSENTIALS"

  # Self sign-up: anyone may create an account, which Cognito confirms with a mailed code.
  admin_create_user_config {
    allow_admin_create_user_only = false
  }

  # The email address is the user name.
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]

  username_configuration {
    case_sensitive = false
  }

  # A changed address takes effect only once its code is confirmed.
  user_attribute_update_settings {
    attributes_require_verification_before_update = ["email"]
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = true
    temporary_password_validity_days = 7
  }

  # Users may add an authenticator app (TOTP, no SMS charges). Require it before production.
  mfa_configuration = "OPTIONAL"

  software_token_mfa_configuration {
    enabled = true
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  # `terraform destroy` deletes the pool and its users, as a sample should. For real users set
  # deletion_protection = "ACTIVE" and add lifecycle { prevent_destroy = true }.
  deletion_protection = "INACTIVE"
}

# A public client (a browser or mobile app cannot keep a secret), with no hosted UI or OAuth
# redirects: apps sign in through the Cognito API. USER_PASSWORD_AUTH lets the test steps sign
# in with the AWS CLI; SRP is what app SDKs use, and never sends the password itself.
resource "aws_cognito_user_pool_client" "user_pool_client" {
  name         = local.name
  user_pool_id = aws_cognito_user_pool.user_pool.id

  generate_secret = false
  explicit_auth_flows = [
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
  ]
  allowed_oauth_flows_user_pool_client = false
  supported_identity_providers         = ["COGNITO"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true

  access_token_validity  = 60
  id_token_validity      = 60
  refresh_token_validity = 30

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}

################################################################################
# DynamoDB
################################################################################

resource "aws_dynamodb_table" "notes_table" {
  name = local.name
  # On-demand: no capacity to plan, and an idle sample costs nothing but storage.
  billing_mode = "PAY_PER_REQUEST"
  # One partition per user (the token's sub), notes sorted by time within it.
  hash_key  = "userId"
  range_key = "noteId"

  attribute {
    name = "userId"
    type = "S"
  }

  attribute {
    name = "noteId"
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
  name_prefix        = "api-with-sign-in-"
  description        = "Lets the notes API function write its logs and use the notes table"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

data "aws_iam_policy_document" "api_function" {
  # Instead of the AWS managed AWSLambdaBasicExecutionRole, which allows every log group.
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.api_function_log_group.arn}:*"]
  }

  # Exactly the two calls the function makes (../src/index.js), on the table only: no scans,
  # batch writes, updates or deletes.
  statement {
    sid = "ReadWriteNotesTable"
    actions = [
      "dynamodb:PutItem",
      "dynamodb:Query",
    ]
    resources = [aws_dynamodb_table.notes_table.arn]
  }
}

resource "aws_iam_role_policy" "api_function_role_default_policy" {
  name   = "api-function"
  role   = aws_iam_role.api_function_role.id
  policy = data.aws_iam_policy_document.api_function.json
}

resource "aws_lambda_function" "api_function" {
  function_name = local.name
  description   = "Notes API: list and create the signed-in user's notes"
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
      TABLE_NAME = aws_dynamodb_table.notes_table.name
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
  description   = "Notes API"
  protocol_type = "HTTP"
}

# API Gateway checks every token before the function runs: its signature against the user
# pool's published keys, the issuer (this pool), the audience (this app client: the ID token's
# aud, or the access token's client_id) and the expiry.
resource "aws_apigatewayv2_authorizer" "jwt_authorizer" {
  api_id           = aws_apigatewayv2_api.http_api.id
  name             = "JwtAuthorizer"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = "https://cognito-idp.${data.aws_region.current.region}.amazonaws.com/${aws_cognito_user_pool.user_pool.id}"
    audience = [aws_cognito_user_pool_client.user_pool_client.id]
  }
}

resource "aws_cloudwatch_log_group" "http_api_access_logs" {
  name              = "/aws/apigateway/${local.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_stage" "http_api_default_stage" {
  api_id      = aws_apigatewayv2_api.http_api.id
  name        = "$default"
  auto_deploy = true

  # Anyone may sign up, so a ceiling on requests is also a ceiling on the bill.
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
      user             = "$context.authorizer.claims.sub"
      authorizerError  = "$context.authorizer.error"
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

# Every route needs a valid token: without one API Gateway answers 401 and the function
# never runs.
resource "aws_apigatewayv2_route" "list_notes_route" {
  api_id             = aws_apigatewayv2_api.http_api.id
  route_key          = "GET /notes"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.jwt_authorizer.id
  target             = "integrations/${aws_apigatewayv2_integration.api_integration.id}"
}

resource "aws_apigatewayv2_route" "create_note_route" {
  api_id             = aws_apigatewayv2_api.http_api.id
  route_key          = "POST /notes"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.jwt_authorizer.id
  target             = "integrations/${aws_apigatewayv2_integration.api_integration.id}"
}

# One permission for every route of this API, and no other API.
resource "aws_lambda_permission" "api_permission" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api_function.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http_api.execution_arn}/*/*/*"
}

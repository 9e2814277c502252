# A Step Functions Standard workflow that reserves stock (DynamoDB), charges a payment (Lambda)
# and records the shipment (DynamoDB), and undoes the finished steps when a later one fails.
# Resource names are the snake_case of the logical IDs in the CDK and CloudFormation variants
# (InventoryTable -> inventory_table), so the three variants line up.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

resource "random_id" "suffix" {
  byte_length = 4
}

data "aws_caller_identity" "current" {}

locals {
  # Prefix of every physical name. The random suffix lets two copies share an account.
  name = "order-saga-workflow-${random_id.suffix.hex}"
  tags = {
    Pattern = "order-saga-workflow"
  }
}

################################################################################
# DynamoDB
################################################################################

# One item per product, with the quantity still available.
resource "aws_dynamodb_table" "inventory_table" {
  name = "${local.name}-inventory"
  # On-demand: no capacity to plan, and an idle sample costs nothing but storage.
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "productId"

  attribute {
    name = "productId"
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

# One item per order that got as far as shipping.
resource "aws_dynamodb_table" "shipments_table" {
  name         = "${local.name}-shipments"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "orderId"

  attribute {
    name = "orderId"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
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
resource "aws_cloudwatch_log_group" "payment_function_log_group" {
  name              = "/aws/lambda/${local.name}-payment"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role" "payment_function_role" {
  name_prefix = "order-saga-payment-"
  description = "Lets the payment function write its logs"
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

resource "aws_iam_role_policy" "payment_function_role_default_policy" {
  name = "payment-function"
  role = aws_iam_role.payment_function_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # Instead of the AWS managed AWSLambdaBasicExecutionRole, which allows every log group.
      # The function calls no AWS service, so this is all it may do.
      {
        Sid      = "WriteOwnLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.payment_function_log_group.arn}:*"
      },
    ]
  })
}

resource "aws_lambda_function" "payment_function" {
  function_name = "${local.name}-payment"
  description   = "Stands in for a payment provider: charges and refunds orders"
  role          = aws_iam_role.payment_function_role.arn
  runtime       = "nodejs24.x"
  # Graviton: lower price per GB-second than x86 for the same code.
  architectures    = ["arm64"]
  handler          = "index.handler"
  filename         = data.archive_file.function.output_path
  source_code_hash = data.archive_file.function.output_base64sha256
  memory_size      = 128
  timeout          = 10

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.payment_function_log_group.name
  }

  # Without the policy in place, the first invocations could fail to log.
  depends_on = [aws_iam_role_policy.payment_function_role_default_policy]
}

################################################################################
# Step Functions
################################################################################

# Under the prefix the Step Functions console uses for state machine logs.
resource "aws_cloudwatch_log_group" "state_machine_log_group" {
  name              = "/aws/vendedlogs/states/${local.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role" "state_machine_role" {
  name_prefix = "order-saga-states-"
  description = "Lets the order state machine reserve and release stock, charge and refund, and record shipments"
  # Only this account's state machines may use the role (the confused deputy problem).
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "states.amazonaws.com" }
        Action    = "sts:AssumeRole"
        Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
      },
    ]
  })
}

resource "aws_iam_role_policy" "state_machine_role_default_policy" {
  name = "order-state-machine"
  role = aws_iam_role.state_machine_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # Exactly the calls the definition makes (../statemachine/order.asl.json), each on the
      # one resource it uses.
      {
        Sid      = "ReserveAndReleaseStock"
        Effect   = "Allow"
        Action   = "dynamodb:UpdateItem"
        Resource = aws_dynamodb_table.inventory_table.arn
      },
      {
        Sid      = "RecordShipments"
        Effect   = "Allow"
        Action   = "dynamodb:PutItem"
        Resource = aws_dynamodb_table.shipments_table.arn
      },
      {
        Sid      = "ChargeAndRefund"
        Effect   = "Allow"
        Action   = "lambda:InvokeFunction"
        Resource = aws_lambda_function.payment_function.arn
      },
      # Logging to CloudWatch Logs and tracing with X-Ray. These actions support no resource-level
      # permissions, so IAM accepts only * for them.
      {
        Sid    = "DeliverLogs"
        Effect = "Allow"
        Action = [
          "logs:CreateLogDelivery",
          "logs:DeleteLogDelivery",
          "logs:DescribeLogGroups",
          "logs:DescribeResourcePolicies",
          "logs:GetLogDelivery",
          "logs:ListLogDeliveries",
          "logs:PutResourcePolicy",
          "logs:UpdateLogDelivery",
        ]
        Resource = "*"
      },
      {
        Sid    = "WriteTraces"
        Effect = "Allow"
        Action = [
          "xray:GetSamplingRules",
          "xray:GetSamplingTargets",
          "xray:PutTelemetryRecords",
          "xray:PutTraceSegments",
        ]
        Resource = "*"
      },
    ]
  })
}

resource "aws_sfn_state_machine" "order_state_machine" {
  name     = local.name
  type     = "STANDARD"
  role_arn = aws_iam_role.state_machine_role.arn

  # The definition file all three variants deploy; templatefile fills in its ${...} placeholders.
  definition = templatefile("${path.module}/../statemachine/order.asl.json", {
    # A table's id is its name.
    InventoryTableName = aws_dynamodb_table.inventory_table.id
    ShipmentsTableName = aws_dynamodb_table.shipments_table.id
    PaymentFunctionArn = aws_lambda_function.payment_function.arn
  })

  # Every state's start and end, without the order data: the execution history keeps the inputs
  # and outputs (for 90 days), the logs only what happened.
  logging_configuration {
    level                  = "ALL"
    include_execution_data = false
    log_destination        = "${aws_cloudwatch_log_group.state_machine_log_group.arn}:*"
  }

  tracing_configuration {
    enabled = true
  }

  # Without the policy in place, the first execution could fail to log or to call its tasks.
  depends_on = [aws_iam_role_policy.state_machine_role_default_policy]
}

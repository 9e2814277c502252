# Multi-Region failover: the same items API in two Regions over one DynamoDB global table, with
# Route 53 sending the failover name to the primary Region while its health check passes.
# One provider per Region, and the module in modules/region instantiated once with each.
# Resource names are the snake_case of the logical IDs in the CDK and CloudFormation variants
# (ItemsTable -> items_table), so the three variants line up.

provider "aws" {
  alias  = "primary"
  region = var.primary_region

  default_tags {
    tags = local.tags
  }
}

provider "aws" {
  alias  = "secondary"
  region = var.secondary_region

  default_tags {
    tags = local.tags
  }
}

locals {
  tags = {
    Pattern = "multi-region-failover"
  }
}

################################################################################
# DynamoDB global table
################################################################################

# Created in the primary Region, with a replica in the secondary one (the CloudFormation
# variant's table.yaml, the CDK app's table stack).
resource "aws_dynamodb_table" "items_table" {
  provider = aws.primary

  # Every replica has this name, so each Region's function finds its replica by it.
  name = "${var.name}-items"
  # On-demand in every replica: no capacity to plan, and an idle table costs nothing but storage.
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  # Global tables replicate through the table's stream, which carries old and new images.
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  # Point-in-time recovery in each replica, so a restore works in either Region.
  point_in_time_recovery {
    enabled = true
  }

  # Without kms_key_arn this is the AWS managed key (aws/dynamodb) in each Region: every use of
  # the key shows in CloudTrail, with no key policy to write and no monthly key fee.
  server_side_encryption {
    enabled = true
  }

  replica {
    region_name            = var.secondary_region
    point_in_time_recovery = true
  }

  # `terraform destroy` deletes every replica and its data, as a sample should. For real data set
  # deletion_protection_enabled = true and add lifecycle { prevent_destroy = true }.
}

################################################################################
# The API in each Region
################################################################################

data "archive_file" "function" {
  type        = "zip"
  source_dir  = "${path.module}/../src"
  output_path = "${path.module}/build/function.zip"
}

module "primary" {
  source = "./modules/region"
  providers = {
    aws = aws.primary
  }

  name          = var.name
  failover_role = "PRIMARY"
  # A reference, not the name typed again: the module waits for the table and its replica.
  table_name             = aws_dynamodb_table.items_table.name
  domain_name            = var.domain_name
  hosted_zone_id         = var.hosted_zone_id
  function_zip           = data.archive_file.function.output_path
  function_zip_hash      = data.archive_file.function.output_base64sha256
  log_retention_days     = var.log_retention_days
  throttling_rate_limit  = var.throttling_rate_limit
  throttling_burst_limit = var.throttling_burst_limit
}

module "secondary" {
  source = "./modules/region"
  providers = {
    aws = aws.secondary
  }

  name                   = var.name
  failover_role          = "SECONDARY"
  table_name             = aws_dynamodb_table.items_table.name
  domain_name            = var.domain_name
  hosted_zone_id         = var.hosted_zone_id
  function_zip           = data.archive_file.function.output_path
  function_zip_hash      = data.archive_file.function.output_base64sha256
  log_retention_days     = var.log_retention_days
  throttling_rate_limit  = var.throttling_rate_limit
  throttling_burst_limit = var.throttling_burst_limit
}

# A private S3 bucket served by a CloudFront distribution through origin access control, with an
# AWS WAF web ACL on the distribution that logs what it blocks to CloudWatch Logs.
# Resource names are the snake_case of the logical IDs in the CDK and CloudFormation
# variants (WebAcl -> web_acl), so the three variants line up.

# AWS WAF creates a web ACL for CloudFront (scope CLOUDFRONT) only in US East (N. Virginia), and a
# web ACL's logs must go to a log group in the web ACL's own Region. So everything deploys there;
# the Region is fixed rather than a variable, because no other value works.
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = local.tags
  }
}

# For the log delivery condition below: S3 bucket ARNs carry no account ID.
data "aws_caller_identity" "current" {}

locals {
  # Prefix of the names that must be unique in the account. The site bucket's generated name is
  # unique, so a second copy of this configuration does not collide.
  name = aws_s3_bucket.site_bucket.id
  tags = {
    Pattern = "edge-protection"
  }

  # Managed CachingOptimized policy: long TTLs, gzip and Brotli, no query strings or cookies.
  caching_optimized_policy_id = "658327ea-f89d-4fab-a63d-7e88639e58f6"
}

################################################################################
# S3: access logs
################################################################################

# Receives the CloudFront standard logs and the site bucket's server access logs. It does not
# log its own access: that would only record log deliveries.
resource "aws_s3_bucket" "logs_bucket" {
  bucket_prefix = "edge-protection-logs-"
  # `terraform destroy` deletes the bucket only when it is empty (see the README's clean-up step).
}

resource "aws_s3_bucket_public_access_block" "logs_bucket" {
  bucket                  = aws_s3_bucket.logs_bucket.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# SSE-S3: CloudFront standard logging cannot write to a bucket encrypted with SSE-KMS.
resource "aws_s3_bucket_server_side_encryption_configuration" "logs_bucket" {
  bucket = aws_s3_bucket.logs_bucket.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# CloudFront standard logging still delivers through an ACL grant, so this bucket keeps ACLs
# enabled; BucketOwnerPreferred makes the bucket owner own every delivered log file.
resource "aws_s3_bucket_ownership_controls" "logs_bucket" {
  bucket = aws_s3_bucket.logs_bucket.id

  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "logs_bucket" {
  bucket = aws_s3_bucket.logs_bucket.id

  rule {
    id     = "ExpireLogs"
    status = "Enabled"

    filter {}

    expiration {
      days = var.access_log_retention_days
    }
  }
}

resource "aws_s3_bucket_policy" "logs_bucket_policy" {
  bucket = aws_s3_bucket.logs_bucket.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # TLS only, and TLS 1.2 or later.
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.logs_bucket.arn, "${aws_s3_bucket.logs_bucket.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.logs_bucket.arn, "${aws_s3_bucket.logs_bucket.arn}/*"]
        Condition = { NumericLessThan = { "s3:TlsVersion" = 1.2 } }
      },
      # S3 server access logs of the site bucket, and of no other bucket.
      {
        Effect    = "Allow"
        Principal = { Service = "logging.s3.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.logs_bucket.arn}/s3-access/*"
        Condition = {
          ArnLike      = { "aws:SourceArn" = aws_s3_bucket.site_bucket.arn }
          StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
        }
      },
    ]
  })

  # S3 rejects a bucket policy while the public access block is still being applied.
  depends_on = [aws_s3_bucket_public_access_block.logs_bucket]
}

################################################################################
# S3: site content
################################################################################

resource "aws_s3_bucket" "site_bucket" {
  bucket_prefix = "edge-protection-"
}

# Private: only CloudFront, signing with origin access control, can read the objects.
resource "aws_s3_bucket_public_access_block" "site_bucket" {
  bucket                  = aws_s3_bucket.site_bucket.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# SSE-S3 rather than SSE-KMS: the content is public through CloudFront anyway, and a KMS key
# would need its own key policy for CloudFront and a charge per request.
resource "aws_s3_bucket_server_side_encryption_configuration" "site_bucket" {
  bucket = aws_s3_bucket.site_bucket.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_ownership_controls" "site_bucket" {
  bucket = aws_s3_bucket.site_bucket.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# Versioning lets you restore a file a mistaken upload overwrote; old versions expire.
resource "aws_s3_bucket_versioning" "site_bucket" {
  bucket = aws_s3_bucket.site_bucket.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "site_bucket" {
  bucket = aws_s3_bucket.site_bucket.id

  rule {
    id     = "ExpireOldVersions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }

  depends_on = [aws_s3_bucket_versioning.site_bucket]
}

resource "aws_s3_bucket_logging" "site_bucket" {
  bucket        = aws_s3_bucket.site_bucket.id
  target_bucket = aws_s3_bucket.logs_bucket.id
  target_prefix = "s3-access/"
}

resource "aws_s3_bucket_policy" "site_bucket_policy" {
  bucket = aws_s3_bucket.site_bucket.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.site_bucket.arn, "${aws_s3_bucket.site_bucket.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.site_bucket.arn, "${aws_s3_bucket.site_bucket.arn}/*"]
        Condition = { NumericLessThan = { "s3:TlsVersion" = 1.2 } }
      },
      # Read-only, for this distribution only.
      {
        Effect    = "Allow"
        Principal = { Service = "cloudfront.amazonaws.com" }
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.site_bucket.arn}/*"
        Condition = { StringEquals = { "AWS:SourceArn" = aws_cloudfront_distribution.distribution.arn } }
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.site_bucket]
}

################################################################################
# AWS WAF
################################################################################

resource "aws_wafv2_web_acl" "web_acl" {
  name = local.name
  # CLOUDFRONT scope: the web ACL protects distributions, and exists only in us-east-1.
  scope       = "CLOUDFRONT"
  description = "Rate limit and AWS managed rules for the edge protection distribution"

  # Requests that no rule blocks reach the site.
  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "EdgeProtectionWebAcl"
    sampled_requests_enabled   = true
  }

  # Priorities leave gaps for rules you add between them.

  # First, so a flood from one address is blocked before the content rules inspect it.
  rule {
    name     = "RateLimitPerIp"
    priority = 10

    statement {
      rate_based_statement {
        limit = var.rate_limit
        # 60, 120, 300 (the default) or 600 seconds.
        evaluation_window_sec = 300
        aggregate_key_type    = "IP"
      }
    }

    # 429 Too Many Requests instead of the default 403, so clients (and the test on the page)
    # can tell a rate limit from a blocked attack.
    action {
      block {
        custom_response {
          response_code = 429
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "RateLimitPerIp"
      sampled_requests_enabled   = true
    }
  }

  # AWS managed rule groups: free beyond the web ACL's rule charge, and together well under the
  # 1,500 web ACL capacity units (WCUs) the base price covers. override_action none lets each rule
  # in a group take its own action (block); count would only log matches, which is how to try a
  # new group on live traffic first.

  # Addresses Amazon threat intelligence has seen acting as bots, scanning or taking part in DDoS.
  rule {
    name     = "AWSManagedRulesAmazonIpReputationList"
    priority = 20

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesAmazonIpReputationList"
      }
    }

    override_action {
      none {}
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "AWSManagedRulesAmazonIpReputationList"
      sampled_requests_enabled   = true
    }
  }

  # The core rule set: OWASP Top 10 style exploits, oversized requests, bad user agents.
  rule {
    name     = "AWSManagedRulesCommonRuleSet"
    priority = 30

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesCommonRuleSet"
      }
    }

    override_action {
      none {}
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "AWSManagedRulesCommonRuleSet"
      sampled_requests_enabled   = true
    }
  }

  # Request patterns known to exploit vulnerabilities, such as Log4j (Log4Shell) lookups in headers.
  rule {
    name     = "AWSManagedRulesKnownBadInputsRuleSet"
    priority = 40

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
      }
    }

    override_action {
      none {}
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "AWSManagedRulesKnownBadInputsRuleSet"
      sampled_requests_enabled   = true
    }
  }
}

# The name must start with aws-waf-logs-, or AWS WAF rejects the log group as a destination.
resource "aws_cloudwatch_log_group" "waf_log_group" {
  name              = "aws-waf-logs-${local.name}"
  retention_in_days = var.waf_log_retention_days
}

resource "aws_wafv2_web_acl_logging_configuration" "waf_logging" {
  resource_arn = aws_wafv2_web_acl.web_acl.arn
  # The provider's arn drops the ":*" suffix of the log group's ARN, which AWS WAF refuses.
  log_destination_configs = [aws_cloudwatch_log_group.waf_log_group.arn]

  # Credentials and session cookies never reach the log.
  redacted_fields {
    single_header {
      name = "authorization"
    }
  }

  redacted_fields {
    single_header {
      name = "cookie"
    }
  }

  # Only the requests a rule blocked or counted: allowed requests are in CloudFront's standard
  # logs already, and each WAF log record is a few KB of ingestion.
  logging_filter {
    default_behavior = "DROP"

    filter {
      behavior    = "KEEP"
      requirement = "MEETS_ANY"

      condition {
        action_condition {
          action = "BLOCK"
        }
      }

      condition {
        action_condition {
          action = "COUNT"
        }
      }
    }
  }
}

################################################################################
# CloudFront
################################################################################

# Origin access control (not the legacy origin access identity): CloudFront signs every
# request to the bucket's REST endpoint with SigV4.
resource "aws_cloudfront_origin_access_control" "origin_access_control" {
  name                              = local.name
  description                       = "Lets the edge protection distribution read the site bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_response_headers_policy" "security_headers_policy" {
  name    = "${local.name}-security-headers"
  comment = "Security headers for the edge protection distribution"

  security_headers_config {
    # Two years, as hstspreload.org recommends. Browsers then refuse plain HTTP.
    strict_transport_security {
      access_control_max_age_sec = 63072000
      include_subdomains         = true
      override                   = true
    }

    content_type_options {
      override = true
    }

    frame_options {
      frame_option = "DENY"
      override     = true
    }

    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }

    content_security_policy {
      content_security_policy = var.content_security_policy
      override                = true
    }
  }
}

resource "aws_cloudfront_distribution" "distribution" {
  comment             = "Edge protection"
  enabled             = true
  default_root_object = "index.html"
  http_version        = "http2and3"
  is_ipv6_enabled     = true
  # All edge locations. PriceClass_100 (North America and Europe) costs less per GB but
  # serves readers elsewhere from farther away.
  price_class = "PriceClass_All"
  # Every request passes the web ACL before CloudFront answers it from the cache or the bucket.
  # For a CLOUDFRONT-scope web ACL of AWS WAF (not WAF Classic), this is the web ACL's ARN.
  web_acl_id = aws_wafv2_web_acl.web_acl.arn

  # The bucket's REST endpoint, not its website endpoint: only the REST endpoint supports
  # origin access control and HTTPS between CloudFront and S3.
  origin {
    origin_id                = "SiteBucketOrigin"
    domain_name              = aws_s3_bucket.site_bucket.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.origin_access_control.id
  }

  default_cache_behavior {
    target_origin_id           = "SiteBucketOrigin"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    cache_policy_id            = local.caching_optimized_policy_id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security_headers_policy.id
    compress                   = true
  }

  # No custom_error_response: CloudFront would apply one for 403 to the web ACL's blocks too,
  # and a blocked request must stay a 403.

  # A public site serves every country; the web ACL blocks abusive clients instead. Restrict
  # countries only if a licence or law requires it.
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  # The *.cloudfront.net certificate, whose minimum TLS version cannot be changed. Add aliases and
  # an ACM certificate from us-east-1 to require TLS 1.2 or later.
  viewer_certificate {
    cloudfront_default_certificate = true
  }

  # Standard logs (one file per edge location every few minutes) in the logs bucket.
  logging_config {
    bucket          = aws_s3_bucket.logs_bucket.bucket_regional_domain_name
    prefix          = "cloudfront/"
    include_cookies = false
  }

  # CloudFront standard logging needs ACLs enabled on the logs bucket before it starts.
  depends_on = [aws_s3_bucket_ownership_controls.logs_bucket]
}

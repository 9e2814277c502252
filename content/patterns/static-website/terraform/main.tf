# A private S3 bucket served by a CloudFront distribution through origin access control.
# Resource names are the snake_case of the logical IDs in the CDK and CloudFormation
# variants (SiteBucket -> site_bucket), so the three variants line up.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

# For the log delivery condition below: S3 bucket ARNs carry no account ID.
data "aws_caller_identity" "current" {}

locals {
  # Prefix of the CloudFront names, which must be unique in the account. The site bucket's
  # generated name is unique, so a second copy of this configuration does not collide.
  name = aws_s3_bucket.site_bucket.id
  tags = {
    Pattern = "static-website"
  }

  custom_domain = var.domain_name != null

  # Managed CachingOptimized policy: long TTLs, gzip and Brotli, no query strings or cookies.
  caching_optimized_policy_id = "658327ea-f89d-4fab-a63d-7e88639e58f6"
}

################################################################################
# S3: access logs
################################################################################

# Receives the CloudFront standard logs and the site bucket's server access logs. It does not
# log its own access: that would only record log deliveries.
resource "aws_s3_bucket" "logs_bucket" {
  bucket_prefix = "static-website-logs-"
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
      days = var.log_retention_days
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
  bucket_prefix = "static-website-"
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

# Versioning lets you restore a page that a bad `aws s3 sync --delete` removed;
# old versions expire so the bucket does not grow with every deploy.
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
      # Read-only, for this distribution only. Without s3:ListBucket, a missing key answers 403
      # instead of 404, which the distribution turns into the site's 404 page.
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
# CloudFront
################################################################################

# Origin access control (not the legacy origin access identity): CloudFront signs every
# request to the bucket's REST endpoint with SigV4.
resource "aws_cloudfront_origin_access_control" "origin_access_control" {
  name                              = local.name
  description                       = "Lets the static website distribution read the site bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_response_headers_policy" "security_headers_policy" {
  name    = "${local.name}-security-headers"
  comment = "Security headers for the static website"

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

resource "aws_cloudfront_function" "url_rewrite_function" {
  name    = "${local.name}-url-rewrite"
  comment = "Adds index.html to folder-style URLs"
  runtime = "cloudfront-js-2.0"
  publish = true
  # The same file the CDK variant reads and the CloudFormation variant inlines.
  code = file("${path.module}/../src/url-rewrite.js")
}

resource "aws_cloudfront_distribution" "distribution" {
  comment             = "Static website"
  enabled             = true
  default_root_object = "index.html"
  http_version        = "http2and3"
  is_ipv6_enabled     = true
  # All edge locations. PriceClass_100 (North America and Europe) costs less per GB but
  # serves readers elsewhere from farther away.
  price_class = "PriceClass_All"
  aliases     = local.custom_domain ? [var.domain_name] : []
  # No AWS WAF web ACL: static files only, and a web ACL for CloudFront must be created in
  # us-east-1. Set web_acl_id to its ARN to attach one.

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

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.url_rewrite_function.arn
    }
  }

  # Without s3:ListBucket, S3 answers 403 for a missing key; show the site's 404 page for both.
  dynamic "custom_error_response" {
    for_each = [403, 404]

    content {
      error_code            = custom_error_response.value
      response_code         = 404
      response_page_path    = "/404.html"
      error_caching_min_ttl = 60
    }
  }

  # The site is for everyone, everywhere; restrict countries only if a licence or law requires it.
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  # With a custom domain: TLS 1.2 or later, with SNI (no dedicated-IP fee). Without one, the
  # *.cloudfront.net certificate, whose minimum TLS version cannot be changed.
  viewer_certificate {
    cloudfront_default_certificate = !local.custom_domain
    acm_certificate_arn            = var.certificate_arn
    minimum_protocol_version       = local.custom_domain ? "TLSv1.2_2021" : null
    ssl_support_method             = local.custom_domain ? "sni-only" : null
  }

  # Standard logs (one file per edge location every few minutes) in the logs bucket.
  logging_config {
    bucket          = aws_s3_bucket.logs_bucket.bucket_regional_domain_name
    prefix          = "cloudfront/"
    include_cookies = false
  }

  lifecycle {
    precondition {
      condition     = (var.domain_name == null) == (var.certificate_arn == null)
      error_message = "Set domain_name and certificate_arn together, or neither."
    }
  }

  # CloudFront standard logging needs ACLs enabled on the logs bucket before it starts.
  depends_on = [aws_s3_bucket_ownership_controls.logs_bucket]
}

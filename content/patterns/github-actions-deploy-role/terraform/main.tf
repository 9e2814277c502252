# The IAM OpenID Connect provider for GitHub Actions and a deploy role that one branch of one
# repository can assume to publish a static site to one S3 bucket and invalidate one CloudFront
# distribution. Resource names are the snake_case of the logical IDs in the CDK and
# CloudFormation variants (DeployRole -> deploy_role), so the three variants line up.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  tags = {
    Pattern = "github-actions-deploy-role"
  }

  create_oidc_provider = var.existing_oidc_provider_arn == null
  oidc_provider_arn    = local.create_oidc_provider ? aws_iam_openid_connect_provider.github_oidc_provider[0].arn : var.existing_oidc_provider_arn

  # The OIDC sub claim of a workflow run on the branch: the only subject the role trusts.
  subject = "repo:${var.repository_owner}/${var.repository_name}:ref:refs/heads/${var.branch}"
}

################################################################################
# OIDC identity provider
################################################################################

# Tells IAM to trust tokens that GitHub Actions signs. No thumbprint_list: IAM verifies GitHub's
# certificate against its library of trusted root certificate authorities and would ignore a
# thumbprint, so there is none to keep up to date. An account can have one provider per URL: if
# yours has it already, set existing_oidc_provider_arn and none is created.
resource "aws_iam_openid_connect_provider" "github_oidc_provider" {
  count = local.create_oidc_provider ? 1 : 0

  url = "https://token.actions.githubusercontent.com"
  # The audience configure-aws-credentials asks GitHub to put in the token.
  client_id_list = ["sts.amazonaws.com"]
}

################################################################################
# Deploy role
################################################################################

# StringEquals on both claims, never StringLike with a wildcard: a token from any other
# repository, branch, environment, tag or pull request does not match.
data "aws_iam_policy_document" "deploy_role_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = [local.subject]
    }
  }
}

resource "aws_iam_role" "deploy_role" {
  name_prefix        = "github-deploy-"
  description        = "Lets one branch of one GitHub repository publish the site to one bucket and distribution"
  assume_role_policy = data.aws_iam_policy_document.deploy_role_trust.json
  # One hour at most; the workflow asks for 15 minutes.
  max_session_duration = 3600
  permissions_boundary = var.permissions_boundary_policy_name == null ? null : "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:policy/${var.permissions_boundary_policy_name}"
}

# Exactly what `aws s3 sync --delete` and `aws cloudfront create-invalidation` call, on the one
# bucket and the one distribution.
data "aws_iam_policy_document" "deploy_site" {
  statement {
    sid       = "ListSiteBucket"
    actions   = ["s3:ListBucket"]
    resources = ["arn:${data.aws_partition.current.partition}:s3:::${var.site_bucket_name}"]
  }

  # Any key in this one bucket: the site's file names change with every build.
  statement {
    sid       = "WriteSiteObjects"
    actions   = ["s3:DeleteObject", "s3:PutObject"]
    resources = ["arn:${data.aws_partition.current.partition}:s3:::${var.site_bucket_name}/*"]
  }

  statement {
    sid       = "InvalidateSiteCache"
    actions   = ["cloudfront:CreateInvalidation"]
    resources = ["arn:${data.aws_partition.current.partition}:cloudfront::${data.aws_caller_identity.current.account_id}:distribution/${var.distribution_id}"]
  }
}

resource "aws_iam_role_policy" "deploy_role_policy" {
  name   = "deploy-site"
  role   = aws_iam_role.deploy_role.id
  policy = data.aws_iam_policy_document.deploy_site.json
}

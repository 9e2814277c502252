variable "region" {
  description = "AWS Region for the provider. IAM roles and OIDC providers are global; use the Region of the site bucket."
  type        = string
  default     = "us-east-1"
}

# No defaults for the repository: the configuration must name the one it trusts, so a plan without
# these fails instead of creating a role nobody (or somebody else) can use.
variable "repository_owner" {
  description = "The GitHub organization or user that owns the repository, exactly as the OIDC sub claim names it: octo-org for repositories with the legacy claim, octo-org@123456 (with the owner's numeric ID) for repositories that use immutable subject claims, which new repositories do."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,38}(@[0-9]+)?$", var.repository_owner))
    error_message = "repository_owner must be a GitHub owner name (letters, digits and hyphens), optionally followed by @ and its numeric ID; no wildcards."
  }
}

variable "repository_name" {
  description = "The repository, exactly as the OIDC sub claim names it: my-site, or my-site@789012 (with the repository's numeric ID) for repositories that use immutable subject claims."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,100}(@[0-9]+)?$", var.repository_name))
    error_message = "repository_name must be a GitHub repository name (letters, digits, dots, hyphens, underscores), optionally followed by @ and its numeric ID; no wildcards."
  }
}

variable "branch" {
  description = "The one branch whose workflow runs may assume the role."
  type        = string
  default     = "main"

  validation {
    condition     = can(regex("^[A-Za-z0-9._/-]{1,255}$", var.branch))
    error_message = "branch must be a branch name without wildcards."
  }
}

variable "site_bucket_name" {
  description = "The S3 bucket the workflow uploads the site to, such as the site_bucket_name output of the static-website pattern."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.site_bucket_name))
    error_message = "site_bucket_name must be an S3 bucket name."
  }
}

variable "distribution_id" {
  description = "The CloudFront distribution whose cache the workflow invalidates, such as the distribution_id output of the static-website pattern."
  type        = string

  validation {
    condition     = can(regex("^[A-Z0-9]{1,32}$", var.distribution_id))
    error_message = "distribution_id must be a CloudFront distribution ID (capital letters and digits)."
  }
}

variable "existing_oidc_provider_arn" {
  description = "The ARN of the account's IAM OIDC provider for token.actions.githubusercontent.com, if it already has one (an account can have only one per URL). Leave null to create it here."
  type        = string
  default     = null

  validation {
    condition     = var.existing_oidc_provider_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com$", var.existing_oidc_provider_arn))
    error_message = "existing_oidc_provider_arn must be null or the ARN of the OIDC provider for token.actions.githubusercontent.com."
  }
}

variable "permissions_boundary_policy_name" {
  description = "Optional name (with its path, if any) of a managed policy in this account to set as the role's permissions boundary, if your organization requires one on the roles it creates. Leave null for none."
  type        = string
  default     = null

  validation {
    condition     = var.permissions_boundary_policy_name == null || can(regex("^[A-Za-z0-9+=,.@_/-]{1,512}$", var.permissions_boundary_policy_name))
    error_message = "permissions_boundary_policy_name must be null or a managed policy name such as ci-boundary or boundaries/ci-boundary."
  }
}

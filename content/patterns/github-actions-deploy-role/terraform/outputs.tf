output "deploy_role_arn" {
  description = "ARN of the deploy role; set it as the repository variable AWS_DEPLOY_ROLE_ARN."
  value       = aws_iam_role.deploy_role.arn
}

output "oidc_provider_arn" {
  description = "ARN of the IAM OIDC provider for GitHub Actions that the role trusts: the one created here, or existing_oidc_provider_arn."
  value       = local.oidc_provider_arn
}

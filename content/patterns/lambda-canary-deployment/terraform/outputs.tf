output "api_url" {
  description = "URL of the HTTP API; GET / answers with the message and the version that ran."
  value       = aws_apigatewayv2_stage.http_api_default_stage.invoke_url
}

output "function_name" {
  description = "Name of the Lambda function whose live alias CodeDeploy shifts."
  value       = aws_lambda_function.api_function.function_name
}

output "application_name" {
  description = "Name of the CodeDeploy application."
  value       = aws_codedeploy_app.deployment_application.name
}

output "deployment_group_name" {
  description = "Name of the CodeDeploy deployment group that shifts the live alias."
  value       = aws_codedeploy_deployment_group.deployment_group.deployment_group_name
}

output "alarm_name" {
  description = "Name of the alarm that stops and rolls back a deployment."
  value       = aws_cloudwatch_metric_alarm.alias_errors_alarm.alarm_name
}

output "published_version" {
  description = "The newest version this configuration published; a deployment shifts the live alias to it."
  value       = aws_lambda_function.api_function.version
}

# The AppSpec CodeDeploy needs for a Lambda deployment: which alias to move, from the version it
# serves now to the version this apply published. Terraform reads the alias's current version
# when it refreshes, so run `terraform apply` (or `terraform refresh`) before reading this.
output "deployment_revision" {
  description = "Revision for aws deploy create-deployment --revision: shifts the live alias from the version it serves to published_version."
  value = jsonencode({
    revisionType = "AppSpecContent"
    appSpecContent = {
      content = <<-EOT
        version: 0.0
        Resources:
          - ${local.alias_name}:
              Type: AWS::Lambda::Function
              Properties:
                Name: ${aws_lambda_function.api_function.function_name}
                Alias: ${aws_lambda_alias.live_alias.name}
                CurrentVersion: "${aws_lambda_alias.live_alias.function_version}"
                TargetVersion: "${aws_lambda_function.api_function.version}"
      EOT
    }
  })
}

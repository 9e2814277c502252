variable "region" {
  description = "AWS Region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "message" {
  description = "What the release answers with. Changing it (or fail_requests) publishes a new version for CodeDeploy to shift the live alias to."
  type        = string
  default     = "Hello from release 1"

  validation {
    condition     = length(var.message) > 0
    error_message = "The message must not be empty."
  }
}

variable "fail_requests" {
  description = "true makes the new version throw on every request, so that the alarm stops the deployment and CodeDeploy rolls it back."
  type        = bool
  default     = false
}

variable "deployment_config_name" {
  description = "How CodeDeploy shifts traffic: one of its predefined configurations for Lambda."
  type        = string
  default     = "CodeDeployDefault.LambdaCanary10Percent5Minutes"

  validation {
    condition = contains([
      "CodeDeployDefault.LambdaCanary10Percent5Minutes",
      "CodeDeployDefault.LambdaCanary10Percent10Minutes",
      "CodeDeployDefault.LambdaCanary10Percent15Minutes",
      "CodeDeployDefault.LambdaCanary10Percent30Minutes",
      "CodeDeployDefault.LambdaLinear10PercentEvery1Minute",
      "CodeDeployDefault.LambdaLinear10PercentEvery2Minutes",
      "CodeDeployDefault.LambdaLinear10PercentEvery3Minutes",
      "CodeDeployDefault.LambdaLinear10PercentEvery10Minutes",
      "CodeDeployDefault.LambdaAllAtOnce",
    ], var.deployment_config_name)
    error_message = "Use one of CodeDeploy's predefined Lambda deployment configurations."
  }
}

variable "log_retention_days" {
  description = "Days to keep the function logs and the API access logs."
  type        = number
  default     = 14
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second the API accepts before answering 429. The API is public, so this also caps the bill."
  type        = number
  default     = 10
}

variable "throttling_burst_limit" {
  description = "Requests the API accepts in a short burst above the rate limit."
  type        = number
  default     = 20
}

variable "region" {
  description = "AWS Region to deploy to. The default inference profile serves US Regions only."
  type        = string
  default     = "us-east-1"
}

variable "inference_profile_id" {
  description = "Model the function calls: a cross-Region inference profile id (the Geo inference ID on the model card). The default, Amazon Nova 2 Lite through the US profile, is Active and is served in us-east-1 through this profile only."
  type        = string
  default     = "us.amazon.nova-2-lite-v1:0"
}

variable "foundation_model_arns" {
  description = "The foundation-model ARNs, one per Region, that the inference profile routes to. List them with aws bedrock get-inference-profile --inference-profile-identifier <profile id> --query 'models[].modelArn'."
  type        = list(string)
  default = [
    "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-2-lite-v1:0",
    "arn:aws:bedrock:us-east-2::foundation-model/amazon.nova-2-lite-v1:0",
    "arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-2-lite-v1:0",
  ]
}

variable "enable_guardrail" {
  description = "true creates a Bedrock guardrail (content filters and a denied topic) and applies it to every prompt and answer; false calls the model without one."
  type        = bool
  default     = true
}

variable "reserved_concurrency" {
  description = "Most invocations that run at once. Each holds a Bedrock call, so this caps the spend per minute; more callers get 429 Too Many Requests."
  type        = number
  default     = 5
}

variable "log_retention_days" {
  description = "Days to keep the function logs."
  type        = number
  default     = 14
}

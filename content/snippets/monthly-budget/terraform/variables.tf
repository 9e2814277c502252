variable "region" {
  description = "AWS Region for the provider. The budget measures the whole account's cost, in every Region, whichever Region you choose."
  type        = string
  default     = "us-east-1"
}

variable "budget_amount" {
  description = "The most the account should cost per calendar month, in US dollars."
  type        = number

  validation {
    condition     = var.budget_amount >= 1
    error_message = "budget_amount must be at least 1."
  }
}

variable "notification_email" {
  description = "Email address that receives the budget alerts."
  type        = string

  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.notification_email))
    error_message = "notification_email must be an email address."
  }
}

variable "notification_topic_arn" {
  description = "Optional ARN of an existing SNS topic that also receives the alerts; its policy must let budgets.amazonaws.com publish. Leave empty for email only."
  type        = string
  default     = ""

  validation {
    condition     = var.notification_topic_arn == "" || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]+:[A-Za-z0-9_-]+$", var.notification_topic_arn))
    error_message = "notification_topic_arn must be the ARN of a standard SNS topic, or empty."
  }
}

variable "budget_name" {
  description = "Name of the budget, unique in the account; it appears in every alert."
  type        = string
  default     = "monthly-cost"

  validation {
    condition     = can(regex("^[^:\\\\]{1,100}$", var.budget_name))
    error_message = "budget_name must be 1-100 characters, without : or \\."
  }
}

terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    # Zips ../src for the Lambda function.
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.7"
    }
    # Suffixes the names AWS requires, so a second copy in the same account does not collide.
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7"
    }
  }
}

terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    # Zips ../src for the Lambda function in both Regions.
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.7"
    }
  }
}

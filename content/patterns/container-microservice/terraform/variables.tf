variable "region" {
  description = "AWS Region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "name" {
  description = "Name of the ECS cluster and service, and prefix of the other names and Name tags. Change it to deploy a second copy in the same account and Region."
  type        = string
  default     = "container-microservice"
}

variable "container_image" {
  description = "Container image the service runs. It must listen on port 80 and answer GET / with 200. The default is a public image, so nothing needs building; an image in your private ECR repository also needs ECR pull permissions on the execution role."
  type        = string
  default     = "public.ecr.aws/nginx/nginx:stable"
}

variable "min_capacity" {
  description = "Fewest tasks; two keep one running in each Availability Zone."
  type        = number
  default     = 2
}

variable "max_capacity" {
  description = "Most tasks that scaling may start."
  type        = number
  default     = 10
}

variable "single_nat_gateway" {
  description = "true puts one NAT gateway in the first Availability Zone for both private subnets: cheaper, but if that zone fails no task can pull its image or send logs. false puts one in each zone."
  type        = bool
  default     = false
}

variable "log_retention_days" {
  description = "Days to keep the container logs."
  type        = number
  default     = 14

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts, such as 7, 14, 30 or 90."
  }
}

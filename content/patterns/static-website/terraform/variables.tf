variable "region" {
  description = "AWS Region for the buckets. The CloudFront distribution is global whatever you choose."
  type        = string
  default     = "us-east-1"
}

variable "domain_name" {
  description = "Optional host name for the site, such as www.example.com. Set it together with certificate_arn; leave both null to use the distribution's cloudfront.net name."
  type        = string
  default     = null
}

variable "certificate_arn" {
  description = "Optional ARN of an ACM certificate for domain_name. CloudFront reads certificates only from us-east-1, whatever Region the buckets are in."
  type        = string
  default     = null

  validation {
    condition     = var.certificate_arn == null || can(regex("^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/", var.certificate_arn))
    error_message = "certificate_arn must be the ARN of an ACM certificate in us-east-1."
  }
}

variable "log_retention_days" {
  description = "Days to keep CloudFront and S3 access logs in the logs bucket."
  type        = number
  default     = 90
}

variable "content_security_policy" {
  description = "Content-Security-Policy header for every response. The default allows inline scripts and styles, which static site generators such as Astro and Docusaurus emit, and WebAssembly for client-side search; everything else loads only from the site itself."
  type        = string
  default     = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests"
}

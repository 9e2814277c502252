output "cluster_name" {
  description = "Name of the EKS cluster."
  value       = aws_eks_cluster.cluster.name
}

output "configure_kubectl_command" {
  description = "Run this to point kubectl at the cluster."
  value       = "aws eks update-kubeconfig --region ${data.aws_region.current.region} --name ${aws_eks_cluster.cluster.name}"
}

output "message_parameter_name" {
  description = "Name of the SSM parameter the sample pods read."
  value       = aws_ssm_parameter.message_parameter.name
}

output "app_role_arn" {
  description = "IAM role the pods of service account demo/web get through EKS Pod Identity."
  value       = aws_iam_role.app_role.arn
}

output "region" {
  description = "AWS Region of the cluster."
  value       = data.aws_region.current.region
}

# What the deployment needs: ci/ and scripts/deploy-knative.sh take these as settings (README, "Deploy").

output "region" {
  description = "AWS region of the bucket; the service's AVATAR_S3_REGION."
  value       = var.region
}

output "bucket_name" {
  description = "The output bucket; name it in requests as outputUrl s3://<bucket_name>/<prefix>/."
  value       = aws_s3_bucket.outputs.bucket
}

output "renderer_role_arn" {
  description = "IAM role the renderer's pods assume (IRSA); reaches only the output bucket."
  value       = aws_iam_role.renderer.arn
}

output "namespace" {
  description = "Namespace to deploy the Knative manifests into (AVATAR_NAMESPACE of scripts/deploy-knative.sh)."
  value       = kubernetes_namespace_v1.renderer.metadata[0].name
}

output "service_account_name" {
  description = "Service account the Knative service runs as (AVATAR_SERVICE_ACCOUNT of scripts/deploy-knative.sh)."
  value       = kubernetes_service_account_v1.renderer.metadata[0].name
}

output "service_account_annotations" {
  description = "Annotations of that service account, for clusters that manage it outside Terraform."
  value = {
    "eks.amazonaws.com/role-arn" = aws_iam_role.renderer.arn
  }
}

output "gpu_toleration" {
  description = "The toleration the Knative service needs for the GPU nodes (as in knative/service.yaml)."
  value = {
    key      = local.gpu_taint.key
    operator = "Equal"
    value    = local.gpu_taint.value
    effect   = local.gpu_taint.effect
  }
}

output "image_repository" {
  description = "ECR repository to push the image to (IMAGE_REPOSITORY in ci/)."
  value       = aws_ecr_repository.renderer.repository_url
}

# The existing cluster: its endpoint for the providers and its OIDC issuer for the pods' role.
data "aws_eks_cluster" "this" {
  name = var.cluster_name
}

data "aws_eks_cluster_auth" "this" {
  name = var.cluster_name
}

data "aws_iam_openid_connect_provider" "cluster" {
  url = data.aws_eks_cluster.this.identity[0].oidc[0].issuer
}

data "aws_partition" "current" {}

locals {
  # The taint that keeps everything but GPU work off the GPU nodes. knative/service.yaml tolerates
  # exactly this (deploy-checks/TerraformModuleTest compares them).
  gpu_taint = {
    key    = "nvidia.com/gpu"
    value  = "present"
    effect = "NoSchedule"
  }

  # The issuer without its scheme, as IAM names it in condition keys.
  oidc_issuer = replace(data.aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://", "")

  service_account_subject = "system:serviceaccount:${var.namespace}:${var.service_account_name}"
}

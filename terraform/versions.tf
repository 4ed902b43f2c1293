terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.35"
    }
    # 2.x: helm_release takes "set" blocks (3.x changed them to a list attribute).
    helm = {
      source  = "hashicorp/helm"
      version = "~> 2.17"
    }
  }
}

# Credentials come from the caller's environment (AWS_PROFILE, SSO, an assumed role), never from files.
provider "aws" {
  region = var.region

  default_tags {
    tags = var.tags
  }
}

# Both providers log in to the existing cluster with a short-lived token from the AWS credentials above.
provider "kubernetes" {
  host                   = data.aws_eks_cluster.this.endpoint
  cluster_ca_certificate = base64decode(data.aws_eks_cluster.this.certificate_authority[0].data)
  token                  = data.aws_eks_cluster_auth.this.token
}

provider "helm" {
  kubernetes {
    host                   = data.aws_eks_cluster.this.endpoint
    cluster_ca_certificate = base64decode(data.aws_eks_cluster.this.certificate_authority[0].data)
    token                  = data.aws_eks_cluster_auth.this.token
  }
}

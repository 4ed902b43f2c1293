# IAM roles for service accounts (IRSA): the renderer's pods, and only they, get a role that reaches
# only the output bucket. The AWS SDK in the service picks it up through its web-identity provider.

resource "kubernetes_namespace_v1" "renderer" {
  metadata {
    name = var.namespace
  }
}

data "aws_iam_policy_document" "renderer_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [data.aws_iam_openid_connect_provider.cluster.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:sub"
      values   = [local.service_account_subject]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "renderer" {
  name_prefix        = "avatar-renderer-"
  assume_role_policy = data.aws_iam_policy_document.renderer_trust.json
}

# Read inputs and write outputs in this bucket; multipart uploads for long videos. Nothing else.
data "aws_iam_policy_document" "bucket_access" {
  statement {
    sid       = "ListTheOutputBucket"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [aws_s3_bucket.outputs.arn]
  }

  statement {
    sid = "ReadAndWriteRenders"
    actions = [
      "s3:GetObject",
      "s3:PutObject",
      "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts",
    ]
    resources = ["${aws_s3_bucket.outputs.arn}/*"]
  }
}

resource "aws_iam_role_policy" "renderer_bucket" {
  name   = "avatar-renderer-bucket"
  role   = aws_iam_role.renderer.id
  policy = data.aws_iam_policy_document.bucket_access.json
}

resource "kubernetes_service_account_v1" "renderer" {
  metadata {
    name      = var.service_account_name
    namespace = kubernetes_namespace_v1.renderer.metadata[0].name

    annotations = {
      "eks.amazonaws.com/role-arn" = aws_iam_role.renderer.arn
    }
  }
}

# The service reads AVATAR_S3_REGION from this Secret (knative/service.yaml, envFrom). No keys in it:
# credentials come from the role above.
resource "kubernetes_secret_v1" "renderer_s3" {
  metadata {
    name      = "avatar-renderer-s3"
    namespace = kubernetes_namespace_v1.renderer.metadata[0].name
  }

  data = {
    AVATAR_S3_REGION = var.region
  }
}

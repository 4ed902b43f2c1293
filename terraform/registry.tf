# Where CI pushes the image (ci/). Tags are commit ids and never move; ECR also scans on push.
resource "aws_ecr_repository" "renderer" {
  name                 = var.image_repository_name
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

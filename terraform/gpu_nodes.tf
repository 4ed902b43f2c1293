# GPU nodes: a managed node group that rests at zero nodes. The cluster's autoscaler (Cluster
# Autoscaler or Karpenter, not installed here) adds a node when a render pod is pending and removes
# it once Knative has scaled the service back to zero.

data "aws_iam_policy_document" "gpu_node_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "gpu_node" {
  name_prefix        = "avatar-gpu-node-"
  assume_role_policy = data.aws_iam_policy_document.gpu_node_trust.json
}

# What every EKS worker needs (join the cluster, pod networking, pull images); nothing about the bucket:
# only the renderer's own service account may touch it.
resource "aws_iam_role_policy_attachment" "gpu_node" {
  for_each = {
    worker   = "AmazonEKSWorkerNodePolicy"
    cni      = "AmazonEKS_CNI_Policy"
    registry = "AmazonEC2ContainerRegistryReadOnly"
  }

  role       = aws_iam_role.gpu_node.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/${each.value}"
}

resource "aws_eks_node_group" "gpu" {
  cluster_name    = data.aws_eks_cluster.this.name
  node_group_name = "avatar-gpu"
  node_role_arn   = aws_iam_role.gpu_node.arn
  subnet_ids      = var.subnet_ids
  ami_type        = var.gpu_ami_type
  capacity_type   = var.gpu_capacity_type
  instance_types  = var.gpu_instance_types
  disk_size       = var.gpu_disk_size_gb

  scaling_config {
    min_size     = 0
    desired_size = 0
    max_size     = var.gpu_max_nodes
  }

  # Only pods that tolerate this run here: the renderer and the device plugin.
  taint {
    key    = local.gpu_taint.key
    value  = local.gpu_taint.value
    effect = "NO_SCHEDULE"
  }

  # The label the NVIDIA device plugin chart selects its nodes by.
  labels = {
    "nvidia.com/gpu.present" = "true"
  }

  lifecycle {
    # The autoscaler owns the current size.
    ignore_changes = [scaling_config[0].desired_size]
  }

  depends_on = [aws_iam_role_policy_attachment.gpu_node]
}

# With no node running, Cluster Autoscaler learns what a new node would offer from these tags on the
# Auto Scaling group: the GPU, the label and the taint. Keys are literal: the taint is fixed above.
resource "aws_autoscaling_group_tag" "gpu_node_template" {
  for_each = {
    "k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu"    = "1"
    "k8s.io/cluster-autoscaler/node-template/label/nvidia.com/gpu.present" = "true"
    "k8s.io/cluster-autoscaler/node-template/taint/nvidia.com/gpu"         = "present:NoSchedule"
  }

  autoscaling_group_name = aws_eks_node_group.gpu.resources[0].autoscaling_groups[0].name

  tag {
    key                 = each.key
    value               = each.value
    propagate_at_launch = false
  }
}

# Advertises nvidia.com/gpu on each GPU node so the scheduler can place the renderer. It must tolerate
# the taint above, or it would never start on the nodes it serves.
resource "helm_release" "nvidia_device_plugin" {
  name             = "nvidia-device-plugin"
  namespace        = "nvidia-device-plugin"
  create_namespace = true
  repository       = var.nvidia_device_plugin_repository
  chart            = "nvidia-device-plugin"
  version          = var.nvidia_device_plugin_version

  set {
    name  = "tolerations[0].key"
    value = local.gpu_taint.key
  }

  set {
    name  = "tolerations[0].operator"
    value = "Exists"
  }

  set {
    name  = "tolerations[0].effect"
    value = local.gpu_taint.effect
  }
}

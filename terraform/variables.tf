variable "region" {
  type        = string
  description = "AWS region of the EKS cluster and the output bucket, for example eu-west-1."

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as eu-west-1 or us-east-2."
  }
}

variable "cluster_name" {
  type        = string
  description = "Name of the existing EKS cluster (with Knative Serving and an IAM OIDC provider) that runs the renderer."

  validation {
    condition     = can(regex("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$", var.cluster_name))
    error_message = "cluster_name must be an EKS cluster name: letters, digits, - and _, at most 100 characters."
  }
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets of the cluster's VPC for the GPU nodes; two or more zones give GPU capacity more chances."

  validation {
    condition     = length(var.subnet_ids) >= 1 && alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "subnet_ids must list at least one subnet id (subnet-...)."
  }
}

variable "gpu_instance_types" {
  type        = list(string)
  description = "Instance types of the GPU node group, tried in order. Each must have exactly one NVIDIA GPU: the service asks for nvidia.com/gpu 1 per pod and the autoscaler assumes one per node."
  default     = ["g5.xlarge", "g6.xlarge", "g4dn.xlarge"]

  validation {
    condition     = length(var.gpu_instance_types) >= 1 && alltrue([for t in var.gpu_instance_types : can(regex("^(g4dn|g5|g6|g6e)\\.(xlarge|2xlarge|4xlarge|8xlarge|16xlarge)$", t))])
    error_message = "gpu_instance_types must be single-GPU g4dn, g5, g6 or g6e sizes (xlarge to 16xlarge, not 12xlarge or larger multi-GPU sizes)."
  }
}

variable "gpu_ami_type" {
  type        = string
  description = "EKS AMI type of the GPU nodes; it must ship the NVIDIA driver and container toolkit."
  default     = "AL2023_x86_64_NVIDIA"

  validation {
    condition     = contains(["AL2023_x86_64_NVIDIA", "BOTTLEROCKET_x86_64_NVIDIA", "AL2_x86_64_GPU"], var.gpu_ami_type)
    error_message = "gpu_ami_type must be AL2023_x86_64_NVIDIA, BOTTLEROCKET_x86_64_NVIDIA or AL2_x86_64_GPU."
  }
}

variable "gpu_capacity_type" {
  type        = string
  description = "ON_DEMAND, or SPOT for cheaper nodes that may be reclaimed mid-render (the Broker retries the job)."
  default     = "ON_DEMAND"

  validation {
    condition     = contains(["ON_DEMAND", "SPOT"], var.gpu_capacity_type)
    error_message = "gpu_capacity_type must be ON_DEMAND or SPOT."
  }
}

variable "gpu_max_nodes" {
  type        = number
  description = "Most GPU nodes at once; match the Knative max-scale (one render pod per GPU). The group's minimum is always 0."
  default     = 4

  validation {
    condition     = var.gpu_max_nodes >= 1 && var.gpu_max_nodes <= 64 && floor(var.gpu_max_nodes) == var.gpu_max_nodes
    error_message = "gpu_max_nodes must be a whole number from 1 to 64."
  }
}

variable "gpu_disk_size_gb" {
  type        = number
  description = "Root volume of each GPU node in GiB: the CUDA image is several GB."
  default     = 80

  validation {
    condition     = var.gpu_disk_size_gb >= 40 && var.gpu_disk_size_gb <= 1000
    error_message = "gpu_disk_size_gb must be between 40 and 1000."
  }
}

variable "nvidia_device_plugin_repository" {
  type        = string
  description = "Helm repository of NVIDIA's k8s-device-plugin chart, as given in that project's README (https:// or oci://)."

  validation {
    condition     = can(regex("^(https|oci)://", var.nvidia_device_plugin_repository))
    error_message = "nvidia_device_plugin_repository must start with https:// or oci://."
  }
}

variable "nvidia_device_plugin_version" {
  type        = string
  description = "Version of the nvidia-device-plugin Helm chart."
  default     = "0.17.0"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.nvidia_device_plugin_version))
    error_message = "nvidia_device_plugin_version must be a chart version such as 0.17.0."
  }
}

variable "bucket_name" {
  type        = string
  description = "Name of the new S3 bucket for rendered videos and posters (globally unique); requests name it in outputUrl as s3://<bucket>/<prefix>/."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name)) && !can(regex("\\.\\.", var.bucket_name))
    error_message = "bucket_name must be a valid S3 bucket name: 3-63 lower-case letters, digits, dots and hyphens."
  }
}

variable "output_expiry_days" {
  type        = number
  description = "Days after which rendered outputs are deleted from the bucket. The links the service returns last at most 7 days."
  default     = 14

  validation {
    condition     = var.output_expiry_days >= 1 && var.output_expiry_days <= 3650 && floor(var.output_expiry_days) == var.output_expiry_days
    error_message = "output_expiry_days must be a whole number of days from 1 to 3650."
  }
}

variable "namespace" {
  type        = string
  description = "Kubernetes namespace the Knative service runs in; created here."
  default     = "avatar"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a DNS label: lower-case letters, digits and -, at most 63 characters."
  }
}

variable "service_account_name" {
  type        = string
  description = "Kubernetes service account of the renderer pods; the only identity allowed to assume the bucket role."
  default     = "avatar-renderer"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.service_account_name))
    error_message = "service_account_name must be a DNS subdomain name."
  }
}

variable "image_repository_name" {
  type        = string
  description = "Name of the ECR repository created for the renderer image."
  default     = "avatar-renderer"

  validation {
    condition     = can(regex("^[a-z0-9]+([._/-][a-z0-9]+)*$", var.image_repository_name))
    error_message = "image_repository_name must be an ECR repository name (lower case, digits, . _ - /)."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every AWS resource."
  default     = { "app.kubernetes.io/name" = "avatar-renderer" }
}

# EKS Auto Mode runs coredns, kube-proxy and the VPC CNI itself: no add-ons needed.
resource "aws_eks_cluster" "auto" {
  name     = "auto"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  bootstrap_self_managed_addons = false
  compute_config {
    enabled       = true
    node_pools    = ["general-purpose", "system"]
    node_role_arn = "arn:aws:iam::222222222222:role/eks-auto-node"
  }
  kubernetes_network_config {
    elastic_load_balancing {
      enabled = true
    }
  }
  storage_config {
    block_storage {
      enabled = true
    }
  }
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b", "subnet-0c"]
  }
}

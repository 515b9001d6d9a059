resource "aws_eks_cluster" "quiet" { # expect: EKS-003
  name     = "quiet"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

resource "aws_eks_cluster" "partial" {
  name                      = "partial"
  role_arn                  = "arn:aws:iam::222222222222:role/eks"
  enabled_cluster_log_types = ["api", "scheduler"] # expect: EKS-003
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

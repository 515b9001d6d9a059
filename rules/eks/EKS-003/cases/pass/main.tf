resource "aws_eks_cluster" "logged" {
  name                      = "logged"
  role_arn                  = "arn:aws:iam::222222222222:role/eks"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager"]
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

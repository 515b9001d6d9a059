# compute_config written but disabled: a standard cluster, which needs the add-ons.
resource "aws_eks_cluster" "standard" { # expect: EKS-006
  name     = "standard"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  compute_config {
    enabled = false
  }
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b", "subnet-0c"]
  }
}

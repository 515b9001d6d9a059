# A name known only at apply still names its cluster: the add-on below is this cluster's.
resource "random_string" "suffix" {
  length  = 8
  special = false
}

resource "aws_eks_cluster" "this" { # expect: EKS-006
  name     = "demo-${random_string.suffix.result}"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  version  = "1.31"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

resource "aws_eks_addon" "coredns" {
  cluster_name = aws_eks_cluster.this.name
  addon_name   = "coredns"
}

resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

resource "aws_eks_node_group" "frontend" { # expect: EKS-005
  cluster_name  = aws_eks_cluster.main.name
  node_role_arn = "arn:aws:iam::222222222222:role/nodes"
  subnet_ids    = ["subnet-0a", "subnet-0b"]
  labels        = { workload = "frontend" }
  scaling_config {
    desired_size = 2
    min_size     = 2
    max_size     = 4
  }
}

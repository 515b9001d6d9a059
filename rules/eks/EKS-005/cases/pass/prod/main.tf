resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

resource "aws_eks_node_group" "frontend" {
  cluster_name  = aws_eks_cluster.main.name
  node_role_arn = "arn:aws:iam::222222222222:role/nodes"
  subnet_ids    = ["subnet-0a", "subnet-0b"]
  labels        = { workload = "frontend" }
  taint {
    key    = "workload"
    value  = "frontend"
    effect = "NO_SCHEDULE"
  }
  scaling_config {
    desired_size = 2
    min_size     = 2
    max_size     = 4
  }
}

resource "aws_eks_node_group" "backend" {
  cluster_name  = aws_eks_cluster.main.name
  node_role_arn = "arn:aws:iam::222222222222:role/nodes"
  subnet_ids    = ["subnet-0a", "subnet-0b"]
  labels        = { workload = "backend" }
  taint {
    key    = "workload"
    value  = "backend"
    effect = "NO_SCHEDULE"
  }
  scaling_config {
    desired_size = 2
    min_size     = 2
    max_size     = 4
  }
}

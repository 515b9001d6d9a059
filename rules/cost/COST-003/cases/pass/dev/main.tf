resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

resource "aws_eks_node_group" "general" {
  cluster_name  = aws_eks_cluster.main.name
  node_role_arn = "arn:aws:iam::333333333333:role/nodes"
  subnet_ids    = ["subnet-0a", "subnet-0b"]
  capacity_type = "SPOT"
  scaling_config {
    desired_size = 1
    min_size     = 1
    max_size     = 2
  }
}

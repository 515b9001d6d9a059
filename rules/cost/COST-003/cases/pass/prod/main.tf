resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

# Production node groups may run on demand.
resource "aws_eks_node_group" "general" {
  cluster_name  = aws_eks_cluster.main.name
  node_role_arn = "arn:aws:iam::222222222222:role/nodes"
  subnet_ids    = ["subnet-0a", "subnet-0b"]
  scaling_config {
    desired_size = 3
    min_size     = 3
    max_size     = 6
  }
}

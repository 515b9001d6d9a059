resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private" {
  for_each          = { a = 10, b = 11, c = 12 }
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.${each.value}.0/24"
  availability_zone = "us-east-1${each.key}"
  tags              = { Tier = "private" }
}

resource "aws_subnet" "public" {
  for_each          = { a = 0, b = 1, c = 2 }
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.${each.value}.0/24"
  availability_zone = "us-east-1${each.key}"
  tags              = { Tier = "public" }
}

resource "aws_eks_cluster" "mixed" {
  name     = "mixed"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = [aws_subnet.private["a"].id, aws_subnet.private["b"].id, aws_subnet.public["c"].id] # expect: EKS-004
  }
}

resource "aws_eks_node_group" "two_zones" { # expect: EKS-004
  cluster_name  = aws_eks_cluster.mixed.name
  node_role_arn = "arn:aws:iam::222222222222:role/nodes"
  subnet_ids    = [aws_subnet.private["a"].id, aws_subnet.private["b"].id]
  scaling_config {
    desired_size = 2
    min_size     = 2
    max_size     = 3
  }
}

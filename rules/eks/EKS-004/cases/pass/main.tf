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

resource "aws_eks_cluster" "private" {
  name     = "private"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = [for s in aws_subnet.private : s.id]
  }
}

resource "aws_eks_node_group" "workers" {
  cluster_name  = aws_eks_cluster.private.name
  node_role_arn = "arn:aws:iam::222222222222:role/nodes"
  subnet_ids    = values(aws_subnet.private)[*].id
  scaling_config {
    desired_size = 3
    min_size     = 3
    max_size     = 6
  }
}

# Subnets outside the scan cannot be judged: undecided.
resource "aws_eks_node_group" "elsewhere" {
  cluster_name  = aws_eks_cluster.private.name
  node_role_arn = "arn:aws:iam::222222222222:role/nodes"
  subnet_ids    = ["subnet-0123456789abcdef0"] # undecided: EKS-004
  scaling_config {
    desired_size = 1
    min_size     = 1
    max_size     = 1
  }
}

# Subnets a data source finds are known only at apply: undecided, not "0
# availability zones" (terraform-aws-eks and eks-workshop-v2 write this).
data "aws_subnets" "private" {
  filter {
    name   = "tag:Name"
    values = ["*private*"]
  }
}

resource "aws_eks_node_group" "found" {
  cluster_name  = aws_eks_cluster.private.name
  node_role_arn = "arn:aws:iam::222222222222:role/nodes"
  subnet_ids    = data.aws_subnets.private.ids # undecided: EKS-004
  scaling_config {
    desired_size = 1
    min_size     = 1
    max_size     = 1
  }
}

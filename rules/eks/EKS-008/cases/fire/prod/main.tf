provider "aws" {
  region = "us-east-1"
}

# A sandbox cluster beside the platform: the one judged second (in address
# order, as a plan lists them) is reported.
resource "aws_eks_cluster" "experiment" {
  name     = "experiment"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

resource "aws_eks_cluster" "main" { # expect: EKS-008
  name     = "main"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

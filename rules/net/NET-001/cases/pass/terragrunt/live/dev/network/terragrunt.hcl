# dev has a block of its own.
terraform {
  source = "../../../modules//network"
}

inputs = {
  cidr = "10.1.0.0/16"
}

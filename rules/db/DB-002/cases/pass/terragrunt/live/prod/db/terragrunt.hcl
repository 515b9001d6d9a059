# prod turns Multi-AZ on over the shared default (a shallow merge: its key wins).
include "root" {
  path = find_in_parent_folders("root.hcl")
}

terraform {
  source = "../../../modules//db"
}

inputs = {
  multi_az = true
}

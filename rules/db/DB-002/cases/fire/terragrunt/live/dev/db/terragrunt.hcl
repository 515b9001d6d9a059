# dev may run single-AZ (the innovate policy skips DB-002 there): no finding.
include "root" {
  path = find_in_parent_folders("root.hcl")
}

terraform {
  source = "../../../modules//db"
}

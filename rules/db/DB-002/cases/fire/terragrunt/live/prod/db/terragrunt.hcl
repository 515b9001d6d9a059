# prod takes the shared default (off): the finding is prod's, at the value.
include "root" {
  path = find_in_parent_folders("root.hcl")
}

terraform {
  source = "../../../modules//db"
}

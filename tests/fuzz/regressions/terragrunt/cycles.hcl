include "self" {
  path = "terragrunt.hcl"
}
include {
  path = find_in_parent_folders()
}
locals {
  a = local.b
  b = local.a
  c = read_terragrunt_config("terragrunt.hcl")
  d = try(read_terragrunt_config("missing.hcl"), { locals = {} })
  e = yamldecode("a: [1, {b: *x}]")
}
dependency "x" {
  config_path  = "../x"
  mock_outputs = local.a
}
generate "provider" {
  path     = "provider.tf"
  contents = "provider \"aws\" { region = \"${local.a}\" }"
}
terraform {
  source = "${get_parent_terragrunt_dir()}/../..//${path_relative_to_include()}"
}
inputs = merge(local.c, dependency.x.outputs, { name = get_env("X", "y") })

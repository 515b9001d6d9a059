# Both units take the module's default: two VPCs, one block.
terraform {
  source = "../../../modules//network"
}

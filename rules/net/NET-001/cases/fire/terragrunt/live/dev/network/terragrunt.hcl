terraform {
  source = "../../../modules//network"
}

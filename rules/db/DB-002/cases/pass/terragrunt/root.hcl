# Shared by the units: Multi-AZ off unless a unit turns it on.
inputs = {
  multi_az = false
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "data" {
  count      = 3
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet("10.0.0.0/16", 8, 20 + count.index)
  tags       = { Tier = "private" }
}

# A subnet outside the scan cannot be judged: undecided, not a finding.
resource "aws_db_subnet_group" "db" {
  name       = "db"
  subnet_ids = concat(aws_subnet.data[*].id, ["subnet-0123456789abcdef0"])
}

resource "aws_db_instance" "main" {
  identifier           = "main"
  engine               = "postgres"
  instance_class       = "db.t4g.micro"
  db_subnet_group_name = aws_db_subnet_group.db.name
  publicly_accessible  = false
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "public_a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.0.0/24"
}

resource "aws_subnet" "private_a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.10.0/24"
}

resource "aws_db_subnet_group" "db" {
  name = "db"
  subnet_ids = [
    aws_subnet.private_a.id,
    aws_subnet.public_a.id, # expect: DB-004
  ]
}

resource "aws_db_instance" "open" {
  identifier           = "open"
  engine               = "postgres"
  instance_class       = "db.t4g.micro"
  db_subnet_group_name = aws_db_subnet_group.db.name
  publicly_accessible  = true # expect: DB-004
}

resource "aws_rds_cluster_instance" "open" {
  cluster_identifier  = "aurora"
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  publicly_accessible = true # expect: DB-004
}

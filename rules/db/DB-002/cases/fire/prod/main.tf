resource "aws_db_instance" "single" {
  identifier     = "single"
  engine         = "postgres"
  instance_class = "db.r6g.large"
  multi_az       = false # expect: DB-002
}

# multi_az defaults to false.
resource "aws_db_instance" "unset" { # expect: DB-002
  identifier     = "unset"
  engine         = "postgres"
  instance_class = "db.r6g.large"
}

# An Aurora cluster with one instance has no standby in another zone.
resource "aws_rds_cluster" "aurora" { # expect: DB-002
  cluster_identifier = "aurora"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster_instance" "writer" {
  cluster_identifier = aws_rds_cluster.aurora.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}

# Two instances pinned to one zone are not Multi-AZ either.
resource "aws_rds_cluster" "pinned" { # expect: DB-002
  cluster_identifier = "pinned"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster_instance" "pinned" {
  count              = 2
  cluster_identifier = aws_rds_cluster.pinned.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
  availability_zone  = "us-east-1a"
}

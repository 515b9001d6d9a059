# PostgreSQL 15+ on the default group; an explicit group that forces TLS;
# a group outside the scan cannot be judged (undecided).
resource "aws_db_instance" "modern" {
  identifier     = "modern"
  engine         = "postgres"
  engine_version = "16.3"
  instance_class = "db.t4g.micro"
}

resource "aws_db_parameter_group" "tls" {
  name   = "tls"
  family = "postgres14"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "old_but_forced" {
  identifier           = "old"
  engine               = "postgres"
  engine_version       = "14.10"
  instance_class       = "db.t4g.micro"
  parameter_group_name = aws_db_parameter_group.tls.name
}

resource "aws_db_instance" "shared_group" {
  identifier           = "shared"
  engine               = "postgres"
  engine_version       = "14.10"
  instance_class       = "db.t4g.micro"
  parameter_group_name = "platform-shared-pg14"
}

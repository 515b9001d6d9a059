#!/usr/bin/env python3
"""Writes ROOTS Terraform root modules under OUT/tf/live/<team>/<root>/ that
call the local modules OUT/tf/modules/network and OUT/tf/modules/database,
for benchmarks.

    bench/gen_tf.py OUT ROOTS [--avg-bytes N] [--seed S]

A root is five files: versions.tf, variables.tf, terraform.tfvars, main.tf
and outputs.tf. main.tf calls the network module once and the database
module with for_each over the databases its terraform.tfvars lists; the
modules use for_each (subnets per zone, alarms) and count (read replicas).
Per-service resources (security group, role, log group, alarm) are added to
main.tf until the root's files average about --avg-bytes each.

A fixed share is non-compliant: an admin range of 0.0.0.0/0 on SSH or RDP
(NET-009), a database without encryption or without a customer KMS key
(DB-001), a publicly accessible database or one on the public subnets
(DB-004). Each root has its own random stream, so root i is the same
whatever ROOTS is.
"""
import argparse
import os
import random

TEAMS = 20
FILES_PER_ROOT = 5

NETWORK_MAIN = """# One application's VPC: a public and a private subnet per zone, an internet
# gateway, a NAT gateway, and the application's security groups.

locals {
  zones = { for i, az in var.azs : az => i }
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = var.name }
}

resource "aws_subnet" "public" {
  for_each                = local.zones
  vpc_id                  = aws_vpc.this.id
  cidr_block              = cidrsubnet(var.cidr, 4, each.value)
  availability_zone       = each.key
  map_public_ip_on_launch = true
  tags = {
    Name = "${var.name}-public-${each.key}"
    Tier = "public"
  }
}

resource "aws_subnet" "private" {
  for_each          = local.zones
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.cidr, 4, each.value + 8)
  availability_zone = each.key
  tags = {
    Name = "${var.name}-private-${each.key}"
    Tier = "private"
  }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = { Name = var.name }
}

resource "aws_eip" "nat" {
  domain = "vpc"
  tags   = { Name = "${var.name}-nat" }
}

resource "aws_nat_gateway" "this" {
  subnet_id     = aws_subnet.public[var.azs[0]].id
  allocation_id = aws_eip.nat.id
  tags          = { Name = var.name }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }
  tags = { Name = "${var.name}-public" }
}

resource "aws_route_table_association" "public" {
  for_each       = local.zones
  subnet_id      = aws_subnet.public[each.key].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.this.id
  }
  tags = { Name = "${var.name}-private" }
}

resource "aws_route_table_association" "private" {
  for_each       = local.zones
  subnet_id      = aws_subnet.private[each.key].id
  route_table_id = aws_route_table.private.id
}

resource "aws_security_group" "lb" {
  name        = "${var.name}-lb"
  description = "HTTPS and HTTP from the internet"
  vpc_id      = aws_vpc.this.id
  dynamic "ingress" {
    for_each = [80, 443]
    content {
      protocol    = "tcp"
      from_port   = ingress.value
      to_port     = ingress.value
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}

resource "aws_lb" "this" {
  name               = var.name
  load_balancer_type = "application"
  security_groups    = [aws_security_group.lb.id]
  subnets            = [for s in aws_subnet.public : s.id]
  drop_invalid_header_fields = true
}

resource "aws_security_group" "app" {
  name        = "${var.name}-app"
  description = "The application, from the load balancer"
  vpc_id      = aws_vpc.this.id
  ingress {
    protocol        = "tcp"
    from_port       = 8080
    to_port         = 8080
    security_groups = [aws_security_group.lb.id]
  }
}

resource "aws_security_group" "admin" {
  name        = "${var.name}-admin"
  description = "Administrative access"
  vpc_id      = aws_vpc.this.id
  ingress {
    protocol    = "tcp"
    from_port   = var.admin_port
    to_port     = var.admin_port
    cidr_blocks = var.admin_cidrs
  }
}
"""

NETWORK_VARIABLES = """variable "name" {
  type = string
}

variable "cidr" {
  type = string
}

variable "azs" {
  type = list(string)
}

variable "admin_port" {
  type    = number
  default = 22
}

variable "admin_cidrs" {
  description = "Where administrators connect from"
  type        = list(string)
}
"""

NETWORK_OUTPUTS = """output "vpc_id" {
  value = aws_vpc.this.id
}

output "public_subnet_ids" {
  value = [for s in aws_subnet.public : s.id]
}

output "private_subnet_ids" {
  value = [for s in aws_subnet.private : s.id]
}

output "app_security_group_id" {
  value = aws_security_group.app.id
}

output "lb_arn" {
  value = aws_lb.this.arn
}
"""

DATABASE_MAIN = """# One database: its own KMS key (when customer_key), a subnet group, a
# security group open to the application only, read replicas and alarms.

locals {
  port = var.engine == "postgres" ? 5432 : 3306
}

resource "aws_kms_key" "db" {
  count               = var.customer_key ? 1 : 0
  description         = "${var.name} database storage"
  enable_key_rotation = true
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "db" {
  name        = "${var.name}-db"
  description = "The database, from the application"
  vpc_id      = var.vpc_id
  ingress {
    protocol        = "tcp"
    from_port       = local.port
    to_port         = local.port
    security_groups = [var.client_security_group_id]
  }
}

resource "aws_db_instance" "primary" {
  identifier              = var.name
  engine                  = var.engine
  engine_version          = var.engine == "postgres" ? "16.8" : "8.0.41"
  instance_class          = var.instance_class
  allocated_storage       = 100
  storage_type            = "gp3"
  storage_encrypted       = var.storage_encrypted
  kms_key_id              = var.customer_key ? aws_kms_key.db[0].arn : null
  db_subnet_group_name    = aws_db_subnet_group.this.name
  vpc_security_group_ids  = [aws_security_group.db.id]
  publicly_accessible     = var.publicly_accessible
  username                = "app"
  manage_master_user_password = true
  backup_retention_period = 7
  deletion_protection     = true
  copy_tags_to_snapshot   = true
}

resource "aws_db_instance" "replica" {
  count                  = var.replicas
  identifier             = "${var.name}-ro-${count.index}"
  replicate_source_db    = aws_db_instance.primary.identifier
  instance_class         = var.instance_class
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = false
}

resource "aws_cloudwatch_metric_alarm" "cpu" {
  for_each            = toset(concat(["primary"], [for i in range(var.replicas) : "ro-${i}"]))
  alarm_name          = "${var.name}-${each.key}-cpu"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
}
"""

DATABASE_VARIABLES = """variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "client_security_group_id" {
  type = string
}

variable "engine" {
  type    = string
  default = "postgres"
}

variable "instance_class" {
  type    = string
  default = "db.t4g.medium"
}

variable "storage_encrypted" {
  type    = bool
  default = true
}

variable "customer_key" {
  type    = bool
  default = true
}

variable "publicly_accessible" {
  type    = bool
  default = false
}

variable "replicas" {
  type    = number
  default = 0
}
"""

DATABASE_OUTPUTS = """output "endpoint" {
  value = aws_db_instance.primary.endpoint
}

output "arn" {
  value = aws_db_instance.primary.arn
}
"""

VERSIONS = """terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
  default_tags {
    tags = {
      Environment = var.environment
      Owner       = "%(owner)s"
      CostCenter  = "cc-%(cc)s"
      Project     = "innovate"
    }
  }
}
"""

ROOT_VARIABLES = """variable "region" {
  type    = string
  default = "us-east-1"
}

variable "account_id" {
  type = string
}

variable "environment" {
  type = string
}

variable "vpc_cidr" {
  type = string
}

variable "admin_port" {
  type    = number
  default = 22
}

variable "admin_cidrs" {
  type = list(string)
}

variable "databases" {
  description = "The application's databases, by name"
  type = map(object({
    engine              = string
    encrypted           = bool
    customer_key        = bool
    publicly_accessible = bool
    public_subnets      = bool
    replicas            = number
  }))
  default = {}
}
"""

ROOT_MAIN = """locals {
  name = "%(app)s-${var.environment}"
  azs  = [%(azs)s]
}

module "network" {
  source      = "../../../modules/network"
  name        = local.name
  cidr        = var.vpc_cidr
  azs         = local.azs
  admin_port  = var.admin_port
  admin_cidrs = var.admin_cidrs
}

module "database" {
  source                   = "../../../modules/database"
  for_each                 = var.databases
  name                     = "${local.name}-${each.key}"
  vpc_id                   = module.network.vpc_id
  subnet_ids               = each.value.public_subnets ? module.network.public_subnet_ids : module.network.private_subnet_ids
  client_security_group_id = module.network.app_security_group_id
  engine                   = each.value.engine
  storage_encrypted        = each.value.encrypted
  customer_key             = each.value.customer_key
  publicly_accessible      = each.value.publicly_accessible
  replicas                 = each.value.replicas
}
"""

SERVICE = """
resource "aws_cloudwatch_log_group" "svc%(n)d" {
  name              = "/innovate/${local.name}/svc%(n)d"
  retention_in_days = %(retention)d
}

resource "aws_iam_role" "svc%(n)d" {
  name = "${local.name}-svc%(n)d"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "svc%(n)d_logs" {
  name = "logs"
  role = aws_iam_role.svc%(n)d.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.svc%(n)d.arn}:*"
    }]
  })
}

resource "aws_cloudwatch_metric_alarm" "svc%(n)d_5xx" {
  alarm_name          = "${local.name}-svc%(n)d-5xx"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = %(periods)d
  comparison_operator = "GreaterThanThreshold"
  threshold           = %(threshold)d
}
"""

ROOT_OUTPUTS = """output "vpc_id" {
  value = module.network.vpc_id
}

output "database_endpoints" {
  value = { for k, d in module.database : k => d.endpoint }
}
"""


def root_files(i, avg_bytes, seed):
    """The files of root i, as {name: text}."""
    rng = random.Random("%s:tf:%d" % (seed, i))
    env = rng.choice(["dev", "staging", "prod"])
    app = "svc%d" % i
    owner = rng.choice(["platform", "payments", "search", "identity", "data"])
    zones = rng.choice([2, 3, 3])
    region = rng.choice(["us-east-1", "us-west-2"])
    azs = ", ".join('"%s%s"' % (region, z) for z in "abc"[:zones])
    # A /22 of 172.16.0.0/12 each: unique for the first 1,024 roots (gen_cfn.py uses 10.0.0.0/8).
    cidr = "172.%d.%d.0/22" % (16 + i // 64 % 16, i % 64 * 4)
    admin_open = rng.random() < 0.12
    admin_cidrs = '["0.0.0.0/0"]' if admin_open else '["10.255.%d.0/24"]' % (i % 256)
    dbs = []
    for k in range(rng.choice([1, 1, 2])):
        enc = rng.random()
        dbs.append('  %s = {\n    engine              = "%s"\n    encrypted           = %s\n'
                   '    customer_key        = %s\n    publicly_accessible = %s\n    public_subnets      = %s\n'
                   '    replicas            = %d\n  }\n' % (
                       ["main", "reporting"][k], rng.choice(["postgres", "mysql"]), str(enc < 0.9).lower(),
                       str(enc < 0.8).lower(), str(rng.random() < 0.06).lower(), str(rng.random() < 0.08).lower(),
                       rng.choice([0, 0, 1, 2])))
    tfvars = ('account_id  = "%012d"\nenvironment = "%s"\nregion      = "%s"\nvpc_cidr    = "%s"\n'
              'admin_port  = %d\nadmin_cidrs = %s\n\ndatabases = {\n%s}\n' % (
                  100000000000 + i % 50, env, region, cidr, rng.choice([22, 22, 3389]), admin_cidrs, "".join(dbs)))
    files = {
        "versions.tf": VERSIONS % {"owner": owner, "cc": "%03d" % (i % 97)},
        "variables.tf": ROOT_VARIABLES,
        "terraform.tfvars": tfvars,
        "outputs.tf": ROOT_OUTPUTS,
    }
    main = [ROOT_MAIN % {"app": app, "azs": azs}]
    size = sum(len(t) for t in files.values()) + len(main[0])
    target = avg_bytes * FILES_PER_ROOT * rng.uniform(0.5, 1.5) if avg_bytes else 0
    n = 0
    while n < 1 or size < target:
        text = SERVICE % {"n": n, "retention": rng.choice([30, 90, 365]), "periods": rng.choice([1, 3, 5]),
                          "threshold": rng.choice([5, 10, 50])}
        main.append(text)
        size += len(text)
        n += 1
    files["main.tf"] = "".join(main)
    return files


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    return len(text)


def generate(out, roots, avg_bytes=None, seed="guardrail", start=0):
    """Writes the modules and roots start..start+roots-1 under OUT/tf; returns the bytes written."""
    base = os.path.join(out, "tf")
    total = 0
    for module, files in (("network", (NETWORK_MAIN, NETWORK_VARIABLES, NETWORK_OUTPUTS)),
                          ("database", (DATABASE_MAIN, DATABASE_VARIABLES, DATABASE_OUTPUTS))):
        for name, text in zip(("main.tf", "variables.tf", "outputs.tf"), files):
            total += write(os.path.join(base, "modules", module, name), text)
    for i in range(start, start + roots):
        d = os.path.join(base, "live", "team%02d" % (i % TEAMS), "svc%d" % i)
        for name, text in root_files(i, avg_bytes, seed).items():
            total += write(os.path.join(d, name), text)
    return total


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out")
    p.add_argument("roots", type=int)
    p.add_argument("--avg-bytes", type=int, default=None,
                   help="about this many bytes per file (default: one service a root, ~0.8 KB a file)")
    p.add_argument("--seed", default="guardrail")
    a = p.parse_args()
    total = generate(a.out, a.roots, a.avg_bytes, a.seed)
    print("%s: %d Terraform roots (%d files with the modules), %.1f MB" % (
        a.out, a.roots, a.roots * FILES_PER_ROOT + 6, total / 1048576))


if __name__ == "__main__":
    main()

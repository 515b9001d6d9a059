#!/usr/bin/env python3
"""Mutation test of the reference architecture (fixtures/innovate).

Each edit below changes one guardrail-relevant attribute of a copy of the
reference architecture; a scan of the copy must then report findings of
exactly the rules the edit names, no other (the unedited architecture
scans clean). prod's root is read from its plan JSON, so edits of the
shared modules show in dev, staging and the DR region.

    tests/mutations/mutate.py GUARDRAIL
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "..", "fixtures", "innovate")
DB, NET, EDGE, EKS, PLATFORM = ("terraform/modules/database/main.tf", "terraform/modules/network/main.tf",
                                "terraform/modules/edge/main.tf", "terraform/modules/eks/main.tf",
                                "terraform/modules/platform/main.tf")
MGMT, DEV, DR = "terraform/mgmt/main.tf", "terraform/dev/main.tf", "terraform/dr/main.tf"

# (file, text to find, replacement, replace every occurrence, expected rules)
EDITS = [
    (DEV, "multi_az            = false", "multi_az            = true", False, {"DB-011"}),
    (DB, "storage_encrypted                   = true", "storage_encrypted                   = false", False, {"DB-001"}),
    (DB, "  publicly_accessible                 = false\n  iam", "  publicly_accessible                 = true\n  iam", False, {"DB-004"}),
    (DB, "iam_database_authentication_enabled = true\n  username", "iam_database_authentication_enabled = false\n  username", False, {"DB-005"}),
    (DB, 'name  = "rds.force_ssl"\n    value = "1"', 'name  = "rds.force_ssl"\n    value = "0"', False, {"DB-006"}),
    (DB, "monitoring_interval                 = 60\n  monitoring_role_arn                 = var.monitoring_role_arn\n  performance",
     "monitoring_interval                 = 0\n  monitoring_role_arn                 = var.monitoring_role_arn\n  performance", False, {"DB-007"}),
    (DB, "  max_allocated_storage               = 1000\n  storage_type", "  storage_type", False, {"DB-008"}),
    (DB, "deletion_protection                 = true", "deletion_protection                 = false", False, {"DB-009"}),
    (DB, "manage_master_user_password         = true", 'password                            = "Sup3rS3cret!"', False, {"DB-012", "SEC-004"}),
    (DB, 'engine_version                      = "16.4"', 'engine_version                      = "14.12"', False, {"DB-013"}),
    (NET, 'resource "aws_flow_log" "this" {', 'resource "aws_flow_log" "this" {\n  count           = 0', False, {"NET-007"}),
    (NET, "resource \"aws_nat_gateway\" \"this\" {\n  for_each      = local.zones",
     "resource \"aws_nat_gateway\" \"this\" {\n  for_each      = { (var.azs[0]) = 0 }", False, {"NET-005"}),
    (NET, "cidrsubnet(var.cidr, 4, each.value + 1)", "cidrsubnet(var.cidr, 8, each.value)", False, {"NET-004"}),
    (NET, 'toset(["ecr.api", "ecr.dkr"])', 'toset(["ecr.api"])', False, {"NET-008"}),
    (NET, "subnet_ids = [for s in aws_subnet.private : s.id]\n  ingress", "subnet_ids = []\n  ingress", False, {"NET-011"}),
    (NET, '  route {\n    cidr_block = "0.0.0.0/0"\n    gateway_id = aws_internet_gateway.this.id\n  }\n', "", False, {"NET-006"}),
    (EDGE, '"ELBSecurityPolicy-TLS13-1-2-2021-06"', '"ELBSecurityPolicy-2016-08"', False, {"EDGE-002"}),
    (EDGE, 'resource "aws_wafv2_web_acl_association" "this" {', 'resource "aws_wafv2_web_acl_association" "this" {\n  count        = 0', False, {"EDGE-001"}),
    (EDGE, "from_port   = 443\n    to_port     = 443", "from_port   = 22\n    to_port     = 22", False, {"NET-009"}),
    (EKS, "endpoint_public_access  = false", "endpoint_public_access  = true", False, {"EKS-001"}),
    (EKS, 'resources = ["secrets"]', 'resources = ["configmaps"]', False, {"EKS-002"}),
    (EKS, '["api", "audit", "authenticator", "controllerManager", "scheduler"]', '["api", "controllerManager"]', False, {"EKS-003"}),
    (EKS, 'version                   = "1.30"', 'version                   = "1.27"', False, {"EKS-007"}),
    (EKS, 'toset(["coredns", "kube-proxy", "vpc-cni", "eks-pod-identity-agent"])', 'toset(["coredns", "kube-proxy"])', False, {"EKS-006"}),
    (EKS, 'effect = "NO_SCHEDULE"', 'effect = "NO_EXECUTE"', False, {"EKS-005"}),
    (DEV, 'capacity_type   = "SPOT"', 'capacity_type   = "ON_DEMAND"', False, {"COST-003"}),
    (PLATFORM, 'description         = "${var.name} logs, secrets and alarms"\n  enable_key_rotation = true',
     'description         = "${var.name} logs, secrets and alarms"\n  enable_key_rotation = false', False, {"SEC-002"}),
    (PLATFORM, 'resource "aws_secretsmanager_secret_rotation" "api" {', 'resource "aws_secretsmanager_secret_rotation" "api" {\n  count = 0', False, {"SEC-001"}),
    (PLATFORM, "all_supported                 = true", "all_supported                 = false", False, {"ORG-004"}),
    (MGMT, '"cloudtrail:DeleteTrail", ', "", False, {"ORG-002"}),
    (MGMT, "enable_log_file_validation    = true", "enable_log_file_validation    = false", False, {"ORG-003", "ORG-007"}),
    (MGMT, 'auto_enable_organization_members = "ALL"', 'auto_enable_organization_members = "NONE"', False, {"ORG-005"}),
    (MGMT, 'for_each     = merge({ mgmt = { id = "111111111111" } }, local.accounts)', 'for_each     = { mgmt = { id = "111111111111" } }', False, {"COST-002"}),
    (MGMT, 'resource "aws_guardduty_detector" "this" {',
     'resource "aws_instance" "jump" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  metadata_options {\n    http_tokens = "required"\n  }\n}\n\nresource "aws_guardduty_detector" "this" {', False, {"ORG-001"}),
    (MGMT, 'resource "aws_guardduty_detector" "this" {',
     'resource "aws_instance" "jump" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n\nresource "aws_guardduty_detector" "this" {', False, {"ORG-001", "EKS-009"}),
    (MGMT, 'resource "aws_guardduty_detector" "this" {',
     'resource "aws_iam_policy" "everything" {\n  name   = "everything"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n\nresource "aws_guardduty_detector" "this" {',
     False, {"SEC-003"}),
    (DR, "  kms_key_id                          = aws_kms_key.db.arn\n", "", False, {"DB-001"}),
    (DR, '  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]\n', "", False, {"DB-014"}),
    (DB, "  copy_tags_to_snapshot               = true\n", "  copy_tags_to_snapshot               = true\n  auto_minor_version_upgrade          = false\n", False, {"DB-015"}),
    (MGMT, 'values   = ["false"]', 'values   = ["true"]', False, {"SEC-007"}),
    (MGMT, 'resource "aws_s3_bucket_public_access_block" "logs" {',
     'resource "aws_s3_bucket_ownership_controls" "trail" {\n  bucket = aws_s3_bucket.trail.id\n  rule {\n    object_ownership = "ObjectWriter"\n  }\n}\n\nresource "aws_s3_bucket_public_access_block" "logs" {',
     False, {"SEC-009"}),
    (MGMT, "  kms_key_id                    = module.platform.kms_key_arn\n", "", False, {"ORG-003", "ORG-008"}),
    (MGMT, '  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail.arn}:*"\n', "", False, {"ORG-009"}),
    (PLATFORM, "  is_enabled = true\n", "  is_enabled = false\n", False, {"ORG-004"}),
    (PLATFORM, "resource \"aws_ebs_encryption_by_default\" \"this\" {\n  enabled = true", "resource \"aws_ebs_encryption_by_default\" \"this\" {\n  enabled = false", False, {"SEC-006"}),
    (NET, "    rule_no    = 105\n    protocol   = \"tcp\"\n    action     = \"deny\"", "    rule_no    = 105\n    protocol   = \"tcp\"\n    action     = \"allow\"", True, {"NET-014"}),
    (EDGE, "  drop_invalid_header_fields = true\n", "", False, {"EDGE-007"}),
    (EDGE, '  rule {\n    name     = "aws-common"\n    priority = 1\n    override_action {\n      none {}\n    }\n    statement {\n      managed_rule_group_statement {\n        vendor_name = "AWS"\n        name        = "AWSManagedRulesCommonRuleSet"\n      }\n    }\n    visibility_config {\n      cloudwatch_metrics_enabled = true\n      metric_name                = "${var.name}-common"\n      sampled_requests_enabled   = true\n    }\n  }\n', "", False, {"EDGE-008"}),
    (EDGE, 'cloudwatch_metrics_enabled = true\n      metric_name                = "${var.name}-common"',
     'cloudwatch_metrics_enabled = false\n      metric_name                = "${var.name}-common"', False, {"EDGE-009"}),
    (DR, 'resource "aws_route53_record" "app_secondary" {', 'resource "aws_route53_record" "app_secondary" {\n  count          = 0', False, {"EDGE-004"}),
    (DR, 'region              = "us-west-2"', 'region              = "eu-west-1"', False,
     # prod's root still replicates the database's backups to us-west-2 (so DB-010 holds), which
     # leaves that region in use by prod's account without Config or GuardDuty there any more.
     {"NET-012", "DR-001", "EDGE-004", "ORG-004", "ORG-005"}),
    (DEV, '"10.3.0.0/16"', '"10.4.0.0/16"', True, {"NET-001"}),
    ("k8s/prod/api.yaml", "innovate/api:2.7.0", "innovate/api:latest", False, {"K8S-007"}),
    ("k8s/staging/spa.yaml", "    kind: Deployment\n    name: spa\n", "    kind: Deployment\n    name: web\n", False, {"K8S-005"}),
    ("k8s/staging/spa.yaml", "  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: spa", "  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: web", False, {"K8S-004"}),
    ("apps/api/Dockerfile", "USER 10001:10001", "USER root", False, {"IMG-004"}),
    ("apps/spa/Dockerfile", "ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.27-alpine", "ARG NGINX_IMAGE=nginx:1.27", False, {"IMG-003"}),
]


def scan(guardrail, folder):
    out = subprocess.run([guardrail, "scan", "--format", "json", "--fail-on", "never", folder],
                         capture_output=True, text=True, check=False)
    doc = json.loads(out.stdout)
    return doc


def main():
    guardrail = sys.argv[1]
    base = scan(guardrail, SOURCE)
    assert base["summary"]["findings"] == 0 and base["summary"]["errors"] == 0, "the reference architecture is not clean"
    failures = 0
    for n, (path, old, new, every, expected) in enumerate(EDITS, 1):
        work = tempfile.mkdtemp(prefix="guardrail-mutation-")
        try:
            copy = os.path.join(work, "innovate")
            shutil.copytree(SOURCE, copy)
            target = os.path.join(copy, path)
            text = open(target).read()
            if old not in text:
                print("FAIL %2d: %s does not contain %r" % (n, path, old))
                failures += 1
                continue
            text = text.replace(old, new) if every else text.replace(old, new, 1)
            open(target, "w").write(text)
            doc = scan(guardrail, copy)
            fired = {f["ruleId"] for f in doc["findings"]}
            if doc["summary"]["errors"]:
                print("FAIL %2d: %s: the edited file does not scan: %s" % (n, path, doc["diagnostics"][:2]))
                failures += 1
            elif fired != expected:
                print("FAIL %2d: %s %r -> %r: expected %s, found %s" % (n, path, old[:40], new[:40], sorted(expected), sorted(fired)))
                failures += 1
            else:
                print("ok   %2d: %-40s %s" % (n, path, ", ".join(sorted(expected)) or "(nothing)"))
        finally:
            shutil.rmtree(work)
    print("%d edits, %d as expected" % (len(EDITS), len(EDITS) - failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

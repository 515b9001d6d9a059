#!/usr/bin/env python3
"""A stand-in for the AWS CLI that answers from an export bundle.

FAKE_AWS_BUNDLE names the bundle (fixtures/exports/bundle); the profile is
the account ID. Each command answers with the file scripts/export-aws.sh
would have written for it, so that exporting with this fake reproduces the
bundle: tests/export/test_export_script.sh checks that round trip. A command
with no file fails as the real CLI does without access (exit 254). List
commands whose output the bundle does not keep answer from the folders of
the commands about each resource. Only the --query forms the script uses
are understood (A, A[].B).
"""
import json
import os
import sys

NAME_ARGS = ["--name", "--cluster-name", "--nodegroup-name", "--addon-name", "--key-id", "--budget-name",
             "--policy-id", "--user-name", "--db-parameter-group-name", "--db-cluster-parameter-group-name",
             "--load-balancer-arn", "--web-acl-arn", "--repository-name", "--secret-id", "--detector-id",
             "--hosted-zone-id"]
GLOBAL = {"iam", "organizations", "budgets", "route53", "cloudfront", "sts"}


def encode(s):
    return s.replace("%", "%25").replace("/", "%2F")


def decode(s):
    return s.replace("%2F", "/").replace("%25", "%")


def fail(message):
    sys.stderr.write("\nAn error occurred (AccessDeniedException) when calling the operation: %s\n" % message)
    sys.exit(254)


def query(doc, q):
    if "[]." in q:
        key, field = q.split("[].", 1)
        return [item.get(field) for item in doc.get(key, [])]
    return doc.get(q)


def main():
    args = sys.argv[1:]
    opts, rest = {}, []
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("--output", "--profile", "--region", "--query") or a in NAME_ARGS or a.startswith("--"):
            if a == "--no-cli-pager":
                i += 1
                continue
            opts.setdefault(a, []).append(args[i + 1] if i + 1 < len(args) else "")
            i += 2
        else:
            rest.append(a)
            i += 1
    service, command = rest[0], rest[1]
    account = opts.get("--profile", [os.environ.get("FAKE_AWS_ACCOUNT", "")])[0]
    if service == "sts":
        print(account)
        return
    region = "global" if service in GLOBAL else opts.get("--region", ["us-east-1"])[0]
    base = os.path.join(os.environ["FAKE_AWS_BUNDLE"], account, region, service)
    names = [opts[a][0] for a in NAME_ARGS if a in opts]
    if names:
        path = os.path.join(base, command, "-".join(encode(n) for n in names) + ".json")
    else:
        path = os.path.join(base, command + ".json")
    q = opts.get("--query", [None])[0]
    if os.path.isfile(path):
        with open(path) as f:
            text = f.read()
        if q is None:
            sys.stdout.write(text)
            return
        values = query(json.loads(text), q)
    else:
        # A list the bundle does not keep: the folders of the per-resource commands say it.
        derived = {
            ("iam", "list-users"): ("iam/list-access-keys", None),
            ("eks", "list-clusters"): ("eks/describe-cluster", None),
            ("eks", "list-nodegroups"): ("eks/describe-nodegroup", "--cluster-name"),
            ("eks", "list-addons"): ("eks/describe-addon", "--cluster-name"),
            ("kms", "list-keys"): ("kms/describe-key", None),
            ("secretsmanager", "list-secrets"): ("secretsmanager/describe-secret", None),
            ("rds", "describe-db-parameter-groups"): ("rds/describe-db-parameters", None),
            ("rds", "describe-db-cluster-parameter-groups"): ("rds/describe-db-cluster-parameters", None),
            ("wafv2", "list-web-acls"): ("wafv2/list-resources-for-web-acl", None),
            ("route53", "list-hosted-zones"): ("route53/list-resource-record-sets", None),
        }.get((service, command))
        if not derived or q is None:
            fail("%s %s" % (service, command))
        folder = os.path.join(os.environ["FAKE_AWS_BUNDLE"], account, region, derived[0])
        stems = sorted(f[:-5] for f in os.listdir(folder)) if os.path.isdir(folder) else []
        if derived[1]:
            prefix = encode(opts[derived[1]][0]) + "-"
            stems = [s[len(prefix):] for s in stems if s.startswith(prefix)]
        values = [decode(s) for s in stems]
        if command == "list-hosted-zones":
            values = ["/hostedzone/" + v for v in values]
    if isinstance(values, list):
        print("\t".join(str(v) for v in values if v is not None))
    elif values is not None:
        print(values)


main()

#!/usr/bin/env bash
# Exports what guardrail's rules read from live AWS accounts into a bundle
# that `guardrail scan BUNDLE` judges. Read-only: it calls describe-, list-
# and get- commands of the AWS CLI (v2) with the credentials you give it.
#
#   scripts/export-aws.sh OUT_DIR [--profile NAME]... [--regions us-east-1,us-west-2]
#
# Run it once per account (a --profile per account, or your current
# credentials). The bundle's layout is what guardrail reads the account and
# region from, for output that carries no ARN:
#
#   OUT_DIR/<account>/<region>/<service>/<command>.json          regional commands
#   OUT_DIR/<account>/global/<service>/<command>.json            IAM, Organizations, budgets, Route 53, CloudFront
#   OUT_DIR/<account>/<region>/<service>/<command>/<name>.json   a command about one resource (its name,
#                                                                 ARNs with / written %2F)
#
# A command that fails (access denied, a service not enabled) is logged in
# OUT_DIR/<account>/errors.log and its file is not written: guardrail then
# treats that inventory as missing, and the rules that need it as undecided,
# never as findings.
set -uo pipefail

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[[ $# -ge 1 ]] || usage
out="$1"; shift
profiles=()
regions="us-east-1,us-west-2"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --profile) profiles+=("$2"); shift 2 ;;
    --regions) regions="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "export-aws.sh: unknown argument $1" >&2; usage ;;
  esac
done
command -v aws >/dev/null || { echo "export-aws.sh: the AWS CLI (aws) is not on PATH" >&2; exit 2; }
[[ ${#profiles[@]} -gt 0 ]] || profiles=("")

# A file name for a resource name or ARN.
encode() { local s="$1"; s="${s//%/%25}"; s="${s//\//%2F}"; printf '%s' "$s"; }

export_account() {
  local profile="$1" account dir errors
  local -a base=(--output json --no-cli-pager)
  [[ -n "$profile" ]] && base+=(--profile "$profile")
  account=$(aws "${base[@]}" sts get-caller-identity --query Account --output text) || {
    echo "export-aws.sh: cannot identify the account of profile '${profile:-default}'" >&2; return 1; }
  errors="$out/$account/errors.log"
  mkdir -p "$out/$account"
  : >"$errors"
  echo "account $account" >&2

  # run FILE SERVICE COMMAND [ARGS...]: writes FILE, or logs the failure.
  run() {
    local file="$1" tmp="$out/$account/.partial"; shift
    if ! aws "${base[@]}" "$@" >"$tmp" 2>>"$errors" </dev/null; then
      echo "failed: aws $*" >>"$errors"
      rm -f "$tmp"
      return 1
    fi
    mkdir -p "$(dirname "$file")"
    mv "$tmp" "$file"
  }
  # names SERVICE COMMAND QUERY [ARGS...]: the values a query selects, one per line.
  names() {
    local service="$1" cmd="$2" query="$3"; shift 3
    aws "${base[@]}" "$service" "$cmd" "$@" --query "$query" --output text 2>>"$errors" </dev/null | tr '\t' '\n' | grep -v '^None$' | grep -v '^$'
  }

  # web_acl FOLDER SCOPE ARN REGION: the web ACL with its rules; its name and
  # ID are the last two parts of its ARN.
  web_acl() {
    local folder="$1" scope="$2" acl="$3" region="$4" id name
    id="${acl##*/}"; name="${acl%/*}"; name="${name##*/}"
    run "$folder/wafv2/get-web-acl/$(encode "$acl").json" \
      wafv2 get-web-acl --name "$name" --id "$id" --scope "$scope" --region "$region"
  }

  local g="$out/$account/global"
  run "$g/iam/get-account-authorization-details.json" iam get-account-authorization-details
  while IFS= read -r user; do
    run "$g/iam/list-access-keys/$(encode "$user").json" iam list-access-keys --user-name "$user"
  done < <(names iam list-users 'Users[].UserName')
  run "$g/organizations/list-policies.json" organizations list-policies --filter SERVICE_CONTROL_POLICY
  while IFS= read -r id; do
    run "$g/organizations/describe-policy/$id.json" organizations describe-policy --policy-id "$id"
    run "$g/organizations/list-targets-for-policy/$id.json" organizations list-targets-for-policy --policy-id "$id"
  done < <(names organizations list-policies 'Policies[].Id' --filter SERVICE_CONTROL_POLICY)
  # The OU tree, level by level from the root (the SCP rules judge OUs).
  run "$g/organizations/list-roots.json" organizations list-roots
  local parents next parent
  parents=$(names organizations list-roots 'Roots[].Id')
  while [ -n "$parents" ]; do
    next=""
    for parent in $parents; do
      run "$g/organizations/list-organizational-units-for-parent/$parent.json" \
        organizations list-organizational-units-for-parent --parent-id "$parent"
      next="$next $(names organizations list-organizational-units-for-parent 'OrganizationalUnits[].Id' --parent-id "$parent")"
    done
    parents=$(echo $next)
  done
  run "$g/budgets/describe-budgets.json" budgets describe-budgets --account-id "$account"
  while IFS= read -r budget; do
    run "$g/budgets/describe-notifications-for-budget/$(encode "$budget").json" \
      budgets describe-notifications-for-budget --account-id "$account" --budget-name "$budget"
  done < <(names budgets describe-budgets 'Budgets[].BudgetName' --account-id "$account")
  while IFS= read -r zone; do
    zone="${zone##*/}"
    run "$g/route53/list-resource-record-sets/$zone.json" route53 list-resource-record-sets --hosted-zone-id "$zone"
  done < <(names route53 list-hosted-zones 'HostedZones[].Id')
  run "$g/route53/list-health-checks.json" route53 list-health-checks
  run "$g/cloudfront/list-distributions.json" cloudfront list-distributions
  # A VPC origin's protocol is set on the VPC origin, not on the distribution.
  while IFS= read -r origin; do
    run "$g/cloudfront/get-vpc-origin/$origin.json" cloudfront get-vpc-origin --id "$origin"
  done < <(names cloudfront list-vpc-origins 'VpcOriginList.Items[].Id')
  # The account's S3 Block Public Access settings (fails when none are set: logged, not written).
  run "$g/s3control/get-public-access-block.json" s3control get-public-access-block --account-id "$account"
  # S3: buckets are listed once per account; each bucket's settings go under
  # the region it lives in (get-bucket-location says None for us-east-1).
  local bucket where
  while IFS= read -r bucket; do
    where=$(aws "${base[@]}" s3api get-bucket-location --bucket "$bucket" --query LocationConstraint --output text \
              2>>"$errors") || continue
    case "$where" in None | "") where=us-east-1 ;; EU) where=eu-west-1 ;; esac
    for cmd in get-public-access-block get-bucket-policy get-bucket-policy-status get-bucket-ownership-controls; do
      # A bucket without a policy or ownership controls makes the command fail: logged, not written.
      run "$out/$account/$where/s3api/$cmd/$bucket.json" s3api "$cmd" --bucket "$bucket"
    done
  done < <(names s3api list-buckets 'Buckets[].Name')
  # CloudFront's web ACLs live in us-east-1.
  while IFS= read -r acl; do
    web_acl "$g" CLOUDFRONT "$acl" us-east-1
  done < <(names wafv2 list-web-acls 'WebACLs[].ARN' --scope CLOUDFRONT --region us-east-1)

  local region r
  for region in ${regions//,/ }; do
    r="$out/$account/$region"
    echo "  $region" >&2
    for cmd in describe-vpcs describe-subnets describe-route-tables describe-nat-gateways describe-internet-gateways \
               describe-security-groups describe-network-acls describe-flow-logs describe-vpc-endpoints describe-instances \
               describe-volumes get-ebs-encryption-by-default; do
      run "$r/ec2/$cmd.json" ec2 "$cmd" --region "$region"
    done
    run "$r/rds/describe-db-instances.json" rds describe-db-instances --region "$region"
    run "$r/rds/describe-db-clusters.json" rds describe-db-clusters --region "$region"
    run "$r/rds/describe-db-subnet-groups.json" rds describe-db-subnet-groups --region "$region"
    run "$r/rds/describe-db-instance-automated-backups.json" rds describe-db-instance-automated-backups --region "$region"
    while IFS= read -r group; do
      run "$r/rds/describe-db-parameters/$(encode "$group").json" \
        rds describe-db-parameters --db-parameter-group-name "$group" --source user --region "$region"
    done < <(names rds describe-db-parameter-groups 'DBParameterGroups[].DBParameterGroupName' --region "$region")
    while IFS= read -r group; do
      run "$r/rds/describe-db-cluster-parameters/$(encode "$group").json" \
        rds describe-db-cluster-parameters --db-cluster-parameter-group-name "$group" --source user --region "$region"
    done < <(names rds describe-db-cluster-parameter-groups 'DBClusterParameterGroups[].DBClusterParameterGroupName' --region "$region")
    while IFS= read -r cluster; do
      run "$r/eks/describe-cluster/$cluster.json" eks describe-cluster --name "$cluster" --region "$region"
      while IFS= read -r ng; do
        run "$r/eks/describe-nodegroup/$cluster-$ng.json" eks describe-nodegroup --cluster-name "$cluster" --nodegroup-name "$ng" --region "$region"
      done < <(names eks list-nodegroups 'nodegroups' --cluster-name "$cluster" --region "$region")
      while IFS= read -r addon; do
        run "$r/eks/describe-addon/$cluster-$addon.json" eks describe-addon --cluster-name "$cluster" --addon-name "$addon" --region "$region"
      done < <(names eks list-addons 'addons' --cluster-name "$cluster" --region "$region")
    done < <(names eks list-clusters 'clusters' --region "$region")
    run "$r/lambda/list-functions.json" lambda list-functions --region "$region"
    while IFS= read -r fn; do
      # get-policy fails for a function without a resource policy: nothing to open it.
      run "$r/lambda/get-policy/$fn.json" lambda get-policy --function-name "$fn" --region "$region"
      run "$r/lambda/list-function-url-configs/$fn.json" \
        lambda list-function-url-configs --function-name "$fn" --region "$region"
    done < <(names lambda list-functions 'Functions[].FunctionName' --region "$region")
    run "$r/elbv2/describe-load-balancers.json" elbv2 describe-load-balancers --region "$region"
    run "$r/elb/describe-load-balancers.json" elb describe-load-balancers --region "$region"
    while IFS= read -r lb; do
      run "$r/elbv2/describe-listeners/$(encode "$lb").json" elbv2 describe-listeners --load-balancer-arn "$lb" --region "$region"
      run "$r/elbv2/describe-load-balancer-attributes/$(encode "$lb").json" \
        elbv2 describe-load-balancer-attributes --load-balancer-arn "$lb" --region "$region"
    done < <(names elbv2 describe-load-balancers 'LoadBalancers[].LoadBalancerArn' --region "$region")
    while IFS= read -r acl; do
      run "$r/wafv2/list-resources-for-web-acl/$(encode "$acl").json" \
        wafv2 list-resources-for-web-acl --web-acl-arn "$acl" --resource-type APPLICATION_LOAD_BALANCER --region "$region"
      web_acl "$r" REGIONAL "$acl" "$region"
    done < <(names wafv2 list-web-acls 'WebACLs[].ARN' --scope REGIONAL --region "$region")
    # The tags of what the describe-* outputs print without them (load
    # balancers, listeners, keys, alarms, log groups, ...).
    run "$r/resourcegroupstaggingapi/get-resources.json" resourcegroupstaggingapi get-resources --region "$region"
    run "$r/ecr/describe-repositories.json" ecr describe-repositories --region "$region"
    run "$r/ecr/get-registry-scanning-configuration.json" ecr get-registry-scanning-configuration --region "$region"
    while IFS= read -r repo; do
      # No lifecycle policy is an error of the CLI: then no file, as it should be.
      run "$r/ecr/get-lifecycle-policy/$(encode "$repo").json" ecr get-lifecycle-policy --repository-name "$repo" --region "$region"
    done < <(names ecr describe-repositories 'repositories[].repositoryName' --region "$region")
    while IFS= read -r key; do
      run "$r/kms/describe-key/$key.json" kms describe-key --key-id "$key" --region "$region"
      run "$r/kms/get-key-rotation-status/$key.json" kms get-key-rotation-status --key-id "$key" --region "$region"
      run "$r/kms/get-key-policy/$key.json" kms get-key-policy --key-id "$key" --policy-name default --region "$region"
    done < <(names kms list-keys 'Keys[].KeyId' --region "$region")
    while IFS= read -r secret; do
      run "$r/secretsmanager/describe-secret/$(encode "$secret").json" secretsmanager describe-secret --secret-id "$secret" --region "$region"
    done < <(names secretsmanager list-secrets 'SecretList[].ARN' --region "$region")
    run "$r/cloudtrail/describe-trails.json" cloudtrail describe-trails --region "$region"
    while IFS= read -r trail; do
      run "$r/cloudtrail/get-trail-status/$(encode "$trail").json" cloudtrail get-trail-status --name "$trail" --region "$region"
      run "$r/cloudtrail/get-event-selectors/$(encode "$trail").json" cloudtrail get-event-selectors --trail-name "$trail" --region "$region"
    done < <(names cloudtrail describe-trails 'trailList[].TrailARN' --region "$region")
    run "$r/guardduty/list-detectors.json" guardduty list-detectors --region "$region"
    while IFS= read -r detector; do
      run "$r/guardduty/get-detector/$detector.json" guardduty get-detector --detector-id "$detector" --region "$region"
      run "$r/guardduty/describe-organization-configuration/$detector.json" \
        guardduty describe-organization-configuration --detector-id "$detector" --region "$region"
    done < <(names guardduty list-detectors 'DetectorIds' --region "$region")
    run "$r/configservice/describe-configuration-recorders.json" configservice describe-configuration-recorders --region "$region"
    run "$r/configservice/describe-configuration-recorder-status.json" configservice describe-configuration-recorder-status --region "$region"
    run "$r/configservice/describe-delivery-channels.json" configservice describe-delivery-channels --region "$region"
    run "$r/cloudwatch/describe-alarms.json" cloudwatch describe-alarms --region "$region"
    run "$r/logs/describe-log-groups.json" logs describe-log-groups --region "$region"
  done
  local failures
  failures=$(grep -c '^failed:' "$errors" || true)
  echo "account $account: done, $failures commands failed (see $errors)" >&2
}

mkdir -p "$out"
status=0
for profile in "${profiles[@]}"; do export_account "$profile" || status=1; done
exit $status

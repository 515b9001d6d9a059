#!/usr/bin/env python3
"""Writes an AWS CLI export bundle as scripts/export-aws.sh lays it out,
for benchmarks:

    OUT/<account>/<region>/ec2/describe-vpcs.json
                             ec2/describe-subnets.json
                             ec2/describe-security-groups.json
                             ec2/describe-instances.json
                             rds/describe-db-instances.json

    bench/gen_cli_bundle.py OUT SIZE_MB [--accounts N] [--seed S]
    bench/gen_cli_bundle.py OUT --networks N [--accounts N] [--seed S]

With SIZE_MB, about that many megabytes of all five commands, spread over
the accounts (default 10) and two regions: per VPC six subnets, ten
security groups, forty instances and two databases, in the AWS CLI's own
shape and indentation. A share of the security groups open SSH to the
internet and a share of the databases are unencrypted or public.

With --networks N, VPCs and subnets only: N/5 VPCs of a /24 each with four
/26 subnets, N in all, for the estate-wide CIDR overlap rules (NET-001,
NET-004). One VPC in 500 reuses another's range and one subnet in 1,000
lies outside its VPC, so that the rules have something to find.

VPC ranges are unique otherwise (10.0.0.0/8 cut into /24s, then 172.16.0.0/12
and 192.168.0.0/16), so the number of findings grows with the corpus, not
with its square.
"""
import argparse
import json
import os
import random

REGIONS = ["us-east-1", "us-west-2"]


def tags(rng, name, env, extra=()):
    t = [{"Key": "Environment", "Value": env}, {"Key": "Owner", "Value": rng.choice(["platform", "payments", "data"])},
         {"Key": "CostCenter", "Value": "cc-%s" % env}, {"Key": "Project", "Value": "innovate"},
         {"Key": "Name", "Value": name}]
    t += [{"Key": k, "Value": v} for k, v in extra]
    return t


def network24(n):
    """The n-th /24 of the private ranges, as (a, b, c) of a.b.c.0/24."""
    if n < 65536:
        return 10, n >> 8, n & 255
    n -= 65536
    if n < 4096:
        return 172, 16 + (n >> 8), n & 255
    n -= 4096
    return 192, 168, n & 255


def vpc(account, region, k, cidr, env, rng):
    vid = "vpc-%017x" % k
    return {
        "CidrBlock": cidr, "DhcpOptionsId": "dopt-0a1b2c3d", "State": "available", "VpcId": vid,
        "OwnerId": account, "InstanceTenancy": "default", "IsDefault": False,
        "CidrBlockAssociationSet": [{"AssociationId": "vpc-cidr-assoc-%017x" % k, "CidrBlock": cidr,
                                     "CidrBlockState": {"State": "associated"}}],
        "Tags": tags(rng, "vpc-%d" % k, env),
    }


def subnet(account, region, k, vid, cidr, az, public, env, rng):
    sid = "subnet-%017x" % k
    tier = "public" if public else "private"
    return {
        "AvailabilityZone": az, "AvailabilityZoneId": "use1-az%d" % (k % 6 + 1), "AvailableIpAddressCount": 59,
        "CidrBlock": cidr, "DefaultForAz": False, "MapPublicIpOnLaunch": public, "State": "available",
        "SubnetId": sid, "VpcId": vid, "OwnerId": account, "AssignIpv6AddressOnCreation": False,
        "Ipv6CidrBlockAssociationSet": [], "SubnetArn": "arn:aws:ec2:%s:%s:subnet/%s" % (region, account, sid),
        "EnableDns64": False, "Ipv6Native": False,
        "PrivateDnsNameOptionsOnLaunch": {"HostnameType": "ip-name", "EnableResourceNameDnsARecord": False,
                                          "EnableResourceNameDnsAAAARecord": False},
        "Tags": tags(rng, "%s-%s-%d" % (env, tier, k), env, [("Tier", tier)]),
    }


def permission(proto, port, cidrs=(), groups=()):
    p = {"IpProtocol": proto, "IpRanges": [{"CidrIp": c} for c in cidrs], "Ipv6Ranges": [], "PrefixListIds": [],
         "UserIdGroupPairs": [{"GroupId": g, "UserId": "000000000000"} for g in groups]}
    if proto != "-1":
        p["FromPort"] = p["ToPort"] = port
    return p


def security_group(account, k, vid, role, env, rng):
    gid = "sg-%017x" % k
    if role == "lb":
        ingress = [permission("tcp", 443, ["0.0.0.0/0"]), permission("tcp", 80, ["0.0.0.0/0"])]
    elif role == "admin":
        src = "0.0.0.0/0" if rng.random() < 0.05 else "10.255.%d.0/24" % rng.randint(0, 255)
        ingress = [permission("tcp", rng.choice([22, 3389]), [src])]
    else:
        ingress = [permission("tcp", rng.choice([8080, 5432, 3306, 6379]), groups=["sg-%017x" % (k - 1)])]
    return {
        "Description": "%s %s" % (role, env), "GroupName": "%s-%s-%d" % (env, role, k), "IpPermissions": ingress,
        "OwnerId": account, "GroupId": gid, "VpcId": vid,
        "IpPermissionsEgress": [permission("-1", 0, ["0.0.0.0/0"])],
        "Tags": tags(rng, "%s-%s-%d" % (env, role, k), env),
    }


def instance(account, region, k, vid, sid, sg, az, ip, env, rng):
    iid = "i-%017x" % k
    eni = "eni-%017x" % k
    return {
        "AmiLaunchIndex": 0, "ImageId": "ami-0abcdef1234567890", "InstanceId": iid,
        "InstanceType": rng.choice(["m6i.large", "m7g.xlarge", "c6i.2xlarge", "t3.medium"]),
        "LaunchTime": "2026-10-%02dT08:00:00+00:00" % (k % 28 + 1), "Monitoring": {"State": "disabled"},
        "Placement": {"AvailabilityZone": az, "GroupName": "", "Tenancy": "default"},
        "PrivateDnsName": "ip-%s.ec2.internal" % ip.replace(".", "-"), "PrivateIpAddress": ip, "ProductCodes": [],
        "PublicDnsName": "", "State": {"Code": 16, "Name": "running"}, "StateTransitionReason": "", "SubnetId": sid,
        "VpcId": vid, "Architecture": "x86_64",
        "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {
            "AttachTime": "2026-10-01T08:00:01+00:00", "DeleteOnTermination": True, "Status": "attached",
            "VolumeId": "vol-%017x" % k}}],
        "ClientToken": "", "EbsOptimized": True, "EnaSupport": True, "Hypervisor": "xen",
        "IamInstanceProfile": {"Arn": "arn:aws:iam::%s:instance-profile/node" % account, "Id": "AIPA%016X" % k},
        "NetworkInterfaces": [{
            "Attachment": {"AttachTime": "2026-10-01T08:00:00+00:00", "AttachmentId": "eni-attach-%017x" % k,
                           "DeleteOnTermination": True, "DeviceIndex": 0, "Status": "attached", "NetworkCardIndex": 0},
            "Description": "", "Groups": [{"GroupName": "app", "GroupId": sg}], "Ipv6Addresses": [],
            "MacAddress": "02:%02x:%02x:%02x:%02x:01" % (k >> 24 & 255, k >> 16 & 255, k >> 8 & 255, k & 255),
            "NetworkInterfaceId": eni, "OwnerId": account, "PrivateIpAddress": ip,
            "PrivateIpAddresses": [{"Primary": True, "PrivateIpAddress": ip}], "SourceDestCheck": True,
            "Status": "in-use", "SubnetId": sid, "VpcId": vid, "InterfaceType": "interface"}],
        "RootDeviceName": "/dev/xvda", "RootDeviceType": "ebs", "SecurityGroups": [{"GroupName": "app", "GroupId": sg}],
        "SourceDestCheck": True, "Tags": tags(rng, "node-%d" % k, env), "VirtualizationType": "hvm",
        "CpuOptions": {"CoreCount": 1, "ThreadsPerCore": 2}, "CapacityReservationSpecification": {
            "CapacityReservationPreference": "open"}, "HibernationOptions": {"Configured": False},
        "MetadataOptions": {"State": "applied", "HttpTokens": rng.choice(["required"] * 9 + ["optional"]),
                            "HttpPutResponseHopLimit": 2, "HttpEndpoint": "enabled", "HttpProtocolIpv6": "disabled",
                            "InstanceMetadataTags": "disabled"},
        "EnclaveOptions": {"Enabled": False}, "PlatformDetails": "Linux/UNIX", "UsageOperation": "RunInstances",
        "PrivateDnsNameOptions": {"HostnameType": "ip-name", "EnableResourceNameDnsARecord": False,
                                  "EnableResourceNameDnsAAAARecord": False},
        "MaintenanceOptions": {"AutoRecovery": "default"}, "CurrentInstanceBootMode": "legacy-bios",
    }


def db_instance(account, region, k, vid, sg, az, env, rng):
    name = "%s-db-%d" % (env, k)
    enc = rng.random()
    db = {
        "DBInstanceIdentifier": name, "DBInstanceArn": "arn:aws:rds:%s:%s:db:%s" % (region, account, name),
        "DBInstanceClass": rng.choice(["db.r6g.large", "db.m6g.large", "db.t4g.medium"]),
        "Engine": "postgres", "EngineVersion": "16.8", "DBInstanceStatus": "available", "MasterUsername": "app",
        "Endpoint": {"Address": "%s.c0ffee.%s.rds.amazonaws.com" % (name, region), "Port": 5432,
                     "HostedZoneId": "Z2R2ITUGPM61AM"},
        "AllocatedStorage": 100, "MaxAllocatedStorage": 1000, "StorageType": "gp3", "Iops": 3000,
        "StorageThroughput": 125, "StorageEncrypted": enc < 0.92,
        "PubliclyAccessible": rng.random() < 0.04, "IAMDatabaseAuthenticationEnabled": True,
        "BackupRetentionPeriod": 7, "DeletionProtection": True, "MultiAZ": env == "prod",
        "MonitoringInterval": 60, "MonitoringRoleArn": "arn:aws:iam::%s:role/rds-monitoring" % account,
        "DBSubnetGroup": {"DBSubnetGroupName": "%s-db" % env, "VpcId": vid, "SubnetGroupStatus": "Complete"},
        "VpcSecurityGroups": [{"VpcSecurityGroupId": sg, "Status": "active"}],
        "DBParameterGroups": [{"DBParameterGroupName": "default.postgres16", "ParameterApplyStatus": "in-sync"}],
        "AvailabilityZone": az, "PreferredBackupWindow": "03:00-04:00",
        "PreferredMaintenanceWindow": "sun:05:00-sun:06:00", "AutoMinorVersionUpgrade": True,
        "CopyTagsToSnapshot": True, "PerformanceInsightsEnabled": True, "CACertificateIdentifier": "rds-ca-rsa2048-g1",
        "TagList": tags(rng, name, env),
    }
    if enc < 0.85:
        db["KmsKeyId"] = "arn:aws:kms:%s:%s:key/%08x-0000-4000-8000-%012x" % (region, account, k, k)
    return db


def write(path, key, items):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = json.dumps({key: items}, indent=4) + "\n"
    with open(path, "w") as f:
        f.write(text)
    return len(text)


def bundle(out, size_mb, accounts, seed):
    """About SIZE_MB of all five commands; returns (bytes, counts)."""
    places = [("%012d" % (500000000000 + a), r) for a in range(accounts) for r in REGIONS]
    # One VPC with its subnets, groups, instances and databases is about 300 KB.
    vpcs_each = max(1, round(size_mb * 1048576 / 300000 / len(places)))
    total, counts, k, net = 0, {"vpcs": 0, "subnets": 0, "security groups": 0, "instances": 0, "databases": 0}, 0, 0
    for account, region in places:
        rng = random.Random("%s:cli:%s:%s" % (seed, account, region))
        vpcs, subnets, groups, reservations, dbs = [], [], [], [], []
        for _ in range(vpcs_each):
            env = rng.choice(["dev", "staging", "prod"])
            a, b, c = network24(net)
            net += 1
            v = vpc(account, region, k, "%d.%d.%d.0/24" % (a, b, c), env, rng)
            vpcs.append(v)
            k += 1
            zone_subnets = []
            for s in range(6):
                az = region + "abc"[s % 3]
                sub = subnet(account, region, k, v["VpcId"], "%d.%d.%d.%d/27" % (a, b, c, s * 32), az, s < 3, env, rng)
                subnets.append(sub)
                zone_subnets.append(sub)
                k += 1
            sgs = []
            for g in range(10):
                role = "lb" if g == 0 else "admin" if g == 1 else "app"
                sgs.append(security_group(account, k, v["VpcId"], role, env, rng))
                k += 1
            groups += sgs
            instances = []
            for n in range(40):
                sub = zone_subnets[3 + n % 3]
                ip = "%d.%d.%d.%d" % (a, b, c, (3 + n % 3) * 32 + 4 + n // 3)
                instances.append(instance(account, region, k, v["VpcId"], sub["SubnetId"], sgs[2 + n % 8]["GroupId"],
                                          sub["AvailabilityZone"], ip, env, rng))
                k += 1
                if len(instances) == 8:
                    reservations.append({"Groups": [], "Instances": instances, "OwnerId": account,
                                         "ReservationId": "r-%017x" % k})
                    instances = []
            for d in range(2):
                dbs.append(db_instance(account, region, k, v["VpcId"], sgs[3]["GroupId"], region + "a", env, rng))
                k += 1
        base = os.path.join(out, account, region)
        total += write(os.path.join(base, "ec2", "describe-vpcs.json"), "Vpcs", vpcs)
        total += write(os.path.join(base, "ec2", "describe-subnets.json"), "Subnets", subnets)
        total += write(os.path.join(base, "ec2", "describe-security-groups.json"), "SecurityGroups", groups)
        total += write(os.path.join(base, "ec2", "describe-instances.json"), "Reservations", reservations)
        total += write(os.path.join(base, "rds", "describe-db-instances.json"), "DBInstances", dbs)
        counts["vpcs"] += len(vpcs)
        counts["subnets"] += len(subnets)
        counts["security groups"] += len(groups)
        counts["instances"] += sum(len(r["Instances"]) for r in reservations)
        counts["databases"] += len(dbs)
    return total, counts


def networks(out, n, accounts, seed):
    """N VPCs and subnets in all (a fifth VPCs); returns (bytes, counts)."""
    places = [("%012d" % (600000000000 + a), r) for a in range(accounts) for r in REGIONS]
    nvpcs = n // 5
    per_place = -(-nvpcs // len(places))
    total, k, made = 0, 0, 0
    counts = {"vpcs": 0, "subnets": 0}
    for account, region in places:
        rng = random.Random("%s:net:%s:%s" % (seed, account, region))
        vpcs, subnets = [], []
        for _ in range(min(per_place, nvpcs - made)):
            env = rng.choice(["dev", "staging", "prod"])
            # One VPC in 500 reuses the range of an earlier one (NET-001).
            a, b, c = network24(made if made % 500 != 499 else rng.randrange(made))
            v = vpc(account, region, k, "%d.%d.%d.0/24" % (a, b, c), env, rng)
            vpcs.append(v)
            k += 1
            for s in range(4):
                # One subnet in 1,000 lies outside its VPC (NET-004).
                d = c if k % 1000 != 7 else (c + 1) & 255
                sub = subnet(account, region, k, v["VpcId"], "%d.%d.%d.%d/26" % (a, b, d, s * 64),
                             region + "abc"[s % 3], s < 2, env, rng)
                subnets.append(sub)
                k += 1
            made += 1
        base = os.path.join(out, account, region, "ec2")
        total += write(os.path.join(base, "describe-vpcs.json"), "Vpcs", vpcs)
        total += write(os.path.join(base, "describe-subnets.json"), "Subnets", subnets)
        counts["vpcs"] += len(vpcs)
        counts["subnets"] += len(subnets)
    return total, counts


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out")
    p.add_argument("size_mb", type=float, nargs="?")
    p.add_argument("--networks", type=int, help="write only VPCs and subnets, this many in all")
    p.add_argument("--accounts", type=int, default=10)
    p.add_argument("--seed", default="guardrail")
    a = p.parse_args()
    if a.networks:
        total, counts = networks(a.out, a.networks, a.accounts, a.seed)
    elif a.size_mb:
        total, counts = bundle(a.out, a.size_mb, a.accounts, a.seed)
    else:
        p.error("give SIZE_MB or --networks N")
    print("%s: %s; %.1f MB" % (a.out, ", ".join("%d %s" % (v, k) for k, v in counts.items()), total / 1048576))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes an AWS Config configuration snapshot of about SIZE megabytes.

    bench/gen_config_snapshot.py OUT.json SIZE_MB [ACCOUNT]

The items look like the real ones (configuration, tags, relationships,
supplementaryConfiguration) and mix the types of a production account:
mostly instances, volumes and network interfaces, with VPCs, subnets, route
tables, security groups, RDS instances and EKS clusters among them. Used by
bench/export_memory.sh to measure streaming speed and peak memory.
"""
import json
import random
import sys

out_path, size_mb = sys.argv[1], float(sys.argv[2])
account = sys.argv[3] if len(sys.argv) > 3 else "222222222222"
rng = random.Random(7)
regions = ["us-east-1", "us-west-2"]


def tags(i):
    return {"Environment": "prod", "Owner": "platform", "CostCenter": "cc-%d" % (i % 9), "Project": "innovate",
            "Name": "res-%d" % i}


def relationships(n):
    return [{"resourceType": "AWS::EC2::SecurityGroup", "resourceId": "sg-%08x" % rng.getrandbits(32),
             "relationshipName": "Is associated with SecurityGroup"} for _ in range(n)]


def item(i):
    region = regions[i % 2]
    kind = rng.random()
    base = {"configurationItemVersion": "1.3", "configurationItemCaptureTime": "2026-11-20T10:00:00.000Z",
            "configurationStateId": 1700000000000 + i, "awsAccountId": account, "configurationItemStatus": "OK",
            "awsRegion": region, "availabilityZone": region + "a", "tags": tags(i),
            "relatedEvents": [], "relationships": relationships(4), "supplementaryConfiguration": {}}
    if kind < 0.35:
        rid = "i-%017x" % i
        conf = {"instanceId": rid, "imageId": "ami-0abcdef1234567890", "instanceType": "m6i.large",
                "subnetId": "subnet-%08x" % (i % 300), "vpcId": "vpc-%08x" % (i % 30), "privateIpAddress": "10.2.%d.%d" % (i % 250, i % 200),
                "blockDeviceMappings": [{"deviceName": "/dev/xvda", "ebs": {"volumeId": "vol-%017x" % i, "status": "attached",
                                                                             "attachTime": "2026-01-01T00:00:00.000Z", "deleteOnTermination": True}}],
                "networkInterfaces": [{"networkInterfaceId": "eni-%017x" % i, "privateIpAddresses": [{"primary": True, "privateIpAddress": "10.2.0.%d" % (i % 250)}],
                                       "groups": [{"groupId": "sg-%08x" % (i % 50), "groupName": "app"}], "status": "in-use"}],
                "securityGroups": [{"groupId": "sg-%08x" % (i % 50), "groupName": "app"}],
                "state": {"code": 16, "name": "running"}, "monitoring": {"state": "disabled"}, "ebsOptimized": True,
                "metadataOptions": {"httpTokens": "required", "httpPutResponseHopLimit": 2, "httpEndpoint": "enabled"},
                "cpuOptions": {"coreCount": 1, "threadsPerCore": 2}, "placement": {"availabilityZone": region + "a", "tenancy": "default"}}
        rtype, arn = "AWS::EC2::Instance", "arn:aws:ec2:%s:%s:instance/%s" % (region, account, rid)
    elif kind < 0.6:
        rid = "vol-%017x" % i
        conf = {"volumeId": rid, "size": 100, "volumeType": "gp3", "encrypted": True, "kmsKeyId": "arn:aws:kms:%s:%s:key/%s" % (region, account, "k"),
                "iops": 3000, "throughput": 125, "state": "in-use", "attachments": [{"instanceId": "i-%017x" % i, "device": "/dev/xvda", "state": "attached"}]}
        rtype, arn = "AWS::EC2::Volume", "arn:aws:ec2:%s:%s:volume/%s" % (region, account, rid)
    elif kind < 0.8:
        rid = "eni-%017x" % i
        conf = {"networkInterfaceId": rid, "subnetId": "subnet-%08x" % (i % 300), "vpcId": "vpc-%08x" % (i % 30),
                "privateIpAddress": "10.2.1.%d" % (i % 250), "macAddress": "02:00:00:00:%02x:%02x" % (i % 256, (i >> 8) % 256),
                "groups": [{"groupId": "sg-%08x" % (i % 50), "groupName": "app"}], "status": "in-use", "interfaceType": "interface"}
        rtype, arn = "AWS::EC2::NetworkInterface", "arn:aws:ec2:%s:%s:network-interface/%s" % (region, account, rid)
    elif kind < 0.9:
        rid = "sg-%08x" % i
        conf = {"groupId": rid, "groupName": "app-%d" % i, "description": "app", "vpcId": "vpc-%08x" % (i % 30),
                "ipPermissions": [{"ipProtocol": "tcp", "fromPort": 443, "toPort": 443, "ipRanges": ["10.0.0.0/8"], "ipv4Ranges": [{"cidrIp": "10.0.0.0/8"}]}],
                "ipPermissionsEgress": [{"ipProtocol": "-1", "ipRanges": ["0.0.0.0/0"], "ipv4Ranges": [{"cidrIp": "0.0.0.0/0"}]}]}
        rtype, arn = "AWS::EC2::SecurityGroup", "arn:aws:ec2:%s:%s:security-group/%s" % (region, account, rid)
    elif kind < 0.95:
        rid = "subnet-%08x" % i
        conf = {"subnetId": rid, "vpcId": "vpc-%08x" % (i % 30), "cidrBlock": "10.%d.%d.0/24" % (i % 200, (i >> 8) % 250),
                "availabilityZone": region + "abc"[i % 3], "mapPublicIpOnLaunch": False, "state": "available"}
        rtype, arn = "AWS::EC2::Subnet", "arn:aws:ec2:%s:%s:subnet/%s" % (region, account, rid)
    else:
        rid = "vpc-%08x" % i
        conf = {"vpcId": rid, "cidrBlock": "10.%d.0.0/16" % (i % 250), "isDefault": False, "state": "available",
                "cidrBlockAssociationSet": [{"cidrBlock": "10.%d.0.0/16" % (i % 250), "cidrBlockState": {"state": "associated"}}]}
        rtype, arn = "AWS::EC2::VPC", "arn:aws:ec2:%s:%s:vpc/%s" % (region, account, rid)
    base.update({"resourceType": rtype, "resourceId": rid, "arn": arn, "resourceCreationTime": "2026-01-01T00:00:00.000Z",
                 "configuration": conf})
    return base


target = int(size_mb * 1024 * 1024)
with open(out_path, "w") as f:
    f.write('{"fileVersion": "1.0", "configSnapshotId": "bench", "configurationItems": [\n')
    written, i = 0, 0
    while written < target:
        text = json.dumps(item(i), indent=2)
        if i:
            f.write(",\n")
        f.write(text)
        written += len(text) + 2
        i += 1
    f.write("\n]}\n")
print("%s: %d items, %.1f MB" % (out_path, i, written / 1048576))

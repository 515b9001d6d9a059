#!/usr/bin/env python3
"""Writes COUNT Kubernetes manifest files under OUT/k8s/<namespace>/, for
benchmarks.

    bench/gen_k8s.py OUT COUNT [--avg-bytes N] [--split] [--seed S]

An application is a workload (Deployment, StatefulSet, CronJob or
DaemonSet, some with an init container or a sidecar) with its Service,
HorizontalPodAutoscaler and PodDisruptionBudget. By default a file is one
application as a multi-document stream (about 2.3 KB), or as many as
--avg-bytes asks for. --split writes one document per file instead, for
tools that read only the first document of a stream (Spectral).

A fixed share is non-compliant: privileged containers and init containers
(PSS-003), containers without some requests or limits (K8S-001), images
that are not pinned (latest, no tag) or not from ECR (K8S-007). Each
application has its own random stream, so the corpus is the same whatever
COUNT is, up to COUNT.
"""
import argparse
import os
import random

NAMESPACES = 25
ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com"

WORKLOAD_HEAD = {
    "Deployment": """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/component: {tier}
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  template:
""",
    "StatefulSet": """apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/component: {tier}
spec:
  serviceName: {name}
  replicas: {replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  template:
""",
    "DaemonSet": """apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/component: {tier}
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  template:
""",
}

POD = """    metadata:
      labels:
        app.kubernetes.io/name: {name}
        app.kubernetes.io/component: {tier}
    spec:
      serviceAccountName: {name}
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
{init}      containers:
{containers}"""

CRONJOB_HEAD = """apiVersion: batch/v1
kind: CronJob
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: {name}
spec:
  schedule: "{minute} {hour} * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
"""

CONTAINER = """- name: {cname}
  image: {image}
  ports:
  - containerPort: {port}
  securityContext:
    allowPrivilegeEscalation: {ape}
    privileged: {priv}
    readOnlyRootFilesystem: true
    capabilities:
      drop: ["ALL"]
{resources}  env:
  - name: LOG_LEVEL
    value: {log_level}
  - name: SERVICE_NAME
    value: {name}
  livenessProbe:
    httpGet: {{path: /healthz, port: {port}}}
  readinessProbe:
    httpGet: {{path: /ready, port: {port}}}
"""

SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: {ns}
spec:
  selector:
    app.kubernetes.io/name: {name}
  ports:
  - port: 80
    targetPort: 8080
"""

HPA = """apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {name}
  namespace: {ns}
spec:
  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: {name}}}
  minReplicas: {min_replicas}
  maxReplicas: {max_replicas}
  metrics:
  - type: Resource
    resource:
      name: cpu
      target: {{type: Utilization, averageUtilization: 70}}
"""

PDB = """apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {name}
  namespace: {ns}
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
"""


def indent(text, n):
    pad = " " * n
    return "".join(pad + line + "\n" if line else "\n" for line in text.split("\n")[:-1])


def image(rng, name, i):
    r = rng.random()
    if r < 0.85:
        return "%s/%s:1.%d.%d" % (ECR, name, i % 10, rng.randint(0, 20))
    if r < 0.90:
        return "%s/%s@sha256:%064x" % (ECR, name, rng.getrandbits(256))
    if r < 0.93:
        return "%s/%s:latest" % (ECR, name)
    if r < 0.95:
        return "%s/%s" % (ECR, name)
    if r < 0.98:
        return "nginx:1.27"
    return "nginx:latest"


def resources(rng):
    r = rng.random()
    if r < 0.02:
        return ""
    if r < 0.07:
        return "  resources:\n    requests: {cpu: 100m, memory: 128Mi}\n"
    if r < 0.09:
        return "  resources:\n    requests: {cpu: 100m}\n    limits: {cpu: 500m, memory: 512Mi}\n"
    return "  resources:\n    requests: {cpu: %dm, memory: %dMi}\n    limits: {cpu: %dm, memory: %dMi}\n" % (
        rng.choice([50, 100, 250]), rng.choice([64, 128, 256]), rng.choice([500, 1000]), rng.choice([256, 512, 1024]))


def container(rng, cname, name, i, port=8080, priv_rate=0.02, init=False):
    text = CONTAINER.format(cname=cname, name=name, image=image(rng, cname, i), port=port,
                            ape=str(rng.random() < 0.05).lower(), priv=str(rng.random() < priv_rate).lower(),
                            resources=resources(rng), log_level=rng.choice(["info", "debug", "warn"]))
    if init:  # init containers have neither ports nor probes
        text = text.replace("  ports:\n  - containerPort: %d\n" % port, "").split("  livenessProbe:")[0]
    return text


def app_documents(i, k, seed):
    """The documents of application (i, k): file i's k-th application."""
    rng = random.Random("%s:k8s:%d:%d" % (seed, i, k))
    ns = "team%d" % (i % NAMESPACES)
    name = "svc%d" % i if k == 0 else "svc%d-%d" % (i, k)
    tier = rng.choice(["frontend", "backend"])
    kind = rng.choices(["Deployment", "StatefulSet", "CronJob", "DaemonSet"], [70, 15, 10, 5])[0]
    containers = container(rng, name, name, i)
    if rng.random() < 0.2:
        containers += container(rng, "envoy", name, i, port=9901)
    init = ""
    if rng.random() < 0.3:
        init = "      initContainers:\n" + indent(container(rng, "migrate", name, i, priv_rate=0.03, init=True), 6)
    pod = POD.format(name=name, tier=tier, init=init, containers=indent(containers, 6))
    if kind == "CronJob":
        workload = CRONJOB_HEAD.format(name=name, ns=ns, minute=rng.randint(0, 59), hour=rng.randint(0, 23))
        workload += indent(pod.replace("      serviceAccountName", "      restartPolicy: OnFailure\n"
                                       "      serviceAccountName", 1), 4)
        return [workload]
    workload = WORKLOAD_HEAD[kind].format(name=name, ns=ns, tier=tier, replicas=rng.randint(1, 10)) + pod
    docs = [workload, SERVICE.format(name=name, ns=ns)]
    if kind == "Deployment":
        docs.append(HPA.format(name=name, ns=ns, min_replicas=rng.randint(2, 5), max_replicas=rng.randint(6, 20)))
    docs.append(PDB.format(name=name, ns=ns))
    return docs


def generate(out, count, avg_bytes=None, split=False, seed="guardrail", start=0):
    """Writes COUNT files under OUT/k8s; returns the bytes written."""
    total = 0
    written = 0
    i = start
    while written < count:
        d = os.path.join(out, "k8s", "team%d" % (i % NAMESPACES))
        os.makedirs(d, exist_ok=True)
        if split:
            for n, doc in enumerate(app_documents(i, 0, seed)):
                if written == count:
                    break
                kind = doc.split("kind: ", 1)[1].split("\n", 1)[0].lower()
                with open(os.path.join(d, "svc%d-%s.yaml" % (i, kind)), "w") as f:
                    f.write(doc)
                total += len(doc)
                written += 1
        else:
            target = avg_bytes * random.Random("%s:k8s-size:%d" % (seed, i)).uniform(0.5, 1.5) if avg_bytes else 0
            docs, size, k = [], 0, 0
            while k == 0 or size < target:
                more = app_documents(i, k, seed)
                docs += more
                size += sum(len(x) + 4 for x in more)
                k += 1
            text = "---\n".join(docs)
            with open(os.path.join(d, "svc%d.yaml" % i), "w") as f:
                f.write(text)
            total += len(text)
            written += 1
        i += 1
    return total


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out")
    p.add_argument("count", type=int, help="files to write")
    p.add_argument("--avg-bytes", type=int, default=None, help="about this many bytes per file (multi-document)")
    p.add_argument("--split", action="store_true", help="one document per file")
    p.add_argument("--seed", default="guardrail")
    a = p.parse_args()
    total = generate(a.out, a.count, a.avg_bytes, a.split, a.seed)
    print("%s: %d Kubernetes manifests, %.1f MB" % (a.out, a.count, total / 1048576))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes N Kubernetes manifest files (Deployment + Service + HPA + PDB each,
with varied and partly non-compliant settings) under OUT, for benchmarks."""
import os
import random
import sys

TEMPLATE = """apiVersion: apps/v1
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
    metadata:
      labels:
        app.kubernetes.io/name: {name}
        app.kubernetes.io/component: {tier}
    spec:
      serviceAccountName: {name}
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: {name}
        image: {image}
        ports:
        - containerPort: 8080
        securityContext:
          allowPrivilegeEscalation: {ape}
          privileged: {priv}
          capabilities:
            drop: ["ALL"]
        resources:
          requests: {{cpu: 100m, memory: 128Mi}}
          limits: {{cpu: 500m, memory: 512Mi}}
        livenessProbe:
          httpGet: {{path: /healthz, port: 8080}}
        readinessProbe:
          httpGet: {{path: /ready, port: 8080}}
---
apiVersion: v1
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
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {name}
  namespace: {ns}
spec:
  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: {name}}}
  minReplicas: 5
  maxReplicas: 10
---
apiVersion: policy/v1
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


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    rng = random.Random(42)
    for i in range(count):
        ns = f"team{i % 25}"
        d = os.path.join(out, "k8s", ns)
        os.makedirs(d, exist_ok=True)
        name = f"svc{i}"
        image = (f"123456789012.dkr.ecr.us-east-1.amazonaws.com/{name}:1.{i % 10}.0"
                 if rng.random() > 0.1 else f"nginx:latest")
        text = TEMPLATE.format(name=name, ns=ns, tier=rng.choice(["frontend", "backend"]),
                               replicas=rng.randint(1, 10), image=image,
                               ape=str(rng.random() < 0.05).lower(),
                               priv=str(rng.random() < 0.02).lower())
        with open(os.path.join(d, f"{name}.yaml"), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()

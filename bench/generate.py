#!/usr/bin/env python3
"""Generate a synthetic GitOps monorepo for benchmarking seldon-lint.

    python3 bench/generate.py OUT_DIR [--files 10000] [--seed 42] [--force]

The tree has the shapes real platform teams use:

    clusters/<cluster>/...            Flux entry points per cluster
                                      (prod-eu-1, prod-us-1, staging, dev)
    apps/<team>/base/...              a team's shared manifests
    apps/<team>/overlays/<env>/...    per-environment overlays (production, staging, dev)
    infrastructure/...                controllers, vendored charts, Event Hubs namespaces

About 60% of the files are unrelated Kubernetes manifests (Deployments, Services,
ConfigMaps, Ingresses, multi-document bundles, HelmReleases of other charts, values of
other charts); the rest are Seldon Core 2 related: standalone `components-values.yaml`
files, Flux HelmReleases of `seldon-core-v2-setup`, Secrets and SealedSecrets for Kafka,
SeldonRuntimes, Models, Pipelines and Azure Service Operator Event Hubs namespaces.
A few deliberate policy violations are planted; they are listed in
OUT_DIR/EXPECTED-VIOLATIONS.txt (not a YAML file, so no tool reads it as input).

The output is a pure function of (--files, --seed): same arguments, same bytes.
Only the Python 3 standard library is used.
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import shutil
import sys

MARKER = ".seldon-lint-bench-tree"

# cluster folder -> environment name used in overlay folders
CLUSTERS = [
    ("prod-eu-1", "production"),
    ("prod-us-1", "production"),
    ("staging", "staging"),
    ("dev", "dev"),
]
ENVS = ["production", "staging", "dev"]

ADJ = ["fraud", "risk", "search", "payments", "ledger", "growth", "pricing", "catalog",
       "identity", "support", "media", "ads", "supply", "routing", "billing", "insights",
       "vision", "speech", "reco", "trust", "checkout", "loyalty", "forecast", "claims"]
NOUN = ["detection", "scoring", "ranking", "platform", "core", "api", "engine", "ml",
        "signals", "gateway", "analytics", "models", "serving", "features", "labs"]
SERVICES = ["api", "worker", "frontend", "backend", "ingest", "scheduler", "cache",
            "exporter", "notifier", "admin", "batch", "stream", "auth", "search", "sync"]
MODEL_KINDS = ["sklearn", "xgboost", "lightgbm", "tensorflow", "pytorch", "onnx", "mlflow",
               "huggingface", "triton"]
MODEL_NAMES = ["iris", "income", "churn", "fraud-score", "ctr", "ranker", "embedder",
               "sentiment", "ner", "classifier", "regressor", "anomaly", "forecaster",
               "tokenizer", "reranker", "detector", "segmenter", "translator"]
OTHER_CHARTS = [
    ("ingress-nginx", "https://kubernetes.github.io/ingress-nginx", "4.10.1", "ingress-nginx"),
    ("cert-manager", "https://charts.jetstack.io", "v1.14.5", "cert-manager"),
    ("external-dns", "https://kubernetes-sigs.github.io/external-dns", "1.14.4", "external-dns"),
    ("kube-prometheus-stack", "https://prometheus-community.github.io/helm-charts", "58.2.2",
     "monitoring"),
    ("loki", "https://grafana.github.io/helm-charts", "6.5.2", "monitoring"),
    ("external-secrets", "https://charts.external-secrets.io", "0.9.18", "external-secrets"),
    ("sealed-secrets", "https://bitnami-labs.github.io/sealed-secrets", "2.15.3", "kube-system"),
    ("strimzi-kafka-operator", "https://strimzi.io/charts", "0.41.0", "kafka"),
]

# Kafka setups per cluster: (protocol, mechanism, username, bootstrap, replication)
KAFKA = {
    "prod-eu-1": ("SASL_SSL", "PLAIN", "$ConnectionString",
                  "sl-prod-eu-1-ehns.servicebus.windows.net:9093", 3),
    "prod-us-1": ("SASL_SSL", "PLAIN", "ABCD1234EFGH5678",
                  "pkc-4r087.us-east-1.aws.confluent.cloud:9092", 3),
    "staging": ("SASL_SSL", "SCRAM-SHA-512", "seldon",
                "seldon-kafka-bootstrap.kafka:9093", 3),
    "dev": ("PLAINTEXT", None, None, "seldon-kafka-bootstrap.seldon-mesh:9092", 1),
}
ENV_CLUSTER = {"production": "prod-eu-1", "staging": "staging", "dev": "dev"}


class Tree:
    """Collects (path, text, category) in memory; written at the end."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[str, str]] = {}
        self.expected: list[str] = []

    def add(self, path: str, text: str, seldon: bool) -> None:
        if path in self.files:
            raise RuntimeError(f"duplicate path {path}")
        self.files[path] = (text, "seldon" if seldon else "other")

    def expect(self, path: str, rule: str, note: str) -> None:
        self.expected.append(f"{rule}\t{path}\t{note}")

    def __len__(self) -> int:
        return len(self.files)


# ---------------------------------------------------------------- unrelated manifests

def deployment(r: random.Random, name: str, ns: str, team: str) -> str:
    img = f"registry.example.com/{team}/{name}:{r.randint(1, 9)}.{r.randint(0, 40)}.{r.randint(0, 20)}"
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/part-of: {team}
spec:
  replicas: {r.choice([1, 2, 3])}
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {name}
    spec:
      containers:
        - name: {name}
          image: {img}
          ports:
            - containerPort: {r.choice([8080, 8000, 9000, 3000])}
          resources:
            requests: {{cpu: {r.choice(['50m', '100m', '250m'])}, memory: {r.choice(['64Mi', '128Mi', '256Mi'])}}}
"""


def service(r: random.Random, name: str, ns: str) -> str:
    return f"""apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: {ns}
spec:
  selector:
    app.kubernetes.io/name: {name}
  ports:
    - name: http
      port: 80
      targetPort: {r.choice([8080, 8000, 9000, 3000])}
"""


def configmap(r: random.Random, name: str, ns: str) -> str:
    keys = r.sample(["LOG_LEVEL", "FEATURE_FLAGS", "TIMEOUT_MS", "REGION", "CACHE_TTL",
                     "MAX_CONNECTIONS", "TRACING", "BATCH_SIZE"], 4)
    vals = {"LOG_LEVEL": r.choice(["info", "debug", "warn"]),
            "FEATURE_FLAGS": '"new-ui,fast-path"', "TIMEOUT_MS": f'"{r.randint(100, 5000)}"',
            "REGION": r.choice(["westeurope", "eastus", "northeurope"]),
            "CACHE_TTL": f'"{r.randint(10, 600)}s"', "MAX_CONNECTIONS": f'"{r.randint(10, 500)}"',
            "TRACING": '"true"', "BATCH_SIZE": f'"{r.randint(1, 256)}"'}
    body = "".join(f"  {k}: {vals[k]}\n" for k in keys)
    return f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: {name}
  namespace: {ns}
data:
{body}"""


def ingress(r: random.Random, name: str, ns: str, team: str) -> str:
    return f"""apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {name}
  namespace: {ns}
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
spec:
  ingressClassName: nginx
  rules:
    - host: {name}.{team}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: {{name: {name}, port: {{number: 80}}}}
"""


def bundle(r: random.Random, name: str, ns: str, team: str) -> str:
    """Multi-document file: Deployment + Service + HPA."""
    hpa = f"""apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {name}
  namespace: {ns}
spec:
  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: {name}}}
  minReplicas: 1
  maxReplicas: {r.randint(3, 20)}
"""
    return "---\n" + deployment(r, name, ns, team) + "---\n" + service(r, name, ns) + "---\n" + hpa


def small_manifest(r: random.Random, name: str, ns: str) -> str:
    kind = r.choice(["sa", "pdb", "netpol", "cronjob", "secret"])
    if kind == "secret":
        # An unrelated committed Secret (no Kafka credential): base64 data and stringData.
        return plain_secret(f"{name}-settings", ns,
                            {"host": f"{name}.db.internal", "username": name.replace("-", "_")},
                            {"region": r.choice(["westeurope", "eastus"])})
    if kind == "sa":
        return f"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {name}\n  namespace: {ns}\n"
    if kind == "pdb":
        return f"""apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {name}
  namespace: {ns}
spec:
  minAvailable: 1
  selector:
    matchLabels: {{app.kubernetes.io/name: {name}}}
"""
    if kind == "netpol":
        return f"""apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {name}-allow-ingress
  namespace: {ns}
spec:
  podSelector:
    matchLabels: {{app.kubernetes.io/name: {name}}}
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels: {{kubernetes.io/metadata.name: ingress-nginx}}
"""
    return f"""apiVersion: batch/v1
kind: CronJob
metadata:
  name: {name}-cleanup
  namespace: {ns}
spec:
  schedule: "{r.randint(0, 59)} {r.randint(0, 23)} * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: cleanup
              image: registry.example.com/tools/cleanup:1.4.2
"""


def kustomization(resources: list[str], ns: str | None = None, patches: list[str] | None = None) -> str:
    out = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
    if ns:
        out += f"namespace: {ns}\n"
    out += "resources:\n" + "".join(f"  - {x}\n" for x in resources)
    if patches:
        out += "patches:\n" + "".join(f"  - path: {p}\n" for p in patches)
    return out


def helmrelease_other(r: random.Random, chart: str, repo: str, version: str, ns: str) -> str:
    values = {
        "ingress-nginx": "    controller:\n      replicaCount: 2\n      service:\n        externalTrafficPolicy: Local\n",
        "cert-manager": "    installCRDs: true\n    prometheus:\n      enabled: true\n",
        "external-dns": "    provider: azure\n    policy: sync\n    txtOwnerId: gitops\n",
        "kube-prometheus-stack": "    grafana:\n      enabled: true\n    alertmanager:\n      enabled: false\n",
        "loki": "    deploymentMode: SingleBinary\n    loki:\n      commonConfig:\n        replication_factor: 1\n",
        "external-secrets": "    installCRDs: true\n    webhook:\n      replicaCount: 1\n",
        "sealed-secrets": "    fullnameOverride: sealed-secrets-controller\n",
        "strimzi-kafka-operator": "    watchAnyNamespace: true\n",
    }[chart]
    return f"""apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: {chart}
  namespace: flux-system
spec:
  interval: {r.choice(['10m', '30m', '1h'])}
  targetNamespace: {ns}
  chart:
    spec:
      chart: {chart}
      version: "{version}"
      sourceRef:
        kind: HelmRepository
        name: {chart}
  values:
{values}"""


def other_chart_values(r: random.Random, chart: str) -> str:
    # Values of other charts; some even have a `kafka:` key (e.g. a logging chart), which
    # the linter must not mistake for Seldon's (the folder has a Chart.yaml).
    base = f"""# Default values for {chart}.
replicaCount: {r.randint(1, 3)}
image:
  repository: registry.example.com/infra/{chart}
  tag: "{r.randint(1, 5)}.{r.randint(0, 9)}.{r.randint(0, 9)}"
  pullPolicy: IfNotPresent
service:
  type: ClusterIP
  port: 80
resources: {{}}
nodeSelector: {{}}
"""
    if chart.endswith("shipper"):
        base += "kafka:\n  brokers: logs-kafka:9092\n  topic: app-logs\n"
    return base


def chart_yaml(chart: str) -> str:
    return f"apiVersion: v2\nname: {chart}\ndescription: Internal chart {chart}\ntype: application\nversion: 0.{len(chart)}.0\nappVersion: \"1.0.0\"\n"


def chart_template(chart: str) -> str:
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{{{ include "{chart}.fullname" . }}}}
  labels:
    {{{{- include "{chart}.labels" . | nindent 4 }}}}
spec:
  replicas: {{{{ .Values.replicaCount }}}}
"""


# ---------------------------------------------------------------- Seldon-related files

def seldon_values(cluster: str, prefix: str, watch: list[str], *, protocol: str | None = None,
                  header: str = "", extra: str = "", overrides: dict | None = None) -> str:
    proto, mech, user, boot, repl = KAFKA[cluster]
    o = overrides or {}
    proto = protocol or o.get("protocol", proto)
    mech = o.get("mechanism", mech)
    user = o.get("username", user)
    boot = o.get("bootstrap", boot)
    repl = o.get("replicationFactor", repl)
    secret = o.get("secret", "kafka-sasl")
    pwpath = o.get("passwordPath", "password")
    out = header + "security:\n  kafka:\n" + f"    protocol: {proto}\n"
    if proto == "SASL_SSL" or o.get("sasl_anyway"):
        out += f"    sasl:\n      mechanism: {mech}\n      client:\n"
        quoted = f'"{user}"' if user[:1] in ("$", "<") else user
        out += f"        username: {quoted}\n"
        if secret:
            out += f"        secret: {secret}\n"
        out += f"        passwordPath: {pwpath}\n"
    if proto in ("SSL", "SASL_SSL"):
        out += "    ssl:\n      client:\n        endpointIdentificationAlgorithm: https\n"
    out += f"kafka:\n  bootstrap: {boot}\n  topicPrefix: {o.get('topicPrefix', prefix)}\n"
    if repl is not None:
        out += f"  topics:\n    replicationFactor: {repl}\n    numPartitions: {o.get('numPartitions', 4)}\n"
    if watch:
        out += "controller:\n  clusterwide: true\n  watchNamespaces:\n" + "".join(f"    - {w}\n" for w in watch)
    return out + extra


def seldon_helmrelease(cluster: str, values: str, target_ns: str, name: str = "seldon-core-v2-setup") -> str:
    indented = "".join(("    " + line if line else line) + "\n" for line in values.rstrip("\n").split("\n"))
    return f"""apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: {name}
  namespace: flux-system
spec:
  interval: 10m
  targetNamespace: {target_ns}
  install:
    createNamespace: true
  chart:
    spec:
      chart: seldon-core-v2-setup
      version: "2.8.3"
      sourceRef:
        kind: HelmRepository
        name: seldon-charts
  values:
{indented}"""


def runtime_helmrelease(ns: str) -> str:
    return f"""apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: seldon-core-v2-runtime-{ns}
  namespace: flux-system
spec:
  interval: 10m
  targetNamespace: {ns}
  chart:
    spec:
      chart: seldon-core-v2-runtime
      version: "2.8.3"
      sourceRef:
        kind: HelmRepository
        name: seldon-charts
"""


def seldon_runtime(ns: str, r: random.Random) -> str:
    return f"""apiVersion: mlops.seldon.io/v1alpha1
kind: SeldonRuntime
metadata:
  name: seldon
  namespace: {ns}
spec:
  seldonConfig: default
  overrides:
    - name: seldon-pipelinegateway
      replicas: {r.choice([1, 2])}
    - name: seldon-modelgateway
      replicas: {r.choice([1, 2])}
"""


def fake_b64(r: random.Random, n: int) -> str:
    return base64.b64encode(bytes(r.getrandbits(8) for _ in range(n))).decode()


def sealed_secret(r: random.Random, name: str, ns: str, keys: list[str]) -> str:
    enc = "".join(f"    {k}: Ag{fake_b64(r, 48)}\n" for k in keys)
    return f"""apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: {name}
  namespace: {ns}
spec:
  encryptedData:
{enc}  template:
    metadata:
      name: {name}
      namespace: {ns}
    type: Opaque
"""


def plain_secret(name: str, ns: str, data: dict[str, str], string_data: dict[str, str]) -> str:
    out = f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\n  namespace: {ns}\ntype: Opaque\n"
    if data:
        out += "data:\n" + "".join(f"  {k}: {base64.b64encode(v.encode()).decode()}\n" for k, v in data.items())
    if string_data:
        out += "stringData:\n" + "".join(f"  {k}: {v}\n" for k, v in string_data.items())
    return out


def model(r: random.Random, name: str, ns: str, team: str) -> str:
    kind = r.choice(MODEL_KINDS)
    return f"""apiVersion: mlops.seldon.io/v1alpha1
kind: Model
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app.kubernetes.io/part-of: {team}
    model-family: {name.rsplit("-", 1)[0]}
spec:
  storageUri: gs://{team}-models/{name}/v{r.randint(1, 30)}
  requirements:
    - {kind}
  memory: {r.choice(["512Mi", "1Gi", "2Gi", "4Gi"])}
  replicas: {r.choice([1, 1, 2, 3])}
"""


def pipeline(r: random.Random, name: str, ns: str, models: list[str]) -> str:
    steps = r.sample(models, min(len(models), r.randint(2, 3)))
    body = "".join(f"    - name: {s}\n" for s in steps)
    return f"""apiVersion: mlops.seldon.io/v1alpha1
kind: Pipeline
metadata:
  name: {name}
  namespace: {ns}
spec:
  steps:
{body}  output:
    steps:
      - {steps[-1]}
"""


def eventhub_namespace(name: str, sku: str, capacity: int, local_auth_disabled: bool = False) -> str:
    out = f"""apiVersion: eventhub.azure.com/v1api20211101
kind: Namespace
metadata:
  name: {name}
  namespace: azure-resources
spec:
  location: westeurope
  owner:
    name: rg-seldon
  sku:
    name: {sku}
    tier: {sku}
    capacity: {capacity}
"""
    if local_auth_disabled:
        out += "  disableLocalAuth: true\n"
    return out


# ---------------------------------------------------------------- the tree

def build(n_files: int, seed: int) -> Tree:
    r = random.Random(seed)
    t = Tree()
    setup_paths: list[tuple[str, str]] = []

    # Per-cluster platform layer.
    for cluster, env in CLUSTERS:
        base = f"clusters/{cluster}"
        t.add(f"{base}/flux-system/gotk-sync.yaml", f"""apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m
  url: ssh://git@git.example.com/platform/gitops
  ref:
    branch: main
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m
  path: ./clusters/{cluster}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
""", False)
        t.add(f"{base}/flux-system/kustomization.yaml", kustomization(["gotk-components.yaml", "gotk-sync.yaml"]), False)
        for chart, repo, ver, ns in OTHER_CHARTS:
            t.add(f"{base}/infrastructure/{chart}.yaml", helmrelease_other(r, chart, repo, ver, ns), False)
        t.add(f"{base}/infrastructure/kustomization.yaml",
              kustomization([f"{c[0]}.yaml" for c in OTHER_CHARTS]), False)

        # Seldon control plane for the cluster: a HelmRelease of the setup chart.  Its
        # content (watchNamespaces lists the teams' namespaces) is filled in at the end.
        setup_paths.append((cluster, f"{base}/seldon/seldon-core-v2-setup.yaml"))
        t.add(setup_paths[-1][1], "", True)
        t.add(f"{base}/seldon/seldon-core-v2-runtime.yaml", runtime_helmrelease("seldon-mesh"), True)
        t.add(f"{base}/seldon/seldon-runtime.yaml", seldon_runtime("seldon-mesh", r), True)
        for ns in ("seldon-mesh", "seldon-logs"):
            t.add(f"{base}/seldon/kafka-sasl-{ns}.yaml", sealed_secret(r, "kafka-sasl", ns, ["password"]), True)
        t.add(f"{base}/seldon/kustomization.yaml", kustomization(
            ["seldon-core-v2-setup.yaml", "seldon-core-v2-runtime.yaml", "seldon-runtime.yaml",
             "kafka-sasl-seldon-mesh.yaml", "kafka-sasl-seldon-logs.yaml"]), False)
        t.add(f"{base}/apps.yaml", f"""apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 10m
  path: ./apps/overlays-index/{env}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
  postBuild:
    substitute:
      cluster_name: {cluster}
      region: {'eastus' if 'us' in cluster else 'westeurope'}
""", False)

    # Infrastructure: Event Hubs namespaces (ASO v2), vendored charts.
    t.add("infrastructure/eventhubs/prod-eu-1/namespace.yaml",
          eventhub_namespace("sl-prod-eu-1-ehns", "Premium", 2), True)
    t.add("infrastructure/eventhubs/staging/namespace.yaml",
          eventhub_namespace("sl-staging-ehns", "Standard", 1), True)
    t.add("infrastructure/eventhubs/dev/namespace.yaml",
          eventhub_namespace("sl-dev-ehns", "Standard", 1), True)
    # Violation: Basic tier, used by a production team's values below (SL401).
    t.add("infrastructure/eventhubs/prod-eu-1/namespace-analytics.yaml",
          eventhub_namespace("sl-prod-analytics-ehns", "Basic", 1), True)
    t.expect("infrastructure/eventhubs/prod-eu-1/namespace-analytics.yaml", "SL401",
             "Basic tier Event Hubs namespace used as a Kafka broker")
    # Violation: local auth disabled while Seldon uses a connection string (SL404).
    t.add("infrastructure/eventhubs/prod-eu-1/namespace-ledger.yaml",
          eventhub_namespace("sl-prod-ledger-ehns", "Standard", 1, local_auth_disabled=True), True)
    t.expect("infrastructure/eventhubs/prod-eu-1/namespace-ledger.yaml", "SL404",
             "NOT expected: disableLocalAuth, but no Seldon release uses this namespace "
             "(SL404 needs one that logs in with SASL PLAIN)")
    for chart in ("log-shipper", "metrics-proxy", "team-portal", "feature-store"):
        cbase = f"infrastructure/charts/{chart}"
        t.add(f"{cbase}/Chart.yaml", chart_yaml(chart), False)
        t.add(f"{cbase}/values.yaml", other_chart_values(r, chart), False)
        t.add(f"{cbase}/templates/deployment.yaml", chart_template(chart), False)
    t.add("infrastructure/controllers/kustomization.yaml",
          kustomization(["../charts/log-shipper", "../eventhubs/prod-eu-1"]), False)

    # Teams.  Roughly half of the teams run Seldon models.
    used_names: set[str] = set()
    team_idx = 0
    violations_left = plan_violations()

    def team_name() -> str:
        while True:
            name = f"{r.choice(ADJ)}-{r.choice(NOUN)}"
            if name in used_names:
                name = f"{name}-{len(used_names)}"
            if name not in used_names:
                used_names.add(name)
                return name

    if len(t) > n_files:
        raise SystemExit(f"generate.py: --files must be at least {len(t)} (the platform layer)")
    seldon_namespaces: list[str] = []
    while len(t) < n_files:
        remaining = n_files - len(t)
        team = team_name()
        team_idx += 1
        seldon = team_idx % 2 == 1  # half of the teams run Seldon models
        planned = list(violations_left)
        exp = Tree()
        files = make_team(r, team, seldon, planned, exp)
        if len(files) > remaining:
            # The next team does not fit: land exactly on n with shared ConfigMaps.
            for i in range(remaining):
                t.add(f"apps/shared-config/base/settings-{i:04d}.yaml",
                      configmap(r, f"shared-settings-{i}", "shared-config"), False)
            break
        for path, text, is_seldon in files:
            t.add(path, text, is_seldon)
        t.expected += exp.expected
        violations_left = planned
        if seldon:
            seldon_namespaces.append(team)

    # Now that the teams are known, write the cluster-level Seldon releases.  The
    # controller watches seldon-mesh and every team namespace that has a runtime.
    for cluster, path in setup_paths:
        vals = seldon_values(cluster, "seldon", ["seldon-mesh"] + sorted(seldon_namespaces))
        vals += "opentelemetry:\n  disable: false\n"
        t.files[path] = (seldon_helmrelease(cluster, vals, "seldon-system"), "seldon")
    t.expect("infrastructure/eventhubs/prod-eu-1/namespace.yaml", "SL402",
             "not planted on purpose: every production team shares this namespace, so the "
             "Seldon topic count exceeds the Premium event-hub quota")
    return t


def plan_violations() -> list[str]:
    return ["SL101", "SL102", "SL201", "SL202", "SL203", "SL304", "SL306", "SL403", "SL401-use",
            "SL503", "SL502", "SL501", "SL405", "SL504", "SL001", "SL301"]


def make_team(r: random.Random, team: str, seldon: bool, violations: list[str], t: Tree) -> list[tuple[str, str, bool]]:
    files: list[tuple[str, str, bool]] = []
    ns = team
    base = f"apps/{team}/base"
    ext = ".yml" if r.random() < 0.15 else ".yaml"
    n_services = r.randint(3, 8)
    svc_names = r.sample(SERVICES, n_services)
    res: list[str] = ["namespace" + ext]
    files.append((f"{base}/namespace{ext}", f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n  labels:\n    team: {team}\n", False))
    for s in svc_names:
        shape = r.random()
        if shape < 0.3:
            files.append((f"{base}/{s}/bundle{ext}", bundle(r, s, ns, team), False))
            res.append(f"{s}/bundle{ext}")
        else:
            files.append((f"{base}/{s}/deployment{ext}", deployment(r, s, ns, team), False))
            files.append((f"{base}/{s}/service{ext}", service(r, s, ns), False))
            res += [f"{s}/deployment{ext}", f"{s}/service{ext}"]
        files.append((f"{base}/{s}/configmap{ext}", configmap(r, f"{s}-config", ns), False))
        res.append(f"{s}/configmap{ext}")
        if r.random() < 0.4:
            files.append((f"{base}/{s}/ingress{ext}", ingress(r, s, ns, team), False))
            res.append(f"{s}/ingress{ext}")
        for _ in range(r.randint(0, 2)):
            n = len(files)
            files.append((f"{base}/{s}/extra-{n}{ext}", small_manifest(r, f"{s}-{n}", ns), False))
            res.append(f"{s}/extra-{n}{ext}")

    models: list[str] = []
    if seldon:
        n_models = r.randint(12, 40)
        for i in range(n_models):
            m = f"{r.choice(MODEL_NAMES)}-{i}"
            models.append(m)
            files.append((f"{base}/models/{m}.yaml", model(r, m, ns, team), True))
            res.append(f"models/{m}.yaml")
        for i in range(r.randint(2, 6)):
            p = f"pipeline-{i}"
            files.append((f"{base}/pipelines/{p}.yaml", pipeline(r, p, ns, models), True))
            res.append(f"pipelines/{p}.yaml")
        files.append((f"{base}/seldon-runtime.yaml", seldon_runtime(ns, r), True))
        res.append("seldon-runtime.yaml")
    files.append((f"{base}/kustomization.yaml", kustomization(res, ns), False))

    for env in ENVS:
        ov = f"apps/{team}/overlays/{env}"
        cluster = ENV_CLUSTER[env]
        ov_res = ["../../base"]
        patch = f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {svc_names[0]}
  namespace: {ns}
spec:
  replicas: {3 if env == 'production' else 1}
"""
        files.append((f"{ov}/patch-replicas.yaml", patch, False))
        if seldon:
            vfile = f"{ov}/components-values.yaml"
            header = f"# Seldon Core 2 setup values for {team} ({env})\n"
            overrides: dict = {}
            extra = ""
            if env == "production":
                overrides["replicationFactor"] = 3
                if "SL101" in violations:
                    violations.remove("SL101")
                    overrides["protocol"] = "PLAINTEXT"
                    t.expect(vfile, "SL101", "PLAINTEXT in a production values file")
                elif "SL102" in violations:
                    violations.remove("SL102")
                    overrides["protocol"] = "SASL_PLAINTEXT"
                    t.expect(vfile, "SL102", "invalid protocol SASL_PLAINTEXT")
                elif "SL201" in violations:
                    violations.remove("SL201")
                    overrides["mechanism"] = "SCRAM-SHA-1"
                    t.expect(vfile, "SL201", "invalid SASL mechanism SCRAM-SHA-1")
                elif "SL202" in violations:
                    violations.remove("SL202")
                    overrides["secret"] = ""
                    t.expect(vfile, "SL202", "SASL_SSL without sasl.client.secret")
                elif "SL203" in violations:
                    violations.remove("SL203")
                    overrides["passwordPath"] = "/etc/kafka/secret/password"
                    t.expect(vfile, "SL203", "passwordPath is a path")
                elif "SL403" in violations:
                    violations.remove("SL403")
                    overrides["bootstrap"] = "sl-prod-eu-1-ehns.servicebus.windows.net"
                    t.expect(vfile, "SL403", "bootstrap without a port")
                elif "SL401-use" in violations:
                    violations.remove("SL401-use")
                    overrides["bootstrap"] = "sl-prod-analytics-ehns.servicebus.windows.net:9093"
                elif "SL503" in violations:
                    violations.remove("SL503")
                    overrides["topicPrefix"] = "seldon/prod"
                    t.expect(vfile, "SL503", "topicPrefix with '/'")
                elif "SL502" in violations:
                    violations.remove("SL502")
                    overrides["username"] = "<kafka-username>"
                    overrides["bootstrap"] = "sl-prod-eu-1-ehns.servicebus.windows.net:9093"
                    t.expect(vfile, "SL502", "placeholder <kafka-username> (also SL207 on Event Hubs)")
                elif "SL501" in violations:
                    violations.remove("SL501")
                    extra = "opentelemetry:\n  enable: true\n"
                    t.expect(vfile, "SL501", "opentelemetry.enable is not a chart key")
                elif "SL405" in violations:
                    violations.remove("SL405")
                    overrides["replicationFactor"] = 1
                    t.expect(vfile, "SL405", "NOT expected: replicationFactor 1 in production, "
                             "but the broker is Event Hubs, whose replication is managed")
            planted_here = extra != "" or set(overrides) != {"replicationFactor"}
            vals = seldon_values(cluster, team, [ns], header=header, extra=extra, overrides=overrides)
            files.append((vfile, vals, True))
            # Secrets for the team's runtime namespace.
            if env == "production" and "SL301" in violations and not planted_here:
                violations.remove("SL301")
                t.expect(vfile, "SL301", f"kafka-sasl not provided in runtime namespace {ns}")
            elif env == "dev" and "SL304" in violations:
                violations.remove("SL304")
                files.append((f"{ov}/kafka-sasl.yaml", plain_secret(
                    "kafka-sasl", ns, {"password": "dev-only-not-a-real-password"},
                    {"username": "seldon"}), True))
                ov_res.append("kafka-sasl.yaml")
                t.expect(f"{ov}/kafka-sasl.yaml", "SL304", "plaintext Secret with a Kafka password")
            elif env == "staging" and "SL306" in violations:
                violations.remove("SL306")
                conn = ("Endpoint=sb://sl-staging-ehns.servicebus.windows.net/;SharedAccessKeyName=seldon;"
                        "SharedAccessKey=bm90LWEtcmVhbC1rZXk=;EntityPath=seldon")
                files.append((f"{ov}/kafka-sasl.yaml", plain_secret("kafka-sasl", ns, {}, {"password": conn}), True))
                ov_res.append("kafka-sasl.yaml")
                t.expect(f"{ov}/kafka-sasl.yaml", "SL306", "connection string with EntityPath= (also SL304)")
            else:
                files.append((f"{ov}/kafka-sasl-sealed.yaml", sealed_secret(r, "kafka-sasl", ns, ["password"]), True))
                ov_res.append("kafka-sasl-sealed.yaml")
            if env == "staging" and "SL504" in violations:
                violations.remove("SL504")
                # A second runtime in a namespace the team's controller does not watch.
                files.append((f"{ov}/shadow-runtime.yaml", seldon_runtime(f"{ns}-shadow", r), True))
                ov_res.append("shadow-runtime.yaml")
                t.expect(f"{ov}/shadow-runtime.yaml", "SL504",
                         f"NOT expected: the overlay's namespace: moves this runtime into the "
                         f"watched namespace {ns}")
        if env == "dev" and "SL001" in violations and not seldon:
            violations.remove("SL001")
            files.append((f"{ov}/broken-configmap.yaml",
                          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n  namespace: "
                          f"{ns}\ndata:\n  kafka-settings: [unterminated, flow\n  other: value\n",
                          False))
            t.expect(f"{ov}/broken-configmap.yaml", "SL001", "YAML syntax error")
        files.append((f"{ov}/kustomization.yaml", kustomization(ov_res, ns, ["patch-replicas.yaml"]), False))

    return files


def write(t: Tree, out: str) -> tuple[int, int, int]:
    total = 0
    seldon = 0
    for path in sorted(t.files):
        text, cat = t.files[path]
        full = os.path.join(out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        data = text.encode()
        with open(full, "wb") as f:
            f.write(data)
        total += len(data)
        seldon += cat == "seldon"
    with open(os.path.join(out, "EXPECTED-VIOLATIONS.txt"), "w") as f:
        f.write("# rule\tpath\tnote  (deliberately planted by bench/generate.py)\n")
        f.write("\n".join(sorted(t.expected)) + "\n")
    with open(os.path.join(out, MARKER), "w") as f:
        f.write("generated by bench/generate.py; safe to delete\n")
    return len(t.files), total, seldon


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", help="output directory (created; must be empty unless --force)")
    ap.add_argument("--files", type=int, default=10000, help="number of YAML files (default 10000)")
    ap.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    ap.add_argument("--force", action="store_true",
                    help="replace OUT_DIR if it holds a tree this script generated")
    args = ap.parse_args()

    out = args.out_dir
    if os.path.exists(out) and os.listdir(out):
        if not args.force:
            print(f"generate.py: {out} is not empty (use --force to replace a generated tree)", file=sys.stderr)
            return 2
        if not os.path.exists(os.path.join(out, MARKER)):
            print(f"generate.py: refusing to delete {out}: it was not generated by this script "
                  f"(no {MARKER})", file=sys.stderr)
            return 2
        shutil.rmtree(out)

    t = build(args.files, args.seed)
    os.makedirs(out, exist_ok=True)
    n, total, seldon = write(t, out)
    print(f"generate.py: {n} files, {total} bytes ({total / 1e6:.2f} MB, avg {total // max(n, 1)} B/file), "
          f"{seldon} Seldon-related ({100 * seldon // max(n, 1)}%), "
          f"{len(t.expected)} planted violations, seed {args.seed} -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

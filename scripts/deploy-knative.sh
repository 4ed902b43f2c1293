#!/usr/bin/env bash
# Deploys the Knative Services in knative/service.yaml (render jobs, GPU) and knative/live-service.yaml
# (live avatar, CPU) with a given image, into the namespace and under the service account that
# terraform/ created (IRSA: the pods reach the output bucket, nothing else). The image, namespace and
# service account are set by a kustomize overlay in a temporary folder, so the files in knative/ stay
# the one definition. Used by docs/deploy.md and by both pipelines in ci/.
#
# usage: scripts/deploy-knative.sh IMAGE        IMAGE: repository:tag as pushed (tag = commit id)
# environment: AVATAR_NAMESPACE (default avatar), AVATAR_SERVICE_ACCOUNT (default avatar-renderer),
#              AVATAR_DEPLOY_TIMEOUT (default 15m: a cold GPU node plus the image pull and warm-up render)
set -euo pipefail
image="${1:?usage: scripts/deploy-knative.sh IMAGE (repository:tag)}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
namespace="${AVATAR_NAMESPACE:-avatar}"
account="${AVATAR_SERVICE_ACCOUNT:-avatar-renderer}"

overlay="$(mktemp -d)"
trap 'rm -rf "$overlay"' EXIT
services=(avatar-renderer avatar-live)
cp "$root/knative/service.yaml" "$root/knative/live-service.yaml" "$overlay/"
{
  cat <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ${namespace}
resources:
  - service.yaml
  - live-service.yaml
patches:
YAML
  for name in "${services[@]}"; do
    cat <<YAML
  - target:
      group: serving.knative.dev
      kind: Service
      name: ${name}
    patch: |-
      - op: replace
        path: /spec/template/spec/containers/0/image
        value: "${image}"
      - op: add
        path: /spec/template/spec/serviceAccountName
        value: "${account}"
YAML
  done
} > "$overlay/kustomization.yaml"

kubectl apply -k "$overlay"
for name in "${services[@]}"; do
  kubectl -n "$namespace" wait "ksvc/$name" --for=condition=Ready --timeout="${AVATAR_DEPLOY_TIMEOUT:-15m}"
done
kubectl -n "$namespace" get "${services[@]/#/ksvc/}"

#!/usr/bin/env bash
# Builds Wisp's container image for Kubernetes mode (deploy/roles/*.yaml use wisp:0.1.0) with Quarkus's
# Jib extension, without a registry: the base image is a local archive (build-base.sh), the result is
# loaded into Podman (Jib's Docker-CLI output, with podman as the executable) and saved as a Docker
# archive, ready for `kind load image-archive` / `ctr images import` or a push with skopeo.
#
#   deploy/image/build.sh [OUT_TAR=deploy/target/wisp-image.tar]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/deploy/target/wisp-image.tar}
image=wisp:0.1.0
work="$root/deploy/target/image"
mkdir -p "$work"
if ! command -v podman >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends podman runc >/dev/null
fi
"$root/deploy/image/build-base.sh" "$work/base.tar"
cd "$root"
mvn -B -q -o install -DskipTests -pl '!platform' >/dev/null 2>&1 || mvn -B -q install -DskipTests -pl '!platform'
mvn -B -q package -DskipTests -pl platform -Pimage \
  -Dquarkus.container-image.build=true \
  -Dquarkus.container-image.image=$image \
  -Dquarkus.jib.base-jvm-image="tar://$work/base.tar" \
  -Dquarkus.jib.docker-executable-name=podman \
  -Dquarkus.jib.user=185 \
  -Dquarkus.jib.jvm-additional-arguments=-XX:MaxRAMPercentage=75
# The Deployments ask for wisp:0.1.0, which a cluster reads as docker.io/library/wisp:0.1.0: save it under that name.
podman tag "localhost/$image" "docker.io/library/$image"
podman save --format docker-archive -o "$out" "docker.io/library/$image"
echo "image $image: $out ($(du -h "$out" | cut -f1))"
# Smoke test: the image starts the wisp command line.
# (runc and limits at or below the host's: crun fails on hybrid-cgroup hosts such as the project's)
podman --runtime runc --cgroup-manager cgroupfs run --rm --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 "$image" --version

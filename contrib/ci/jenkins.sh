#!/usr/bin/env bash
# Generic CI step (Jenkins `sh`, Buildkite, Drone, Tekton, ...): install a pinned Drydock release, keep its
# DB in a workspace cache, scan an image, keep the reports, and fail the step when the gate fails.
#
#   DRYDOCK_VERSION=0.1.0 DRYDOCK_SHA256=<sha256> IMAGE=registry.example.com/app:1.2.3 contrib/ci/jenkins.sh
#
# Jenkinsfile:  sh 'contrib/ci/jenkins.sh'   then   junit 'drydock-junit.xml'   and archive 'drydock.json'
set -euo pipefail

: "${DRYDOCK_VERSION:?set DRYDOCK_VERSION (the release to install)}"
: "${DRYDOCK_SHA256:?set DRYDOCK_SHA256 (the SHA-256 of the release archive)}"
: "${IMAGE:?set IMAGE (the image reference to scan)}"
DRYDOCK_RELEASE_URL="${DRYDOCK_RELEASE_URL:-https://github.com/drydock-scanner/drydock/releases/download}"
SEVERITY="${SEVERITY:-HIGH,CRITICAL}"
WORKSPACE="${WORKSPACE:-$PWD}"
export XDG_CACHE_HOME="${XDG_CACHE_HOME:-$WORKSPACE/.drydock-cache}"

install_dir="$WORKSPACE/.drydock/bin"
if [ ! -x "$install_dir/drydock" ]; then
    mkdir -p "$install_dir"
    archive="$(mktemp)"
    trap 'rm -f "$archive"' EXIT
    curl -fsSLo "$archive" "$DRYDOCK_RELEASE_URL/v$DRYDOCK_VERSION/drydock-$DRYDOCK_VERSION-linux-$(uname -m).tar.gz"
    echo "$DRYDOCK_SHA256  $archive" | sha256sum -c -
    tar -xzf "$archive" -C "$install_dir" drydock
fi
drydock="$install_dir/drydock"

"$drydock" db update
status=0
"$drydock" image --format json --output drydock.json --severity "$SEVERITY" --exit-code 1 --skip-db-update \
    "$IMAGE" || status=$?
"$drydock" convert --format junit --output drydock-junit.xml drydock.json
"$drydock" convert --format table drydock.json
exit "$status"

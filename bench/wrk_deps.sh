#!/usr/bin/env bash
# Sourced by the W4 benchmarks (http.sh, w4tls.sh, w4replica.sh) from the
# project's root: wrk and nginx from Debian when either is missing (needs
# root for apt-get), then what the build needs (scripts/install-deps.sh).
for p in wrk nginx; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk nginx >/dev/null
    break
  fi
done
scripts/install-deps.sh

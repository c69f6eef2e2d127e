#!/usr/bin/env bash
# Debian packages the tests need beyond Node: Chromium renders the HTML report in its screenshot test.
# Idempotent and quiet when everything is there already.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "occ: chromium is not installed and cannot be installed here; the HTML screenshot test will be skipped." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null

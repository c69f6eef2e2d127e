#!/usr/bin/env bash
# Debian packages the tests need beyond Node: Chromium renders the HTML report in its screenshot test, and
# xmllint (libxml2-utils) validates the JUnit report against its XSD, openssl makes the certificate of the
# https-through-a-proxy test. Idempotent and quiet when all are there.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-dejavu-core)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "occ: cannot install ${missing[*]} here (needs root and apt-get); the tests that need them fail under CI=true." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

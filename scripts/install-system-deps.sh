#!/usr/bin/env bash
# Installs the Debian packages the explorer and its tests use, when they are missing:
# Java 17 and Maven (the local Neo4j server), and the ones listed in system-packages.txt
# (Graphviz for print diagrams, poppler for checking PDFs, Chromium for browser tests).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

wanted=()
command -v java >/dev/null 2>&1 || wanted+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || wanted+=(maven)
command -v node >/dev/null 2>&1 || wanted+=(nodejs npm)
if [ -f "$here/system-packages.txt" ]; then
  while read -r pkg; do
    pkg="${pkg%%#*}"; pkg="${pkg// /}"
    [ -n "$pkg" ] || continue
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || wanted+=("$pkg")
  done < "$here/system-packages.txt"
fi

if [ ${#wanted[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing system packages: ${wanted[*]}" >&2
  echo "       install them with: sudo apt-get install -y ${wanted[*]}" >&2
  exit 1
fi
echo "system packages: installing ${wanted[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
echo "system packages: installed"

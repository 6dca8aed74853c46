#!/usr/bin/env bash
# Installs the Debian packages the explorer needs, when they are missing.
#   install-system-deps.sh runtime   what the explorer uses at run time (system-packages-runtime.txt:
#                                    Graphviz and its font, for SVG/PNG/PDF); run by `./toc up`
#   install-system-deps.sh test      the above, plus Java 17 and Maven (the local Neo4j server),
#                                    Node.js and system-packages-test.txt (poppler, Chromium, wrk);
#                                    run by `./toc test` (the default)
# Installs only as root with apt-get; otherwise says what is missing and how to install it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
scope="${1:-test}"
case "$scope" in
  runtime) lists=("$here/system-packages-runtime.txt") ;;
  test) lists=("$here/system-packages-runtime.txt" "$here/system-packages-test.txt") ;;
  *) echo "usage: $0 [runtime|test]" >&2; exit 2 ;;
esac

wanted=()
if [ "$scope" = test ]; then
  command -v java >/dev/null 2>&1 || wanted+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null 2>&1 || wanted+=(maven)
  command -v node >/dev/null 2>&1 || wanted+=(nodejs npm)
fi
for list in "${lists[@]}"; do
  while read -r pkg; do
    pkg="${pkg%%#*}"; pkg="${pkg// /}"
    [ -n "$pkg" ] || continue
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || wanted+=("$pkg")
  done < "$list"
done

if [ ${#wanted[@]} -eq 0 ]; then
  echo "system packages ($scope): all present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing system packages: ${wanted[*]}" >&2
  echo "       install them with: sudo apt-get install -y ${wanted[*]}" >&2
  exit 1
fi
echo "system packages ($scope): installing ${wanted[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
echo "system packages ($scope): installed"

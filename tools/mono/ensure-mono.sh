#!/usr/bin/env bash
# Makes sure Mono is installed: the package tests run a .NET Framework 4.8 consumer with it (Debian's mono-complete,
# which brings the 4.x class libraries). Safe to run again; installs only what is missing. Works as root (CI) or with sudo.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if command -v mono >/dev/null 2>&1 && [ -d /usr/lib/mono/4.5 ]; then
  echo "== mono: $(mono --version | head -n 1)"
  exit 0
fi

echo "== installing mono-complete for the .NET Framework package tests"
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mono-complete >/dev/null
echo "== mono: $(mono --version | head -n 1)"

#!/usr/bin/env bash
# Publishes the sample with NativeAOT, requires zero trim/AOT warnings, and runs the native binary against the
# API emulator (embedded in the sample). Installs the native toolchain from Debian's packages when the machine lacks it.
set -euo pipefail
cd "$(dirname "$0")/../.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

compiler=()
if command -v clang >/dev/null 2>&1; then
  compiler=()
elif command -v gcc >/dev/null 2>&1; then
  compiler=(-p:CppCompilerAndLinker=gcc)
else
  echo "== installing clang for NativeAOT"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang >/dev/null
fi

if [ ! -e /usr/lib/x86_64-linux-gnu/libz.a ] && [ ! -e /usr/lib/aarch64-linux-gnu/libz.a ]; then
  echo "== installing zlib1g-dev for NativeAOT"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zlib1g-dev >/dev/null
fi

rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
log=$(mktemp)
echo "== dotnet publish samples/Telnyx.Sip.Sample -r $rid (PublishAot)"
dotnet publish samples/Telnyx.Sip.Sample -c Release -r "$rid" -o artifacts/aot "${compiler[@]}" | tee "$log"
warnings=$(grep -E "warning (IL|CS)[0-9]+" "$log" | sort -u | wc -l || true)
echo "== trim and AOT warnings: $warnings"
if [ "$warnings" != 0 ]; then
  grep -E "warning (IL|CS)[0-9]+" "$log" | sort -u
  exit 1
fi

echo "== running the native sample against the emulator"
env -u TELNYX_API_KEY TELNYX_LOG=info artifacts/aot/Telnyx.Sip.Sample | tee "$log"
grep -q "^Done\.$" "$log"

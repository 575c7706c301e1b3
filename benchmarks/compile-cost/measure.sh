#!/usr/bin/env bash
# What the generated client costs every build (issue 13).
#
# Packs the runtime and generator into a local feed, creates fresh consumer projects in a temp folder and
# measures the Csc task of one-line edit-builds, warm compiler server and cold, interleaved so that every
# configuration sees the same load. Prints a markdown table. See docs/performance.md, "Compile cost".
#
#   benchmarks/compile-cost/measure.sh                 # none, sip, whole, part, layout; 5 edit-builds each way
#   benchmarks/compile-cost/measure.sh --smoke         # none and sip, 1 edit-build each way (about a minute)
#   benchmarks/compile-cost/measure.sh --edits 9 --configs "sip whole"
#
# Configurations:
#   none    a console project with the generator package and no spec
#   sip     specs/telnyx-sip.yaml in the project's specs/ folder
#   whole   the whole Telnyx spec 2026-07-16 (WHOLE_SPEC, default ../shared/reference/telnyx-openapi-2026-07-16.yml)
#   part    the whole spec, with OpenApiIncludeTags="$PART_TAG" (default "Credential Connections")
#   layout  the whole spec in a class library of its own; the edited file is in an app that references it
#
# Options: --keep leaves the temp folder (its path is printed); --work DIR uses DIR instead of a new temp folder.
# Needs: the .NET 10 SDK, bash, awk, pgrep, /proc (Linux).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WHOLE_SPEC=${WHOLE_SPEC:-$REPO/../shared/reference/telnyx-openapi-2026-07-16.yml}
PART_TAG=${PART_TAG:-Credential Connections}
EDITS=5
CONFIGS="none sip whole part layout"
KEEP=0
WORK=""

while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) EDITS=1; CONFIGS="none sip" ;;
    --edits) EDITS=$2; shift ;;
    --configs) CONFIGS=$2; shift ;;
    --keep) KEEP=1 ;;
    --work) WORK=$2; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

case " $CONFIGS " in
  *" whole "*|*" part "*|*" layout "*)
    [ -f "$WHOLE_SPEC" ] || { echo "whole spec not found: $WHOLE_SPEC (set WHOLE_SPEC)" >&2; exit 1; } ;;
esac

[ -n "$WORK" ] || WORK=$(mktemp -d "${TMPDIR:-/tmp}/compile-cost.XXXXXX")
mkdir -p "$WORK/tmp" "$WORK/feed" "$WORK/nuget" "$WORK/logs"
# A private TMPDIR gives this run a compiler server (and MSBuild pipes) of its own: the server's pipe lives there,
# so other builds on the machine neither share it nor get shut down by it.
export TMPDIR=$WORK/tmp
export NUGET_PACKAGES=$WORK/nuget DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
unset MSBuildExtensionsPath MSBuildSDKsPath MSBUILD_EXE_PATH || true

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

server_pids() {
  local p
  for p in $(pgrep -f 'bincore/VBCSCompiler' || true); do
    tr '\0' '\n' < "/proc/$p/environ" 2>/dev/null | grep -qx "TMPDIR=$TMPDIR" && echo "$p"
  done
  return 0
}

shutdown_server() {
  dotnet build-server shutdown --vbcscompiler > /dev/null 2>&1 || true
  local p
  for p in $(server_pids); do kill "$p" 2>/dev/null || true; done
}

cleanup() {
  shutdown_server
  if [ "$KEEP" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- packages and projects
log "packing runtime and generator into $WORK/feed"
for p in runtime/Telnyx.Sip.Runtime.csproj generator/Telnyx.Sip.Generator.csproj; do
  dotnet pack "$REPO/$p" -c Release -o "$WORK/feed" -p:UseSharedCompilation=false > "$WORK/logs/pack.log" 2>&1 \
    || { cat "$WORK/logs/pack.log" >&2; exit 1; }
done

write_nuget_config() {
  cat > "$1/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$WORK/feed" />
  </packageSources>
</configuration>
EOF
}

# $1 dir, $2 OutputType, $3 extra items
write_project() {
  mkdir -p "$1"
  cat > "$1/$(basename "$1").csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>$2</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
$3
  </ItemGroup>
</Project>
EOF
}

GEN='    <PackageReference Include="Telnyx.Sip.Generator" Version="0.1.0" />'

write_user_code() {
  echo 'Console.WriteLine(Edit.Value);' > "$1/Program.cs"
  echo 'static class Edit { public static int Value => 0; }' > "$1/Edit.cs"
}

# Project to build and file to edit, per configuration.
declare -A PROJ EDIT GENDIR
create_config() {
  local c=$1 d=$WORK/$1
  mkdir -p "$d"; write_nuget_config "$d"
  case $c in
    none|sip|whole|part)
      local extra=$GEN
      mkdir -p "$d/specs"
      [ "$c" = sip ] && cp "$REPO/specs/telnyx-sip.yaml" "$d/specs/"
      [ "$c" = whole ] && cp "$WHOLE_SPEC" "$d/specs/telnyx.yml"
      if [ "$c" = part ]; then
        cp "$WHOLE_SPEC" "$d/specs/telnyx.yml"
        # An Update in the project body runs before the package's targets add specs/**: list the spec explicitly.
        extra="$GEN
    <AdditionalFiles Include=\"specs/telnyx.yml\" OpenApiIncludeTags=\"$PART_TAG\" />"
      fi
      write_project "$d/app" Exe "$extra"
      [ "$c" = part ] && sed -i 's|<Nullable>|<TelnyxSipIncludeSpecs>false</TelnyxSipIncludeSpecs>\n    <Nullable>|' "$d/app/app.csproj"
      [ -d "$d/specs" ] && mv "$d/specs" "$d/app/"
      write_user_code "$d/app"
      PROJ[$c]=$d/app/app.csproj; EDIT[$c]=$d/app/Edit.cs; GENDIR[$c]=$d/app ;;
    layout)
      write_project "$d/client" Library "$GEN"
      mkdir -p "$d/client/specs"; cp "$WHOLE_SPEC" "$d/client/specs/telnyx.yml"
      write_project "$d/app" Exe '    <ProjectReference Include="../client/client.csproj" />'
      write_user_code "$d/app"
      PROJ[$c]=$d/app/app.csproj; EDIT[$c]=$d/app/Edit.cs; GENDIR[$c]=$d/client ;;
    *) echo "unknown configuration $c" >&2; exit 2 ;;
  esac
}

for c in $CONFIGS; do create_config "$c"; done

# ---------------------------------------------------------------- building and measuring
CSC_MS=0; CSC_CALLS=0; PEAK_KB=0

# Cold builds run csc through a wrapper under /usr/bin/time: the compiler's own wall time, CPU time and peak RSS.
# (CPU seconds move far less than wall time when the machine is shared.)
DOTNET_DIR=$(dirname "$(readlink -f "$(command -v dotnet)")")
REAL_CSC=$DOTNET_DIR/sdk/$(dotnet --version)/Roslyn/bincore/csc
[ -x "$REAL_CSC" ] || { echo "csc not found at $REAL_CSC" >&2; exit 1; }
mkdir -p "$WORK/bin"
printf '#!/bin/sh\nexec /usr/bin/time -a -o "$CSC_TIME_FILE" -f "%%e %%U %%S %%M" "%s" "$@"\n' "$REAL_CSC" > "$WORK/bin/csc-timed"
chmod +x "$WORK/bin/csc-timed"

# The warm server's CPU time in seconds (utime + stime of this run's VBCSCompiler), 0 when none runs.
server_cpu() {
  local p t=0
  for p in $(server_pids); do
    t=$(awk -v t="$t" -v hz="$(getconf CLK_TCK)" '{print t + ($14 + $15) / hz}' "/proc/$p/stat" 2>/dev/null || echo "$t")
  done
  echo "$t"
}

# build CONFIG SHARED(true|false) LABEL [extra msbuild args...]
# Sets CSC_MS and CSC_CALLS (the Csc task, from MSBuild's performance summary) and CPU_S (compiler CPU seconds:
# the csc processes when cold, the server's delta when warm) and, when cold, PEAK_KB (max RSS of the csc processes).
build() {
  local c=$1 shared=$2 label=$3; shift 3
  local logf="$WORK/logs/$c-$label.log" tfile="$WORK/logs/$c-$label.time" before
  local wrap=()
  rm -f "$tfile"
  if [ "$shared" = false ]; then wrap=(-p:CscToolPath="$WORK/bin" -p:CscToolExe=csc-timed); fi
  before=$(server_cpu)
  if ! CSC_TIME_FILE=$tfile dotnet build "${PROJ[$c]}" --no-restore -nologo -v:q -clp:PerformanceSummary \
        -p:UseSharedCompilation="$shared" "${wrap[@]}" "$@" > "$logf" 2>&1; then
    echo "build failed: $c $label (log: $logf)" >&2; tail -30 "$logf" >&2; KEEP=1; exit 1
  fi
  if [ "$shared" = false ]; then
    CPU_S=$(awk '{t += $2 + $3} END {printf "%.2f", t}' "$tfile" 2>/dev/null || echo 0)
    PEAK_KB=$(awk '$4 > m {m = $4} END {print m + 0}' "$tfile" 2>/dev/null || echo 0)
  else
    CPU_S=$(awk -v a="$before" -v b="$(server_cpu)" 'BEGIN {printf "%.2f", b - a}')
  fi
  # Task Performance Summary line: "    14667 ms  Csc     1 calls"; no line when no Csc task ran.
  read -r CSC_MS CSC_CALLS < <(awk '$2 == "ms" && $3 == "Csc" {print $1, $4; found=1} END {if (!found) print 0, 0}' "$logf" | tail -1)
}

edit() { local f=${EDIT[$1]}; local n; n=$(grep -o '=> [0-9]*' "$f" | grep -o '[0-9]*'); sed -i "s/=> $n;/=> $((n + 1));/" "$f"; }

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print 0; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }
secs() { awk -v ms="$1" 'BEGIN {printf "%.2f s", ms / 1000}'; }
gb() { awk -v kb="$1" 'BEGIN {if (kb >= 1048576) printf "%.2f GB", kb / 1048576; else printf "%.0f MB", kb / 1024}'; }

declare -A FULL WARM_PEAK
for c in $CONFIGS; do
  log "$c: restore and full build (cold)"
  dotnet restore "${PROJ[$c]}" > "$WORK/logs/$c-restore.log" 2>&1 || { cat "$WORK/logs/$c-restore.log" >&2; exit 1; }
  build "$c" false full
  FULL[$c]=$CSC_MS
done

# Warm peak per configuration: a fresh server, one build to load it, one edit-build, then the server's VmHWM.
for c in $CONFIGS; do
  log "$c: warm-up and warm peak memory"
  shutdown_server
  edit "$c"; build "$c" true warmup1
  edit "$c"; build "$c" true warmup2
  peak=0
  for p in $(server_pids); do
    v=$(awk '/^VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0); [ "$v" -gt "$peak" ] && peak=$v
  done
  WARM_PEAK[$c]=$peak
done

# Interleaved rounds: every configuration warm, then every configuration cold, EDITS times.
for i in $(seq 1 "$EDITS"); do
  for c in $CONFIGS; do
    edit "$c"; build "$c" true "warm$i"
    echo "$CSC_MS" >> "$WORK/logs/$c.warm"; echo "$CSC_CALLS" >> "$WORK/logs/$c.warmcalls"; echo "$CPU_S" >> "$WORK/logs/$c.warmcpu"
    log "round $i $c warm: Csc $CSC_MS ms ($CSC_CALLS calls), server CPU $CPU_S s"
  done
  for c in $CONFIGS; do
    edit "$c"; build "$c" false "cold$i"
    echo "$CSC_MS" >> "$WORK/logs/$c.cold"; echo "$PEAK_KB" >> "$WORK/logs/$c.coldpeak"; echo "$CPU_S" >> "$WORK/logs/$c.coldcpu"
    log "round $i $c cold: Csc $CSC_MS ms, CPU $CPU_S s, peak $PEAK_KB kB"
  done
done
shutdown_server

# ---------------------------------------------------------------- generated code
# $1 folder of generated files; prints: files bytes lines ops clientBytes clientLines models modelBytes modelLines enums enumBytes enumLines
count_generated() {
  local g=$1
  [ -d "$g" ] || { echo "0 0 0 0 0 0 0 0 0 0 0 0"; return; }
  (cd "$g" && {
    local files bytes lines ops cb cl m mb ml e eb el q qb ql f
    files=0; bytes=0; lines=0; cb=0; cl=0; m=0; mb=0; ml=0; e=0; eb=0; el=0; q=0; qb=0; ql=0
    for f in *.cs; do
      [ -e "$f" ] || continue
      local b l; b=$(stat -c %s "$f"); l=$(wc -l < "$f")
      files=$((files + 1)); bytes=$((bytes + b)); lines=$((lines + l))
      if grep -q -m1 'readonly partial struct' "$f"; then e=$((e + 1)); eb=$((eb + b)); el=$((el + l))
      elif grep -q -m1 'IJsonModel<' "$f"; then m=$((m + 1)); mb=$((mb + b)); ml=$((ml + l))
      elif [[ $f == *Client.g.cs ]]; then cb=$((cb + b)); cl=$((cl + l))
      else q=$((q + 1)); qb=$((qb + b)); ql=$((ql + l)); fi
    done
    # One public method per operation; its ...WithResponseAsync twin is not counted.
    ops=$(cat -- *Client.g.cs 2>/dev/null | grep -E '^\s*public .*Async\(' | grep -vc 'WithResponseAsync' || true)
    echo "$files $bytes $lines $ops $((cb + qb)) $((cl + ql)) $m $mb $ml $e $eb $el"
  })
}

declare -A GEN_STATS
for c in $CONFIGS; do
  [ "$c" = none ] && { GEN_STATS[$c]="0 0 0 0 0 0 0 0 0 0 0 0"; continue; }
  # The library's generated files are those of 'whole'; counting them would compile the whole spec once more.
  [ "$c" = layout ] && { GEN_STATS[$c]="0 0 0 0 0 0 0 0 0 0 0 0"; continue; }
  log "$c: writing the generated files (EmitCompilerGeneratedFiles)"
  d=${GENDIR[$c]}
  # EmitCompilerGeneratedFiles is not an input of CoreCompile: a rebuild makes the compiler run.
  dotnet build "$d" --no-incremental --no-restore -nologo -v:n -p:UseSharedCompilation=false -p:EmitCompilerGeneratedFiles=true \
    -p:CompilerGeneratedFilesOutputPath="$d/generated" > "$WORK/logs/$c-emit.log" 2>&1 || { tail -30 "$WORK/logs/$c-emit.log" >&2; exit 1; }
  GEN_STATS[$c]=$(count_generated "$d/generated/Telnyx.Sip.Generator/Telnyx.Sip.Generator.OpenApiClientGenerator")
done

# ---------------------------------------------------------------- table
per() { awk -v a="$1" -v n="$2" 'BEGIN {if (n == 0) print "-"; else printf "%.1f KB", a / n / 1024}'; }
perl() { awk -v a="$1" -v n="$2" 'BEGIN {if (n == 0) print "-"; else printf "%.0f", a / n}'; }

echo
echo "Csc task per one-line edit-build of a user file; median of $EDITS, interleaved; $(nproc) cores; $(date -u +%Y-%m-%d)."
echo
echo "| consumer | Csc warm (median) | server CPU warm | Csc cold (median) | csc CPU cold | Csc runs per build | peak memory warm / cold | first build (cold) | generated | operations | per operation | models | per model | enums | per enum |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for c in $CONFIGS; do
  read -r files bytes lines ops cb cl m mb ml e eb el <<< "${GEN_STATS[$c]}"
  w=$(median < "$WORK/logs/$c.warm"); k=$(median < "$WORK/logs/$c.cold")
  calls=$(median < "$WORK/logs/$c.warmcalls"); cp=$(sort -n "$WORK/logs/$c.coldpeak" | tail -1)
  gen="-"; [ "$files" -gt 0 ] && gen=$(awk -v b="$bytes" -v f="$files" -v l="$lines" 'BEGIN {printf "%.2f MB, %d files, %d lines", b / 1048576, f, l}')
  wc=$(median < "$WORK/logs/$c.warmcpu"); kc=$(median < "$WORK/logs/$c.coldcpu")
  echo "| $c | $(secs "$w") | $(printf '%.2f s' "$wc") | $(secs "$k") | $(printf '%.2f s' "$kc") | $calls | $(gb "${WARM_PEAK[$c]}") / $(gb "$cp") | $(secs "${FULL[$c]}") | $gen | $ops | $(per "$cb" "$ops"), $(perl "$cl" "$ops") lines | $m | $(per "$mb" "$m"), $(perl "$ml" "$m") lines | $e | $(per "$eb" "$e"), $(perl "$el" "$e") lines |"
done
echo
echo "Per operation: the resource clients, the root client and the query-parameter classes, divided by the operations;"
echo "per model: the classes implementing IJsonModel (models and unions); per enum: the readonly enum structs."
echo "'layout': the library holds the whole spec (its generated files are those of 'whole', not counted again); the"
echo "edited file is in the app, and the library's Csc must not run (Csc runs per build = 1)."
echo
echo "raw Csc ms per configuration (warm | cold), and compiler CPU seconds (warm | cold):"
for c in $CONFIGS; do echo "  $c: $(paste -sd' ' "$WORK/logs/$c.warm") | $(paste -sd' ' "$WORK/logs/$c.cold")"; done

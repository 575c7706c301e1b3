#!/usr/bin/env bash
# Builds a fresh consumer project for each OpenAPI spec in a folder, against the packed packages, and prints one
# line per spec: file, info.version, operations, the generator's TSG diagnostics, and the build's warnings and errors.
# The invariant it checks (docs/security.md): a spec without a TSG error gives a build with zero warnings and errors.
#
#   tools/published-specs/check.sh FOLDER [WORKDIR]
#
# The specs are not part of the repository: fetch them yourself (docs/security.md lists the ones last checked).
# Exit code: 1 when any spec breaks the invariant.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
specs="$(cd "${1:?usage: check.sh FOLDER [WORKDIR]}" && pwd)"
work="${2:-$(mktemp -d /tmp/published-specs.XXXXXX)}"
mkdir -p "$work/feed"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NUGET_PACKAGES="$work/nuget-packages"

for project in runtime/Telnyx.Sip.Runtime.csproj generator/Telnyx.Sip.Generator.csproj; do
  dotnet pack "$root/$project" -c Release -o "$work/feed" >"$work/pack.log" 2>&1 || { cat "$work/pack.log"; exit 2; }
done

# What a spec declares: its version and its number of operations (read with Python's YAML, which also reads JSON).
describe() {
  python3 - "$1" <<'PY'
import sys, yaml
try:
    doc = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    ops = sum(1 for item in (doc.get("paths") or {}).values() if isinstance(item, dict)
              for m in item if m in ("get", "put", "post", "delete", "patch", "head", "options"))
    print(f"{(doc.get('info') or {}).get('version', '?')}\t{ops}")
except Exception as e:
    print(f"?\t?")
PY
}

broken=0
printf 'spec\tversion\toperations\tTSG diagnostics\twarnings\terrors\tseconds\n'
for spec in "$specs"/*.yaml "$specs"/*.yml "$specs"/*.json; do
  [ -e "$spec" ] || continue
  name="$(basename "$spec")"
  project="Consumer_$(echo "${name%.*}" | tr -c 'A-Za-z0-9\n' '_')"
  dir="$work/$project"
  rm -rf "$dir" && mkdir -p "$dir/specs"
  cp "$spec" "$dir/specs/$name"
  cat >"$dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
  </packageSources>
</configuration>
XML
  cat >"$dir/$project.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Library</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <GenerateDocumentationFile>true</GenerateDocumentationFile>
    <AnalysisLevel>latest</AnalysisLevel>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Telnyx.Sip.Generator" Version="0.1.0" />
  </ItemGroup>
</Project>
XML
  start=$(date +%s)
  dotnet build "$dir" -c Debug -v q -nologo -clp:NoSummary >"$dir/build.log" 2>&1
  seconds=$(( $(date +%s) - start ))
  tsg=$(grep -oE '(warning|error) TSG[0-9]+' "$dir/build.log" | sort | uniq -c | awk '{printf "%s%s %s x%s", sep, $3, $2, $1; sep=", "}')
  warnings=$(grep -E ': warning [A-Z]+[0-9]+' "$dir/build.log" | grep -vE 'warning TSG[0-9]+' | sort -u | wc -l)
  errors=$(grep -E ': error [A-Z]+[0-9]+' "$dir/build.log" | grep -vE 'error TSG[0-9]+' | sort -u | wc -l)
  tsg_errors=$(grep -cE 'error TSG[0-9]+' "$dir/build.log")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$(describe "$spec" | cut -f1)" "$(describe "$spec" | cut -f2)" "${tsg:-none}" "$warnings" "$errors" "$seconds"
  if [ "$tsg_errors" = 0 ] && [ $((warnings + errors)) != 0 ]; then
    broken=1
    grep -E ': (warning|error) [A-Z]+[0-9]+' "$dir/build.log" | grep -vE 'TSG[0-9]+' | sed -E 's#^[^(]*/([^/(]+\.cs\()#\1#; s# \[[^]]*\]$##' | sort -u | head -20 | sed 's/^/    /'
  fi
done
echo "logs: $work"
exit $broken

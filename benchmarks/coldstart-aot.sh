#!/usr/bin/env bash
# Cold start with Native AOT (issue 6, "and for the sample published with Native AOT"): publishes the ColdStart
# console and the PortGroupAdmin sample as native executables, then times whole processes (median of N runs,
# modes interleaved) against the same programs on the JIT. Not part of CI: it publishes and takes minutes.
#   bash benchmarks/coldstart-aot.sh [runs]      (default 21)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
rid=linux-x64
out=artifacts/coldstart-aot
rm -rf "$out"

# The ColdStart console also links Newtonsoft.Json and XmlSerializer (reflection-based, so AOT warnings);
# only the CupiGen modes and the floor are run natively, so those warnings are not errors here.
dotnet publish benchmarks/ColdStart -c Release -r $rid -p:PublishAot=true -p:TreatWarningsAsErrors=false -o "$out/coldstart-aot" >/dev/null
dotnet build benchmarks/ColdStart -c Release -o "$out/coldstart-jit" >/dev/null
dotnet publish samples/PortGroupAdmin -c Release -r $rid -o "$out/sample-aot" >/dev/null
dotnet build samples/PortGroupAdmin -c Release -o "$out/sample-jit" >/dev/null

# Median wall time in milliseconds of running "$@" $runs times.
median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

"$out/coldstart-aot/ColdStart" cupigen-json >/dev/null   # warm the file cache
printf '%-34s %10s %10s %8s\n' "process" "JIT ms" "AOT ms" "AOT/JIT"
for mode in none cupigen-json cupigen-xml; do
  jit=$(median_ms dotnet "$out/coldstart-jit/ColdStart.dll" "$mode")
  aot=$(median_ms "$out/coldstart-aot/ColdStart" "$mode")
  printf '%-34s %10s %10s %8s\n' "ColdStart $mode" "$jit" "$aot" "$(awk "BEGIN {printf \"%.3f\", $aot/$jit}")"
done
jit=$(median_ms dotnet "$out/sample-jit/PortGroupAdmin.dll")
aot=$(median_ms "$out/sample-aot/PortGroupAdmin")
printf '%-34s %10s %10s %8s\n' "PortGroupAdmin (whole scenario)" "$jit" "$aot" "$(awk "BEGIN {printf \"%.3f\", $aot/$jit}")"

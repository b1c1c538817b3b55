#!/usr/bin/env bash
# Benchmark 1: the privacy engine on the reference policy against the raw cost of its primitives, measured by JMH in
# one run, with one thread and with two. Prints result rows (see bench/RESULTS.md).
# Usage: bench/privacy-engine.sh [FORKS=3]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
forks=${1:-3}
build
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
for threads in 1 2; do
  (cd "$root" && java -jar "$benchmarks" PrivacyEngineBenchmark -t "$threads" -f "$forks" -rf json -rff "$out/t$threads.json" >"$out/t$threads.log" 2>&1)
  python3 - "$out/t$threads.json" "$threads" <<'PY'
import json, statistics, sys
threads = int(sys.argv[2])
runs = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
def s(name):  # contacts/s per thread: median and spread over every measured iteration of every fork
    raw = sorted(v / threads for fork in runs[name]["rawData"] for v in fork)
    return statistics.median(raw), raw[0], raw[-1]
engine, primitives = s("engine"), s("primitives")
def row(*cells): print("| " + " | ".join(cells) + " |")
f = lambda x: f"{x:,.0f}"
met = lambda ok: "yes" if ok else "no"
row(f"privacy engine, {threads} thread(s)", "contacts/s per thread", f(engine[0]), f"{f(engine[1])}–{f(engine[2])}",
    f"libphonenumber alone {f(s('libphonenumber')[0])}", f"{engine[0] / s('libphonenumber')[0]:.2f}x", ">= 100,000", met(engine[0] >= 100_000))
for base, label in (("primitives", "libphonenumber"), ("primitivesFastPhone", "phone fast path")):
    p = s(base)
    row(f"engine overhead, {threads} thread(s)", f"engine time / sum of primitives (phones by {label})",
        f"{p[0] / engine[0]:.2f}x", f"{p[1] / engine[2]:.2f}–{p[2] / engine[1]:.2f}x", f"primitives {f(p[0])}/s",
        f"{p[0] / engine[0]:.2f}", "<= 1.3x", met(p[0] / engine[0] <= 1.3))
for name in ("phoneFastPath", "aesSiv", "hmac", "envelope", "hpke"):
    row(f"{name}, {threads} thread(s)", "values/s per thread", f(s(name)[0]), f"{f(s(name)[1])}–{f(s(name)[2])}", "", "", "", "")
PY
done

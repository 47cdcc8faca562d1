#!/usr/bin/env bash
# End-to-end benchmark: generates a tier with `jobmatch generate` (once, cached
# under the work folder) and times `jobmatch run` on it, with CPU time and peak
# memory from GNU time and the load average before the run (the machine may be
# shared: compare CPU seconds, not only wall seconds). Prints one line per
# tier, then the run's own stage times:
#   tier participants vacancies seconds cpu_s peak_MiB proposals load
#
#   bench/e2e.sh [--store] [--output LIST] [build-dir] [tiers...]
#     e.g. bench/e2e.sh build district state
#          bench/e2e.sh --store build national     # the nightly run with its store
#
# --store records the run in a fresh run store (SQLite) in the work folder,
# as the nightly job does on its first night; --output passes the file list
# to `jobmatch run --output` (default auto: jobmatch.pb instead of
# jobmatch.json above 100,000 participants).
#
# Figures go into commit messages and the README, never into tests.
set -euo pipefail
store=0
output=auto
while (($#)); do
  case "$1" in
    --store) store=1; shift ;;
    --output) output=$2; shift 2 ;;
    *) break ;;
  esac
done
build=${1:-build}
shift || true
tiers=("$@")
((${#tiers[@]})) || tiers=(district state)
jobmatch="$build/cli/jobmatch"
work=${JOBMATCH_BENCH_DIR:-/tmp/jobmatch-bench}
mkdir -p "$work"
[ -x "$jobmatch" ] || { echo "build first: $jobmatch not found" >&2; exit 66; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 69; }
date=2026-11-22
printf '%-9s %12s %10s %9s %9s %9s %10s %6s\n' \
  tier participants vacancies seconds cpu_s peak_MiB proposals load
stages=()
for tier in "${tiers[@]}"; do
  data="$work/$tier-seed1"
  if [ ! -f "$data/participants.csv" ]; then
    "$jobmatch" generate --tier "$tier" --seed 1 --today "$date" --out "$data" >/dev/null
  fi
  out="$work/$tier-out"
  args=(run --data "$data" --out "$out" --date "$date" --output "$output")
  if ((store)); then
    rm -f "$work/$tier.sqlite" "$work/$tier.sqlite-journal"
    args+=(--store "$work/$tier.sqlite")
  fi
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$jobmatch" "${args[@]}" > "$work/run.txt"
  read -r seconds user sys kib < "$work/time.txt"
  participants=$(awk '/participants/ {print $2; exit}' "$work/run.txt")
  vacancies=$(awk '/vacancies/ {print $2; exit}' "$work/run.txt")
  proposals=$(awk '/proposals/ {print $2; exit}' "$work/run.txt")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
  printf '%-9s %12s %10s %9s %9s %9d %10s %6s\n' "$tier" "$participants" "$vacancies" \
    "$seconds" "$cpu" $((kib / 1024)) "$proposals" "$load"
  stages+=("$tier: $(sed -n 's/^  time *//p' "$work/run.txt")")
done
printf '%s\n' "${stages[@]}"

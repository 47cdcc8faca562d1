#!/usr/bin/env bash
# End-to-end benchmark: generates a tier with `jobmatch generate` (once, cached
# under the work folder) and times `jobmatch run` on it, with peak memory from
# GNU time. Prints one line per tier:
#   tier participants vacancies seconds peak_MiB proposals
#
#   bench/e2e.sh [build-dir] [tiers...]      e.g. bench/e2e.sh build district state
#
# Figures go into commit messages and closing notes, never into tests.
set -euo pipefail
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
printf '%-9s %12s %10s %9s %9s %10s\n' tier participants vacancies seconds peak_MiB proposals
for tier in "${tiers[@]}"; do
  data="$work/$tier-seed1"
  if [ ! -f "$data/participants.csv" ]; then
    "$jobmatch" generate --tier "$tier" --seed 1 --today "$date" --out "$data" >/dev/null
  fi
  out="$work/$tier-out"
  /usr/bin/time -f '%e %M' -o "$work/time.txt" \
    "$jobmatch" run --data "$data" --out "$out" --date "$date" > "$work/run.txt"
  read -r seconds kib < "$work/time.txt"
  participants=$(awk '/participants/ {print $2; exit}' "$work/run.txt")
  vacancies=$(awk '/vacancies/ {print $2; exit}' "$work/run.txt")
  proposals=$(awk '/proposals/ {print $2; exit}' "$work/run.txt")
  printf '%-9s %12s %10s %9s %9d %10s\n' "$tier" "$participants" "$vacancies" "$seconds" \
    $((kib / 1024)) "$proposals"
done

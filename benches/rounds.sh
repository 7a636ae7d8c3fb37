#!/usr/bin/env bash
# Rounds with the same volunteers (issue 12): the three rounds of the Panzhihua households'
# vegetable parcels (examples/panzhihua-rounds), each planned alone and each planned with
# --previous (the round before, itself planned with --previous; round 1 alone). Prints per
# round the share of households served in both rounds that kept their courier, and the
# distance against planning the round alone.
#
# Usage: benches/rounds.sh [SECONDS] (default 5, the sample's budget), from the repository
# root, after `cargo build --release`. Plans are --reproducible: same binary, same rows.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-5}"
bin=target/release/reliefroute
rounds=examples/panzhihua-rounds
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
plan() { "$bin" plan "$@" --strategy search --seconds "$seconds" --reproducible --quiet; }
distance() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary']['distance_km'])" "$1"; }
echo "round,served_alone,km_alone,served_kept,km_kept,extra_pct,kept_sites,both_sites"
previous=""
for r in 1 2 3; do
  plan "$rounds/round$r" --out "$out/alone$r" > /dev/null
  if [ -z "$previous" ]; then
    cp -r "$out/alone$r" "$out/kept$r"
    kept="-"
  else
    kept="$(plan "$rounds/round$r" --previous "$previous" --out "$out/kept$r" | sed -n 's/^\([0-9]*\) of \([0-9]*\) sites.*/\1,\2/p')"
  fi
  a="$(distance "$out/alone$r/plan.json")"
  k="$(distance "$out/kept$r/plan.json")"
  sa="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary']['served'])" "$out/alone$r/plan.json")"
  sk="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary']['served'])" "$out/kept$r/plan.json")"
  extra="$(python3 -c "print(f'{100 * ($k - $a) / $a:.1f}')")"
  echo "$r,$sa,$a,$sk,$k,$extra,${kept/-/-,-}"
  previous="$out/kept$r/plan.json"
done

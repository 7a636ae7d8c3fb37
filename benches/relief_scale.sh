#!/usr/bin/env bash
# The scale benchmark of issue 4: a generated relief city with 10,000 orders, 5 kitchens and
# 300 couriers, planned by `search` end to end (read, matrix, search, check, write) with a
# time budget, reporting wall time and peak memory. Not part of CI (it takes a minute).
#
#   benches/relief_scale.sh [SECONDS] [ORDERS KITCHENS COURIERS [rules]]
#
# With `rules`, the city has the relief rules on top (villages only cars reach, a lunch break
# for every courier, kitchens' limited meal-box output: see examples/relief_city.rs).
#
# Needs GNU time (/usr/bin/time) for the peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-55}"
orders="${2:-10000}"
kitchens="${3:-5}"
couriers="${4:-300}"
rules="${5:-}"
dir="target/relief-$orders${rules:+-rules}"
cargo build --release -q -p reliefroute-cli
cargo run --release -q -p reliefroute-tests --example relief_city -- "$dir" "$orders" "$kitchens" "$couriers" $rules
/usr/bin/time -f "wall %e s, user %U s, peak memory %M KiB" \
    target/release/reliefroute plan "$dir" --strategy search --seconds "$seconds" --quiet --out "$dir/out" \
    | grep -E "orders served|unassigned|couriers used|trips|distance"

#!/usr/bin/env bash
# Issue 14's overloaded cities: generated relief cities (examples/relief_city.rs) whose fleet
# cannot serve every order (1.5 couriers per 100 orders), planned by the construction
# strategies and by `search` with a time budget, one at a time, reporting the orders served,
# their priority-weighted count, wall time and peak memory. Not part of CI (it takes long:
# `nearest` about half a minute at 10,000 orders and `regret` about as long, 1.5 to 2 minutes
# at 20,000, both mostly making room for urgent orders).
#
#   benches/overload.sh [SECONDS [ORDERS...]]
#
# Defaults: 60 s, 2,000, 10,000 and 20,000 orders. STRATEGIES (default "nearest regret
# search") picks the strategies; LIMIT (default 900) is the wall time after which a strategy
# is stopped and reported as not finished. Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
sizes="${*:-2000 10000 20000}"
strategies="${STRATEGIES:-nearest regret search}"
limit="${LIMIT:-900}"
cargo build --release -q -p reliefroute-cli
for orders in $sizes; do
    couriers=$((orders * 15 / 1000))
    dir="target/overload-$orders"
    cargo run --release -q -p reliefroute-tests --example relief_city -- \
        "$dir" "$orders" 5 "$couriers" > /dev/null
    for strategy in $strategies; do
        if ! out=$({ /usr/bin/time -f "wall %e s, peak memory %M KiB" timeout "$limit" \
            target/release/reliefroute plan "$dir" --strategy "$strategy" --seconds "$seconds" \
            --threads 1 --quiet --out "$dir/out-$strategy"; } 2>&1); then
            echo "$orders orders, $couriers couriers, $strategy: not finished in $limit s"
            continue
        fi
        served=$(grep -m1 "orders served" <<< "$out" | sed 's/^ *orders served *//')
        echo "$orders orders, $couriers couriers, $strategy: served $served; $(grep -m1 '^wall' <<< "$out")"
    done
done

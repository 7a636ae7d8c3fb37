#!/usr/bin/env bash
# reliefroute `search` against PyVRP on generated relief cities (outside CI; issue 14).
#
# Each city (examples/relief_city.rs, its fixed seed) is first made equal for both solvers
# (`relief.py equal`: no fixed kitchens, no freshness limits, which PyVRP cannot state), then
# planned one solver at a time, each under `nice`, with the same budget and seed:
#
#   search --reproducible   reliefroute plan --strategy search --seconds T --reproducible
#                           --seed 1 --threads 1 --objective distance
#   search                  the same without --reproducible: the search runs by the clock
#                           and ends at T seconds of wall time, reading and matrix included
#   pyvrp                   relief.py solve (PyVRP, MaxRuntime(T), seed 1, one thread) on
#                           reliefroute's own matrix; its routes re-timed by examples/retime.rs
#
# Every plan is checked with `reliefroute check DIR --plan`. Prints one table (relief.py
# table): orders served, couriers, trips, trips loaded away from the base, distance, the
# difference against PyVRP's, wall and CPU seconds (the whole command for reliefroute;
# PyVRP's solve call alone), the load average when the run started, and the checker's
# verdict. On a shared machine the CPU seconds say how much of the budget each solver got.
#
#   benches/peers/relief_side_by_side.sh [--seconds 10] [--reloads base|any]
#       [--cities 60:2:6,120:2:10,250:3:16,500:4:30] [--date YYYY-MM-DD]
#
# --cities lists ORDERS:KITCHENS:COURIERS[:CITY_SEED] per city; a city seed asks the generator
# for another city of that kind (`seed=N`) instead of the benchmark's own. The files go to
# target/relief_side_by_side/DATE-Ts/<orders>[-cCITY_SEED]/ (the rows in rows.tsv there).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
seconds=10
reloads=base
cities=60:2:6,120:2:10,250:3:16,500:4:30
date="$(date +%F)"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --reloads) reloads="$2"; shift 2 ;;
        --cities) cities="$2"; shift 2 ;;
        --date) date="$2"; shift 2 ;;
        -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
        *) echo "relief_side_by_side.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done

cd "$repo"
cargo build --release -q -p reliefroute-cli
cargo build --release -q -p reliefroute-tests --example relief_city --example retime
bin="$repo/target/release/reliefroute"
examples="$repo/target/release/examples"
peers=(env PEERS_NO_ORTOOLS=1 "$here/run_peers.sh" relief)
work="$repo/target/relief_side_by_side/$date-${seconds}s"
mkdir -p "$work"
rows="$work/rows.tsv"
: >"$rows"

load() { cut -d' ' -f1 /proc/loadavg; }
# Wall and CPU seconds of a command, tab-separated (its output to $log).
timed() {
    /usr/bin/time -f '%e %U %S' -o "$log.time" "$@" >>"$log" 2>&1
    awk '{ printf "%.1f\t%.1f", $1, $2 + $3 }' "$log.time"
}
# The checker's verdict on plan $2 of folder $1.
verdict() {
    if "$bin" check "$1" --plan "$2" >>"$log" 2>&1; then echo passes; else echo FAILS; fi
}

for city in ${cities//,/ }; do
    IFS=: read -r orders kitchens couriers city_seed <<<"$city"
    dir="$work/$orders${city_seed:+-c$city_seed}"
    log="$dir.log"
    : >"$log"
    "$examples/relief_city" "$dir-generated" "$orders" "$kitchens" "$couriers" \
        ${city_seed:+"seed=$city_seed"} >>"$log"
    "${peers[@]}" equal "$dir-generated" "$dir"
    "$bin" matrix "$dir" --out "$dir-matrix.csv" >>"$log"
    name="$orders orders, $kitchens kitchens, $couriers couriers${city_seed:+, city seed $city_seed}"
    echo "relief_side_by_side: $name" >&2

    for mode in reproducible wall; do
        flags=(--strategy search --seconds "$seconds" --seed 1 --threads 1 --objective distance --quiet)
        label="search"
        if [[ $mode == reproducible ]]; then
            flags+=(--reproducible)
            label="search --reproducible"
        fi
        out="$dir/out-search-$mode"
        l=$(load)
        times=$(timed nice -n 10 "$bin" plan "$dir" "${flags[@]}" --out "$out")
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$label" "$out/plan.json" "$times" "$l" \
            "$(verdict "$dir" "$out/plan.json")" >>"$rows"
    done

    l=$(load)
    "${peers[@]}" solve "$dir" --matrix "$dir-matrix.csv" --out "$dir-pyvrp.json" \
        --seconds "$seconds" --seed 1 --reloads "$reloads" >>"$log" 2>&1
    "$examples/retime" "$dir" "$dir-pyvrp.json" "$dir/out-pyvrp" >>"$log"
    times=$(python3 -c "import json, sys; d = json.load(open(sys.argv[1]))
print('%.1f\t%.1f' % (d['wall_s'], d['cpu_s']))" "$dir-pyvrp.json")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" pyvrp "$dir/out-pyvrp/plan.json" "$times" "$l" \
        "$(verdict "$dir" "$dir/out-pyvrp/plan.json")" >>"$rows"
done

"${peers[@]}" table "$rows"
echo "# $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD), $seconds s, seed 1, one thread," \
    "PyVRP reloads: $reloads; rows and plans in $work" >&2

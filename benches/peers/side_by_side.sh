#!/usr/bin/env bash
# One side-by-side comparison run (outside CI): reliefroute `search` and the peer solvers on
# the same sets, the same machine, the same budget per instance, one thread, seed 1, one
# process at a time (so that no two runs share the machine's cores). Each block is one CSV:
#
#   benches/results-DATE-search-SET-Ts.csv          reliefroute bench (+ a peak-RSS comment)
#   benches/peers/results-DATE-SOLVER-SET-Ts.csv    benches/peers/run_peers.sh
#
# and reliefroute's solutions are kept as VRPLIB .sol files in
# target/side_by_side/DATE-SET-Ts/ and re-checked there by peers.py.
#
#   benches/peers/side_by_side.sh --seconds 10 --sets solomon,cvrplib_x,gehring_homberger \
#       --solvers pyvrp,hgs
#   benches/peers/side_by_side.sh --seconds 60 --sets cvrplib_xxl --solvers pyvrp,hgs
#
# Options: --seconds T (default 10), --sets (comma list, default
# solomon,cvrplib_x,gehring_homberger), --solvers (comma list of pyvrp, vroom, ortools, hgs;
# default pyvrp,hgs; hgs skips the sets with time windows), --date (default today),
# --instances (comma list, for a smoke run). Run benches/fetch_sets.sh first for the whole
# Gehring-Homberger and XXL sets; without it the test copies in benches/data are used.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
seconds=10
sets=solomon,cvrplib_x,gehring_homberger
solvers=pyvrp,hgs
date="$(date +%F)"
instances=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --sets) sets="$2"; shift 2 ;;
        --solvers) solvers="$2"; shift 2 ;;
        --date) date="$2"; shift 2 ;;
        --instances) instances="$2"; shift 2 ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "side_by_side.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done

cd "$repo"
cargo build --release -p reliefroute-cli
bin="$repo/target/release/reliefroute"

for set in ${sets//,/ }; do
    dir="$repo/benches/sets/$set"
    [[ -d "$dir" ]] || dir="$repo/benches/data/$set"
    work="$repo/target/side_by_side/$date-$set-${seconds}s"
    rm -rf "$work" && mkdir -p "$work/instances"
    # The instances asked for, beside the set's bks.csv.
    cp "$dir/bks.csv" "$work/instances/"
    names=()
    for f in "$dir"/*.txt "$dir"/*.vrp; do
        [[ -e "$f" ]] || continue
        name="$(basename "${f%.*}")"
        if [[ -z "$instances" || ",$instances," == *",$name,"* ]]; then
            ln -s "$f" "$work/instances/"
            names+=("$name")
        fi
    done
    [[ ${#names[@]} -gt 0 ]] || continue
    out="$repo/benches/results-$date-search-$set-${seconds}s.csv"
    echo "side_by_side: reliefroute on $set -> $out" >&2
    /usr/bin/time -f "# peak RSS %M KiB, wall %e s for the whole set" -o "$work/time.txt" \
        "$bin" bench "$work/instances" --seconds "$seconds" --threads 1 --seed 1 --quiet \
        --solutions "$work/solutions" >"$out"
    cat "$work/time.txt" >>"$out"
    tail -n 2 "$out" >&2
    peers_args=(--set "$set" --seconds "$seconds" --seed 1)
    if [[ -n "$instances" ]]; then
        peers_args+=(--instances "$(IFS=,; echo "${names[*]}")")
    fi
    PEERS_NO_ORTOOLS="${PEERS_NO_ORTOOLS:-$([[ $solvers == *ortools* ]] && echo 0 || echo 1)}" \
        "$here/run_peers.sh" "${peers_args[@]}" --check-solutions "$work/solutions" >&2
    for solver in ${solvers//,/ }; do
        if [[ $solver == hgs && ($set == solomon || $set == gehring_homberger) ]]; then
            continue
        fi
        echo "side_by_side: $solver on $set" >&2
        "$here/run_peers.sh" "${peers_args[@]}" --solver "$solver" \
            --out "$here/results-$date-{solver}-{set}-${seconds}s.csv" >/dev/null
        tail -n 2 "$here/results-$date-$solver-$set-${seconds}s.csv" >&2
    done
done

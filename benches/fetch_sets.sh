#!/usr/bin/env bash
# Gets the full benchmark sets the repository holds only test copies of, into benches/sets/
# (git-ignored):
#
#   gehring_homberger/  24 Gehring-Homberger VRPTW instances, 200-800 customers, with the
#                       best-known .sol files (DIMACS convention, distance only)
#   cvrplib_xxl/        3 Belgian XXL CVRP instances (Leuven1, Antwerp1, Ghent1: 3,000,
#                       6,000 and 10,000 customers), with the best-known .sol files
#
# Each folder also gets the bks.csv and README.md of benches/data/<set>, so that
# `reliefroute bench benches/sets/<set>` and `benches/peers/run_peers.sh --set <set>` run the
# whole set. Files come from the project's shared data folder when it exists (default
# ../shared/data beside the repository; set RELIEFROUTE_SHARED_DATA to another), else from the
# public repository PyVRP/Instances at the commits the data READMEs name (FETCH_BASE_URL
# overrides https://raw.githubusercontent.com/PyVRP/Instances). Every file is checked against
# benches/fetch_sets.sha256, so the sets are byte for byte those the READMEs describe.
#
#   benches/fetch_sets.sh                 # both sets into benches/sets
#   benches/fetch_sets.sh gehring_homberger
#   benches/fetch_sets.sh --dest /tmp/sets cvrplib_xxl
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
dest="$here/sets"
shared="${RELIEFROUTE_SHARED_DATA:-$repo/../shared/data}"
base="${FETCH_BASE_URL:-https://raw.githubusercontent.com/PyVRP/Instances}"
gh_commit=8d1d4e1d8cec4e407cea3af203283d427c0cb983   # branch vrptw
xxl_commit=1445e12e99fc8c252994e45c902ed61db645fa58

sets=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --dest) dest="$2"; shift 2 ;;
        gehring_homberger|cvrplib_xxl) sets+=("$1"); shift ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "fetch_sets.sh: unknown argument '$1' (expected --dest DIR, gehring_homberger or cvrplib_xxl)" >&2; exit 2 ;;
    esac
done
[[ ${#sets[@]} -gt 0 ]] || sets=(gehring_homberger cvrplib_xxl)

# Upstream path of an instance (without extension) in PyVRP/Instances, and its commit.
upstream() {
    local set="$1" name="$2"
    case "$set" in
        gehring_homberger)
            local size="${name#*_}"; size="${size%%_*}"   # C1_4_2 -> 4
            echo "$gh_commit/VRPTW/GH${size}00/$name" ;;
        cvrplib_xxl) echo "$xxl_commit/CVRP/XXL/$name" ;;
    esac
}

for set in "${sets[@]}"; do
    out="$dest/$set"
    mkdir -p "$out/bks_solutions"
    cp "$here/data/$set/bks.csv" "$here/data/$set/README.md" "$out/"
    # The instance names: the rows of the set's bks.csv.
    names=$(tail -n +2 "$here/data/$set/bks.csv" | cut -d, -f1)
    if [[ -d "$shared/$set" ]]; then
        echo "fetch_sets: $set from $shared/$set" >&2
        for name in $names; do
            cp "$shared/$set/$name.vrp" "$out/"
            cp "$shared/$set/bks_solutions/$name.sol" "$out/bks_solutions/"
        done
    else
        echo "fetch_sets: $set from $base" >&2
        for name in $names; do
            path=$(upstream "$set" "$name")
            curl -sSfL --retry 3 -o "$out/$name.vrp" "$base/$path.vrp"
            curl -sSfL --retry 3 -o "$out/bks_solutions/$name.sol" "$base/$path.sol"
        done
    fi
    chmod -R u+w "$out"
    # Byte for byte what the READMEs describe.
    (cd "$dest" && grep "  $set/" "$here/fetch_sets.sha256" | sha256sum --check --quiet)
    echo "fetch_sets: $set: $(echo "$names" | wc -w) instances in $out (checksums match)" >&2
done

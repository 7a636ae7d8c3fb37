#!/usr/bin/env bash
# Peer-solver benchmark (outside CI): makes benches/peers/.venv with PyVRP, pyvroom (VROOM),
# hygese (HGS-CVRP) and OR-Tools from PyPI, then runs peers.py with the arguments given.
#
#   benches/peers/run_peers.sh --set solomon --solver pyvrp --seconds 10 \
#       --out benches/peers/results-DATE-{solver}-{set}.csv
#   benches/peers/run_peers.sh --set both --solver pyvrp,vroom,ortools --seconds 2 \
#       --instances C101,R101,RC201,X-n101-k25
#   benches/peers/run_peers.sh --set gehring_homberger,cvrplib_xxl --solver pyvrp,hgs --seconds 60
#   benches/peers/run_peers.sh --verify-bks --set all
#   benches/peers/run_peers.sh relief solve DIR --matrix M.csv --out ROUTES.json   (relief.py)
#
# Environment: PYTHON (default python3, needs >= 3.10), PEERS_NO_ORTOOLS=1 to skip OR-Tools,
# PEERS_NICE (default 10) the niceness of the run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

# Pinned to the versions the saved results were made with (hygese: HGS-CVRP).
packages=(pyvrp==0.14.1 pyvroom==1.15.2 hygese==0.1.0)
if [[ "${PEERS_NO_ORTOOLS:-0}" != 1 ]]; then
    packages+=(ortools==9.15.6755)
fi

if [[ ! -x "$venv/bin/python" ]]; then
    echo "creating $venv" >&2
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
fi
# pip is quick when everything is already there.
"$venv/bin/pip" install --quiet "${packages[@]}"

# `relief ...` runs relief.py (relief scenarios as PyVRP models) instead of peers.py.
script="$here/peers.py"
if [[ "${1:-}" == relief ]]; then
    script="$here/relief.py"
    shift
fi
exec nice -n "${PEERS_NICE:-10}" "$venv/bin/python" "$script" "$@"

#!/usr/bin/env bash
# The report benchmark of issue 13: the 10,000-order relief city (as benches/relief_scale.sh
# generates it) planned once, then report.html built and written (target: under 2 s) and
# loaded in headless Chromium (target: under 10 s), with the file size. Not part of CI.
#
#   benches/report_scale.sh [STRATEGY] [SECONDS] [ORDERS KITCHENS COURIERS]
#
# The strategy only decides the plan being drawn (default `nearest`, quick); the report's
# cost grows with orders and trips. Needs chromium (Debian package `chromium`) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
strategy="${1:-nearest}"
seconds="${2:-10}"
orders="${3:-10000}"
kitchens="${4:-5}"
couriers="${5:-300}"
dir="target/relief-$orders"
cargo build --release -q -p reliefroute-tests --example report_scale --example relief_city
cargo run --release -q -p reliefroute-tests --example relief_city -- "$dir" "$orders" "$kitchens" "$couriers"
target/release/examples/report_scale "$dir" "$strategy" "$seconds"
report="$(pwd)/$dir/out/report.html"
ls -l "$report"
chromium="${RELIEFROUTE_CHROMIUM:-chromium}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --user-data-dir="$profile")
# Load, lay out, run the script and paint: a screenshot of the first screen.
/usr/bin/time -f "chromium screenshot: wall %e s, peak memory %M KiB" \
    "$chromium" "${flags[@]}" --screenshot="$dir/out/report.png" --window-size=1400,1000 \
    "file://$report" 2>&1 | grep -E "chromium screenshot|written"
# The whole document laid out and its DOM serialised after the script ran.
/usr/bin/time -f "chromium dump-dom: wall %e s, peak memory %M KiB" \
    "$chromium" "${flags[@]}" --dump-dom "file://$report" 2>/tmp/report_scale_dom.err \
    | wc -c | sed 's/^/DOM bytes: /'
grep -E "chromium dump-dom" /tmp/report_scale_dom.err

//! The closures GeoJSON reader, then the queries the planner makes of what it read.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reliefroute::roads::Closures;

fuzz_target!(|data: &[u8]| {
    let path = reliefroute_fuzz::input_file("closures.geojson", data);
    if let Ok(closures) = Closures::read(&path) {
        let _ = closures.counts();
        let _ = closures.site_closed(7.4273, 43.7395);
        let _ = closures.closes_segment([7.42, 43.73], [7.43, 43.74]);
    }
});

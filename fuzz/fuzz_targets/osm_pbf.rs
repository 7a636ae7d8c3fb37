//! The OpenStreetMap `.osm.pbf` reader: any bytes give a road graph or an error.
//!
//! The reader catches panics of the `osmpbf` crate on hostile files and reports them as an
//! invalid file; libFuzzer's panic hook would abort on those caught panics, so this target
//! replaces it with a silent one. A panic nothing catches still aborts (libfuzzer-sys aborts
//! when the target unwinds), so it is still found.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reliefroute::roads::RoadGraph;

fuzz_target!(|data: &[u8]| {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let path = reliefroute_fuzz::input_file("roads.osm.pbf", data);
    let _ = RoadGraph::from_osm_pbf(&path);
});

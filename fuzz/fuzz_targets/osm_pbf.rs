//! The OpenStreetMap `.osm.pbf` reader: any bytes give a road graph or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reliefroute::roads::RoadGraph;

fuzz_target!(|data: &[u8]| {
    let path = reliefroute_fuzz::input_file("roads.osm.pbf", data);
    let _ = RoadGraph::from_osm_pbf(&path);
});

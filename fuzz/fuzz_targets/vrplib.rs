//! The CVRPLIB (VRPLIB/TSPLIB) reader: any bytes give a scenario or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reliefroute_bench::read_vrplib;

fuzz_target!(|data: &[u8]| {
    let path = reliefroute_fuzz::input_file("instance.vrp", data);
    let _ = read_vrplib(&path);
});

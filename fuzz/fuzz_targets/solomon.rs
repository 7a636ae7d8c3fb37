//! The Solomon VRPTW reader, with both roundings: any bytes give a scenario or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reliefroute::Rounding;
use reliefroute_bench::read_solomon;

fuzz_target!(|data: &[u8]| {
    let path = reliefroute_fuzz::input_file("instance.txt", data);
    let rounding = if data.len() % 2 == 0 {
        Rounding::TruncateOneDecimal
    } else {
        Rounding::Exact
    };
    let _ = read_solomon(&path, rounding);
});

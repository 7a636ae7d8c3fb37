//! The scenario reader with any bytes as `fleet.csv` (the other files valid).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| reliefroute_fuzz::scenario_with("fleet.csv", data));

//! The scenario reader with any bytes as `sites.csv` (the other files valid).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| reliefroute_fuzz::scenario_with("sites.csv", data));

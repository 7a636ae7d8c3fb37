//! The scenario reader with any bytes as `scenario.toml` (the CSV files valid).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| reliefroute_fuzz::scenario_with("scenario.toml", data));

//! The scenario reader with any bytes as `orders.csv` (the other files valid).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| reliefroute_fuzz::scenario_with("orders.csv", data));

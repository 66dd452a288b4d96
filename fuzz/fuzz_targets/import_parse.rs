//! Fuzz target: any bytes as a CSV, JSON or JSON Lines import file. A file may be refused
//! with a message; it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = app::import::parse_csv(data);
    let _ = app::import::parse_json(data);
    let _ = app::import::parse_json_lines(data);
});

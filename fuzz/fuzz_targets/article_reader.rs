//! Any bytes, read as an article (with and without a format hint), then split into sentences:
//! no panic, and every range the reader reports lies on char boundaries inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmap::article::{self, Article, Format};

fn check(a: &Article) {
    let t = &a.text;
    let ok = |r: &std::ops::Range<usize>| {
        r.start <= r.end
            && r.end <= t.len()
            && t.is_char_boundary(r.start)
            && t.is_char_boundary(r.end)
    };
    for r in a
        .title_span
        .iter()
        .chain(&a.dateline_span)
        .chain(&a.captions)
        .chain(&a.credits)
    {
        assert!(ok(r), "bad range {r:?} in a text of {} bytes", t.len());
    }
    for r in article::sentences(t) {
        assert!(ok(&r), "bad sentence {r:?} in a text of {} bytes", t.len());
    }
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format hint, so one input exercises each reader.
    let (hint, bytes) = match data.split_first() {
        Some((h, rest)) => (*h, rest),
        None => (0, data),
    };
    let format = match hint % 4 {
        0 => None,
        1 => Some(Format::Text),
        2 => Some(Format::Markdown),
        _ => Some(Format::Html),
    };
    if let Ok(a) = article::read_bytes_with_format("fuzz", bytes, format) {
        check(&a);
    }
    if let Ok(a) = article::from_bytes("fuzz.html", data) {
        check(&a);
    }
});

//! Any bytes, as lossy UTF-8 text, through the whole geoparser with the embedded gazetteer:
//! no panic, and every offset (mentions, events, time expressions) is on a char boundary inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmap::article::Article;
use newsmap::gazetteer::Gazetteer;

fuzz_target!(|data: &[u8]| {
    let Ok(gaz) = Gazetteer::embedded() else {
        return;
    };
    let text = String::from_utf8_lossy(data);
    let article = Article::from_text("fuzz", &text);
    let parsed = newsmap::geoparse::geoparse(&article, gaz);
    let t = &article.text;
    let ok = |s: usize, e: usize| {
        s <= e && e <= t.len() && t.is_char_boundary(s) && t.is_char_boundary(e)
    };
    for p in &parsed.places {
        for m in &p.mentions {
            assert!(
                ok(m.start, m.end),
                "mention {}..{} in {} bytes",
                m.start,
                m.end,
                t.len()
            );
            assert_eq!(
                &t[m.start..m.end],
                m.text,
                "mention text differs from its span"
            );
        }
    }
    for e in &parsed.events {
        assert!(
            ok(e.start, e.end),
            "event {}..{} in {} bytes",
            e.start,
            e.end,
            t.len()
        );
        for id in &e.places {
            assert!(
                parsed.places.iter().any(|p| &p.id == id),
                "event names unknown place {id}"
            );
        }
        if let Some(i) = e.time {
            assert!(i < parsed.times.len(), "event time index {i} out of range");
        }
    }
    for x in &parsed.times {
        assert!(
            ok(x.start, x.end),
            "time {}..{} in {} bytes",
            x.start,
            x.end,
            t.len()
        );
    }
});

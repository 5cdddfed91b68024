//! Gazetteer figures: load time and resident memory, `lookup` and prefix `search` latency.
//!
//! `cargo run --release --example bench_gazetteer`
//! Prints medians over repeated runs. Targets: load <= 150 ms and <= 150 MB resident,
//! lookup <= 5 µs, search <= 1 ms per keystroke.

use std::time::Instant;

use newsmap::gazetteer::Gazetteer;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    let before = rss_mb();
    let mut loads = Vec::new();
    let mut g = None;
    for _ in 0..7 {
        let t = Instant::now();
        let loaded = Gazetteer::load_embedded().expect("embedded gazetteer");
        loads.push(t.elapsed().as_secs_f64() * 1e3);
        g = Some(loaded);
    }
    let g = g.expect("loaded");
    // Touch everything a session touches: a few lookups across the file.
    for n in ["Aleppo", "Moscow", "Lesbos", "Paris", "Springfield"] {
        let _ = g.lookup(n);
    }
    let after = rss_mb();
    println!(
        "gazetteer: {} places; load median {:.1} ms (min {:.1}); resident {:.0} MB (process {:.0} MB before loading)",
        g.len(),
        median(loads.clone()),
        loads.iter().cloned().fold(f64::INFINITY, f64::min),
        after,
        before
    );

    let names = [
        "Saraqeb",
        "Idlib",
        "Aleppo",
        "Moscow",
        "Lesbos",
        "Greek-Turkish border",
        "Paris",
        "Springfield",
        "Turkish",
        "Aegean Sea",
        "Washington",
        "Kyiv",
        "Nowhereville",
        "Sarāqib",
    ];
    // First lookups on a fresh gazetteer parse the rows they find (later ones share them).
    let mut cold = Vec::new();
    for _ in 0..7 {
        let fresh = Gazetteer::load_embedded().expect("embedded gazetteer");
        let t = Instant::now();
        for n in names {
            std::hint::black_box(fresh.lookup(n));
        }
        cold.push(t.elapsed().as_secs_f64() * 1e6 / names.len() as f64);
    }
    println!(
        "lookup, first use of each name: median {:.2} µs per name",
        median(cold)
    );
    let mut per = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        for n in names {
            std::hint::black_box(g.lookup(n));
        }
        per.push(t.elapsed().as_secs_f64() * 1e6 / names.len() as f64);
    }
    println!(
        "lookup, names seen before: median {:.2} µs per name (over {} names)",
        median(per),
        names.len()
    );

    let typed = [
        "Saraqib",
        "Moscow",
        "Lesbos",
        "Springfield",
        "Aleppo",
        "Bab al-Hawa",
    ];
    let mut keys = Vec::new();
    for word in typed {
        for end in 1..=word.len() {
            if !word.is_char_boundary(end) {
                continue;
            }
            let prefix = &word[..end];
            let t = Instant::now();
            std::hint::black_box(g.search(prefix, 10));
            keys.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    let worst = keys.iter().cloned().fold(0.0, f64::max);
    println!(
        "search: median {:.3} ms per keystroke, worst {:.3} ms (over {} keystrokes)",
        median(keys.clone()),
        worst,
        keys.len()
    );
}

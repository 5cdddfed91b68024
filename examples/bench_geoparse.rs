//! Geoparser throughput, once the gazetteer is loaded.
//!
//! `cargo run --release --example bench_geoparse [ARTICLE]`
//!
//! Builds about 10 MB of news text by repeating the article (default: the embedded sample) and
//! times recognition + resolution, the date tagger and the whole `geoparse`, as medians of 5 runs
//! on one core. Target: >= 10 MB/s for the whole geoparse.

use std::time::Instant;

use newsmap::gazetteer::Gazetteer;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let text = match std::env::args().nth(1) {
        Some(p) => std::fs::read_to_string(&p).unwrap_or_else(|e| {
            eprintln!("Error: {p}: {e}");
            std::process::exit(1)
        }),
        None => include_str!("../assets/idlib-2020-03-03.txt").to_owned(),
    };
    let mut big = String::with_capacity(11 << 20);
    while big.len() < 10 << 20 {
        big.push_str(&text);
        big.push_str("\n\n");
    }
    let mb = big.len() as f64 / 1e6;
    let g = Gazetteer::embedded().expect("gazetteer");
    let article = newsmap::article::from_bytes("bench", big.as_bytes()).expect("reads");
    let time = |f: &dyn Fn()| -> f64 {
        let v: Vec<f64> = (0..5)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64()
            })
            .collect();
        median(v)
    };
    let read = time(&|| {
        std::hint::black_box(newsmap::article::from_bytes("bench", big.as_bytes()).ok());
    });
    let places = time(&|| {
        std::hint::black_box(newsmap::geoparse::places_in(&big, g));
    });
    let times = time(&|| {
        std::hint::black_box(newsmap::events::time::find_times(&big, article.published));
    });
    let whole = time(&|| {
        std::hint::black_box(newsmap::geoparse::geoparse(&article, g));
    });
    println!("text: {mb:.1} MB");
    println!("read article:           {:>6.1} MB/s", mb / read);
    println!("places (recognise+resolve): {:>6.1} MB/s", mb / places);
    println!("dates (find_times):     {:>6.1} MB/s", mb / times);
    println!(
        "whole geoparse:         {:>6.1} MB/s  ({whole:.2} s)",
        mb / whole
    );
}

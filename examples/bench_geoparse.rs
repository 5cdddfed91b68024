//! Geoparser throughput, once the gazetteer is loaded.
//!
//! `cargo run --release --example bench_geoparse [ARTICLE]`
//!
//! Builds about 10 MB of news text by repeating the article (default: the embedded sample) and
//! times recognition + resolution, the date tagger and the whole `geoparse`, as medians of 5 runs
//! on one core, as wall-clock and thread CPU time (the CPU figure is immune to other processes).
//! Target: >= 10 MB/s for the whole geoparse.

use std::time::Instant;

use newsmap::gazetteer::Gazetteer;

/// CPU time of this thread, in seconds (immune to other processes sharing the cores).
fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we pass and reads nothing else.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

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
    // (wall, cpu) medians of 5 runs.
    let time = |f: &dyn Fn()| -> (f64, f64) {
        let (wall, cpu): (Vec<f64>, Vec<f64>) = (0..5)
            .map(|_| {
                let (t, c) = (Instant::now(), thread_cpu());
                f();
                (t.elapsed().as_secs_f64(), thread_cpu() - c)
            })
            .unzip();
        (median(wall), median(cpu))
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
    println!("text: {mb:.1} MB; MB/s per core, medians of 5 (wall clock / thread CPU time)");
    let row = |name: &str, (wall, cpu): (f64, f64)| {
        println!(
            "{name:<28} {:>7.1} / {:>7.1} MB/s  ({wall:.3} s / {cpu:.3} s)",
            mb / wall,
            mb / cpu
        );
    };
    row("read article", read);
    row("places (recognise+resolve)", places);
    row("dates (find_times)", times);
    row("whole geoparse", whole);
}

//! Geoparse throughput against article size: is the time linear in the text length?
//!
//! `cargo run --release --example bench_scaling [MB...]` (default 1 10 50) geoparses a text made of
//! real news sentences repeated to each size and prints seconds and MB/s. Linear scaling shows as a flat
//! MB/s column. Sizes may be fractional (`0.1 0.2 0.4`).

use std::time::Instant;

use newsmap::article::Article;
use newsmap::gazetteer::Gazetteer;

const SENTENCES: &str = "Syrian government forces entered Saraqeb on Monday, a day after Turkish \
drones struck Idlib. Moscow said talks with Ankara would be held in Moscow on Thursday. Migrants \
reached Lesbos from Turkey after Greece closed the border. ";

fn main() -> anyhow::Result<()> {
    let sizes: Vec<f64> = std::env::args()
        .skip(1)
        .map(|a| a.parse::<f64>())
        .collect::<Result<_, _>>()?;
    let sizes = if sizes.is_empty() {
        vec![1.0, 10.0, 50.0]
    } else {
        sizes
    };
    let gaz = Gazetteer::embedded()?;
    println!(
        "{:>8} {:>10} {:>10} {:>8} {:>8}",
        "MB", "seconds", "MB/s", "places", "events"
    );
    for mb in sizes {
        let bytes = (mb * 1024.0 * 1024.0) as usize;
        let mut text = String::with_capacity(bytes + SENTENCES.len());
        while text.len() < bytes {
            text.push_str(SENTENCES);
        }
        let start = Instant::now();
        let article = Article::from_text("bench", &text);
        let parsed = newsmap::geoparse::geoparse(&article, gaz);
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{:>8.2} {:>10.2} {:>10.3} {:>8} {:>8}",
            text.len() as f64 / 1024.0 / 1024.0,
            secs,
            text.len() as f64 / 1024.0 / 1024.0 / secs,
            parsed.places.len(),
            parsed.events.len()
        );
    }
    Ok(())
}

//! Timings of the offline basemap rasteriser. Run it in release mode:
//!
//! `cargo run --release --example bench_tiles [DATA_DIR]`
//!
//! Prints the data load time, one 256 px tile over the Levant at zoom 6, the slowest tile of
//! the zoom-3 world, and a 1920x1080 view at zoom 6 drawn on two threads (as the app does).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use newsmap::basemap::data::project;
use newsmap::basemap::{BasemapData, Style, render_tile};
use walkers::TileId;

/// The tile at `zoom` containing (longitude, latitude).
fn tile_at(lon: f64, lat: f64, zoom: u8) -> TileId {
    let [x, y] = project(lon, lat);
    let n = f64::from(1u32 << zoom);
    TileId {
        x: (x * n) as u32,
        y: (y * n) as u32,
        zoom,
    }
}

fn stats(mut samples: Vec<Duration>) -> (Duration, Duration, Duration) {
    samples.sort();
    let median = samples.get(samples.len() / 2).copied().unwrap_or_default();
    let min = samples.first().copied().unwrap_or_default();
    let max = samples.last().copied().unwrap_or_default();
    (median, min, max)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/geodata/basemap")),
        PathBuf::from,
    );

    let mut loads = Vec::new();
    let mut data = None;
    for _ in 0..3 {
        let loaded = BasemapData::load_dir(&dir)?;
        loads.push(loaded.load_time());
        data = Some(loaded);
    }
    let Some(data) = data else {
        anyhow::bail!("no data loaded")
    };
    let (median, min, max) = stats(loads);
    println!(
        "data load (read + parse + index, 3 runs): median {:.1} ms, min {:.1}, max {:.1}",
        ms(median),
        ms(min),
        ms(max)
    );

    // (longitude, latitude) = (36 E, 35 N): the Levant coast.
    let levant = tile_at(36.0, 35.0, 6);
    let mut samples = Vec::new();
    for _ in 0..101 {
        let start = Instant::now();
        std::hint::black_box(render_tile(&data, Style::Light, levant, 256, 1.0));
        samples.push(start.elapsed());
    }
    let (median, min, max) = stats(samples);
    println!(
        "levant z6 {levant:?} 256 px (101 runs): median {:.2} ms, min {:.2}, max {:.2}  [target <= 5]",
        ms(median),
        ms(min),
        ms(max)
    );

    // Every tile of the zoom-3 world; the slowest by its median over 11 runs.
    let mut slowest = (
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        TileId {
            x: 0,
            y: 0,
            zoom: 3,
        },
    );
    for y in 0..8 {
        for x in 0..8 {
            let tile = TileId { x, y, zoom: 3 };
            let mut samples = Vec::new();
            for _ in 0..11 {
                let start = Instant::now();
                std::hint::black_box(render_tile(&data, Style::Light, tile, 256, 1.0));
                samples.push(start.elapsed());
            }
            let (median, min, max) = stats(samples);
            if median > slowest.0 {
                slowest = (median, min, max, tile);
            }
        }
    }
    println!(
        "slowest z3 tile {:?} (11 runs): median {:.2} ms, min {:.2}, max {:.2}  [target <= 30]",
        slowest.3,
        ms(slowest.0),
        ms(slowest.1),
        ms(slowest.2)
    );

    // A 1920x1080 view at zoom 6 centred on the Levant: 9x6 tiles may show at once
    // (8x5 when aligned); draw the 8x5 around the centre on two threads.
    let mut views = Vec::new();
    for _ in 0..11 {
        let tiles: Vec<TileId> = (0..5)
            .flat_map(|dy| (0..8).map(move |dx| (dx, dy)))
            .map(|(dx, dy)| TileId {
                x: levant.x + dx - 4,
                y: levant.y + dy - 2,
                zoom: 6,
            })
            .collect();
        let next = AtomicUsize::new(0);
        let start = Instant::now();
        std::thread::scope(|scope| {
            for _ in 0..2 {
                scope.spawn(|| {
                    while let Some(tile) = tiles.get(next.fetch_add(1, Ordering::Relaxed)) {
                        std::hint::black_box(render_tile(&data, Style::Light, *tile, 256, 1.0));
                    }
                });
            }
        });
        views.push(start.elapsed());
    }
    let (median, min, max) = stats(views);
    println!(
        "1920x1080 view z6, 8x5 tiles, 2 threads (11 runs): median {:.1} ms, min {:.1}, max {:.1}  [target <= 150]",
        ms(median),
        ms(min),
        ms(max)
    );

    // HiDPI: the same Levant tile at 512 px for pixels_per_point 2.
    let mut samples = Vec::new();
    for _ in 0..31 {
        let start = Instant::now();
        std::hint::black_box(render_tile(&data, Style::Light, levant, 512, 2.0));
        samples.push(start.elapsed());
    }
    let (median, min, max) = stats(samples);
    println!(
        "levant z6 512 px @2x (31 runs): median {:.2} ms, min {:.2}, max {:.2}",
        ms(median),
        ms(min),
        ms(max)
    );
    Ok(())
}

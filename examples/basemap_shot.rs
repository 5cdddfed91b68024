//! Render a 3x3 mosaic of offline basemap tiles around a place, to look at.
//!
//! `cargo run --release --example basemap_shot -- LAT LON ZOOM OUT.png [light|dark] [DATA_DIR]`

use std::path::PathBuf;

use anyhow::{Context, bail};
use newsmap::basemap::data::project;
use newsmap::basemap::{BasemapData, Style, render_tile};
use walkers::TileId;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 4 {
        bail!("usage: basemap_shot LAT LON ZOOM OUT.png [light|dark] [DATA_DIR]");
    }
    let lat: f64 = args[0].parse().context("latitude")?;
    let lon: f64 = args[1].parse().context("longitude")?;
    let zoom: u8 = args[2].parse().context("zoom")?;
    let out = PathBuf::from(&args[3]);
    let style = match args.get(4).map(String::as_str) {
        Some("dark") => Style::Dark,
        _ => Style::Light,
    };
    let dir = args.get(5).map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/geodata/basemap")),
        PathBuf::from,
    );
    let data = BasemapData::load_dir(&dir)?;
    eprintln!("loaded in {:?}", data.load_time());

    // (longitude, latitude) -> world units -> the tile containing it.
    let [wx, wy] = project(lon, lat);
    let n = 2f64.powi(i32::from(zoom));
    let (cx, cy) = ((wx * n) as i64, (wy * n) as i64);
    let tile_px = 256u32;
    let side = tile_px * 3;
    let mut mosaic = vec![0u8; (side * side * 4) as usize];
    for dy in -1i64..=1 {
        for dx in -1i64..=1 {
            let (tx, ty) = (cx + dx, cy + dy);
            if tx < 0 || ty < 0 || tx as f64 >= n || ty as f64 >= n {
                continue;
            }
            let tile = TileId {
                x: tx as u32,
                y: ty as u32,
                zoom,
            };
            let image = render_tile(&data, style, tile, tile_px, 1.0);
            for row in 0..tile_px {
                let src = (row * tile_px * 4) as usize..((row + 1) * tile_px * 4) as usize;
                let oy = ((dy + 1) as u32 * tile_px + row) * side;
                let ox = (dx + 1) as u32 * tile_px;
                let dst = ((oy + ox) * 4) as usize;
                mosaic[dst..dst + (tile_px * 4) as usize].copy_from_slice(&image.pixels[src]);
            }
        }
    }
    let image = newsmap::basemap::RgbaImage {
        width: side,
        height: side,
        pixels: mosaic,
    };
    std::fs::write(&out, image.to_png()?).with_context(|| format!("writing {}", out.display()))?;
    Ok(())
}

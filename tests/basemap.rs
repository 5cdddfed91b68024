//! The offline basemap end to end: real embedded layers, no network, no display.

use std::str::FromStr;
use std::sync::OnceLock;

use newsmap::basemap::data::project;
use newsmap::basemap::sources::validate_pmtiles;
use newsmap::basemap::{BasemapChoice, BasemapData, BasemapError, Style, render_tile};
use walkers::TileId;

fn data() -> &'static BasemapData {
    static DATA: OnceLock<BasemapData> = OnceLock::new();
    DATA.get_or_init(|| BasemapData::embedded().expect("the embedded basemap parses"))
}

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

/// The colour at the point (longitude, latitude) of its zoom-`zoom` tile.
fn colour_at(lon: f64, lat: f64, zoom: u8, style: Style) -> [u8; 4] {
    let tile = tile_at(lon, lat, zoom);
    let image = render_tile(data(), style, tile, 256, 1.0);
    let [x, y] = project(lon, lat);
    let n = f64::from(1u32 << zoom);
    let px = ((x * n - f64::from(tile.x)) * 256.0) as u32;
    let py = ((y * n - f64::from(tile.y)) * 256.0) as u32;
    image.pixel(px, py).expect("the point is inside its tile")
}

#[test]
fn the_same_tile_renders_to_the_same_bytes_twice() {
    let tile = tile_at(36.0, 35.0, 6);
    let first = render_tile(data(), Style::Light, tile, 256, 1.0);
    let second = render_tile(data(), Style::Light, tile, 256, 1.0);
    assert_eq!(first.pixels.len(), 256 * 256 * 4);
    assert!(first == second);
}

#[test]
fn the_open_mediterranean_is_water() {
    // (longitude, latitude) = (18.5 E, 34.5 N), between Sicily and Libya.
    for style in [Style::Light, Style::Dark] {
        assert_eq!(colour_at(18.5, 34.5, 6, style), style.sea_rgba());
    }
}

#[test]
fn central_anatolia_is_land() {
    // (longitude, latitude) = (33 E, 39 N).
    for style in [Style::Light, Style::Dark] {
        assert_eq!(colour_at(33.0, 39.0, 6, style), style.land_rgba());
    }
}

#[test]
fn land_and_water_are_right_at_every_level_of_detail() {
    for zoom in [2, 4, 5, 9, 12, 14] {
        assert_eq!(
            colour_at(18.5, 34.5, zoom, Style::Light),
            Style::Light.sea_rgba(),
            "sea at zoom {zoom}"
        );
        // (longitude, latitude) = (98 W, 39 N): Kansas.
        assert_eq!(
            colour_at(-98.0, 39.0, zoom, Style::Light),
            Style::Light.land_rgba(),
            "land at zoom {zoom}"
        );
    }
}

#[test]
fn anatolia_is_land_on_the_coarse_level_too() {
    for zoom in [2, 4, 5, 9, 12, 14] {
        assert_eq!(
            colour_at(18.5, 34.5, zoom, Style::Light),
            Style::Light.sea_rgba(),
            "sea at zoom {zoom}"
        );
        assert_eq!(
            colour_at(33.0, 39.0, zoom, Style::Light),
            Style::Light.land_rgba(),
            "land at zoom {zoom}"
        );
    }
}

#[test]
fn a_hidpi_tile_has_twice_the_pixels() {
    let image = render_tile(data(), Style::Dark, tile_at(36.0, 35.0, 6), 512, 2.0);
    assert_eq!((image.width, image.height), (512, 512));
}

#[test]
fn tiles_at_the_antimeridian_render() {
    // Fiji and Chukotka straddle 180°: the edge tiles must draw land, not fail.
    let east = render_tile(
        data(),
        Style::Light,
        TileId {
            x: 63,
            y: 35,
            zoom: 6,
        },
        256,
        1.0,
    );
    let west = render_tile(
        data(),
        Style::Light,
        TileId {
            x: 0,
            y: 35,
            zoom: 6,
        },
        256,
        1.0,
    );
    assert_eq!(east.pixels.len(), west.pixels.len());
}

#[test]
fn a_corrupt_pmtiles_file_is_reported_as_invalid() {
    let mut file = tempfile::Builder::new()
        .suffix(".pmtiles")
        .tempfile()
        .expect("temp file");
    std::io::Write::write_all(&mut file, &[0x42; 4096]).expect("write garbage");
    let error = validate_pmtiles(file.path()).expect_err("garbage is not PMTiles");
    assert!(
        matches!(error, BasemapError::PmTilesInvalid { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("magic"), "{error}");
}

#[test]
fn a_missing_pmtiles_file_is_reported_as_unreadable() {
    let error =
        validate_pmtiles(std::path::Path::new("/nonexistent/world.pmtiles")).expect_err("no file");
    assert!(matches!(error, BasemapError::PmTilesRead { .. }), "{error}");
}

#[test]
fn a_short_pmtiles_file_is_reported_as_invalid() {
    let mut file = tempfile::Builder::new()
        .suffix(".pmtiles")
        .tempfile()
        .expect("temp file");
    std::io::Write::write_all(&mut file, b"PMTiles\x03").expect("write");
    let error = validate_pmtiles(file.path()).expect_err("too short");
    assert!(
        matches!(error, BasemapError::PmTilesInvalid { .. }),
        "{error}"
    );
}

#[test]
fn basemap_choice_parses_offline_osm_and_pmtiles_paths() {
    assert_eq!(
        BasemapChoice::from_str("offline").ok(),
        Some(BasemapChoice::Offline)
    );
    assert_eq!(
        BasemapChoice::from_str("OSM").ok(),
        Some(BasemapChoice::Osm)
    );
    assert_eq!(
        BasemapChoice::from_str("/maps/world.pmtiles").ok(),
        Some(BasemapChoice::PmTiles("/maps/world.pmtiles".into()))
    );
}

#[test]
fn basemap_choice_rejects_junk_with_a_clear_message() {
    for junk in ["", "google", "world.mbtiles", "osm2"] {
        let error = BasemapChoice::from_str(junk).expect_err("junk");
        assert!(matches!(error, BasemapError::UnknownChoice(_)));
        assert!(
            error.to_string().contains("expected `offline`, `osm`"),
            "{error}"
        );
    }
}

#[test]
fn a_missing_layer_file_is_reported_with_its_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let error = BasemapData::load_dir(dir.path()).expect_err("empty dir");
    assert!(matches!(error, BasemapError::ReadLayer { .. }));
    assert!(error.to_string().contains("land_lo.geojson"), "{error}");
}

//! The map's tile sources as the app uses them: the offline basemap always underneath, and
//! OpenStreetMap or a PMTiles archive over it when the user asks for one. Where the chosen
//! source has no tile (no network, outside the archive) the offline basemap shows through.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{ColorImage, Context, Rect, TextureHandle, TextureOptions, pos2};
use walkers::sources::Attribution;
use walkers::{Stats, Tile, TileId, TilePiece, Tiles};

use crate::basemap::sources::osm_tiles;
use crate::basemap::tiles::OFFLINE_ATTRIBUTION;
use crate::basemap::{
    BasemapChoice, BasemapData, BasemapError, BasemapSource, OfflineTiles, OverzoomPmTiles, Style,
    render_tile,
};

/// The offline basemap's look for the UI theme.
pub fn style_for(dark: bool) -> Style {
    if dark { Style::Dark } else { Style::Light }
}

/// What the map's status line says about the basemap, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BasemapStatus {
    /// All well: nothing to say.
    Ok,
    /// The chosen source could not be opened; the offline basemap is shown instead.
    Failed(String),
    /// OpenStreetMap tiles did not arrive (no network): the offline basemap shows through.
    OsmUnavailable,
}

impl BasemapStatus {
    /// The line shown on the map, or None.
    pub fn text(&self) -> Option<String> {
        match self {
            BasemapStatus::Ok => None,
            BasemapStatus::Failed(e) => Some(format!("{e}: offline basemap shown")),
            BasemapStatus::OsmUnavailable => {
                Some("OpenStreetMap tiles unavailable: offline basemap shown".to_owned())
            }
        }
    }
}

/// The tiles the window draws: offline underneath, the chosen source (if not offline) on top.
pub struct MapTiles {
    offline: OfflineTiles,
    overlay: Option<BasemapSource>,
    choice: BasemapChoice,
    status: BasemapStatus,
    /// Tiles asked for this frame that the overlay did not have.
    misses: usize,
}

impl MapTiles {
    /// The offline basemap (loaded on a worker) with `choice` over it. A source that cannot
    /// be opened is reported in [`Self::status`] and on stderr, and the offline map is shown.
    pub fn new(choice: &BasemapChoice, style: Style, ctx: &Context) -> Self {
        let mut tiles = MapTiles {
            offline: OfflineTiles::loading(style, ctx, BasemapData::embedded),
            overlay: None,
            choice: BasemapChoice::Offline,
            status: BasemapStatus::Ok,
            misses: 0,
        };
        tiles.choose(choice, ctx);
        tiles
    }

    /// Switch to another basemap. OpenStreetMap is only contacted from here, when asked.
    pub fn choose(&mut self, choice: &BasemapChoice, ctx: &Context) {
        self.status = BasemapStatus::Ok;
        self.overlay = None;
        self.choice = BasemapChoice::Offline;
        if *choice == BasemapChoice::Offline {
            return;
        }
        match open_overlay(choice, ctx) {
            Ok(source) => {
                self.overlay = source;
                self.choice = choice.clone();
            }
            Err(e) => {
                eprintln!("newsmap: {e}; showing the offline basemap");
                self.status = BasemapStatus::Failed(e.to_string());
            }
        }
    }

    /// The basemap actually shown (offline after a failed open).
    pub fn choice(&self) -> &BasemapChoice {
        &self.choice
    }

    /// Follow the UI theme.
    pub fn set_style(&mut self, style: Style) {
        self.offline.set_style(style);
    }

    /// Why the basemap is not what was asked for, if it is not.
    pub fn status(&self) -> &BasemapStatus {
        &self.status
    }

    /// Call once per frame after the map was drawn: notices OSM tiles that did not come.
    pub fn end_frame(&mut self) {
        if let Some(e) = self.offline.take_load_error() {
            self.status = BasemapStatus::Failed(format!("offline basemap: {e}"));
        }
        if matches!(self.overlay, Some(BasemapSource::Osm(_))) {
            let pending = self.overlay.as_ref().map_or(0, |o| o.stats().in_progress);
            if self.misses > 0 && pending == 0 {
                self.status = BasemapStatus::OsmUnavailable;
            } else if self.misses == 0 && self.status == BasemapStatus::OsmUnavailable {
                self.status = BasemapStatus::Ok;
            }
        }
        self.misses = 0;
    }

    /// The attribution line for what is on screen.
    pub fn attribution(&self) -> String {
        attribution_text(self.overlay.as_ref().map(|o| o.attribution().text))
    }
}

/// "Natural Earth · GeoNames (CC BY 4.0)" or the overlay's attribution with it: the offline
/// basemap may show through anywhere, and the labels always come from GeoNames.
pub fn attribution_text(overlay: Option<&str>) -> String {
    match overlay {
        None => OFFLINE_ATTRIBUTION.to_owned(),
        Some(text) => format!("{text} · {OFFLINE_ATTRIBUTION}"),
    }
}

/// The source drawn over the offline basemap for `choice` (None for offline itself).
///
/// # Errors
/// A PMTiles archive that is missing or unusable.
pub fn open_overlay(
    choice: &BasemapChoice,
    ctx: &Context,
) -> Result<Option<BasemapSource>, BasemapError> {
    Ok(match choice {
        BasemapChoice::Offline => None,
        BasemapChoice::Osm => Some(BasemapSource::Osm(osm_tiles(ctx))),
        BasemapChoice::PmTiles(path) => {
            Some(BasemapSource::PmTiles(OverzoomPmTiles::open(path, ctx)?))
        }
    })
}

impl Tiles for MapTiles {
    fn at(&mut self, tile: TileId) -> Option<TilePiece> {
        if let Some(overlay) = &mut self.overlay {
            if let Some(piece) = overlay.at(tile) {
                return Some(piece);
            }
            self.misses += 1;
        }
        self.offline.at(tile)
    }

    fn attribution(&self) -> Attribution {
        self.offline.attribution()
    }

    fn tile_size(&self) -> u32 {
        256
    }

    fn stats(&self) -> Stats {
        Stats {
            in_progress: self.offline.stats().in_progress
                + self.overlay.as_ref().map_or(0, |o| o.stats().in_progress),
        }
    }
}

/// Offline tiles drawn on the calling thread the moment they are asked for, for
/// `newsmap render` and exports: the image is complete and identical on every run.
pub struct SyncOfflineTiles {
    data: Arc<BasemapData>,
    style: Style,
    ctx: Context,
    cache: HashMap<TileId, TextureHandle>,
}

impl SyncOfflineTiles {
    /// Tiles from `data` in `style`, uploaded into `ctx`.
    pub fn new(data: Arc<BasemapData>, style: Style, ctx: &Context) -> Self {
        SyncOfflineTiles {
            data,
            style,
            ctx: ctx.clone(),
            cache: HashMap::new(),
        }
    }

    /// Draw `ids` ahead of time on `threads` threads (the drawing is the slow part).
    pub fn prerender(&mut self, ids: &[TileId], threads: usize) {
        let todo: Vec<TileId> = ids
            .iter()
            .copied()
            .filter(|t| valid(*t) && !self.cache.contains_key(t))
            .collect();
        if todo.is_empty() {
            return;
        }
        let chunk = todo.len().div_ceil(threads.max(1));
        let (data, style) = (&self.data, self.style);
        let images: Vec<(TileId, crate::basemap::RgbaImage)> = std::thread::scope(|s| {
            let handles: Vec<_> = todo
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        part.iter()
                            .map(|&t| (t, render_tile(data, style, t, 256, 1.0)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        for (t, image) in images {
            self.upload(t, &image);
        }
    }

    fn upload(&mut self, tile: TileId, image: &crate::basemap::RgbaImage) {
        let color = ColorImage::from_rgba_premultiplied(
            [image.width as usize, image.height as usize],
            &image.pixels,
        );
        let name = format!("basemap/{}/{}/{}", tile.zoom, tile.x, tile.y);
        let texture = self.ctx.load_texture(name, color, TextureOptions::LINEAR);
        self.cache.insert(tile, texture);
    }
}

/// The embedded offline basemap data, parsed once per process and shared by every headless
/// render (the window's tiles load their own copy on a worker).
///
/// # Errors
/// The parse error, as text, if the embedded layers were broken at build time.
pub fn shared_data() -> Result<Arc<BasemapData>, String> {
    static DATA: std::sync::OnceLock<Result<Arc<BasemapData>, String>> = std::sync::OnceLock::new();
    DATA.get_or_init(|| {
        BasemapData::embedded()
            .map(Arc::new)
            .map_err(|e| e.to_string())
    })
    .clone()
}

fn valid(tile: TileId) -> bool {
    let n = 1u64 << u32::from(tile.zoom).min(63);
    u64::from(tile.x) < n && u64::from(tile.y) < n
}

/// The tiles (at walkers' integer zoom for `zoom`) covering a `width` × `height` point view
/// centred on (`lat`, `lon`), with a one-tile margin.
pub fn visible_tiles(lat: f64, lon: f64, zoom: f64, width: f32, height: f32) -> Vec<TileId> {
    let z = zoom.round().clamp(0.0, 25.0) as u8;
    // walkers draws tiles of the rounded zoom scaled by 2^(zoom - z).
    let scale = 2f64.powf(zoom - f64::from(z));
    let n = f64::from(1u32 << z);
    let x = (lon + 180.0) / 360.0 * n;
    let lat_r = lat.to_radians();
    let y = (1.0 - (lat_r.tan() + 1.0 / lat_r.cos()).ln() / std::f64::consts::PI) / 2.0 * n;
    let half_w = f64::from(width) / 2.0 / (256.0 * scale);
    let half_h = f64::from(height) / 2.0 / (256.0 * scale);
    let (x0, x1) = ((x - half_w).floor() - 1.0, (x + half_w).floor() + 1.0);
    let (y0, y1) = (
        ((y - half_h).floor() - 1.0).max(0.0),
        ((y + half_h).floor() + 1.0).min(n - 1.0),
    );
    let mut out = Vec::new();
    let mut ty = y0;
    while ty <= y1 {
        let mut tx = x0;
        while tx <= x1 {
            // Wrap around the antimeridian.
            let wx = tx.rem_euclid(n);
            out.push(TileId {
                x: wx as u32,
                y: ty as u32,
                zoom: z,
            });
            tx += 1.0;
        }
        ty += 1.0;
    }
    out.sort_by_key(|t| (t.y, t.x));
    out.dedup();
    out
}

impl Tiles for SyncOfflineTiles {
    fn at(&mut self, tile: TileId) -> Option<TilePiece> {
        if !valid(tile) {
            return None;
        }
        let full = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
        if let Some(t) = self.cache.get(&tile) {
            return Some(TilePiece::new(Tile::Raster(t.clone()), full));
        }
        let image = render_tile(&self.data, self.style, tile, 256, 1.0);
        self.upload(tile, &image);
        self.cache
            .get(&tile)
            .map(|t| TilePiece::new(Tile::Raster(t.clone()), full))
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: OFFLINE_ATTRIBUTION,
            url: "https://www.naturalearthdata.com",
            logo_light: None,
            logo_dark: None,
        }
    }

    fn tile_size(&self) -> u32 {
        256
    }

    fn stats(&self) -> Stats {
        Stats { in_progress: 0 }
    }
}

/// Tiles for a headless image: the chosen source over synchronously drawn offline tiles.
/// A PMTiles archive is read synchronously by walkers too; OSM is never waited for.
pub struct RenderTiles {
    /// The offline basemap, drawn on demand.
    pub offline: SyncOfflineTiles,
    /// OpenStreetMap or a PMTiles archive over it, if chosen and readable.
    pub overlay: Option<BasemapSource>,
    /// Tiles the overlay did not have, since the last reset.
    pub misses: usize,
}

impl Tiles for RenderTiles {
    fn at(&mut self, tile: TileId) -> Option<TilePiece> {
        if let Some(o) = &mut self.overlay {
            if let Some(p) = o.at(tile) {
                return Some(p);
            }
            self.misses += 1;
        }
        self.offline.at(tile)
    }

    fn attribution(&self) -> Attribution {
        self.offline.attribution()
    }

    fn tile_size(&self) -> u32 {
        256
    }

    fn stats(&self) -> Stats {
        Stats {
            in_progress: self.overlay.as_ref().map_or(0, |o| o.stats().in_progress),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_world_at_zoom_zero_is_one_tile() {
        assert_eq!(
            visible_tiles(0.0, 0.0, 0.0, 256.0, 256.0),
            vec![TileId {
                x: 0,
                y: 0,
                zoom: 0
            }]
        );
    }

    #[test]
    fn a_full_hd_view_at_zoom_six_needs_a_few_dozen_tiles() {
        // Damascus: lat 33.5, lon 36.3.
        let n = visible_tiles(33.5, 36.3, 6.0, 1920.0, 1080.0).len();
        assert!((40..=80).contains(&n), "{n}");
    }

    #[test]
    fn the_osm_attribution_keeps_natural_earth_for_the_basemap_underneath() {
        let text = attribution_text(Some("© OpenStreetMap contributors"));
        assert!(text.starts_with("© OpenStreetMap contributors"));
        assert!(text.contains("Natural Earth"));
    }
}

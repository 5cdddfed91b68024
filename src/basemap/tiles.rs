//! The offline basemap as a walkers tile source: tiles are rasterised on two worker threads
//! and kept as textures in a bounded cache. This file is the only one in `basemap` that
//! knows about egui.
//!
//! There is no HTTP client anywhere in here: the offline source cannot touch the network.

use std::collections::{HashSet, VecDeque};
use std::num::NonZeroUsize;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use egui::{ColorImage, Context, Rect, TextureHandle, TextureOptions, pos2};
use lru::LruCache;
use walkers::sources::Attribution;
use walkers::{Stats, Tile, TileId, TilePiece, Tiles};

use super::data::BasemapData;
use super::error::BasemapError;
use super::render::{Style, render_tile};

/// How many textures the cache keeps: a full-HD screen shows about 40 tiles, so this holds
/// several screens' worth plus their parents.
const CACHE_TILES: usize = 512;

/// How many rasteriser threads run: the machine has two cores, and the UI needs some.
const WORKERS: usize = 2;

/// Requests beyond this many are dropped, oldest first: after a fast pan they are off
/// screen anyway, and walkers asks again for whatever is still visible.
const MAX_QUEUED: usize = 96;

/// The logical size of a tile, in points. Tiles are rasterised at this times the screen's
/// pixels per point, so they stay crisp on HiDPI screens.
const TILE_POINTS: u32 = 256;

/// What the attribution line says for the offline basemap.
pub const OFFLINE_ATTRIBUTION: &str = "Natural Earth · GeoNames (CC BY 4.0)";

/// Offline basemap tiles for walkers, drawn from Natural Earth layers on worker threads.
///
/// While a tile is being drawn, [`Tiles::at`] returns the nearest cached ancestor with the
/// matching sub-rectangle, so zooming never shows blank squares once any parent was drawn.
pub struct OfflineTiles {
    shared: Arc<Shared>,
    results: Receiver<Done>,
    cache: LruCache<TileId, TextureHandle>,
    style: Style,
    generation: u64,
    pixels_per_point: f32,
    ctx: Context,
}

/// What the UI thread and the workers share.
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

struct State {
    data: Option<Arc<BasemapData>>,
    load_error: Option<BasemapError>,
    jobs: VecDeque<Job>,
    /// Tiles queued or being drawn, so each is asked for once.
    pending: HashSet<TileId>,
    shutdown: bool,
}

#[derive(Clone, Copy)]
struct Job {
    tile: TileId,
    style: Style,
    generation: u64,
    tile_px: u32,
    pixels_per_point: f32,
}

struct Done {
    tile: TileId,
    generation: u64,
    texture: TextureHandle,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A worker that panicked mid-tile leaves nothing half-changed that matters.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl OfflineTiles {
    /// Tiles drawn from `data`, which is already loaded.
    pub fn new(data: Arc<BasemapData>, style: Style, ctx: &Context) -> Self {
        let tiles = Self::empty(style, ctx);
        tiles.shared.lock().data = Some(data);
        tiles
    }

    /// Tiles whose data is loaded by `load` on a background thread. Until it finishes the
    /// map shows no basemap; if it fails, [`Self::take_load_error`] returns why.
    ///
    /// ```no_run
    /// # fn demo(ctx: &egui::Context) {
    /// use newsmap::basemap::{BasemapData, OfflineTiles, Style};
    /// let tiles = OfflineTiles::loading(Style::Light, ctx, BasemapData::embedded);
    /// # }
    /// ```
    pub fn loading(
        style: Style,
        ctx: &Context,
        load: impl FnOnce() -> Result<BasemapData, BasemapError> + Send + 'static,
    ) -> Self {
        let tiles = Self::empty(style, ctx);
        let shared = Arc::clone(&tiles.shared);
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("basemap-load".into())
            .spawn(move || {
                let result = load();
                let mut state = shared.lock();
                match result {
                    Ok(data) => state.data = Some(Arc::new(data)),
                    Err(error) => state.load_error = Some(error),
                }
                drop(state);
                shared.wake.notify_all();
                ctx.request_repaint();
            });
        if let Err(error) = spawned {
            tiles.shared.lock().load_error = Some(BasemapError::ReadLayer {
                path: "<embedded>".into(),
                source: error,
            });
        }
        tiles
    }

    fn empty(style: Style, ctx: &Context) -> Self {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                data: None,
                load_error: None,
                jobs: VecDeque::new(),
                pending: HashSet::new(),
                shutdown: false,
            }),
            wake: Condvar::new(),
        });
        let (tx, results) = channel();
        for i in 0..WORKERS {
            let shared = Arc::clone(&shared);
            let tx = tx.clone();
            let ctx = ctx.clone();
            // If a worker cannot start, the other still draws; with none, `at` shows nothing.
            let _ = std::thread::Builder::new()
                .name(format!("basemap-raster-{i}"))
                .spawn(move || worker(&shared, &tx, &ctx));
        }
        Self {
            shared,
            results,
            cache: LruCache::new(NonZeroUsize::MIN.saturating_add(CACHE_TILES - 1)),
            style,
            generation: 0,
            pixels_per_point: ctx.pixels_per_point(),
            ctx: ctx.clone(),
        }
    }

    /// Switch between the light and dark look; tiles already drawn are redrawn.
    pub fn set_style(&mut self, style: Style) {
        if style != self.style {
            self.style = style;
            self.restart();
        }
    }

    /// The current look.
    pub fn style(&self) -> Style {
        self.style
    }

    /// Why loading the data failed, once (then `None`).
    pub fn take_load_error(&mut self) -> Option<BasemapError> {
        self.shared.lock().load_error.take()
    }

    /// Whether the data is loaded and tiles can be drawn.
    pub fn is_ready(&self) -> bool {
        self.shared.lock().data.is_some()
    }

    /// Forget every drawn and queued tile (the style or the screen's scale changed).
    fn restart(&mut self) {
        self.generation += 1;
        self.cache.clear();
        let mut state = self.shared.lock();
        state.jobs.clear();
        state.pending.clear();
    }

    fn collect_results(&mut self) {
        while let Ok(done) = self.results.try_recv() {
            if done.generation == self.generation {
                self.cache.put(done.tile, done.texture);
            }
        }
    }

    fn request(&mut self, tile: TileId) {
        let job = Job {
            tile,
            style: self.style,
            generation: self.generation,
            tile_px: (TILE_POINTS as f32 * self.pixels_per_point)
                .round()
                .max(1.0) as u32,
            pixels_per_point: self.pixels_per_point,
        };
        let mut state = self.shared.lock();
        if !state.pending.insert(tile) {
            return;
        }
        state.jobs.push_back(job);
        while state.jobs.len() > MAX_QUEUED {
            if let Some(old) = state.jobs.pop_front() {
                state.pending.remove(&old.tile);
            }
        }
        drop(state);
        self.shared.wake.notify_one();
    }

    /// The nearest drawn ancestor of `tile` and the part of it that covers `tile`.
    fn ancestor(&mut self, tile: TileId) -> Option<TilePiece> {
        (0..tile.zoom).rev().find_map(|zoom| {
            let (parent, uv) = ancestor_uv(tile, zoom);
            self.cache
                .get(&parent)
                .map(|texture| TilePiece::new(Tile::Raster(texture.clone()), uv))
        })
    }
}

impl Drop for OfflineTiles {
    fn drop(&mut self) {
        let mut state = self.shared.lock();
        state.shutdown = true;
        state.jobs.clear();
        drop(state);
        self.shared.wake.notify_all();
    }
}

/// The tile at `zoom` containing `tile` (with `zoom <= tile.zoom`), and the sub-rectangle of
/// it, in 0..1 texture coordinates, that covers `tile`.
pub fn ancestor_uv(tile: TileId, zoom: u8) -> (TileId, Rect) {
    let levels = u32::from(tile.zoom.saturating_sub(zoom)).min(31);
    let n = 1u32 << levels;
    let parent = TileId {
        x: tile.x >> levels,
        y: tile.y >> levels,
        zoom: tile.zoom - levels as u8,
    };
    let step = 1.0 / n as f32;
    let (ux, uy) = ((tile.x % n) as f32 * step, (tile.y % n) as f32 * step);
    (
        parent,
        Rect::from_min_max(pos2(ux, uy), pos2(ux + step, uy + step)),
    )
}

fn is_valid(tile: TileId) -> bool {
    let n = 1u64 << u32::from(tile.zoom).min(63);
    u64::from(tile.x) < n && u64::from(tile.y) < n
}

impl Tiles for OfflineTiles {
    fn at(&mut self, tile: TileId) -> Option<TilePiece> {
        self.collect_results();
        if !is_valid(tile) {
            return None;
        }
        let ppp = self.ctx.pixels_per_point();
        if (ppp - self.pixels_per_point).abs() > f32::EPSILON {
            self.pixels_per_point = ppp;
            self.restart();
        }
        if let Some(texture) = self.cache.get(&tile) {
            let full = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
            return Some(TilePiece::new(Tile::Raster(texture.clone()), full));
        }
        self.request(tile);
        self.ancestor(tile)
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
        TILE_POINTS
    }

    fn stats(&self) -> Stats {
        Stats {
            in_progress: self.shared.lock().pending.len(),
        }
    }
}

/// One rasteriser thread: take the newest job, draw it, upload it, wake the UI.
fn worker(shared: &Shared, tx: &Sender<Done>, ctx: &Context) {
    loop {
        let (job, data) = {
            let mut state = shared.lock();
            loop {
                if state.shutdown {
                    return;
                }
                if let Some(data) = state.data.clone()
                    && let Some(job) = state.jobs.pop_back()
                {
                    break (job, data);
                }
                state = shared
                    .wake
                    .wait(state)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
            }
        };
        let image = render_tile(
            &data,
            job.style,
            job.tile,
            job.tile_px,
            job.pixels_per_point,
        );
        let color = ColorImage::from_rgba_premultiplied(
            [image.width as usize, image.height as usize],
            &image.pixels,
        );
        let name = format!("basemap/{}/{}/{}", job.tile.zoom, job.tile.x, job.tile.y);
        let texture = ctx.load_texture(name, color, TextureOptions::LINEAR);
        shared.lock().pending.remove(&job.tile);
        let done = Done {
            tile: job.tile,
            generation: job.generation,
            texture,
        };
        if tx.send(done).is_err() {
            return;
        }
        ctx.request_repaint();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grandchild_uses_a_quarter_of_a_quarter_of_its_grandparent() {
        let (parent, uv) = ancestor_uv(
            TileId {
                x: 7,
                y: 2,
                zoom: 3,
            },
            1,
        );
        assert_eq!(
            parent,
            TileId {
                x: 1,
                y: 0,
                zoom: 1
            }
        );
        assert_eq!(uv, Rect::from_min_max(pos2(0.75, 0.5), pos2(1.0, 0.75)));
    }

    #[test]
    fn tiles_outside_the_world_are_invalid() {
        assert!(is_valid(TileId {
            x: 3,
            y: 3,
            zoom: 2
        }));
        assert!(!is_valid(TileId {
            x: 4,
            y: 0,
            zoom: 2
        }));
    }
}

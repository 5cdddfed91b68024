//! Rasterising one basemap tile into RGBA pixels with tiny-skia: no UI toolkit, no I/O,
//! the same bytes every time for the same inputs.

use tiny_skia::{
    Color, FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, StrokeDash, Transform,
};
use walkers::TileId;

use super::clip::{Point, Rect, clip_ring};
use super::data::{BasemapData, Index, PolygonLayer};
use super::error::BasemapError;

/// The look of the offline basemap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Style {
    /// Pale land on a soft blue sea, for the light UI theme.
    #[default]
    Light,
    /// Dark grey land on a deep blue-grey sea, for the dark UI theme.
    Dark,
}

/// The colours of one [`Style`], as RGB.
struct Palette {
    sea: [u8; 3],
    land: [u8; 3],
    coast: [u8; 3],
    river: [u8; 3],
    border: [u8; 3],
    admin1: [u8; 3],
}

impl Style {
    fn palette(self) -> Palette {
        match self {
            Style::Light => Palette {
                sea: [181, 208, 229],
                land: [242, 239, 231],
                coast: [128, 166, 196],
                river: [150, 190, 218],
                border: [150, 132, 160],
                admin1: [204, 194, 208],
            },
            Style::Dark => Palette {
                sea: [24, 36, 49],
                land: [50, 54, 59],
                coast: [76, 102, 124],
                river: [48, 76, 100],
                border: [146, 132, 156],
                admin1: [82, 78, 90],
            },
        }
    }

    /// The sea's colour as RGBA: what an empty tile is filled with.
    pub fn sea_rgba(self) -> [u8; 4] {
        let [r, g, b] = self.palette().sea;
        [r, g, b, 255]
    }

    /// The land's colour as RGBA.
    pub fn land_rgba(self) -> [u8; 4] {
        let [r, g, b] = self.palette().land;
        [r, g, b, 255]
    }
}

/// An opaque RGBA image, row by row from the top, 4 bytes a pixel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RgbaImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 4` bytes, RGBA (alpha is always 255, so premultiplied or not is
    /// the same thing).
    pub pixels: Vec<u8>,
}

impl RgbaImage {
    /// The pixel at (`x`, `y`) from the top left, if inside.
    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 4]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = ((y * self.width + x) * 4) as usize;
        let p = self.pixels.get(i..i + 4)?;
        Some([p[0], p[1], p[2], p[3]])
    }

    /// Encode as PNG (for screenshots and debugging).
    ///
    /// # Errors
    /// [`BasemapError::Encode`] if the buffer does not match the size or encoding fails.
    pub fn to_png(&self) -> Result<Vec<u8>, BasemapError> {
        let size = tiny_skia::IntSize::from_wh(self.width, self.height)
            .ok_or_else(|| BasemapError::Encode("empty image".into()))?;
        let pixmap = Pixmap::from_vec(self.pixels.clone(), size)
            .ok_or_else(|| BasemapError::Encode("buffer does not match the size".into()))?;
        pixmap
            .encode_png()
            .map_err(|e| BasemapError::Encode(e.to_string()))
    }
}

/// Line widths at one zoom, in points.
struct Widths {
    coast: f32,
    lake_shore: f32,
    river: f32,
    border: f32,
    admin1: f32,
}

fn widths(zoom: u8) -> Widths {
    let coast = match zoom {
        0..=2 => 0.5,
        3..=4 => 0.7,
        5..=7 => 0.9,
        _ => 1.2,
    };
    Widths {
        coast,
        lake_shore: coast * 0.7,
        river: match zoom {
            0..=4 => 0.5,
            5..=6 => 0.7,
            7..=8 => 1.0,
            _ => 1.4,
        },
        border: match zoom {
            0..=2 => 0.6,
            3..=4 => 0.8,
            5..=7 => 1.1,
            _ => 1.5,
        },
        admin1: match zoom {
            0..=6 => 0.5,
            _ => 0.8,
        },
    }
}

/// Where a tile lies and how world units map onto its pixels.
struct Frame {
    /// World units to pixels.
    scale: f64,
    /// The tile's top-left corner in pixels of the whole world at this zoom.
    origin: Point,
    /// The pixel rectangle worth drawing into: the tile and a margin for strokes.
    clip: Rect,
    /// The same rectangle in world units, for querying the index.
    world: Rect,
    /// Points closer than this to the previous one are skipped, in pixels.
    tolerance: f64,
}

impl Frame {
    fn new(tile: TileId, tile_px: u32, pixels_per_point: f32) -> Self {
        let size = f64::from(tile_px);
        let scale = 2f64.powi(i32::from(tile.zoom)) * size;
        let origin = [f64::from(tile.x) * size, f64::from(tile.y) * size];
        let margin = 4.0 * f64::from(pixels_per_point.max(1.0));
        let clip = [-margin, -margin, size + margin, size + margin];
        let world = [
            (origin[0] + clip[0]) / scale,
            (origin[1] + clip[1]) / scale,
            (origin[0] + clip[2]) / scale,
            (origin[1] + clip[3]) / scale,
        ];
        Self {
            scale,
            origin,
            clip,
            world,
            tolerance: 0.5,
        }
    }

    fn to_px(&self, p: &Point) -> Point {
        [
            p[0] * self.scale - self.origin[0],
            p[1] * self.scale - self.origin[1],
        ]
    }
}

/// Render the tile `tile` of the offline basemap as a `tile_px`-square RGBA image.
///
/// `pixels_per_point` scales the line widths, so a HiDPI screen (2.0) gets `tile_px` 512
/// with lines as thick, in points, as on a normal one at 256. Any zoom renders: beyond the
/// data's detail (about zoom 10) the lines just get smoother, never blank. Tiles outside
/// the world (x or y ≥ 2^zoom) come out as plain sea.
///
/// ```no_run
/// # fn demo(data: &newsmap::basemap::BasemapData) {
/// use newsmap::basemap::{Style, render_tile};
/// use walkers::TileId;
/// let image = render_tile(data, Style::Light, TileId { x: 38, y: 25, zoom: 6 }, 256, 1.0);
/// assert_eq!(image.pixels.len(), 256 * 256 * 4);
/// # }
/// ```
pub fn render_tile(
    data: &BasemapData,
    style: Style,
    tile: TileId,
    tile_px: u32,
    pixels_per_point: f32,
) -> RgbaImage {
    let tile_px = tile_px.max(1);
    let palette = style.palette();
    let Some(mut pixmap) = Pixmap::new(tile_px, tile_px) else {
        return RgbaImage {
            width: 0,
            height: 0,
            pixels: Vec::new(),
        };
    };
    pixmap.fill(color(palette.sea));

    let frame = Frame::new(tile, tile_px, pixels_per_point);
    let ppp = pixels_per_point.max(0.1);
    let w = widths(tile.zoom);
    let level = data.level(tile.zoom);
    let mut scratch = Scratch::default();

    fill_polygons(
        &mut pixmap,
        &level.land,
        tile,
        &frame,
        palette.land,
        &mut scratch,
    );
    fill_polygons(
        &mut pixmap,
        &level.lakes,
        tile,
        &frame,
        palette.sea,
        &mut scratch,
    );
    stroke_lines(
        &mut pixmap,
        &level.lakes.outline,
        &frame,
        palette.coast,
        w.lake_shore * ppp,
        &LineFilter::All,
        &mut scratch,
    );
    if tile.zoom >= 4 {
        stroke_lines(
            &mut pixmap,
            &level.rivers,
            &frame,
            palette.river,
            w.river * ppp,
            &LineFilter::MinZoom(f32::from(tile.zoom) + 1.0),
            &mut scratch,
        );
    }
    if let Some(admin1) = level.admin1.as_ref().filter(|_| tile.zoom >= 5) {
        stroke_lines(
            &mut pixmap,
            admin1,
            &frame,
            palette.admin1,
            w.admin1 * ppp,
            &LineFilter::All,
            &mut scratch,
        );
    }
    stroke_lines(
        &mut pixmap,
        &level.borders,
        &frame,
        palette.border,
        w.border * ppp,
        &LineFilter::Disputed(false),
        &mut scratch,
    );
    stroke_lines_dashed(
        &mut pixmap,
        &level.borders,
        &frame,
        palette.border,
        w.border * ppp,
        ppp,
        &mut scratch,
    );
    stroke_lines(
        &mut pixmap,
        &level.land.outline,
        &frame,
        palette.coast,
        w.coast * ppp,
        &LineFilter::All,
        &mut scratch,
    );

    RgbaImage {
        width: tile_px,
        height: tile_px,
        pixels: pixmap.take(),
    }
}

fn color([r, g, b]: [u8; 3]) -> Color {
    Color::from_rgba8(r, g, b, 255)
}

fn paint(rgb: [u8; 3]) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(color(rgb));
    paint.anti_alias = true;
    paint
}

/// Buffers reused across shapes of one tile.
#[derive(Default)]
struct Scratch {
    px: Vec<Point>,
    clipped: Vec<Point>,
    other: Vec<Point>,
}

fn fill_polygons(
    pixmap: &mut Pixmap,
    layer: &PolygonLayer,
    tile: TileId,
    frame: &Frame,
    rgb: [u8; 3],
    scratch: &mut Scratch,
) {
    let paint = paint(rgb);
    let tol2 = frame.tolerance * frame.tolerance;
    let zoom = tile.zoom;
    for shape in layer.fill_index(zoom).query(&frame.world) {
        if let Some((depth, cx, cy)) = shape.cell {
            // A piece is drawn only inside its own cell, where its cut edges are out of
            // sight; the neighbouring cell's own piece covers the rest.
            let up = u32::from(zoom.saturating_sub(depth)).min(31);
            if (tile.x >> up, tile.y >> up) != (cx, cy) {
                continue;
            }
        }
        // Pieces of one feature overlap their neighbours, so each is filled on its own.
        let mut pb = PathBuilder::new();
        for ring in &shape.paths {
            scratch.px.clear();
            scratch.px.extend(ring.iter().map(|p| frame.to_px(p)));
            clip_ring(
                &scratch.px,
                &frame.clip,
                &mut scratch.clipped,
                &mut scratch.other,
            );
            let mut last: Option<Point> = None;
            let mut count = 0;
            for p in &scratch.clipped {
                match last {
                    None => pb.move_to(p[0] as f32, p[1] as f32),
                    Some(l) if dist2(&l, p) < tol2 => continue,
                    Some(_) => pb.line_to(p[0] as f32, p[1] as f32),
                }
                last = Some(*p);
                count += 1;
            }
            if count > 0 {
                pb.close();
            }
        }
        if let Some(path) = pb.finish() {
            pixmap.fill_path(
                &path,
                &paint,
                FillRule::EvenOdd,
                Transform::identity(),
                None,
            );
        }
    }
}

/// Which chunks of a line layer to draw.
enum LineFilter {
    All,
    /// Only chunks whose `disputed` flag is this.
    Disputed(bool),
    /// Only chunks whose `min_zoom` is at most this.
    MinZoom(f32),
}

impl LineFilter {
    fn keeps(&self, disputed: bool, min_zoom: f32) -> bool {
        match *self {
            LineFilter::All => true,
            LineFilter::Disputed(d) => d == disputed,
            LineFilter::MinZoom(z) => min_zoom <= z,
        }
    }
}

fn dist2(a: &Point, b: &Point) -> f64 {
    let (dx, dy) = (a[0] - b[0], a[1] - b[1]);
    dx * dx + dy * dy
}

/// The path of every kept chunk of `index` near the tile, cut where it leaves the tile and
/// thinned to the tolerance.
fn line_path(
    index: &Index,
    frame: &Frame,
    filter: &LineFilter,
    scratch: &mut Scratch,
) -> Option<tiny_skia::Path> {
    let tol2 = frame.tolerance * frame.tolerance;
    let c = frame.clip;
    let mut pb = PathBuilder::new();
    for shape in index.query(&frame.world) {
        if !filter.keeps(shape.disputed, shape.min_zoom) {
            continue;
        }
        for line in &shape.paths {
            scratch.px.clear();
            scratch.px.extend(line.iter().map(|p| frame.to_px(p)));
            let pts = &scratch.px;
            // `last` is the pen position when drawing, `None` when the pen is up.
            let mut last: Option<Point> = None;
            for i in 1..pts.len() {
                let (a, b) = (pts[i - 1], pts[i]);
                let visible = a[0].max(b[0]) >= c[0]
                    && a[0].min(b[0]) <= c[2]
                    && a[1].max(b[1]) >= c[1]
                    && a[1].min(b[1]) <= c[3];
                if !visible {
                    last = None;
                    continue;
                }
                match last {
                    None => {
                        pb.move_to(a[0] as f32, a[1] as f32);
                        pb.line_to(b[0] as f32, b[1] as f32);
                        last = Some(b);
                    }
                    Some(l) => {
                        if dist2(&l, &b) >= tol2 || i + 1 == pts.len() {
                            pb.line_to(b[0] as f32, b[1] as f32);
                            last = Some(b);
                        }
                    }
                }
            }
        }
    }
    pb.finish()
}

fn stroke_lines(
    pixmap: &mut Pixmap,
    index: &Index,
    frame: &Frame,
    rgb: [u8; 3],
    width: f32,
    filter: &LineFilter,
    scratch: &mut Scratch,
) {
    if let Some(path) = line_path(index, frame, filter, scratch) {
        let stroke = Stroke {
            width,
            line_cap: LineCap::Round,
            line_join: LineJoin::Round,
            ..Stroke::default()
        };
        pixmap.stroke_path(&path, &paint(rgb), &stroke, Transform::identity(), None);
    }
}

fn stroke_lines_dashed(
    pixmap: &mut Pixmap,
    index: &Index,
    frame: &Frame,
    rgb: [u8; 3],
    width: f32,
    ppp: f32,
    scratch: &mut Scratch,
) {
    if let Some(path) = line_path(index, frame, &LineFilter::Disputed(true), scratch) {
        let stroke = Stroke {
            width,
            line_cap: LineCap::Butt,
            line_join: LineJoin::Round,
            dash: StrokeDash::new(vec![4.0 * ppp, 3.0 * ppp], 0.0),
            ..Stroke::default()
        };
        pixmap.stroke_path(&path, &paint(rgb), &stroke, Transform::identity(), None);
    }
}

//! The basemap's layers: parsed from GeoJSON once, projected to Web Mercator, cut into
//! pieces and indexed so that drawing one tile only touches the geometry near it.
//!
//! Coordinates are *world units*: Web Mercator scaled so the whole world is the square
//! `0..1` (x grows east from the antimeridian, y grows south from 85.05° N). A tile
//! `(x, y, zoom)` covers `x / 2^zoom .. (x + 1) / 2^zoom` in both axes.

use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

use rstar::{AABB, RTree, primitives::GeomWithData, primitives::Rectangle};
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use super::clip::{Point, Rect, bbox_of, clip_ring, contains, doubled_area, intersects};
use super::error::BasemapError;

/// Web Mercator's latitude limit, in degrees: the world square's top and bottom edges.
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;

/// How many points a line chunk holds at most: smaller chunks cull tighter, larger ones
/// make the index smaller.
const LINE_CHUNK: usize = 64;

/// Project (longitude, latitude) in degrees to world units (see the module docs).
///
/// ```
/// use newsmap::basemap::data::project;
/// // (longitude, latitude) = (0, 0) is the middle of the world square.
/// let [x, y] = project(0.0, 0.0);
/// assert!((x - 0.5).abs() < 1e-12 && (y - 0.5).abs() < 1e-12);
/// ```
pub fn project(lon: f64, lat: f64) -> [f64; 2] {
    let lat = lat.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    [x, y]
}

/// One indexed shape: a polygon (its rings, filled even-odd) or a run of polyline.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    /// Rings (polygons) or polylines, in world units.
    pub paths: Vec<Vec<Point>>,
    /// Whether the border it draws is disputed (country borders only).
    pub disputed: bool,
    /// The zoom from which it should be drawn (rivers only; 0 elsewhere).
    pub min_zoom: f32,
    /// For a polygon piece: the grid cell `(zoom, x, y)` it was cut for. It is drawn only
    /// into tiles inside that cell, so its cut edges never show.
    pub cell: Option<(u8, u32, u32)>,
}

/// Shapes with an R-tree over their bounding boxes.
pub(crate) struct Index {
    shapes: Vec<Shape>,
    tree: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
}

impl Index {
    fn new(shapes: Vec<Shape>) -> Self {
        let boxes = shapes
            .iter()
            .enumerate()
            .filter_map(|(i, shape)| {
                let b = shape
                    .paths
                    .iter()
                    .filter_map(|p| bbox_of(p))
                    .reduce(|a, b| {
                        [
                            a[0].min(b[0]),
                            a[1].min(b[1]),
                            a[2].max(b[2]),
                            a[3].max(b[3]),
                        ]
                    })?;
                Some(GeomWithData::new(
                    Rectangle::from_corners([b[0], b[1]], [b[2], b[3]]),
                    i,
                ))
            })
            .collect();
        Self {
            shapes,
            tree: RTree::bulk_load(boxes),
        }
    }

    /// The shapes whose bounding box meets `rect`, in load order (so drawing is
    /// deterministic whatever the tree's layout).
    pub(crate) fn query(&self, rect: &Rect) -> Vec<&Shape> {
        let envelope = AABB::from_corners([rect[0], rect[1]], [rect[2], rect[3]]);
        let mut hits: Vec<usize> = self
            .tree
            .locate_in_envelope_intersecting(&envelope)
            .map(|g| g.data)
            .collect();
        hits.sort_unstable();
        hits.into_iter()
            .filter_map(|i| self.shapes.get(i))
            .collect()
    }

    /// How many shapes are indexed.
    pub(crate) fn len(&self) -> usize {
        self.shapes.len()
    }

    /// How many points all shapes hold together.
    fn points(&self) -> usize {
        self.shapes
            .iter()
            .flat_map(|s| &s.paths)
            .map(Vec::len)
            .sum()
    }
}

/// A polygon layer (land, lakes): filled from `pieces`, outlined from `outline`.
pub(crate) struct PolygonLayer {
    /// Whole features, for tiles larger than one grid cell.
    pub whole: Index,
    /// Features cut along a grid of `2^piece_zoom` cells (with an overlap), for tiles at
    /// `piece_zoom` and deeper, so a tile does not walk a whole continent's coastline.
    pub pieces: Index,
    /// The grid's zoom.
    pub piece_zoom: u8,
    /// The rings as polylines in short chunks, without the artificial edges along the
    /// antimeridian and the poles, for stroking the shore.
    pub outline: Index,
}

impl PolygonLayer {
    /// The index to fill from at `zoom`.
    pub(crate) fn fill_index(&self, zoom: u8) -> &Index {
        if zoom >= self.piece_zoom {
            &self.pieces
        } else {
            &self.whole
        }
    }
}

/// One level of detail: every layer at the scale meant for a range of zooms.
pub(crate) struct Level {
    pub land: PolygonLayer,
    pub lakes: PolygonLayer,
    pub rivers: Index,
    pub borders: Index,
    pub admin1: Option<Index>,
}

/// The GeoJSON text of every layer, as read from files or embedded in the binary.
///
/// `_lo` layers are drawn below zoom 5, `_hi` from zoom 5 on.
#[derive(Debug, Clone, Copy)]
pub struct LayerSources<'a> {
    /// Land polygons, coarse.
    pub land_lo: &'a str,
    /// Land polygons, detailed.
    pub land_hi: &'a str,
    /// Lake polygons, coarse.
    pub lakes_lo: &'a str,
    /// Lake polygons, detailed.
    pub lakes_hi: &'a str,
    /// River centre lines, coarse.
    pub rivers_lo: &'a str,
    /// River centre lines, detailed.
    pub rivers_hi: &'a str,
    /// Country borders (property `disputed`: bool), coarse.
    pub countries_lines_lo: &'a str,
    /// Country borders, detailed.
    pub countries_lines_hi: &'a str,
    /// First-level administrative borders (states, provinces), detailed only.
    pub admin1_lines_hi: &'a str,
}

/// The file names of the layers, in [`LayerSources`] order.
pub const LAYER_FILES: [&str; 9] = [
    "land_lo.geojson",
    "land_hi.geojson",
    "lakes_lo.geojson",
    "lakes_hi.geojson",
    "rivers_lo.geojson",
    "rivers_hi.geojson",
    "countries_lines_lo.geojson",
    "countries_lines_hi.geojson",
    "admin1_lines_hi.geojson",
];

/// Every layer of the basemap, projected and indexed, ready for [`super::render_tile`].
///
/// Build it once (it takes a moment: do it on a worker thread) and share it behind an
/// `Arc`; it is immutable.
pub struct BasemapData {
    pub(crate) lo: Level,
    pub(crate) hi: Level,
    load_time: Duration,
}

impl fmt::Debug for BasemapData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BasemapData")
            .field("lo_land_pieces", &self.lo.land.pieces.len())
            .field("hi_land_pieces", &self.hi.land.pieces.len())
            .field("hi_points", &self.hi.land.whole.points())
            .field("load_time", &self.load_time)
            .finish()
    }
}

impl BasemapData {
    /// Parse and index the layers in `sources`.
    ///
    /// # Errors
    /// [`BasemapError::ParseLayer`] naming the first layer that is not a GeoJSON
    /// FeatureCollection.
    pub fn from_sources(sources: &LayerSources<'_>) -> Result<Self, BasemapError> {
        let start = Instant::now();
        // The layers are independent: build them side by side on the two cores. Detailed land
        // alone takes as long as everything else together, so it gets a thread of its own.
        let (lo, hi) = std::thread::scope(|scope| {
            let side = scope.spawn(|| {
                let lo = Level {
                    land: polygon_layer("land_lo", sources.land_lo, 2)?,
                    lakes: polygon_layer("lakes_lo", sources.lakes_lo, 2)?,
                    rivers: line_layer("rivers_lo", sources.rivers_lo)?,
                    borders: line_layer("countries_lines_lo", sources.countries_lines_lo)?,
                    admin1: None,
                };
                let lakes = polygon_layer("lakes_hi", sources.lakes_hi, 5)?;
                let rivers = line_layer("rivers_hi", sources.rivers_hi)?;
                let borders = line_layer("countries_lines_hi", sources.countries_lines_hi)?;
                let admin1 = line_layer("admin1_lines_hi", sources.admin1_lines_hi)?;
                Ok::<_, BasemapError>((lo, lakes, rivers, borders, admin1))
            });
            let land = polygon_layer("land_hi", sources.land_hi, 5);
            let side = side
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            let (lo, lakes, rivers, borders, admin1) = side?;
            let hi = Level {
                land: land?,
                lakes,
                rivers,
                borders,
                admin1: Some(admin1),
            };
            Ok::<_, BasemapError>((lo, hi))
        })?;
        Ok(Self {
            lo,
            hi,
            load_time: start.elapsed(),
        })
    }

    /// The layers built into the binary from `geodata/basemap/` (Natural Earth, public
    /// domain). Parsing takes a moment: call it on a worker thread.
    ///
    /// # Errors
    /// [`BasemapError::ParseLayer`] if a file in `geodata/basemap/` was broken at build time.
    pub fn embedded() -> Result<Self, BasemapError> {
        macro_rules! layer {
            ($file:literal) => {
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/geodata/basemap/",
                    $file
                ))
            };
        }
        Self::from_sources(&LayerSources {
            land_lo: layer!("land_lo.geojson"),
            land_hi: layer!("land_hi.geojson"),
            lakes_lo: layer!("lakes_lo.geojson"),
            lakes_hi: layer!("lakes_hi.geojson"),
            rivers_lo: layer!("rivers_lo.geojson"),
            rivers_hi: layer!("rivers_hi.geojson"),
            countries_lines_lo: layer!("countries_lines_lo.geojson"),
            countries_lines_hi: layer!("countries_lines_hi.geojson"),
            admin1_lines_hi: layer!("admin1_lines_hi.geojson"),
        })
    }

    /// Read the nine layer files ([`LAYER_FILES`]) from `dir`, then parse and index them.
    ///
    /// # Errors
    /// [`BasemapError::ReadLayer`] for a missing or unreadable file,
    /// [`BasemapError::ParseLayer`] for one that is not GeoJSON.
    pub fn load_dir(dir: &Path) -> Result<Self, BasemapError> {
        let start = Instant::now();
        let mut texts = Vec::with_capacity(LAYER_FILES.len());
        for name in LAYER_FILES {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path)
                .map_err(|source| BasemapError::ReadLayer { path, source })?;
            texts.push(text);
        }
        let [
            land_lo,
            land_hi,
            lakes_lo,
            lakes_hi,
            rivers_lo,
            rivers_hi,
            countries_lines_lo,
            countries_lines_hi,
            admin1_lines_hi,
        ] = &texts[..]
        else {
            // `texts` has one entry per file by construction.
            return Err(BasemapError::ReadLayer {
                path: dir.to_path_buf(),
                source: std::io::Error::other("layer list out of step"),
            });
        };
        let mut data = Self::from_sources(&LayerSources {
            land_lo,
            land_hi,
            lakes_lo,
            lakes_hi,
            rivers_lo,
            rivers_hi,
            countries_lines_lo,
            countries_lines_hi,
            admin1_lines_hi,
        })?;
        data.load_time = start.elapsed();
        Ok(data)
    }

    /// How long parsing and indexing took (plus reading, for [`Self::load_dir`]).
    pub fn load_time(&self) -> Duration {
        self.load_time
    }

    /// The level of detail drawn at `zoom`: coarse below 5, detailed from 5.
    pub(crate) fn level(&self, zoom: u8) -> &Level {
        if zoom < 5 { &self.lo } else { &self.hi }
    }
}

/// A parsed feature before projection: its paths in (longitude, latitude) and the
/// properties the basemap draws with.
struct RawFeature {
    paths: Vec<Vec<Point>>,
    disputed: bool,
    min_zoom: f32,
}

fn parse_layer(layer: &str, text: &str) -> Result<Vec<RawFeature>, BasemapError> {
    let collection: JsonCollection =
        serde_json::from_str(text).map_err(|source| BasemapError::ParseLayer {
            layer: layer.to_string(),
            source,
        })?;
    Ok(collection
        .features
        .into_iter()
        .filter_map(|f| {
            let geometry = f.geometry?;
            let props = f.properties.unwrap_or_default();
            Some(RawFeature {
                paths: geometry.coordinates.0,
                disputed: props.disputed.as_ref().is_some_and(truthy),
                min_zoom: props.min_zoom.as_ref().and_then(number).unwrap_or(0.0) as f32,
            })
        })
        .collect())
}

fn truthy(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Bool(b) => *b,
        serde_json::Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        serde_json::Value::String(s) => matches!(s.as_str(), "true" | "1" | "yes"),
        _ => false,
    }
}

fn number(value: &serde_json::Value) -> Option<f64> {
    match value {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn project_path(path: &[Point]) -> Vec<Point> {
    path.iter().map(|p| project(p[0], p[1])).collect()
}

/// Build a polygon layer, cut into pieces on a grid at `piece_zoom`.
fn polygon_layer(layer: &str, text: &str, piece_zoom: u8) -> Result<PolygonLayer, BasemapError> {
    let features = parse_layer(layer, text)?;
    let mut whole = Vec::with_capacity(features.len());
    let mut outline = Vec::new();
    for feature in &features {
        let raw_rings: Vec<Vec<Point>> = feature
            .paths
            .iter()
            .filter(|r| r.len() >= 3)
            .flat_map(|r| split_at_antimeridian(r))
            .collect();
        let rings: Vec<Vec<Point>> = raw_rings.iter().map(|r| project_path(r)).collect();
        for (raw, ring) in raw_rings.iter().zip(&rings) {
            for run in shore_runs(raw, ring) {
                chunk_line(run, false, 0.0, &mut outline);
            }
        }
        if !rings.is_empty() {
            whole.push(Shape {
                paths: rings,
                disputed: false,
                min_zoom: 0.0,
                cell: None,
            });
        }
    }
    let mut pieces = Vec::new();
    for shape in &whole {
        cut_into_pieces(shape, (0, 0, 0), piece_zoom, &mut pieces);
    }
    Ok(PolygonLayer {
        whole: Index::new(whole),
        pieces: Index::new(pieces),
        piece_zoom,
        outline: Index::new(outline),
    })
}

/// A ring in (longitude, latitude) made to lie within -180..180: a ring that crosses the
/// antimeridian (a jump of more than 180° between two points) is unwrapped and cut into its
/// parts on either side, and a ring around a pole (Antarctica in some cuts) is closed
/// along the pole first. Other rings come back as they are.
fn split_at_antimeridian(ring: &[Point]) -> Vec<Vec<Point>> {
    let mut ring = ring.to_vec();
    if let (Some(first), Some(last)) = (ring.first().copied(), ring.last().copied())
        && first != last
    {
        ring.push(first);
    }
    let crosses = ring.windows(2).any(|w| (w[1][0] - w[0][0]).abs() > 180.0);
    if !crosses {
        return vec![ring];
    }
    let mut unwrapped: Vec<Point> = Vec::with_capacity(ring.len() + 2);
    for p in &ring {
        let lon = match unwrapped.last() {
            Some(prev) => p[0] + 360.0 * ((prev[0] - p[0]) / 360.0).round(),
            None => p[0],
        };
        unwrapped.push([lon, p[1]]);
    }
    let (Some(first), Some(last)) = (unwrapped.first().copied(), unwrapped.last().copied()) else {
        return Vec::new();
    };
    if (last[0] - first[0]).abs() > 180.0 {
        // It goes all the way round: close it over the nearer pole.
        let mean_lat = unwrapped.iter().map(|p| p[1]).sum::<f64>() / unwrapped.len() as f64;
        let pole = if mean_lat < 0.0 { -90.0 } else { 90.0 };
        unwrapped.push([last[0], pole]);
        unwrapped.push([first[0], pole]);
    }
    let Some(bbox) = bbox_of(&unwrapped) else {
        return Vec::new();
    };
    let world = [-180.0, -90.0, 180.0, 90.0];
    let (mut clipped, mut scratch) = (Vec::new(), Vec::new());
    let mut parts = Vec::new();
    let lowest = ((bbox[0] + 180.0) / 360.0).floor() as i32;
    let highest = ((bbox[2] + 180.0) / 360.0).floor() as i32;
    for k in lowest..=highest {
        let shift = -360.0 * f64::from(k);
        let shifted: Vec<Point> = unwrapped.iter().map(|p| [p[0] + shift, p[1]]).collect();
        clip_ring(&shifted, &world, &mut clipped, &mut scratch);
        if doubled_area(&clipped).abs() > 1e-9 {
            parts.push(clipped.clone());
        }
    }
    parts
}

/// The runs of a ring worth stroking as shore: everything except edges that run along the
/// antimeridian or the map's top and bottom, which are where the data was cut, not coast.
fn shore_runs<'a>(raw: &[Point], projected: &'a [Point]) -> Vec<&'a [Point]> {
    let artificial = |a: &Point, b: &Point| {
        (a[0].abs() >= 179.999 && b[0].abs() >= 179.999 && a[0].signum() == b[0].signum())
            || (a[1] >= MAX_LATITUDE && b[1] >= MAX_LATITUDE)
            || (a[1] <= -MAX_LATITUDE && b[1] <= -MAX_LATITUDE)
            || (a[1] <= -85.0 && b[1] <= -85.0)
    };
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..raw.len().min(projected.len()) {
        if artificial(&raw[i - 1], &raw[i]) {
            if i - start >= 2 {
                runs.push(&projected[start..i]);
            }
            start = i;
        }
    }
    if projected.len() - start >= 2 {
        runs.push(&projected[start..]);
    }
    runs
}

/// Split a projected polyline into chunks of at most [`LINE_CHUNK`] points (sharing their
/// end points), breaking it where it jumps across the antimeridian.
fn chunk_line(line: &[Point], disputed: bool, min_zoom: f32, out: &mut Vec<Shape>) {
    let mut start = 0;
    let flush = |from: usize, to: usize, out: &mut Vec<Shape>| {
        let mut i = from;
        while i + 1 < to {
            let end = (i + LINE_CHUNK).min(to);
            out.push(Shape {
                paths: vec![line[i..end].to_vec()],
                disputed,
                min_zoom,
                cell: None,
            });
            i = end - 1;
        }
    };
    for i in 1..line.len() {
        if (line[i][0] - line[i - 1][0]).abs() > 0.5 {
            flush(start, i, out);
            start = i;
        }
    }
    flush(start, line.len(), out);
}

/// Build a line layer: polylines in short chunks.
fn line_layer(layer: &str, text: &str) -> Result<Index, BasemapError> {
    let features = parse_layer(layer, text)?;
    let mut chunks = Vec::new();
    for feature in &features {
        for path in &feature.paths {
            chunk_line(
                &project_path(path),
                feature.disputed,
                feature.min_zoom,
                &mut chunks,
            );
        }
    }
    Ok(Index::new(chunks))
}

/// Cut `shape` along the grid down to `piece_zoom`, quadrant by quadrant, so each piece costs
/// only the points near it. Pieces overlap their neighbours by a sixteenth of a cell, so
/// that anti-aliased fills meet without a visible seam.
fn cut_into_pieces(shape: &Shape, at: (u8, u32, u32), piece_zoom: u8, out: &mut Vec<Shape>) {
    let (depth, cx, cy) = at;
    let size = 0.5f64.powi(i32::from(depth));
    let cell = [
        f64::from(cx) * size,
        f64::from(cy) * size,
        f64::from(cx + 1) * size,
        f64::from(cy + 1) * size,
    ];
    let Some(bbox) = shape
        .paths
        .iter()
        .filter_map(|p| bbox_of(p))
        .reduce(|a, b| {
            [
                a[0].min(b[0]),
                a[1].min(b[1]),
                a[2].max(b[2]),
                a[3].max(b[3]),
            ]
        })
    else {
        return;
    };
    // Small shapes stay whole: they cost little wherever they are drawn.
    let finest = 0.5f64.powi(i32::from(piece_zoom));
    let small = bbox[2] - bbox[0] <= finest && bbox[3] - bbox[1] <= finest;
    if depth >= piece_zoom || small {
        let mut piece = shape.clone();
        piece.cell = Some(at);
        out.push(piece);
        return;
    }
    let half = size / 2.0;
    let (mut clipped, mut scratch) = (Vec::new(), Vec::new());
    for (dx, dy) in [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)] {
        let quad = [
            cell[0] + dx * half,
            cell[1] + dy * half,
            cell[0] + (dx + 1.0) * half,
            cell[1] + (dy + 1.0) * half,
        ];
        let qm = half / 16.0;
        let quad_grown = [quad[0] - qm, quad[1] - qm, quad[2] + qm, quad[3] + qm];
        if !intersects(&quad_grown, &bbox) {
            continue;
        }
        let mut paths = Vec::new();
        for ring in &shape.paths {
            let Some(rb) = bbox_of(ring) else { continue };
            if contains(&quad_grown, &rb) {
                paths.push(ring.clone());
            } else if intersects(&quad_grown, &rb) {
                clip_ring(ring, &quad_grown, &mut clipped, &mut scratch);
                if doubled_area(&clipped).abs() > 1e-18 {
                    paths.push(clipped.clone());
                }
            }
        }
        if !paths.is_empty() {
            let piece = Shape {
                paths,
                disputed: false,
                min_zoom: 0.0,
                cell: None,
            };
            let child = (depth + 1, cx * 2 + dx as u32, cy * 2 + dy as u32);
            cut_into_pieces(&piece, child, piece_zoom, out);
        }
    }
}

// ---- GeoJSON, just the parts the basemap needs ----

#[derive(Deserialize)]
struct JsonCollection {
    features: Vec<JsonFeature>,
}

#[derive(Deserialize)]
struct JsonFeature {
    geometry: Option<JsonGeometry>,
    #[serde(default)]
    properties: Option<JsonProperties>,
}

#[derive(Deserialize, Default)]
struct JsonProperties {
    #[serde(default)]
    disputed: Option<serde_json::Value>,
    #[serde(default)]
    min_zoom: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct JsonGeometry {
    #[serde(default)]
    coordinates: Paths,
}

/// The coordinates of a (Multi)Polygon or (Multi)LineString, flattened to a list of rings
/// or lines; points and collections come out empty.
#[derive(Default)]
struct Paths(Vec<Vec<Point>>);

/// Any level of GeoJSON coordinate nesting.
enum Nested {
    Number(f64),
    Position(Point),
    Path(Vec<Point>),
    Paths(Vec<Vec<Point>>),
}

impl<'de> Deserialize<'de> for Nested {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NestedVisitor)
    }
}

struct NestedVisitor;

impl<'de> Visitor<'de> for NestedVisitor {
    type Value = Nested;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("GeoJSON coordinates")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Nested, E> {
        Ok(Nested::Number(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Nested, E> {
        Ok(Nested::Number(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Nested, E> {
        Ok(Nested::Number(v as f64))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Nested, A::Error> {
        let Some(first) = seq.next_element::<Nested>()? else {
            return Ok(Nested::Paths(Vec::new()));
        };
        match first {
            Nested::Number(x) => {
                let y = match seq.next_element::<Nested>()? {
                    Some(Nested::Number(y)) => y,
                    _ => return Err(de::Error::custom("a position needs two numbers")),
                };
                // Skip an altitude, if any.
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(Nested::Position([x, y]))
            }
            Nested::Position(p) => {
                let mut path = vec![p];
                while let Some(next) = seq.next_element::<Nested>()? {
                    match next {
                        Nested::Position(p) => path.push(p),
                        _ => return Err(de::Error::custom("mixed coordinate nesting")),
                    }
                }
                Ok(Nested::Path(path))
            }
            Nested::Path(p) => {
                let mut paths = vec![p];
                while let Some(next) = seq.next_element::<Nested>()? {
                    match next {
                        Nested::Path(p) => paths.push(p),
                        Nested::Paths(ps) => paths.extend(ps),
                        _ => return Err(de::Error::custom("mixed coordinate nesting")),
                    }
                }
                Ok(Nested::Paths(paths))
            }
            Nested::Paths(mut paths) => {
                while let Some(next) = seq.next_element::<Nested>()? {
                    match next {
                        Nested::Path(p) => paths.push(p),
                        Nested::Paths(ps) => paths.extend(ps),
                        _ => return Err(de::Error::custom("mixed coordinate nesting")),
                    }
                }
                Ok(Nested::Paths(paths))
            }
        }
    }
}

impl<'de> Deserialize<'de> for Paths {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Nested::deserialize(deserializer)? {
            Nested::Number(_) | Nested::Position(_) => Paths(Vec::new()),
            Nested::Path(p) => Paths(vec![p]),
            Nested::Paths(ps) => Paths(ps),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polygons_lines_and_multipolygons_flatten_to_paths() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"disputed":true},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1,5]]}},
            {"type":"Feature","properties":null,"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]],[[2.1,2.1],[2.2,2.1],[2.2,2.2],[2.1,2.1]]]]}},
            {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[0,0]}},
            {"type":"Feature","properties":{},"geometry":null}
        ]}"#;
        let features = parse_layer("test", text).unwrap_or_default();
        assert_eq!(features.len(), 3);
        assert!(features[0].disputed);
        assert_eq!(features[0].paths, vec![vec![[0.0, 0.0], [1.0, 1.0]]]);
        assert_eq!(features[1].paths.len(), 3);
        assert!(features[2].paths.is_empty());
    }

    #[test]
    fn text_that_is_not_geojson_names_its_layer() {
        let error = parse_layer("lakes_hi", "{not json").err();
        assert!(
            matches!(error, Some(BasemapError::ParseLayer { ref layer, .. }) if layer == "lakes_hi")
        );
    }

    #[test]
    fn a_continent_is_cut_into_pieces_that_cover_it() {
        let ring = vec![
            project(-20.0, -30.0),
            project(60.0, -30.0),
            project(60.0, 60.0),
            project(-20.0, 60.0),
        ];
        let shape = Shape {
            paths: vec![ring.clone()],
            disputed: false,
            min_zoom: 0.0,
            cell: None,
        };
        let mut pieces = Vec::new();
        cut_into_pieces(&shape, (0, 0, 0), 3, &mut pieces);
        assert!(pieces.len() > 4);
        let covered: f64 = pieces.iter().map(|p| doubled_area(&p.paths[0]).abs()).sum();
        // The overlaps make the pieces add up to somewhat more than the whole.
        assert!(covered >= doubled_area(&ring).abs());
    }

    #[test]
    fn a_ring_across_the_antimeridian_is_cut_into_two_parts() {
        let fiji = [
            [179.0, -16.0],
            [-179.0, -16.0],
            [-179.0, -17.0],
            [179.0, -17.0],
        ];
        let parts = split_at_antimeridian(&fiji);
        assert_eq!(parts.len(), 2);
        let area: f64 = parts.iter().map(|p| doubled_area(p).abs()).sum();
        assert!((area - 4.0).abs() < 1e-9);
    }

    #[test]
    fn a_ring_around_the_south_pole_is_closed_over_it() {
        let antarctica = [
            [-180.0, -70.0],
            [-60.0, -65.0],
            [60.0, -68.0],
            [179.0, -70.0],
        ];
        let parts = split_at_antimeridian(&antarctica);
        assert!(!parts.is_empty());
        let b = parts.iter().filter_map(|p| bbox_of(p)).fold(
            [180.0_f64, 90.0, -180.0, -90.0],
            |a, b| {
                [
                    a[0].min(b[0]),
                    a[1].min(b[1]),
                    a[2].max(b[2]),
                    a[3].max(b[3]),
                ]
            },
        );
        assert!(b[1] <= -89.9 && b[0] <= -179.9 && b[2] >= 179.0);
    }

    #[test]
    fn lines_break_where_they_cross_the_antimeridian() {
        let mut out = Vec::new();
        chunk_line(
            &[
                project(170.0, 0.0),
                project(179.0, 0.0),
                project(-179.0, 0.0),
                project(-170.0, 0.0),
            ],
            false,
            0.0,
            &mut out,
        );
        assert_eq!(out.len(), 2);
    }
}

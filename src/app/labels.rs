//! Place labels drawn by the map (not baked into tiles): countries, seas, islands and cities,
//! chosen by zoom and population and placed greedily in priority order so that no two labels,
//! and no label and an event marker or its label, overlap.
//!
//! The candidates come from the gazetteer; building them takes a moment, so it happens once,
//! on a worker thread ([`preload`]); until then the map simply has no place labels.

use std::sync::OnceLock;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Painter, Pos2, Rect, Shape, Vec2, vec2};
use std::sync::Arc;
use walkers::{Position, lat_lon};

use super::draw::Proj;
use crate::gazetteer::{Gazetteer, PlaceKind};

/// What a label names; decides its look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    Country,
    Sea,
    Island,
    City,
    Capital,
}

/// A place that may get a label.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub name: String,
    pub position: Position,
    pub kind: LabelKind,
    /// The shallowest zoom at which it is shown.
    pub min_zoom: f32,
    /// The deepest zoom at which it is shown (countries give way to cities when zoomed in).
    pub max_zoom: f32,
    /// Higher is placed first.
    pub priority: f64,
}

/// Every label candidate, highest priority first.
#[derive(Debug, Default)]
pub struct LabelSet {
    pub candidates: Vec<Candidate>,
}

static LABELS: OnceLock<LabelSet> = OnceLock::new();

/// Start building the label candidates on a worker thread (no-op if done or under way);
/// `done` is called when they are ready (e.g. to request a repaint).
pub fn preload(done: impl FnOnce() + Send + 'static) {
    static STARTED: OnceLock<()> = OnceLock::new();
    if STARTED.set(()).is_err() {
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("map-labels".into())
        .spawn(move || {
            // A panic here only costs the labels; the map goes on without them.
            let set = std::panic::catch_unwind(build).unwrap_or_default();
            let _ = LABELS.set(set);
            done();
        });
    if spawned.is_err() {
        let _ = LABELS.set(LabelSet::default());
    }
}

/// The candidates if they are ready.
pub fn get() -> Option<&'static LabelSet> {
    LABELS.get()
}

/// The candidates, building them on this thread if need be (for headless rendering).
pub fn wait() -> &'static LabelSet {
    preload(|| {});
    loop {
        if let Some(set) = LABELS.get() {
            return set;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// The shallowest zoom at which a city of `population` is labelled.
///
/// ```
/// use newsmap::app::labels::city_min_zoom;
/// assert!(city_min_zoom(10_000_000, false) < city_min_zoom(60_000, false));
/// assert!(city_min_zoom(300_000, true) < city_min_zoom(300_000, false));
/// ```
pub fn city_min_zoom(population: u64, capital: bool) -> f32 {
    let z: f32 = match population {
        p if p >= 5_000_000 => 4.0,
        p if p >= 1_000_000 => 5.0,
        p if p >= 500_000 => 6.0,
        p if p >= 200_000 => 7.0,
        p if p >= 100_000 => 8.0,
        _ => 9.0,
    };
    if capital { (z - 1.0).max(4.0) } else { z }
}

fn sea_min_zoom(name: &str) -> f32 {
    let lower = name.to_lowercase();
    if lower.contains("ocean") {
        2.0
    } else if [
        "strait",
        "bosphorus",
        "dardanelles",
        "canal",
        "bab-el",
        "dead sea",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        6.0
    } else if ["gulf of aqaba", "sea of marmara", "sea of azov"]
        .iter()
        .any(|w| lower.contains(w))
    {
        5.0
    } else {
        3.0
    }
}

/// Build the candidates from the embedded gazetteer.
pub fn build() -> LabelSet {
    let Ok(g) = Gazetteer::embedded() else {
        return LabelSet::default();
    };
    from_gazetteer(g)
}

/// Build the candidates from `g`: countries, seas and islands, and cities of 50,000 or more.
pub fn from_gazetteer(g: &Gazetteer) -> LabelSet {
    let mut out = Vec::new();
    for c in g.with_id_prefix("country:") {
        let pop = c.population as f64;
        let min_zoom = match c.population {
            p if p >= 20_000_000 => 2.0,
            p if p >= 1_000_000 => 3.0,
            _ => 5.0,
        };
        out.push(Candidate {
            name: c.name.clone(),
            position: lat_lon(c.lat, c.lon),
            kind: LabelKind::Country,
            min_zoom,
            max_zoom: 7.5,
            priority: 2e9 + pop,
        });
    }
    for c in g.with_id_prefix("cur:") {
        let (kind, min_zoom, priority) = match c.kind {
            PlaceKind::Sea => (LabelKind::Sea, sea_min_zoom(&c.name), 1.5e9),
            PlaceKind::Island => (
                LabelKind::Island,
                if c.population >= 1_000_000 { 5.0 } else { 7.0 },
                1e6 + c.population as f64,
            ),
            _ => continue,
        };
        out.push(Candidate {
            name: c.name.clone(),
            position: lat_lon(c.lat, c.lon),
            kind,
            min_zoom,
            max_zoom: 30.0,
            priority,
        });
    }
    // Only the rows of large cities are decoded: most of the gazetteer is small places.
    for c in g.with_id_prefix_where("gn:", |kind, population| {
        kind == PlaceKind::City && population >= 50_000
    }) {
        // Sections of cities, historical and abandoned places are not labelled.
        if matches!(
            c.feature_code.as_str(),
            "PPLX" | "PPLH" | "PPLQ" | "PPLW" | "PPLCH"
        ) {
            continue;
        }
        let capital = c.feature_code == "PPLC";
        out.push(Candidate {
            name: c.name.clone(),
            position: lat_lon(c.lat, c.lon),
            kind: if capital {
                LabelKind::Capital
            } else {
                LabelKind::City
            },
            min_zoom: city_min_zoom(c.population, capital),
            max_zoom: 30.0,
            priority: c.population as f64 * if capital { 4.0 } else { 1.0 },
        });
    }
    out.sort_by(|a, b| b.priority.total_cmp(&a.priority));
    LabelSet { candidates: out }
}

/// One label placed on screen.
#[derive(Clone)]
struct Placed {
    galley: Arc<Galley>,
    text_pos: Pos2,
    dot: Option<Pos2>,
    color: Color32,
}

/// The labels placed for one view, kept while the view does not change.
#[derive(Default)]
pub struct LabelCache {
    key: Option<(u64, usize)>,
    placed: Vec<Placed>,
}

fn text_color(kind: LabelKind, dark: bool) -> Color32 {
    match (kind, dark) {
        (LabelKind::Sea, false) => Color32::from_rgb(0x4a, 0x72, 0x98),
        (LabelKind::Sea, true) => Color32::from_rgb(0x7f, 0xa3, 0xc4),
        (LabelKind::Country, false) => Color32::from_rgb(0x6e, 0x5f, 0x78),
        (LabelKind::Country, true) => Color32::from_rgb(0xb8, 0xab, 0xc2),
        (_, false) => Color32::from_gray(40),
        (_, true) => Color32::from_gray(225),
    }
}

fn halo(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(18, 22, 28, 220)
    } else {
        Color32::from_rgba_unmultiplied(255, 255, 255, 220)
    }
}

fn layout(painter: &Painter, c: &Candidate, dark: bool) -> Arc<Galley> {
    let color = text_color(c.kind, dark);
    let (size, italics, upper) = match c.kind {
        LabelKind::Country => (13.0, false, true),
        LabelKind::Sea => (12.0, true, false),
        LabelKind::Island => (11.5, true, false),
        LabelKind::Capital => (12.5, false, false),
        LabelKind::City => (11.5, false, false),
    };
    let text = if upper {
        c.name.to_uppercase()
    } else {
        c.name.clone()
    };
    let mut job = LayoutJob::default();
    job.append(
        &text,
        0.0,
        TextFormat {
            font_id: FontId::proportional(size),
            color,
            italics,
            extra_letter_spacing: if upper { 1.0 } else { 0.0 },
            ..Default::default()
        },
    );
    painter.layout_job(job)
}

impl LabelCache {
    /// Place and paint the labels for this view, avoiding `obstacles` (event markers and their
    /// labels, in screen points). Returns the shapes, to be painted under the markers.
    pub fn shapes(
        &mut self,
        painter: &Painter,
        proj: &Proj,
        zoom: f64,
        dark: bool,
        obstacles: &[Rect],
    ) -> Vec<Shape> {
        let Some(set) = get() else {
            return Vec::new();
        };
        let clip = painter.clip_rect();
        let key = view_key(proj, zoom, clip, dark, obstacles);
        if self.key != Some((key, set.candidates.len())) {
            self.placed = place(painter, proj, zoom, dark, obstacles, set);
            self.key = Some((key, set.candidates.len()));
        }
        let mut shapes = Vec::with_capacity(self.placed.len() * 6);
        let h = halo(dark);
        for p in &self.placed {
            if let Some(d) = p.dot {
                shapes.push(Shape::circle_filled(d, 3.0, h));
                shapes.push(Shape::circle_filled(d, 2.0, p.color));
            }
            for off in [
                vec2(-1.0, 0.0),
                vec2(1.0, 0.0),
                vec2(0.0, -1.0),
                vec2(0.0, 1.0),
            ] {
                shapes.push(Shape::galley_with_override_text_color(
                    p.text_pos + off,
                    p.galley.clone(),
                    h,
                ));
            }
            shapes.push(Shape::galley(p.text_pos, p.galley.clone(), p.color));
        }
        shapes
    }
}

fn view_key(proj: &Proj, zoom: f64, clip: Rect, dark: bool, obstacles: &[Rect]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let o = proj.pos(lat_lon(0.0, 0.0));
    o.x.to_bits().hash(&mut h);
    o.y.to_bits().hash(&mut h);
    zoom.to_bits().hash(&mut h);
    for v in [clip.min.x, clip.min.y, clip.max.x, clip.max.y] {
        v.to_bits().hash(&mut h);
    }
    dark.hash(&mut h);
    for r in obstacles {
        for v in [r.min.x, r.min.y, r.max.x, r.max.y] {
            v.to_bits().hash(&mut h);
        }
    }
    h.finish()
}

/// Greedy placement: highest priority first, each label goes where it overlaps nothing placed.
fn place(
    painter: &Painter,
    proj: &Proj,
    zoom: f64,
    dark: bool,
    obstacles: &[Rect],
    set: &LabelSet,
) -> Vec<Placed> {
    let clip = painter.clip_rect();
    let zoom = zoom as f32;
    let mut taken: Vec<Rect> = obstacles.to_vec();
    let mut out = Vec::new();
    // Countries give way to cities once zoomed in.
    let mut order: Vec<(f64, &Candidate, Pos2)> = set
        .candidates
        .iter()
        .filter(|c| zoom >= c.min_zoom && zoom <= c.max_zoom)
        .filter_map(|c| {
            let p = proj.pos(c.position);
            clip.expand(60.0).contains(p).then(|| {
                // Zoomed in, a country ranks with a city of about a million.
                let pr = if c.kind == LabelKind::Country && zoom >= 6.0 {
                    1e6 + (c.priority - 2e9) / 100.0
                } else {
                    c.priority
                };
                (pr, c, p)
            })
        })
        .collect();
    order.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, c, p) in order.into_iter().take(600) {
        let galley = layout(painter, c, dark);
        let size = galley.size();
        let color = text_color(c.kind, dark);
        let point = matches!(c.kind, LabelKind::City | LabelKind::Capital);
        // Points get their text to the right, else to the left; areas are centred.
        let tries: Vec<(Pos2, Option<Pos2>)> = if point {
            vec![
                (p + vec2(5.0, -size.y / 2.0), Some(p)),
                (p + vec2(-5.0 - size.x, -size.y / 2.0), Some(p)),
                (p + vec2(-size.x / 2.0, -size.y - 3.0), Some(p)),
            ]
        } else {
            vec![(p - size / 2.0, None)]
        };
        for (text_pos, dot) in tries {
            let mut rect = Rect::from_min_size(text_pos, size).expand(2.0);
            if let Some(d) = dot {
                rect = rect.union(Rect::from_center_size(d, Vec2::splat(6.0)));
            }
            if !clip.contains_rect(rect) || taken.iter().any(|t| t.intersects(rect)) {
                continue;
            }
            taken.push(rect);
            out.push(Placed {
                galley: galley.clone(),
                text_pos,
                dot,
                color,
            });
            break;
        }
    }
    out
}

/// The text rectangles of placed labels.
#[cfg(test)]
fn rects_of(placed: &[Placed]) -> Vec<Rect> {
    placed
        .iter()
        .map(|p| Rect::from_min_size(p.text_pos, p.galley.size()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigger_cities_are_labelled_from_shallower_zooms() {
        assert!(city_min_zoom(20_000_000, false) <= 4.0);
        assert!(city_min_zoom(60_000, false) >= 9.0);
    }

    #[test]
    fn oceans_come_before_straits() {
        assert!(sea_min_zoom("Atlantic Ocean") < sea_min_zoom("Aegean Sea"));
        assert!(sea_min_zoom("Aegean Sea") < sea_min_zoom("Strait of Hormuz"));
    }

    #[test]
    fn placed_labels_never_overlap() {
        let ctx = egui::Context::default();
        let set = from_gazetteer(Gazetteer::embedded().unwrap());
        assert!(set.candidates.iter().any(|c| c.name == "Damascus"));
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            let painter = ui
                .painter()
                .with_clip_rect(Rect::from_min_size(Pos2::ZERO, vec2(1200.0, 800.0)));
            let mut memory = walkers::MapMemory::default();
            memory.center_at(lat_lon(34.0, 36.0));
            let _ = memory.set_zoom(7.0);
            let projector = walkers::Projector::new(
                painter.clip_rect(),
                &walkers::MercatorProjection,
                &memory,
                lat_lon(0.0, 0.0),
            );
            let proj = Proj::new(&projector);
            let placed = place(&painter, &proj, 7.0, false, &[], &set);
            assert!(placed.len() > 5, "{}", placed.len());
            let rects = rects_of(&placed);
            for (i, a) in rects.iter().enumerate() {
                for b in &rects[i + 1..] {
                    assert!(!a.intersects(*b), "{a:?} overlaps {b:?}");
                }
            }
        });
        out.textures_delta.clear();
    }
}

//! What the map shows, computed from the open articles and filters once per change (not per frame):
//! marker groups (one per place with visible events), lines, outlines and tinted areas.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use chrono::NaiveDate;
use egui::Color32;
use geo::TriangulateEarcut;
use walkers::{Position, lat_lon};

use crate::document::{Event, EventKind, ParsedArticle, Place};
use crate::gazetteer::PlaceKind;
use crate::session::EventKey;

/// One open article: the parse as the geoparser made it and with the session's corrections applied.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The geoparser's output, kept so corrections can be re-applied from scratch.
    pub original: ParsedArticle,
    /// `original` with corrections applied: what every view shows.
    pub parsed: ParsedArticle,
    /// Where it was read from; None for the sample and pasted text.
    pub path: Option<PathBuf>,
    /// A short name for lists.
    pub name: String,
    /// [`crate::session::content_hash`] of the text.
    pub hash: String,
    /// The article's colour (marker outlines, timeline stripe).
    pub color: Color32,
}

impl Doc {
    /// The title or, lacking one, the name.
    pub fn title(&self) -> &str {
        self.parsed.title.as_deref().unwrap_or(&self.name)
    }

    /// The session key of one of its events.
    pub fn event_key(&self, event: &Event) -> EventKey {
        EventKey {
            article: self.hash.clone(),
            event: event.id.clone(),
        }
    }
}

/// A place of one article.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceKey {
    /// Index into the open articles.
    pub doc: usize,
    /// The place's gazetteer id.
    pub id: String,
}

/// An event of one article: (article index, event index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventRef {
    pub doc: usize,
    pub event: usize,
}

/// Which events are shown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Show events that end on or after this day.
    pub from: Option<NaiveDate>,
    /// Show events that start on or before this day.
    pub to: Option<NaiveDate>,
    /// Kinds switched off in the legend chips.
    pub hidden_kinds: BTreeSet<EventKind>,
}

impl Filter {
    /// Whether the filter lets an event through. Undated events pass only while no date range is set.
    pub fn shows(&self, ev: &Event) -> bool {
        if self.hidden_kinds.contains(&ev.kind) {
            return false;
        }
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some(start) = ev.date else { return false };
        let end = ev.date_end.unwrap_or(start);
        self.from.is_none_or(|f| end >= f) && self.to.is_none_or(|t| start <= t)
    }
}

/// Everything marked at one place.
#[derive(Debug, Clone)]
pub struct Group {
    pub key: PlaceKey,
    pub name: String,
    /// Degrees north / east.
    pub lat: f64,
    pub lon: f64,
    /// The visible events there, in date order.
    pub events: Vec<EventRef>,
    /// The kinds among them, most frequent first (the first decides the marker).
    pub kinds: Vec<EventKind>,
    /// The article's colour.
    pub color: Color32,
}

impl Group {
    /// The marker's accessible name, e.g. "Saraqib: 3 events".
    pub fn label(&self) -> String {
        let n = self.events.len();
        format!("{}: {n} event{}", self.name, if n == 1 { "" } else { "s" })
    }

    /// Its position.
    pub fn position(&self) -> Position {
        lat_lon(self.lat, self.lon)
    }
}

/// How a place's geometry is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaStyle {
    /// Borders, rivers, front lines: a highlighted line.
    Line,
    /// Regions: an outline.
    Outline,
    /// Mentioned countries: a light tint and a thin outline.
    Tint,
}

/// The geometry of a mentioned place, in (lat, lon) degrees.
#[derive(Debug, Clone)]
pub struct Area {
    pub key: PlaceKey,
    pub style: AreaStyle,
    /// Lines or rings, as positions.
    pub lines: Vec<Vec<Position>>,
    /// Triangles filling the area (for tints).
    pub triangles: Vec<[Position; 3]>,
}

/// A mentioned place with no visible event: a small dot.
#[derive(Debug, Clone)]
pub struct Dot {
    pub key: PlaceKey,
    pub name: String,
    pub position: Position,
}

/// What the map shows.
#[derive(Debug, Clone, Default)]
pub struct Scene {
    pub groups: Vec<Group>,
    pub areas: Vec<Area>,
    pub dots: Vec<Dot>,
    /// Kinds of the visible events (for the legend), in legend order.
    pub kinds: Vec<EventKind>,
    /// First and last day of the visible dated events.
    pub date_range: Option<(NaiveDate, NaiveDate)>,
    /// Different for every built scene (clones share it): the map caches its layout by it.
    pub revision: u64,
}

/// Find a place of a parsed article by id.
pub fn find_place<'a>(p: &'a ParsedArticle, id: &str) -> Option<&'a Place> {
    p.places.iter().find(|pl| pl.id == id)
}

impl Scene {
    /// Build the scene from the open articles, the filter and the hidden events.
    pub fn build(docs: &[Doc], filter: &Filter, hidden: &dyn Fn(&EventKey) -> bool) -> Scene {
        static REVISION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut scene = Scene {
            revision: REVISION.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            ..Scene::default()
        };
        let mut groups: BTreeMap<PlaceKey, Group> = BTreeMap::new();
        let mut kinds: BTreeSet<EventKind> = BTreeSet::new();
        for (d, doc) in docs.iter().enumerate() {
            let parsed = &doc.parsed;
            let mut order: Vec<usize> = (0..parsed.events.len()).collect();
            order.sort_by_key(|&i| (parsed.events[i].date.is_none(), parsed.events[i].date, i));
            for i in order {
                let ev = &parsed.events[i];
                if !filter.shows(ev) || hidden(&doc.event_key(ev)) {
                    continue;
                }
                kinds.insert(ev.kind);
                if let Some(a) = ev.date {
                    let b = ev.date_end.unwrap_or(a);
                    scene.date_range = Some(match scene.date_range {
                        None => (a, b),
                        Some((x, y)) => (x.min(a), y.max(b)),
                    });
                }
                for id in &ev.places {
                    let Some(place) = find_place(parsed, id) else {
                        continue;
                    };
                    let key = PlaceKey {
                        doc: d,
                        id: id.clone(),
                    };
                    let g = groups.entry(key.clone()).or_insert_with(|| Group {
                        key,
                        name: place.name.clone(),
                        lat: place.lat,
                        lon: place.lon,
                        events: Vec::new(),
                        kinds: Vec::new(),
                        color: doc.color,
                    });
                    g.events.push(EventRef { doc: d, event: i });
                }
            }
            for place in &parsed.places {
                let key = PlaceKey {
                    doc: d,
                    id: place.id.clone(),
                };
                if let Some(area) = area_of(&key, place) {
                    scene.areas.push(area);
                }
                if !groups.contains_key(&key)
                    && !matches!(place.kind, PlaceKind::Border | PlaceKind::Continent)
                {
                    scene.dots.push(Dot {
                        key,
                        name: place.name.clone(),
                        position: lat_lon(place.lat, place.lon),
                    });
                }
            }
        }
        for g in groups.values_mut() {
            let mut count: BTreeMap<EventKind, usize> = BTreeMap::new();
            for r in &g.events {
                if let Some(ev) = docs.get(r.doc).and_then(|d| d.parsed.events.get(r.event)) {
                    *count.entry(ev.kind).or_default() += 1;
                }
            }
            let mut k: Vec<(EventKind, usize)> = count.into_iter().collect();
            k.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            g.kinds = k.into_iter().map(|(k, _)| k).collect();
        }
        scene.groups = groups.into_values().collect();
        scene.kinds = EventKind::ALL
            .into_iter()
            .filter(|k| kinds.contains(k))
            .collect();
        scene
    }

    /// The group of a place, if it has visible events.
    pub fn group(&self, key: &PlaceKey) -> Option<&Group> {
        self.groups.iter().find(|g| &g.key == key)
    }
}

fn area_of(key: &PlaceKey, place: &Place) -> Option<Area> {
    let json = place.geometry.as_ref()?;
    let geom = crate::gazetteer::geojson_to_geo(json)?;
    let style = match place.kind {
        PlaceKind::Country => AreaStyle::Tint,
        PlaceKind::Border | PlaceKind::River | PlaceKind::Crossing => AreaStyle::Line,
        _ => AreaStyle::Outline,
    };
    let mut area = Area {
        key: key.clone(),
        style,
        lines: Vec::new(),
        triangles: Vec::new(),
    };
    let line = |ls: &geo::LineString<f64>| -> Vec<Position> {
        ls.points().map(|p| lat_lon(p.y(), p.x())).collect()
    };
    let add_polygon = |area: &mut Area, poly: &geo::Polygon<f64>| {
        area.lines.push(line(poly.exterior()));
        for ring in poly.interiors() {
            area.lines.push(line(ring));
        }
        if style == AreaStyle::Tint {
            for t in poly.earcut_triangles() {
                area.triangles.push([
                    lat_lon(t.v1().y, t.v1().x),
                    lat_lon(t.v2().y, t.v2().x),
                    lat_lon(t.v3().y, t.v3().x),
                ]);
            }
        }
    };
    match &geom {
        geo::Geometry::LineString(ls) => area.lines.push(line(ls)),
        geo::Geometry::MultiLineString(m) => area.lines.extend(m.0.iter().map(line)),
        geo::Geometry::Polygon(p) => add_polygon(&mut area, p),
        geo::Geometry::MultiPolygon(m) => {
            for p in &m.0 {
                add_polygon(&mut area, p);
            }
        }
        _ => return None,
    }
    Some(area)
}

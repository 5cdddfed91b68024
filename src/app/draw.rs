//! Painting the map's contents: areas, lines, markers (clustered in screen space), labels, the legend,
//! the scale bar and the briefing's title, callout and attribution. The window and `newsmap render`
//! both draw through these functions.

use std::collections::BTreeMap;

use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{
    Align2, Color32, CornerRadius, FontId, Painter, Pos2, Rect, Response, Role, Sense, Shape,
    Stroke, Ui, Vec2, WidgetInfo, pos2, vec2,
};
use walkers::{MapMemory, Plugin, Position, Projector, lon_lat};

use super::Command;
use super::measure::Measure;
use super::scene::{AreaStyle, PlaceKey, Scene};
use super::style::{kind_color, kind_shape, paint_marker};
use crate::document::EventKind;

/// Screen-space cluster cell, in points: markers closer than this merge into one.
pub const CLUSTER_CELL: f32 = 34.0;

/// Colours of the plain background drawn when there are no tiles.
pub fn background_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x1d, 0x26, 0x30)
    } else {
        Color32::from_rgb(0xdd, 0xe8, 0xf0)
    }
}

fn text_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(235)
    } else {
        Color32::from_gray(20)
    }
}

fn halo_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(20, 20, 24, 200)
    } else {
        Color32::from_rgba_unmultiplied(255, 255, 255, 210)
    }
}

/// Projects positions to the screen, choosing for each longitude the copy (±360°) nearest the view
/// centre, so places on the far side of the antimeridian appear next to their neighbours.
pub struct Proj<'a> {
    projector: &'a Projector<'a>,
    center_lon: f64,
}

impl<'a> Proj<'a> {
    /// Wrap a walkers projector.
    pub fn new(projector: &'a Projector<'a>) -> Self {
        let c = projector.unproject(projector.clip_rect().center().to_vec2());
        Proj {
            projector,
            center_lon: c.x(),
        }
    }

    /// The copy (±360°) of longitude `lon` nearest the view centre.
    fn near_center(&self, mut lon: f64) -> f64 {
        while lon - self.center_lon > 180.0 {
            lon -= 360.0;
        }
        while lon - self.center_lon < -180.0 {
            lon += 360.0;
        }
        lon
    }

    /// Screen position of a geographic position.
    pub fn pos(&self, p: Position) -> Pos2 {
        let lon = self.near_center(p.x());
        self.projector.project(lon_lat(lon, p.y())).to_pos2()
    }

    /// Screen positions of a line's points, kept continuous: the first point takes the copy
    /// (±360°) nearest the view centre, each next one the copy nearest the point before, so a
    /// line across the antimeridian does not jump across the map.
    pub fn line(&self, points: &[Position]) -> Vec<Pos2> {
        let mut out = Vec::with_capacity(points.len());
        let mut prev: Option<f64> = None;
        for p in points {
            let lon = match prev {
                None => self.near_center(p.x()),
                Some(before) => before + (p.x() - before + 180.0).rem_euclid(360.0) - 180.0,
            };
            prev = Some(lon);
            out.push(self.projector.project(lon_lat(lon, p.y())).to_pos2());
        }
        out
    }

    /// Metres per screen point at the view centre.
    pub fn metres_per_point(&self) -> f64 {
        let c = self
            .projector
            .unproject(self.projector.clip_rect().center().to_vec2());
        1.0 / f64::from(self.projector.scale_pixel_per_meter(c)).max(1e-12)
    }
}

/// What the map layer draws and whether it reacts to the pointer.
pub struct MarkersPlugin<'a> {
    pub scene: &'a Scene,
    pub selected: Option<&'a PlaceKey>,
    pub dark: bool,
    /// Paint a plain background first (when there are no tiles).
    pub background: bool,
    /// Draw place labels next to markers.
    pub labels: bool,
    /// The distance being measured, drawn as a great-circle line between its ends.
    pub measure: Option<&'a Measure>,
    /// Where clicks go; None for a non-interactive drawing (the briefing).
    pub out: Option<&'a mut Vec<Command>>,
    /// Place labels (countries, seas, cities) under the markers; None = no place labels.
    pub place_labels: Option<&'a mut super::labels::LabelCache>,
    /// Where the decorations over the map (legend, title, attribution) go, given the map's
    /// rectangle: place labels keep clear of them.
    pub reserved: &'a dyn Fn(&Painter, Rect) -> Vec<Rect>,
}

/// What the window's decorations cover: zoom buttons, legend, scale bar, attribution and
/// status line.
pub fn window_reserved(rect: Rect, kinds: usize) -> Vec<Rect> {
    let legend_h = 18.0 * kinds as f32 + 8.0;
    vec![
        Rect::from_min_size(rect.min, vec2(70.0, 110.0)),
        Rect::from_min_max(
            rect.left_bottom() - vec2(0.0, legend_h + 14.0),
            rect.left_bottom() + vec2(340.0, 0.0),
        ),
        Rect::from_min_max(rect.right_bottom() - vec2(420.0, 44.0), rect.right_bottom()),
    ]
}

/// What the briefing's decorations cover: title block, legend, scale bar, callout, attribution.
pub fn briefing_reserved(
    painter: &Painter,
    rect: Rect,
    text: &BriefingText,
    kinds: usize,
) -> Vec<Rect> {
    let margin = 16.0;
    let title = painter.layout(
        text.title.clone(),
        FontId::proportional(26.0),
        Color32::BLACK,
        (rect.width() * 0.6).max(200.0),
    );
    let block = Rect::from_min_size(
        rect.min + vec2(margin, margin),
        title.size() + vec2(20.0, 16.0 + if text.dates.is_some() { 24.0 } else { 0.0 }),
    );
    let legend_h = 18.0 * kinds as f32 + 8.0;
    let mut out = vec![
        block.expand(4.0),
        Rect::from_min_max(
            rect.left_bottom() + vec2(0.0, -margin - 18.0 - legend_h - 6.0),
            rect.left_bottom() + vec2(380.0, 0.0),
        ),
        Rect::from_min_max(rect.right_bottom() - vec2(420.0, 44.0), rect.right_bottom()),
    ];
    if let Some((name, excerpt, _)) = &text.callout {
        let body = painter.layout(
            format!("{name}\n{excerpt}"),
            FontId::proportional(14.0),
            Color32::BLACK,
            (rect.width() * 0.28).clamp(180.0, 480.0),
        );
        out.push(Rect::from_min_size(
            pos2(
                rect.max.x - margin - body.size().x - 24.0,
                rect.min.y + margin - 4.0,
            ),
            body.size() + vec2(28.0, 24.0),
        ));
    }
    out
}

impl Plugin for MarkersPlugin<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let this = *self;
        let painter = ui.painter().with_clip_rect(response.rect);
        let proj = Proj::new(projector);
        if this.background {
            painter.rect_filled(
                response.rect,
                CornerRadius::ZERO,
                background_color(this.dark),
            );
        }
        paint_areas(&painter, &proj, this.scene, this.selected, this.dark);
        // Place labels go under the markers but are placed after them, around them.
        let labels_at = painter.add(Shape::Noop);
        let mut this = this;
        let mut out = this.out.take();
        let dot_rects = paint_dots(
            ui,
            &painter,
            &proj,
            this.scene,
            this.selected,
            this.dark,
            &mut out,
        );
        let mut obstacles = paint_markers(ui, &painter, &proj, &this, &mut out);
        obstacles.extend(dot_rects);
        obstacles.extend((this.reserved)(&painter, response.rect));
        if let Some(cache) = this.place_labels.take() {
            let shapes = cache.shapes(&painter, &proj, projector.zoom(), this.dark, &obstacles);
            painter.set(labels_at, Shape::Vec(shapes));
        }
        if let Some(m) = this.measure {
            paint_measure(&painter, &proj, m, this.dark);
        }
        if let Some(out) = out
            && response.clicked()
            && let Some(p) = response.interact_pointer_pos()
        {
            out.push(Command::MapClicked(projector.unproject(p.to_vec2())));
        }
    }
}

fn paint_areas(
    painter: &Painter,
    proj: &Proj,
    scene: &Scene,
    selected: Option<&PlaceKey>,
    dark: bool,
) {
    for area in &scene.areas {
        let sel = selected == Some(&area.key);
        match area.style {
            AreaStyle::Tint => {
                let fill = if dark {
                    Color32::from_rgba_unmultiplied(120, 160, 220, if sel { 60 } else { 28 })
                } else {
                    Color32::from_rgba_unmultiplied(40, 90, 170, if sel { 50 } else { 22 })
                };
                let mut mesh = Mesh::default();
                for t in &area.triangles {
                    let i = mesh.vertices.len() as u32;
                    for p in t {
                        mesh.vertices.push(Vertex {
                            pos: proj.pos(*p),
                            uv: WHITE_UV,
                            color: fill,
                        });
                    }
                    mesh.indices.extend([i, i + 1, i + 2]);
                }
                painter.add(Shape::mesh(mesh));
                let stroke = Stroke::new(
                    if sel { 2.0 } else { 1.0 },
                    fill.to_opaque().gamma_multiply(0.8),
                );
                for l in &area.lines {
                    painter.add(Shape::line(
                        l.iter().map(|p| proj.pos(*p)).collect(),
                        stroke,
                    ));
                }
            }
            AreaStyle::Line => {
                let pts: Vec<Vec<Pos2>> = area
                    .lines
                    .iter()
                    .map(|l| l.iter().map(|p| proj.pos(*p)).collect())
                    .collect();
                for l in &pts {
                    painter.add(Shape::line(
                        l.clone(),
                        Stroke::new(if sel { 8.0 } else { 6.0 }, halo_color(dark)),
                    ));
                }
                for l in pts {
                    painter.add(Shape::line(
                        l,
                        Stroke::new(
                            if sel { 4.0 } else { 3.0 },
                            Color32::from_rgb(0xe8, 0x5d, 0x04),
                        ),
                    ));
                }
            }
            AreaStyle::Outline => {
                let stroke = Stroke::new(
                    if sel { 3.0 } else { 1.5 },
                    Color32::from_rgb(0x80, 0x40, 0xb0),
                );
                for l in &area.lines {
                    painter.add(Shape::dashed_line(
                        &l.iter().map(|p| proj.pos(*p)).collect::<Vec<_>>(),
                        stroke,
                        6.0,
                        4.0,
                    ));
                }
            }
        }
    }
}

fn paint_dots(
    ui: &mut Ui,
    painter: &Painter,
    proj: &Proj,
    scene: &Scene,
    selected: Option<&PlaceKey>,
    dark: bool,
    out: &mut Option<&mut Vec<Command>>,
) -> Vec<Rect> {
    let clip = painter.clip_rect();
    let mut rects = Vec::new();
    for dot in &scene.dots {
        let c = proj.pos(dot.position);
        if !clip.expand(10.0).contains(c) {
            continue;
        }
        rects.push(Rect::from_center_size(c, Vec2::splat(12.0)));
        let sel = selected == Some(&dot.key);
        painter.circle(
            c,
            if sel { 5.0 } else { 3.5 },
            halo_color(dark),
            Stroke::new(1.5, text_color(dark).gamma_multiply(0.7)),
        );
        if sel {
            label(painter, c + vec2(8.0, 0.0), &dot.name, dark, true);
        }
        if let Some(out) = out.as_deref_mut() {
            let r = ui.interact(
                Rect::from_center_size(c, Vec2::splat(12.0)),
                ui.scope_id().with(("dot", &dot.key)),
                Sense::click(),
            );
            let name = format!("{}: mentioned", dot.name);
            r.widget_info(|| WidgetInfo::labeled(Role::Button, true, &name));
            let r = r.on_hover_text(format!("{} (mentioned, no event shown)", dot.name));
            if r.clicked() {
                out.push(Command::SelectPlace(dot.key.clone()));
            }
        }
    }
    rects
}

#[derive(Clone)]
struct Placed {
    center: Pos2,
    members: Vec<usize>,
}

/// The clusters of the last frame and the view they were made for: while the view and the
/// scene stay the same (most frames), clustering is skipped.
#[derive(Clone, Default)]
struct ClusterCache {
    key: u64,
    placed: std::sync::Arc<Vec<Placed>>,
}

fn cluster_key(scene: &Scene, proj: &Proj, clip: Rect) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    scene.revision.hash(&mut h);
    scene.groups.len().hash(&mut h);
    let a = proj.pos(walkers::lat_lon(0.0, 0.0));
    let b = proj.pos(walkers::lat_lon(10.0, 10.0));
    for v in [
        a.x, a.y, b.x, b.y, clip.min.x, clip.min.y, clip.max.x, clip.max.y,
    ] {
        v.to_bits().hash(&mut h);
    }
    h.finish()
}

/// Greedy screen-space clustering of the scene's groups visible in `clip`.
fn cluster(scene: &Scene, proj: &Proj, clip: Rect) -> Vec<Placed> {
    // Greedy screen-space clustering: busiest places first; a marker within one cell of a cluster's
    // seed joins it. A grid of seeds keeps the neighbour search local.
    let mut order: Vec<(usize, Pos2)> = scene
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| (i, proj.pos(g.position())))
        .filter(|(_, c)| clip.expand(40.0).contains(*c))
        .collect();
    order.sort_by_key(|(i, _)| (std::cmp::Reverse(scene.groups[*i].events.len()), *i));
    let cell = |c: Pos2| {
        (
            (c.x / CLUSTER_CELL).floor() as i32,
            (c.y / CLUSTER_CELL).floor() as i32,
        )
    };
    let mut seeds: BTreeMap<(i32, i32), Vec<usize>> = BTreeMap::new();
    let mut clusters: Vec<(Pos2, Vec<(usize, Pos2)>)> = Vec::new();
    for (i, c) in order {
        let (cx, cy) = cell(c);
        let mut found = None;
        'search: for dx in -1..=1 {
            for dy in -1..=1 {
                for &k in seeds
                    .get(&(cx + dx, cy + dy))
                    .map_or(&[][..], |v| v.as_slice())
                {
                    if clusters[k].0.distance(c) < CLUSTER_CELL {
                        found = Some(k);
                        break 'search;
                    }
                }
            }
        }
        match found {
            Some(k) => clusters[k].1.push((i, c)),
            None => {
                seeds.entry((cx, cy)).or_default().push(clusters.len());
                clusters.push((c, vec![(i, c)]));
            }
        }
    }
    clusters
        .into_iter()
        .map(|(_, members)| {
            let n = members.len() as f32;
            let sum = members.iter().fold(Vec2::ZERO, |a, (_, c)| a + c.to_vec2());
            Placed {
                center: if members.len() == 1 {
                    members[0].1
                } else {
                    (sum / n).to_pos2()
                },
                members: members.into_iter().map(|(i, _)| i).collect(),
            }
        })
        .collect()
}

fn paint_markers(
    ui: &mut Ui,
    painter: &Painter,
    proj: &Proj,
    p: &MarkersPlugin,
    out: &mut Option<&mut Vec<Command>>,
) -> Vec<Rect> {
    let scene = p.scene;
    let clip = painter.clip_rect();
    let key = cluster_key(scene, proj, clip);
    let cache_id = ui.scope_id().with("marker_clusters");
    let cached: Option<ClusterCache> = ui.ctx().data(|d| d.get_temp(cache_id));
    let placed = match cached {
        Some(c) if c.key == key => c.placed,
        _ => {
            let placed = std::sync::Arc::new(cluster(scene, proj, clip));
            ui.ctx().data_mut(|d| {
                d.insert_temp(
                    cache_id,
                    ClusterCache {
                        key,
                        placed: placed.clone(),
                    },
                )
            });
            placed
        }
    };
    let mut label_rects: Vec<Rect> = Vec::new();
    // What place labels must keep clear of: every marker and every marker label.
    let mut obstacles: Vec<Rect> = Vec::with_capacity(placed.len() * 2);
    // Draw busier places last so they end up on top; labels for busier places first.
    let mut order: Vec<usize> = (0..placed.len()).collect();
    order.sort_by_key(|&i| {
        placed[i]
            .members
            .iter()
            .map(|&m| scene.groups[m].events.len())
            .sum::<usize>()
    });
    for &i in &order {
        let pl = &placed[i];
        if pl.members.len() == 1 {
            let g = &scene.groups[pl.members[0]];
            let sel = p.selected == Some(&g.key);
            let n = g.events.len();
            let r = 7.0 + (n as f32).sqrt().min(4.0);
            obstacles.push(Rect::from_center_size(
                pl.center,
                Vec2::splat(2.0 * r + 6.0),
            ));
            if sel {
                painter.circle_stroke(
                    pl.center,
                    r + 6.0,
                    Stroke::new(3.0, Color32::from_rgb(0xff, 0xd0, 0x00)),
                );
            }
            let kind = g.kinds.first().copied().unwrap_or(EventKind::Other);
            let stroke_color = if p.dark && g.color == super::style::article_color(0) {
                Color32::WHITE
            } else {
                g.color
            };
            paint_marker(
                painter,
                pl.center,
                r,
                kind_shape(kind),
                kind_color(kind),
                Stroke::new(1.5, stroke_color),
            );
            if n > 1 {
                let b = pl.center + vec2(r * 0.9, -r * 0.9);
                painter.circle(
                    b,
                    7.5,
                    Color32::from_gray(250),
                    Stroke::new(1.0, Color32::from_gray(40)),
                );
                painter.text(
                    b,
                    Align2::CENTER_CENTER,
                    n.to_string(),
                    FontId::proportional(10.0),
                    Color32::BLACK,
                );
            }
            if let Some(out) = out.as_deref_mut() {
                let resp = ui.interact(
                    Rect::from_center_size(pl.center, Vec2::splat(2.0 * r + 4.0)),
                    ui.scope_id().with(("marker", &g.key)),
                    Sense::click(),
                );
                let name = g.label();
                resp.widget_info(|| WidgetInfo::labeled(Role::Button, true, &name));
                let resp = resp.on_hover_text(hover_text(g, scene));
                if resp.clicked() {
                    out.push(Command::SelectPlace(g.key.clone()));
                }
            }
        } else {
            let total: usize = pl
                .members
                .iter()
                .map(|&m| scene.groups[m].events.len())
                .sum();
            let sel = pl
                .members
                .iter()
                .any(|&m| p.selected == Some(&scene.groups[m].key));
            let r = 11.0 + (total as f32).sqrt().min(10.0);
            obstacles.push(Rect::from_center_size(
                pl.center,
                Vec2::splat(2.0 * r + 4.0),
            ));
            if sel {
                painter.circle_stroke(
                    pl.center,
                    r + 5.0,
                    Stroke::new(3.0, Color32::from_rgb(0xff, 0xd0, 0x00)),
                );
            }
            painter.circle(
                pl.center,
                r,
                Color32::from_rgba_unmultiplied(0x33, 0x55, 0x88, 230),
                Stroke::new(2.0, Color32::WHITE),
            );
            painter.text(
                pl.center,
                Align2::CENTER_CENTER,
                total.to_string(),
                FontId::proportional(12.0),
                Color32::WHITE,
            );
            if let Some(out) = out.as_deref_mut() {
                let resp = ui.interact(
                    Rect::from_center_size(pl.center, Vec2::splat(2.0 * r)),
                    ui.scope_id()
                        .with(("cluster", &scene.groups[pl.members[0]].key)),
                    Sense::click(),
                );
                let names: Vec<&str> = pl
                    .members
                    .iter()
                    .map(|&m| scene.groups[m].name.as_str())
                    .collect();
                let name = format!("Cluster of {} places: {total} events", names.len());
                resp.widget_info(|| WidgetInfo::labeled(Role::Button, true, &name));
                let resp = resp.on_hover_text(format!(
                    "{}\n{total} events: click to zoom in",
                    names.join(", ")
                ));
                if resp.clicked() {
                    let center = pl
                        .members
                        .iter()
                        .map(|&m| &scene.groups[m])
                        .fold((0.0, 0.0), |a, g| (a.0 + g.lat, a.1 + g.lon));
                    let n = pl.members.len() as f64;
                    out.push(Command::ZoomInAt(walkers::lat_lon(
                        center.0 / n,
                        center.1 / n,
                    )));
                }
            }
        }
    }
    if p.labels {
        for &i in order.iter().rev() {
            let pl = &placed[i];
            let text = if pl.members.len() == 1 {
                scene.groups[pl.members[0]].name.clone()
            } else {
                continue;
            };
            let sel = pl
                .members
                .iter()
                .any(|&m| p.selected == Some(&scene.groups[m].key));
            let rect = label_rect(painter, pl.center + vec2(14.0, 0.0), &text);
            if !sel && label_rects.iter().any(|r| r.intersects(rect)) {
                continue;
            }
            label_rects.push(rect);
            label(painter, pl.center + vec2(14.0, 0.0), &text, p.dark, sel);
        }
    }
    obstacles.extend(label_rects);
    obstacles
}

fn hover_text(g: &super::scene::Group, _scene: &Scene) -> String {
    let kinds: Vec<&str> = g.kinds.iter().map(|k| k.label()).collect();
    format!(
        "{}\n{} — {}",
        g.name,
        g.label().split(": ").nth(1).unwrap_or(""),
        kinds.join(", ")
    )
}

fn label_rect(painter: &Painter, left_center: Pos2, text: &str) -> Rect {
    let galley =
        painter.layout_no_wrap(text.to_owned(), FontId::proportional(13.0), Color32::BLACK);
    Rect::from_min_size(
        left_center - vec2(0.0, galley.size().y / 2.0),
        galley.size(),
    )
    .expand(2.0)
}

/// A map label with a halo behind it, its left edge centred at `left_center`.
pub fn label(painter: &Painter, left_center: Pos2, text: &str, dark: bool, strong: bool) {
    let font = FontId::proportional(if strong { 14.0 } else { 13.0 });
    let galley = painter.layout_no_wrap(text.to_owned(), font, text_color(dark));
    let rect = Rect::from_min_size(
        left_center - vec2(0.0, galley.size().y / 2.0),
        galley.size(),
    );
    painter.rect_filled(
        rect.expand2(vec2(3.0, 1.0)),
        CornerRadius::same(3),
        halo_color(dark),
    );
    painter.galley(rect.min, galley, text_color(dark));
}

fn paint_measure(painter: &Painter, proj: &Proj, measure: &Measure, dark: bool) {
    let color = Color32::from_rgb(0xff, 0x00, 0x90);
    let path = proj.line(&measure.path(64));
    if path.len() >= 2 {
        painter.add(Shape::line(
            path.clone(),
            Stroke::new(5.0, halo_color(dark)),
        ));
        painter.add(Shape::line(path.clone(), Stroke::new(2.5, color)));
    }
    let ends = proj.line(
        &measure
            .ends()
            .iter()
            .map(|e| e.position)
            .collect::<Vec<_>>(),
    );
    for c in &ends {
        painter.circle(*c, 5.0, color, Stroke::new(1.5, Color32::WHITE));
    }
    if let (Some(km), Some(mid)) = (measure.distance_km(), path.get(path.len() / 2)) {
        label(
            painter,
            *mid + vec2(8.0, -12.0),
            &format!("{km:.1} km"),
            dark,
            true,
        );
    }
}

/// A "nice" scale bar length (1, 2 or 5 times a power of ten) in metres no longer than `max_m`.
///
/// ```
/// assert_eq!(newsmap::app::draw::nice_length(180_000.0), 100_000.0);
/// assert_eq!(newsmap::app::draw::nice_length(260.0), 200.0);
/// ```
pub fn nice_length(max_m: f64) -> f64 {
    if max_m <= 0.0 || !max_m.is_finite() {
        return 0.0;
    }
    let p = 10f64.powf(max_m.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|f| f * p)
        .find(|&l| l <= max_m)
        .unwrap_or(p)
}

/// Paint a scale bar with its bottom-left corner at `at`.
pub fn paint_scale_bar(painter: &Painter, proj: &Proj, at: Pos2, dark: bool) {
    let mpp = proj.metres_per_point();
    let len_m = nice_length(mpp * 140.0);
    if len_m <= 0.0 {
        return;
    }
    let w = (len_m / mpp) as f32;
    let text = if len_m >= 1000.0 {
        format!("{} km", len_m / 1000.0)
    } else {
        format!("{len_m} m")
    };
    let bg = Rect::from_min_max(at + vec2(-6.0, -30.0), at + vec2(w + 6.0, 6.0));
    painter.rect_filled(bg, CornerRadius::same(4), halo_color(dark));
    let y = at.y - 2.0;
    let s = Stroke::new(2.0, text_color(dark));
    painter.line_segment([pos2(at.x, y), pos2(at.x + w, y)], s);
    painter.line_segment([pos2(at.x, y - 6.0), pos2(at.x, y)], s);
    painter.line_segment([pos2(at.x + w, y - 6.0), pos2(at.x + w, y)], s);
    painter.text(
        pos2(at.x + w / 2.0, y - 6.0),
        Align2::CENTER_BOTTOM,
        text,
        FontId::proportional(12.0),
        text_color(dark),
    );
}

/// Paint the legend of `kinds` with its bottom-left corner at `at`; returns its rectangle.
pub fn paint_legend(painter: &Painter, kinds: &[EventKind], at: Pos2, dark: bool) -> Rect {
    let row = 18.0;
    let h = row * kinds.len() as f32 + 8.0;
    let w = 150.0;
    let rect = Rect::from_min_size(at - vec2(0.0, h), vec2(w, h));
    if kinds.is_empty() {
        return rect;
    }
    painter.rect_filled(rect, CornerRadius::same(4), halo_color(dark));
    for (i, k) in kinds.iter().enumerate() {
        let y = rect.min.y + 4.0 + row * (i as f32 + 0.5);
        paint_marker(
            painter,
            pos2(rect.min.x + 12.0, y),
            5.5,
            kind_shape(*k),
            kind_color(*k),
            Stroke::new(1.0, text_color(dark)),
        );
        painter.text(
            pos2(rect.min.x + 24.0, y),
            Align2::LEFT_CENTER,
            k.label(),
            FontId::proportional(12.0),
            text_color(dark),
        );
    }
    rect
}

/// What a briefing image shows on top of the map.
#[derive(Debug, Clone, Default)]
pub struct BriefingText {
    pub title: String,
    /// e.g. "2 – 3 March 2020".
    pub dates: Option<String>,
    pub attribution: String,
    /// (place name, excerpt) for the selected place.
    pub callout: Option<(String, String, Position)>,
}

/// The briefing's decorations: title, dates, legend, scale bar, callout, attribution, footer.
pub struct BriefingPlugin<'a> {
    pub text: &'a BriefingText,
    pub kinds: &'a [EventKind],
    pub dark: bool,
}

impl Plugin for BriefingPlugin<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let painter = ui.painter().with_clip_rect(response.rect);
        let rect = response.rect;
        let proj = Proj::new(projector);
        let dark = self.dark;
        let margin = 16.0;
        // Title block.
        let title = painter.layout(
            self.text.title.clone(),
            FontId::proportional(26.0),
            text_color(dark),
            (rect.width() * 0.6).max(200.0),
        );
        let mut h = title.size().y;
        let dates = self.text.dates.as_ref().map(|d| {
            painter.layout_no_wrap(
                d.clone(),
                FontId::proportional(15.0),
                text_color(dark).gamma_multiply(0.85),
            )
        });
        if let Some(d) = &dates {
            h += d.size().y + 4.0;
        }
        let w = title
            .size()
            .x
            .max(dates.as_ref().map_or(0.0, |d| d.size().x));
        let block = Rect::from_min_size(rect.min + vec2(margin, margin), vec2(w + 20.0, h + 16.0));
        painter.rect_filled(block, CornerRadius::same(6), halo_color(dark));
        let tpos = block.min + vec2(10.0, 8.0);
        let th = title.size().y;
        painter.galley(tpos, title, text_color(dark));
        if let Some(d) = dates {
            painter.galley(tpos + vec2(0.0, th + 4.0), d, text_color(dark));
        }
        // Legend bottom-left, scale bar next to it.
        let legend = paint_legend(
            &painter,
            self.kinds,
            rect.left_bottom() + vec2(margin, -margin - 18.0),
            dark,
        );
        paint_scale_bar(
            &painter,
            &proj,
            pos2(legend.max.x + 24.0, rect.max.y - margin - 18.0),
            dark,
        );
        // Callout top-right with a leader line to the place.
        if let Some((name, excerpt, pos)) = &self.text.callout {
            let body = painter.layout(
                format!("{name}\n{excerpt}"),
                FontId::proportional(14.0),
                text_color(dark),
                (rect.width() * 0.28).clamp(180.0, 480.0),
            );
            let r = Rect::from_min_size(
                pos2(
                    rect.max.x - margin - body.size().x - 20.0,
                    rect.min.y + margin,
                ),
                body.size() + vec2(20.0, 16.0),
            );
            let target = proj.pos(*pos);
            painter.line_segment(
                [r.left_bottom() + vec2(12.0, 0.0), target],
                Stroke::new(1.5, text_color(dark)),
            );
            painter.rect(
                r,
                CornerRadius::same(6),
                halo_color(dark),
                Stroke::new(1.0, text_color(dark)),
                egui::StrokeKind::Inside,
            );
            painter.galley(r.min + vec2(10.0, 8.0), body, text_color(dark));
        }
        // Attribution and footer bottom-right.
        let attr = format!("{}   ·   newsmap", self.text.attribution);
        let g = painter.layout_no_wrap(attr, FontId::proportional(11.0), text_color(dark));
        let r = Rect::from_min_size(
            rect.right_bottom() - g.size() - vec2(margin + 6.0, margin + 2.0),
            g.size(),
        )
        .expand2(vec2(6.0, 2.0));
        painter.rect_filled(r, CornerRadius::same(3), halo_color(dark));
        painter.galley(r.min + vec2(6.0, 2.0), g, text_color(dark));
    }
}

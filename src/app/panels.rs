//! The panels around the map: menu and search bar, article text, detail and corrections, timeline.

use std::collections::HashMap;

use egui::{Align, Color32, Label, RichText, ScrollArea, Sense, Ui};
use walkers::lat_lon;

use super::dialog::DialogPurpose;
use super::scene::{EventRef, PlaceKey, find_place};
use super::style::{confidence_color, kind_color};
use super::{Command, NewsmapApp};
use crate::basemap::BasemapChoice;
use crate::document::{Event, EventKind, ParsedArticle};
use crate::gazetteer::{Candidate, Gazetteer};
use crate::session::{Correction, EventKey, PlaceTarget};

/// Text being edited in the panels (not saved until a command applies it).
#[derive(Default)]
pub struct PanelState {
    pub search: String,
    pub fix_search: String,
    pub from_text: String,
    pub to_text: String,
    pub notes: HashMap<EventKey, String>,
}

fn date_text(ev: &Event) -> String {
    let p = ev
        .date_precision
        .map(|p| format!(" ({})", format!("{p:?}").to_lowercase()))
        .unwrap_or_default();
    match (ev.date, ev.date_end) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}{p}"),
        (Some(a), _) => format!("{a}{p}"),
        _ => "undated".to_owned(),
    }
}

/// Mentions of every place inside `range`, as (start, end, place id, confidence), sorted.
fn mentions_in(
    p: &ParsedArticle,
    range: std::ops::Range<usize>,
) -> Vec<(usize, usize, String, f64)> {
    let mut v: Vec<(usize, usize, String, f64)> = p
        .places
        .iter()
        .flat_map(|pl| {
            pl.mentions
                .iter()
                .filter(|m| m.start >= range.start && m.end <= range.end)
                .map(|m| (m.start, m.end, pl.id.clone(), pl.confidence))
        })
        .collect();
    v.sort_by_key(|m| m.0);
    v
}

impl NewsmapApp {
    pub(crate) fn top_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut out = Vec::new();
        egui::Panel::top("top").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.menu_button("File", |ui| {
                    if ui.button("Open articles…  Ctrl+O").clicked() {
                        out.push(Command::ShowDialog(DialogPurpose::OpenArticles));
                    }
                    if ui.button("Open session…").clicked() {
                        out.push(Command::ShowDialog(DialogPurpose::OpenSession));
                    }
                    if ui.button("Save session…  Ctrl+S").clicked() {
                        out.push(Command::ShowDialog(DialogPurpose::SaveSession));
                    }
                    if ui.button("Export briefing image…  Ctrl+E").clicked() {
                        out.push(Command::ShowExport);
                    }
                    if ui
                        .button("Copy briefing image")
                        .on_hover_text("The export's picture, on the clipboard")
                        .clicked()
                    {
                        out.push(Command::CopyImage(None));
                    }
                });
                ui.menu_button("View", |ui| {
                    ui.label("Basemap");
                    let current = self.map_tiles_choice();
                    if ui
                        .radio(current == BasemapChoice::Offline, "Offline")
                        .clicked()
                    {
                        out.push(Command::SetBasemap(BasemapChoice::Offline));
                    }
                    if ui
                        .radio(current == BasemapChoice::Osm, "OpenStreetMap")
                        .on_hover_text("Downloads tiles from openstreetmap.org")
                        .clicked()
                    {
                        out.push(Command::SetBasemap(BasemapChoice::Osm));
                    }
                    if ui
                        .radio(
                            matches!(current, BasemapChoice::PmTiles(_)),
                            "Open PMTiles file…",
                        )
                        .clicked()
                    {
                        out.push(Command::ShowDialog(DialogPurpose::OpenPmTiles));
                    }
                });
                ui.separator();
                ui.label("Search:");
                let r = ui.add(
                    egui::TextEdit::singleline(&mut self.panels.search)
                        .hint_text("place name")
                        .desired_width(200.0),
                );
                let results: Vec<Candidate> = if self.panels.search.trim().len() >= 2 {
                    Gazetteer::embedded()
                        .map(|g| g.search(self.panels.search.trim(), 8))
                        .unwrap_or_default()
                } else {
                    Vec::new()
                };
                let found = |c: &Candidate| Command::GoToFound {
                    name: c.name.clone(),
                    position: lat_lon(c.lat, c.lon),
                };
                if r.lost_focus()
                    && ui.input(|i| i.key_pressed(egui::Key::Enter))
                    && let Some(c) = results.first()
                {
                    out.push(found(c));
                }
                if !results.is_empty() && (r.has_focus() || r.lost_focus()) {
                    egui::Area::new(egui::Id::unique("search_results"))
                        .fixed_pos(r.rect.left_bottom())
                        .order(egui::Order::Foreground)
                        .show(ui.ctx(), |ui| {
                            egui::Frame::popup(ui.style()).show(ui, |ui| {
                                for c in &results {
                                    let t = format!(
                                        "{} ({}, {})",
                                        c.name,
                                        c.kind.word(),
                                        c.country.as_deref().unwrap_or("-")
                                    );
                                    if ui.selectable_label(false, t).clicked() {
                                        out.push(found(c));
                                    }
                                }
                            });
                        });
                }
                ui.separator();
                let measuring = self.measure.is_some();
                if ui
                    .selectable_label(measuring, "Measure")
                    .on_hover_text(
                        "Pick two places (markers, names in the text, search results) or click \
                         two points on the map to see the great-circle distance",
                    )
                    .clicked()
                {
                    out.push(Command::ToggleMeasure);
                }
                if let Some(m) = &self.measure {
                    ui.label(m.summary());
                    if ui
                        .small_button("x")
                        .on_hover_text("Stop measuring (Esc)")
                        .clicked()
                    {
                        out.push(Command::StopMeasuring);
                    }
                }
                if let Some(l) = &self.loading {
                    ui.separator();
                    ui.spinner();
                    let (i, name) = l.current.clone().unwrap_or((0, String::new()));
                    ui.label(format!("Parsing {}/{}: {name}", i + 1, l.total));
                    if ui.button("Cancel").clicked() {
                        out.push(Command::CancelLoading);
                    }
                }
            });
            let mut dismiss = false;
            for m in &self.messages {
                ui.horizontal(|ui| {
                    ui.colored_label(ui.visuals().warn_fg_color, m);
                    if ui.small_button("x").clicked() {
                        dismiss = true;
                    }
                });
            }
            if dismiss {
                self.messages.clear();
            }
        });
        out
    }

    pub(crate) fn timeline_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut out = Vec::new();
        egui::Panel::bottom("timeline")
            .resizable(true)
            .default_size(170.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.strong("Timeline");
                    ui.label("From");
                    let a = ui.add(
                        egui::TextEdit::singleline(&mut self.panels.from_text)
                            .hint_text("YYYY-MM-DD")
                            .desired_width(90.0),
                    );
                    ui.label("to");
                    let b = ui.add(
                        egui::TextEdit::singleline(&mut self.panels.to_text)
                            .hint_text("YYYY-MM-DD")
                            .desired_width(90.0),
                    );
                    if a.changed() || b.changed() {
                        let parse =
                            |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
                        let mut f = self.filter.clone();
                        f.from = parse(&self.panels.from_text);
                        f.to = parse(&self.panels.to_text);
                        if f != self.filter {
                            out.push(Command::SetFilter(f));
                        }
                    }
                    ui.separator();
                    for k in EventKind::ALL {
                        let on = !self.filter.hidden_kinds.contains(&k);
                        let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
                        ui.painter().circle_filled(
                            r.center(),
                            4.5,
                            if on {
                                kind_color(k)
                            } else {
                                ui.visuals().weak_text_color()
                            },
                        );
                        let text = RichText::new(k.label());
                        if ui
                            .selectable_label(on, text)
                            .on_hover_text("Show or hide this kind")
                            .clicked()
                        {
                            let mut f = self.filter.clone();
                            if on {
                                f.hidden_kinds.insert(k);
                            } else {
                                f.hidden_kinds.remove(&k);
                            }
                            out.push(Command::SetFilter(f));
                        }
                    }
                    if ui.button("Clear filters").clicked() {
                        self.panels.from_text.clear();
                        self.panels.to_text.clear();
                        out.push(Command::SetFilter(Default::default()));
                    }
                });
                ui.separator();
                let events = self.visible_events();
                let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
                ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show_rows(ui, row_h, events.len(), |ui, rows| {
                        for r in &events[rows] {
                            let doc = &self.docs[r.doc];
                            let ev = &doc.parsed.events[r.event];
                            let sel = self.selected_event == Some(*r);
                            ui.horizontal(|ui| {
                                ui.painter().rect_filled(
                                    egui::Rect::from_min_size(
                                        ui.cursor().min,
                                        egui::vec2(4.0, row_h - 2.0),
                                    ),
                                    1.0,
                                    doc.color,
                                );
                                ui.add_space(8.0);
                                let d = ui.add(
                                    Label::new(RichText::new(date_text(ev)).monospace())
                                        .sense(Sense::hover()),
                                );
                                if d.hovered() {
                                    out.push(self.hover_time_cmd(r.doc, ev));
                                }
                                ui.colored_label(kind_color(ev.kind), ev.kind.label());
                                let places: Vec<&str> = ev
                                    .places
                                    .iter()
                                    .filter_map(|id| find_place(&doc.parsed, id))
                                    .map(|p| p.name.as_str())
                                    .collect();
                                let text = format!("@ {} — {}", places.join(", "), ev.summary);
                                if ui.selectable_label(sel, text).clicked() {
                                    out.push(Command::SelectEvent(*r));
                                }
                            });
                        }
                    });
            });
        out
    }

    fn hover_time_cmd(&self, doc: usize, ev: &Event) -> Command {
        let t = ev
            .time
            .and_then(|i| self.docs.get(doc)?.parsed.times.get(i))
            .map(|t| (doc, t.start, t.end));
        Command::HoverTime(t)
    }

    pub(crate) fn article_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut out = Vec::new();
        let dark = ui.visuals().dark_mode;
        egui::Panel::left("article")
            .resizable(true)
            .default_size(380.0)
            .show(ui, |ui| {
                ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        for (d, doc) in self.docs.iter().enumerate() {
                            ui.horizontal(|ui| {
                                ui.painter().circle_filled(
                                    ui.cursor().min + egui::vec2(6.0, 10.0),
                                    5.0,
                                    doc.color,
                                );
                                ui.add_space(14.0);
                                ui.heading(doc.title());
                            });
                            let p = &doc.parsed;
                            let mentions = mentions_in(p, 0..p.text.len());
                            let hover = self.hover_time.filter(|h| h.0 == d);
                            let mut pos = 0;
                            for para in p.text.split_inclusive('\n') {
                                let (ps, pe) = (pos, pos + para.len());
                                pos = pe;
                                if para.trim().is_empty() {
                                    continue;
                                }
                                ui.horizontal_wrapped(|ui| {
                                    ui.spacing_mut().item_spacing.x = 0.0;
                                    let mut at = ps;
                                    let pe_trim = ps + para.trim_end().len();
                                    for (s, e, id, conf) in
                                        mentions.iter().filter(|m| m.0 >= ps && m.1 <= pe)
                                    {
                                        if *s < at {
                                            continue;
                                        }
                                        plain(ui, p, at, *s, hover, dark);
                                        let key = PlaceKey {
                                            doc: d,
                                            id: id.clone(),
                                        };
                                        let sel = self.selected.as_ref() == Some(&key);
                                        let mut text =
                                            RichText::new(p.text.get(*s..*e).unwrap_or_default())
                                                .background_color(confidence_color(*conf, dark));
                                        if sel {
                                            text = text.strong().underline();
                                        }
                                        let r = ui.add(Label::new(text).sense(Sense::click()));
                                        if self.scroll_to == Some((d, *s)) {
                                            r.scroll_to_me(Some(Align::Center));
                                        }
                                        let r = r.on_hover_text(format!(
                                            "{} (confidence {:.2}): click to select",
                                            id, conf
                                        ));
                                        if r.clicked() {
                                            out.push(Command::SelectPlaceAndFly(key));
                                        }
                                        at = *e;
                                    }
                                    plain(ui, p, at, pe_trim.max(at), hover, dark);
                                });
                                ui.add_space(4.0);
                            }
                            ui.separator();
                        }
                    });
            });
        // Scrolling happens in the frame it is asked for.
        self.scroll_to = None;
        out
    }

    pub(crate) fn detail_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut out = Vec::new();
        let Some(key) = self.selected.clone() else {
            return out;
        };
        let Some(doc) = self.docs.get(key.doc) else {
            return out;
        };
        let Some(place) = find_place(&doc.parsed, &key.id) else {
            return out;
        };
        let dark = ui.visuals().dark_mode;
        let gaz = Gazetteer::embedded().ok();
        let mut measure_from = self.place_end(&key);
        egui::Panel::right("detail")
            .resizable(true)
            .default_size(360.0)
            .show(ui, |ui| {
                ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ui.heading(&place.name);
                        ui.label(format!(
                            "{} · {} · {:.4}° N, {:.4}° E · confidence {:.2}",
                            place.kind.word(),
                            place.country.as_deref().unwrap_or("no country"),
                            place.lat,
                            place.lon,
                            place.confidence
                        ));
                        if let Some(end) = measure_from.take()
                            && ui
                                .button("Measure from here")
                                .on_hover_text(
                                    "Then pick another place to see the great-circle distance",
                                )
                                .clicked()
                        {
                            out.push(Command::MeasureFrom(end));
                        }
                        if let Some(c) = gaz.and_then(|g| g.get(&place.id)) {
                            let alt: Vec<&str> = c.alternate_names().take(12).collect();
                            if !alt.is_empty() {
                                ui.label(RichText::new(format!("Also: {}", alt.join(", "))).weak());
                            }
                        }
                        ui.separator();
                        let events: Vec<(usize, &Event)> = doc
                            .parsed
                            .events
                            .iter()
                            .enumerate()
                            .filter(|(_, e)| e.places.contains(&key.id))
                            .collect();
                        ui.strong(format!(
                            "{} event{} here",
                            events.len(),
                            if events.len() == 1 { "" } else { "s" }
                        ));
                        for (i, ev) in events {
                            let r = EventRef {
                                doc: key.doc,
                                event: i,
                            };
                            let ek = doc.event_key(ev);
                            egui::Frame::group(ui.style()).show(ui, |ui| {
                                ui.horizontal(|ui| {
                                    let d = ui.add(
                                        Label::new(RichText::new(date_text(ev)).strong())
                                            .sense(Sense::hover()),
                                    );
                                    if d.hovered() {
                                        let t = ev.time.and_then(|t| doc.parsed.times.get(t));
                                        out.push(Command::HoverTime(
                                            t.map(|t| (key.doc, t.start, t.end)),
                                        ));
                                        if let Some(t) = t {
                                            d.on_hover_text(format!("from the words “{}”", t.text));
                                        }
                                    }
                                    ui.colored_label(kind_color(ev.kind), ev.kind.label());
                                    if self.selected_event == Some(r) {
                                        ui.label("(selected)");
                                    }
                                });
                                // The excerpt, with its place names clickable.
                                ui.horizontal_wrapped(|ui| {
                                    ui.spacing_mut().item_spacing.x = 0.0;
                                    let mut at = ev.start;
                                    for (s, e, id, conf) in
                                        mentions_in(&doc.parsed, ev.start..ev.end)
                                    {
                                        if s < at {
                                            continue;
                                        }
                                        ui.label(doc.parsed.text.get(at..s).unwrap_or_default());
                                        let text = RichText::new(
                                            doc.parsed.text.get(s..e).unwrap_or_default(),
                                        )
                                        .background_color(confidence_color(conf, dark));
                                        if ui
                                            .add(Label::new(text).sense(Sense::click()))
                                            .on_hover_text("select this place")
                                            .clicked()
                                        {
                                            out.push(Command::SelectPlaceAndFly(PlaceKey {
                                                doc: key.doc,
                                                id,
                                            }));
                                        }
                                        at = e;
                                    }
                                    ui.label(doc.parsed.text.get(at..ev.end).unwrap_or_default());
                                });
                                ui.label(RichText::new(doc.title()).italics().weak());
                                let note =
                                    self.panels.notes.entry(ek.clone()).or_insert_with(|| {
                                        self.session.note(&ek).unwrap_or_default().to_owned()
                                    });
                                let n = ui.add(
                                    egui::TextEdit::multiline(note)
                                        .hint_text("note")
                                        .desired_rows(1),
                                );
                                if n.lost_focus()
                                    && self.session.note(&ek).unwrap_or_default() != note.as_str()
                                {
                                    out.push(Command::SetNote(ek.clone(), note.clone()));
                                }
                                let mut hidden = self.session.is_hidden(&ek);
                                if ui.checkbox(&mut hidden, "Hide this event").changed() {
                                    out.push(Command::SetHidden(ek.clone(), hidden));
                                }
                            });
                        }
                        ui.separator();
                        ui.collapsing("Correct this place", |ui| {
                            let move_all = |to: PlaceTarget| -> Vec<Command> {
                                place
                                    .mentions
                                    .iter()
                                    .map(|m| {
                                        Command::Correct(Correction::Move {
                                            article: doc.hash.clone(),
                                            start: m.start,
                                            end: m.end,
                                            to: to.clone(),
                                        })
                                    })
                                    .collect()
                            };
                            if !place.alternatives.is_empty() {
                                ui.label("It could instead be:");
                            }
                            for a in &place.alternatives {
                                let t = format!(
                                    "{} ({}, {}) score {:.2}",
                                    a.name,
                                    a.kind.word(),
                                    a.country.as_deref().unwrap_or("-"),
                                    a.score
                                );
                                if ui.button(t).clicked() {
                                    out.extend(move_all(PlaceTarget::from(a)));
                                }
                            }
                            ui.horizontal(|ui| {
                                ui.label("Or search:");
                                ui.text_edit_singleline(&mut self.panels.fix_search);
                            });
                            if self.panels.fix_search.trim().len() >= 2
                                && let Some(g) = gaz
                            {
                                for c in g.search(self.panels.fix_search.trim(), 6) {
                                    let t = format!(
                                        "Move to {} ({}, {})",
                                        c.name,
                                        c.kind.word(),
                                        c.country.as_deref().unwrap_or("-")
                                    );
                                    if ui.button(t).clicked() {
                                        out.extend(move_all(PlaceTarget::from(&c)));
                                    }
                                }
                            }
                            ui.separator();
                            ui.label("Mentions:");
                            for m in &place.mentions {
                                ui.horizontal(|ui| {
                                    ui.label(format!("“{}” at byte {}", m.text, m.start));
                                    if ui.small_button("Not a place").clicked() {
                                        out.push(Command::Correct(Correction::NotAPlace {
                                            article: doc.hash.clone(),
                                            start: m.start,
                                            end: m.end,
                                        }));
                                    }
                                });
                            }
                        });
                    });
            });
        out
    }
}

/// Plain article text from `a` to `b`, with the hovered date's words highlighted.
fn plain(
    ui: &mut Ui,
    p: &ParsedArticle,
    a: usize,
    b: usize,
    hover: Option<(usize, usize, usize)>,
    dark: bool,
) {
    if b <= a {
        return;
    }
    let mut segs = vec![(a, b, false)];
    if let Some((_, hs, he)) = hover
        && hs < b
        && he > a
    {
        let (hs, he) = (hs.max(a), he.min(b));
        segs = vec![(a, hs, false), (hs, he, true), (he, b, false)];
    }
    for (s, e, hl) in segs {
        let Some(t) = p.text.get(s..e) else { continue };
        if t.is_empty() {
            continue;
        }
        let mut rt = RichText::new(t);
        if hl {
            rt = rt.background_color(if dark {
                Color32::from_rgb(90, 70, 0)
            } else {
                Color32::from_rgb(255, 230, 120)
            });
        }
        ui.label(rt);
    }
}

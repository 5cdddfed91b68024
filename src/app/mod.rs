//! The viewer: an eframe app showing the open articles' events on a walkers map, with the article text,
//! a detail panel, a timeline, corrections and briefing export.
//!
//! UI functions (`*_ui`) return [`Command`]s; [`NewsmapApp::apply`] is the one place state changes.

pub mod clipboard;
pub mod dialog;
pub mod draw;
pub mod fit;
pub mod labels;
pub mod loader;
pub mod measure;
pub mod offscreen;
pub mod panels;
pub mod scene;
pub mod style;
pub mod tiles;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use egui::{Key, Modifiers, Ui};
use geo::Distance;
use walkers::{MapMemory, Position, lat_lon};

use crate::basemap::BasemapChoice;
use crate::session::{Correction, EventKey, Session};
use dialog::{DialogPurpose, FileDialog};
use loader::{LoadMsg, Loading, Source};
use scene::{Doc, EventRef, Filter, PlaceKey, Scene};
use tiles::MapTiles;

/// Great-circle distance between two positions, in kilometres (haversine, mean Earth radius).
///
/// ```
/// use walkers::lat_lon;
/// // Saraqib (lat 35.86, lon 36.81) to Idlib (lat 35.93, lon 36.63): about 18 km.
/// let km = newsmap::app::distance_km(lat_lon(35.86, 36.81), lat_lon(35.93, 36.63));
/// assert!((km - 17.9).abs() < 1.0);
/// ```
pub fn distance_km(a: Position, b: Position) -> f64 {
    geo::Haversine.distance(a, b) / 1000.0
}

static PROCESS_START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Remember when the process started (call first thing in `main`), for the launch-time
/// measurement printed when `NEWSMAP_TIME_FIRST_FRAME` is set.
pub fn mark_process_start() {
    let _ = PROCESS_START.set(std::time::Instant::now());
}

/// When `NEWSMAP_TIME_RENDER` is set, print on stderr how long after the process started `stage`
/// was reached: where the time of `newsmap render` goes, without a profiler.
pub fn trace_stage(stage: &str) {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if !*ON.get_or_init(|| std::env::var_os("NEWSMAP_TIME_RENDER").is_some()) {
        return;
    }
    let ms = PROCESS_START
        .get()
        .map_or(0.0, |t0| t0.elapsed().as_secs_f64() * 1e3);
    eprintln!("newsmap: {ms:7.1} ms  {stage}");
}

/// Run a worker's body, turning a panic into an error message for the status bar, so a bug
/// in parsing, exporting or saving costs that one job, never the app.
///
/// ```
/// let r: Result<(), String> = newsmap::app::catch_panic("export", || panic!("boom"));
/// assert!(r.unwrap_err().contains("boom"));
/// ```
pub fn catch_panic<T>(what: &str, body: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        Ok(r) => r,
        Err(payload) => {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown error".to_owned());
            Err(format!(
                "{what} failed unexpectedly ({why}); newsmap carries on"
            ))
        }
    }
}

/// Something the user asked for; produced by UI functions, applied by [`NewsmapApp::apply`].
#[must_use]
#[derive(Debug, Clone)]
pub enum Command {
    SelectPlace(PlaceKey),
    /// Select a place and move the map to it.
    SelectPlaceAndFly(PlaceKey),
    SelectEvent(EventRef),
    ClearSelection,
    FlyTo(Position, Option<f64>),
    ZoomInAt(Position),
    MapClicked(Position),
    FitAll,
    ZoomIn,
    ZoomOut,
    NextEvent,
    PreviousEvent,
    Open(Vec<Source>),
    CancelLoading,
    Correct(Correction),
    SetNote(EventKey, String),
    SetHidden(EventKey, bool),
    SetFilter(Filter),
    SaveSession(PathBuf),
    OpenSession(PathBuf),
    ShowDialog(DialogPurpose),
    /// Start measuring (nothing picked yet) or stop.
    ToggleMeasure,
    /// Measure from this end: the next place picked or point clicked is the other end.
    MeasureFrom(measure::MeasureEnd),
    StopMeasuring,
    /// A gazetteer search result was chosen: fly there (and take it as a measure end).
    GoToFound {
        name: String,
        position: Position,
    },
    ShowExport,
    Export(offscreen::ExportRequest),
    /// Put the briefing image on the clipboard, drawn with these options, or (None, from the
    /// File menu) with the export dialog's, which opens to show how the copy goes.
    CopyImage(Option<offscreen::BriefingOptions>),
    /// Draw another basemap under the events.
    SetBasemap(BasemapChoice),
    /// Show the words a date came from: (article, byte start, byte end).
    HoverTime(Option<(usize, usize, usize)>),
}

/// How the viewer was started.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// Articles to open; empty = the sample.
    pub files: Vec<PathBuf>,
    pub session: Option<PathBuf>,
    pub basemap: Option<BasemapChoice>,
}

/// State kept by eframe between runs (window layout is kept by egui itself).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Persisted {
    /// The hashes of the articles last open and the view on them.
    pub last_articles: Vec<String>,
    pub last_view: Option<crate::session::View>,
    pub last_folder: Option<PathBuf>,
}

/// The viewer.
pub struct NewsmapApp {
    pub docs: Vec<Doc>,
    pub session: Session,
    /// Where the session is saved automatically (a `--session` file or the default per-article path).
    pub session_path: Option<PathBuf>,
    explicit_session: bool,
    pub map_memory: MapMemory,
    pub scene: Scene,
    pub filter: Filter,
    pub selected: Option<PlaceKey>,
    pub selected_event: Option<EventRef>,
    pub loading: Option<Loading>,
    /// Messages shown in the banner until dismissed.
    pub messages: Vec<String>,
    /// The basemap asked for (the one shown may be offline, see [`MapTiles::choice`]).
    pub basemap: BasemapChoice,
    tiles: Option<MapTiles>,
    place_labels: labels::LabelCache,
    first_frame_done: bool,
    fit_pending: bool,
    map_rect: egui::Rect,
    pub(crate) panels: panels::PanelState,
    dialog: Option<FileDialog>,
    /// The distance being measured, while the measure tool is on.
    pub measure: Option<measure::Measure>,
    pub hover_time: Option<(usize, usize, usize)>,
    pub scroll_to: Option<(usize, usize)>,
    pub persisted: Persisted,
    save_rx: Option<Receiver<Result<(), String>>>,
    pub export: Option<offscreen::ExportState>,
    /// Draws briefings for "Copy image" and keeps the clipboard open (started on first use).
    copier: Option<clipboard::Copier>,
    pasted: usize,
}

impl NewsmapApp {
    /// A viewer that starts loading the launch articles on a worker thread.
    pub fn new(ctx: &egui::Context, launch: Launch, persisted: Persisted) -> NewsmapApp {
        style::install_fonts(ctx);
        let sources: Vec<Source> = if launch.files.is_empty() {
            vec![Source::Sample]
        } else {
            launch.files.iter().cloned().map(Source::Path).collect()
        };
        let mut app = NewsmapApp {
            docs: Vec::new(),
            session: Session::default(),
            session_path: launch.session.clone(),
            explicit_session: launch.session.is_some(),
            map_memory: MapMemory::default(),
            scene: Scene::default(),
            filter: Filter::default(),
            selected: None,
            selected_event: None,
            loading: None,
            messages: Vec::new(),
            basemap: launch.basemap.unwrap_or_default(),
            tiles: None,
            place_labels: labels::LabelCache::default(),
            first_frame_done: false,
            fit_pending: true,
            map_rect: egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0)),
            panels: panels::PanelState::default(),
            dialog: None,
            measure: None,
            hover_time: None,
            scroll_to: None,
            persisted,
            save_rx: None,
            export: None,
            copier: None,
            pasted: 0,
        };
        if let Some(path) = &launch.session {
            match Session::load(path) {
                Ok(s) => app.session = s,
                // A session that does not exist yet is created on the first change.
                Err(crate::session::SessionError::Read { source, .. })
                    if source.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    app.messages.push(e.to_string());
                    // Never overwrite a file we could not read.
                    app.session_path = None;
                }
            }
        }
        let repaint = ctx.clone();
        labels::preload(move || repaint.request_repaint());
        app.open(ctx, sources);
        app
    }

    fn open(&mut self, ctx: &egui::Context, sources: Vec<Source>) {
        if let Some(l) = &self.loading {
            l.cancel();
        }
        let ctx = ctx.clone();
        self.loading = Some(loader::spawn(sources, move || ctx.request_repaint()));
    }

    /// Copy images through `copier` instead of the system clipboard (tests give a stand-in).
    pub fn use_copier(&mut self, copier: clipboard::Copier) {
        self.copier = Some(copier);
    }

    /// The basemap shown: what was asked for, or offline if that could not be opened.
    pub fn map_tiles_choice(&self) -> BasemapChoice {
        self.tiles
            .as_ref()
            .map_or_else(|| self.basemap.clone(), |t| t.choice().clone())
    }

    /// What the map's status line says about the basemap, if anything.
    pub fn basemap_status(&self) -> Option<String> {
        self.tiles.as_ref().and_then(|t| t.status().text())
    }

    /// Whether articles are still being parsed.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    fn poll_loading(&mut self) {
        let Some(loading) = &mut self.loading else {
            return;
        };
        let mut finished = false;
        let mut added = false;
        while let Ok(msg) = loading.rx.try_recv() {
            match msg {
                LoadMsg::Started(i, name) => loading.current = Some((i, name)),
                LoadMsg::Loaded(l) => {
                    let n = self.docs.len();
                    self.docs.push(Doc {
                        original: l.parsed.clone(),
                        parsed: l.parsed,
                        path: l.path,
                        name: l.name,
                        hash: l.hash,
                        color: style::article_color(n),
                    });
                    added = true;
                }
                LoadMsg::Failed(e) => self.messages.push(e),
                LoadMsg::Finished => finished = true,
            }
        }
        if finished {
            self.loading = None;
        }
        if added {
            self.articles_changed();
        }
    }

    /// After articles were added: find their session, apply corrections, rebuild, fit.
    fn articles_changed(&mut self) {
        let hashes: Vec<String> = self.docs.iter().map(|d| d.hash.clone()).collect();
        if !self.explicit_session {
            self.session_path = crate::session::default_path(&hashes);
            if let Some(p) = &self.session_path
                && p.exists()
            {
                match Session::load(p) {
                    Ok(s) => self.session = s,
                    Err(e) => {
                        self.messages.push(e.to_string());
                        self.session_path = None;
                    }
                }
            }
        }
        self.session.articles = self
            .docs
            .iter()
            .map(|d| crate::session::ArticleRef {
                path: d
                    .path
                    .as_ref()
                    .map_or_else(|| d.name.clone(), |p| p.display().to_string()),
                hash: d.hash.clone(),
            })
            .collect();
        self.reapply_corrections();
        self.fit_pending = true;
        if self.persisted.last_articles == hashes
            && let Some(v) = self.persisted.last_view
        {
            self.set_view(lat_lon(v.lat, v.lon), v.zoom);
            self.fit_pending = false;
        }
        if let Some(v) = self.session.view {
            self.set_view(lat_lon(v.lat, v.lon), v.zoom);
            self.fit_pending = false;
        }
    }

    fn reapply_corrections(&mut self) {
        for d in &mut self.docs {
            d.parsed = d.original.clone();
            crate::session::apply_corrections(&mut d.parsed, &d.hash, &self.session.corrections);
        }
        self.rebuild_scene();
    }

    fn rebuild_scene(&mut self) {
        let session = &self.session;
        self.scene = Scene::build(&self.docs, &self.filter, &|k| session.is_hidden(k));
    }

    fn set_view(&mut self, center: Position, zoom: f64) {
        self.map_memory.center_at(center);
        let _ = self.map_memory.set_zoom(zoom.clamp(0.0, 19.0));
    }

    /// Fit the map to every visible event (or every place when none).
    pub fn fit_all(&mut self) {
        let mut pts: Vec<(f64, f64)> = self.scene.groups.iter().map(|g| (g.lat, g.lon)).collect();
        if pts.is_empty() {
            pts = self
                .scene
                .dots
                .iter()
                .map(|d| (d.position.y(), d.position.x()))
                .collect();
        }
        let r = self.map_rect;
        if let Some(v) = fit::fit_view(&pts, f64::from(r.width()), f64::from(r.height()), 60.0) {
            self.set_view(lat_lon(v.lat, v.lon), v.zoom);
        }
    }

    /// The current view centre and zoom.
    pub fn view(&self) -> crate::session::View {
        let c = self.map_memory.detached().unwrap_or(lat_lon(0.0, 0.0));
        crate::session::View {
            lat: c.y(),
            lon: c.x(),
            zoom: self.map_memory.zoom(),
        }
    }

    /// Events in time order (undated last) that the filter shows: what J/K step through.
    pub fn visible_events(&self) -> Vec<EventRef> {
        let mut out: Vec<EventRef> = Vec::new();
        for (d, doc) in self.docs.iter().enumerate() {
            for (i, ev) in doc.parsed.events.iter().enumerate() {
                if self.filter.shows(ev) && !self.session.is_hidden(&doc.event_key(ev)) {
                    out.push(EventRef { doc: d, event: i });
                }
            }
        }
        out.sort_by_key(|r| {
            let ev = &self.docs[r.doc].parsed.events[r.event];
            (ev.date.is_none(), ev.date, ev.start, r.doc)
        });
        out
    }

    fn place_position(&self, key: &PlaceKey) -> Option<Position> {
        let d = self.docs.get(key.doc)?;
        scene::find_place(&d.parsed, &key.id).map(|p| lat_lon(p.lat, p.lon))
    }

    /// A place of the open articles as one end of a measurement.
    pub fn place_end(&self, key: &PlaceKey) -> Option<measure::MeasureEnd> {
        let d = self.docs.get(key.doc)?;
        let p = scene::find_place(&d.parsed, &key.id)?;
        Some(measure::MeasureEnd::place(&p.name, lat_lon(p.lat, p.lon)))
    }

    fn step_event(&mut self, forward: bool) -> Option<Command> {
        let evs = self.visible_events();
        if evs.is_empty() {
            return None;
        }
        let next = match self
            .selected_event
            .and_then(|s| evs.iter().position(|e| *e == s))
        {
            Some(i) if forward => (i + 1).min(evs.len() - 1),
            Some(i) => i.saturating_sub(1),
            None if forward => 0,
            None => evs.len() - 1,
        };
        Some(Command::SelectEvent(evs[next]))
    }

    fn session_changed(&mut self) {
        let Some(path) = self.session_path.clone() else {
            return;
        };
        let session = self.session.clone();
        let (tx, rx) = channel();
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        std::thread::spawn(move || {
            let r = catch_panic("saving the session", || {
                session.save(&path).map_err(|e| e.to_string())
            });
            let _ = tx.send(r);
        });
        self.save_rx = Some(rx);
    }

    /// Save the session to a file now (File > Save session), and keep saving there.
    pub fn save_session_to(&mut self, path: &Path) -> Result<(), String> {
        self.session.view = Some(self.view());
        self.session.save(path).map_err(|e| e.to_string())?;
        self.session_path = Some(path.to_owned());
        self.explicit_session = true;
        Ok(())
    }

    /// Open a session file: its corrections, notes and view apply to the open articles.
    pub fn open_session(&mut self, path: &Path) -> Result<(), String> {
        let s = Session::load(path).map_err(|e| e.to_string())?;
        let known: Vec<&str> = self.docs.iter().map(|d| d.hash.as_str()).collect();
        if !s.articles.is_empty() && !s.articles.iter().any(|a| known.contains(&a.hash.as_str())) {
            let names: Vec<&str> = s.articles.iter().map(|a| a.path.as_str()).collect();
            self.messages.push(format!(
                "{} is for other articles ({}); open them to see its corrections",
                path.display(),
                names.join(", ")
            ));
        }
        let articles = std::mem::take(&mut self.session.articles);
        self.session = s;
        self.session.articles = articles;
        self.session_path = Some(path.to_owned());
        self.explicit_session = true;
        self.reapply_corrections();
        if let Some(v) = self.session.view {
            self.set_view(lat_lon(v.lat, v.lon), v.zoom);
        }
        Ok(())
    }

    /// Apply one command: the only place state changes in response to the UI.
    pub fn apply(&mut self, ctx: &egui::Context, cmd: Command) {
        match cmd {
            Command::SelectPlace(k) => {
                // While measuring, a place picked anywhere (marker, article, excerpt) is an end.
                if self.measure.is_some()
                    && let Some(end) = self.place_end(&k)
                    && let Some(m) = &mut self.measure
                {
                    m.pick(end);
                }
                self.scroll_to = self.first_mention(&k);
                self.selected_event = None;
                self.selected = Some(k);
            }
            Command::SelectPlaceAndFly(k) => {
                if let Some(p) = self.place_position(&k) {
                    self.map_memory.center_at(p);
                    if self.map_memory.zoom() < 6.0 {
                        let _ = self.map_memory.set_zoom(7.0);
                    }
                }
                self.apply(ctx, Command::SelectPlace(k));
            }
            Command::SelectEvent(r) => {
                let Some(doc) = self.docs.get(r.doc) else {
                    return;
                };
                let Some(ev) = doc.parsed.events.get(r.event) else {
                    return;
                };
                let first = ev.places.first().cloned();
                self.scroll_to = Some((r.doc, ev.start));
                if let Some(id) = first {
                    let key = PlaceKey { doc: r.doc, id };
                    if let Some(p) = self.place_position(&key) {
                        self.map_memory.center_at(p);
                    }
                    self.selected = Some(key);
                }
                self.selected_event = Some(r);
            }
            Command::ClearSelection => {
                self.selected = None;
                self.selected_event = None;
                self.measure = None;
            }
            Command::FlyTo(p, zoom) => {
                self.map_memory.center_at(p);
                if let Some(z) = zoom {
                    let _ = self.map_memory.set_zoom(z);
                }
            }
            Command::ZoomInAt(p) => {
                self.map_memory.center_at(p);
                let z = self.map_memory.zoom() + 2.0;
                let _ = self.map_memory.set_zoom(z.min(18.0));
            }
            Command::MapClicked(p) => {
                if let Some(m) = &mut self.measure {
                    m.pick(measure::MeasureEnd::point(p));
                }
            }
            Command::FitAll => self.fit_all(),
            Command::ZoomIn => {
                let _ = self.map_memory.zoom_in();
            }
            Command::ZoomOut => {
                let _ = self.map_memory.zoom_out();
            }
            Command::NextEvent => {
                if let Some(c) = self.step_event(true) {
                    self.apply(ctx, c);
                }
            }
            Command::PreviousEvent => {
                if let Some(c) = self.step_event(false) {
                    self.apply(ctx, c);
                }
            }
            Command::Open(sources) => self.open(ctx, sources),
            Command::CancelLoading => {
                if let Some(l) = &self.loading {
                    l.cancel();
                }
                self.loading = None;
                self.messages.push("Parsing cancelled".to_owned());
            }
            Command::Correct(c) => {
                self.session.correct(c);
                self.reapply_corrections();
                if let Some(k) = &self.selected
                    && self.place_position(k).is_none()
                {
                    self.selected = None;
                }
                self.session_changed();
            }
            Command::SetNote(k, text) => {
                self.session.set_note(&k, &text);
                self.session_changed();
            }
            Command::SetHidden(k, hidden) => {
                self.session.set_hidden(&k, hidden);
                self.rebuild_scene();
                self.session_changed();
            }
            Command::SetFilter(f) => {
                self.filter = f;
                self.rebuild_scene();
            }
            Command::SaveSession(path) => {
                if let Err(e) = self.save_session_to(&path) {
                    self.messages.push(e);
                }
            }
            Command::OpenSession(path) => {
                if let Err(e) = self.open_session(&path) {
                    self.messages.push(e);
                }
            }
            Command::ShowDialog(purpose) => {
                let dir = self
                    .persisted
                    .last_folder
                    .clone()
                    .or_else(|| std::env::current_dir().ok())
                    .unwrap_or_else(|| PathBuf::from("."));
                self.dialog = Some(FileDialog::new(purpose, dir));
            }
            Command::ToggleMeasure => {
                self.measure = match self.measure {
                    Some(_) => None,
                    None => Some(measure::Measure::default()),
                };
            }
            Command::MeasureFrom(end) => self.measure = Some(measure::Measure::from(end)),
            Command::StopMeasuring => self.measure = None,
            Command::GoToFound { name, position } => {
                if let Some(m) = &mut self.measure {
                    m.pick(measure::MeasureEnd::place(name, position));
                }
                self.apply(ctx, Command::FlyTo(position, Some(9.0)));
            }
            Command::ShowExport => {
                let title = self
                    .session
                    .title
                    .clone()
                    .or_else(|| self.docs.first().map(|d| d.title().to_owned()))
                    .unwrap_or_else(|| "newsmap".to_owned());
                let folder = self
                    .persisted
                    .last_folder
                    .clone()
                    .unwrap_or_else(|| PathBuf::from("."));
                self.export = Some(offscreen::ExportState::new(title, folder));
            }
            Command::Export(req) => {
                if let Some(dir) = req.path.parent() {
                    self.persisted.last_folder = Some(dir.to_owned());
                }
                let job = self.briefing_job(&req.options);
                if let Some(state) = &mut self.export {
                    state.start(job, req, ctx);
                }
            }
            Command::CopyImage(options) => {
                if self.export.is_none() {
                    self.apply(ctx, Command::ShowExport);
                }
                let map_size = self.map_rect.size();
                let Some(options) =
                    options.or_else(|| self.export.as_ref().map(|e| e.options(map_size)))
                else {
                    return;
                };
                let job = self.briefing_job(&options);
                let copier = self.copier.get_or_insert_with(|| {
                    let ctx = ctx.clone();
                    clipboard::Copier::system(move || ctx.request_repaint())
                });
                copier.copy(job);
                if let Some(e) = &mut self.export {
                    e.set_status(format!(
                        "Copying the {}×{} image…",
                        options.width, options.height
                    ));
                }
                // The dialog was drawn before this command: show "Copying…" now, not when done.
                ctx.request_repaint();
            }
            Command::HoverTime(t) => self.hover_time = t,
            Command::SetBasemap(choice) => {
                if let Some(t) = &mut self.tiles {
                    t.choose(&choice, ctx);
                }
                self.basemap = choice;
            }
        }
    }

    fn first_mention(&self, k: &PlaceKey) -> Option<(usize, usize)> {
        let d = self.docs.get(k.doc)?;
        let p = scene::find_place(&d.parsed, &k.id)?;
        p.mentions.iter().map(|m| m.start).min().map(|s| (k.doc, s))
    }

    /// What a briefing of the current state draws.
    pub fn briefing_job(&self, req: &offscreen::BriefingOptions) -> offscreen::BriefingJob {
        let callout = if req.callout {
            self.selected.as_ref().and_then(|k| {
                let d = self.docs.get(k.doc)?;
                let p = scene::find_place(&d.parsed, &k.id)?;
                let ev = d.parsed.events.iter().find(|e| e.places.contains(&k.id))?;
                Some((p.name.clone(), ev.excerpt.clone(), lat_lon(p.lat, p.lon)))
            })
        } else {
            None
        };
        offscreen::BriefingJob {
            scene: self.scene.clone(),
            title: req.title.clone(),
            view: Some(self.view()),
            width: req.width,
            height: req.height,
            dark: req.dark,
            basemap: self.map_tiles_choice(),
            callout,
            selected: self.selected.clone(),
        }
    }

    fn handle_keys(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut out = Vec::new();
        let typing = ctx.egui_wants_keyboard_input();
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::COMMAND, Key::O) {
                out.push(Command::ShowDialog(DialogPurpose::OpenArticles));
            }
            if i.consume_key(Modifiers::COMMAND, Key::E) {
                out.push(Command::ShowExport);
            }
            if i.consume_key(Modifiers::COMMAND, Key::S) {
                out.push(Command::ShowDialog(DialogPurpose::SaveSession));
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                out.push(Command::ClearSelection);
            }
            if typing {
                return;
            }
            for (key, cmd) in [
                (Key::Plus, Command::ZoomIn),
                (Key::Equals, Command::ZoomIn),
                (Key::Minus, Command::ZoomOut),
                (Key::F, Command::FitAll),
                (Key::J, Command::NextEvent),
                (Key::ArrowRight, Command::NextEvent),
                (Key::ArrowDown, Command::NextEvent),
                (Key::K, Command::PreviousEvent),
                (Key::ArrowLeft, Command::PreviousEvent),
                (Key::ArrowUp, Command::PreviousEvent),
            ] {
                if i.consume_key(Modifiers::NONE, key) || i.consume_key(Modifiers::SHIFT, key) {
                    out.push(cmd);
                }
            }
            for e in &i.events {
                if let egui::Event::Paste(text) = e
                    && !text.trim().is_empty()
                {
                    self.pasted += 1;
                    out.push(Command::Open(vec![Source::Text {
                        name: format!("pasted {}", self.pasted),
                        text: text.clone(),
                    }]));
                }
            }
            let dropped: Vec<PathBuf> = i
                .raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect();
            if !dropped.is_empty() {
                out.push(Command::Open(
                    dropped.into_iter().map(Source::Path).collect(),
                ));
            }
        });
        out
    }

    /// Draw one frame (everything inside the window) and apply what the user asked for.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.poll_loading();
        if let Some(rx) = &self.save_rx
            && let Ok(r) = rx.try_recv()
        {
            if let Err(e) = r {
                self.messages.push(e);
            }
            self.save_rx = None;
        }
        if self.tiles.is_none() {
            let style = tiles::style_for(ui.visuals().dark_mode);
            self.tiles = Some(MapTiles::new(&self.basemap, style, &ctx));
        }
        let mut cmds = self.handle_keys(&ctx);
        cmds.extend(self.top_ui(ui));
        cmds.extend(self.timeline_ui(ui));
        cmds.extend(self.article_ui(ui));
        cmds.extend(self.detail_ui(ui));
        cmds.extend(self.map_ui(ui));
        if let Some(d) = &mut self.dialog {
            match d.show(&ctx) {
                dialog::DialogResult::Open => {}
                dialog::DialogResult::Cancelled => self.dialog = None,
                dialog::DialogResult::Chosen(purpose, paths) => {
                    if let Some(dir) = paths.first().and_then(|p| p.parent()) {
                        self.persisted.last_folder = Some(dir.to_owned());
                    }
                    self.dialog = None;
                    match purpose {
                        DialogPurpose::OpenArticles => {
                            cmds.push(Command::Open(paths.into_iter().map(Source::Path).collect()))
                        }
                        DialogPurpose::OpenSession => {
                            cmds.extend(paths.into_iter().next().map(Command::OpenSession))
                        }
                        DialogPurpose::SaveSession => {
                            cmds.extend(paths.into_iter().next().map(Command::SaveSession))
                        }
                        DialogPurpose::OpenPmTiles => cmds.extend(
                            paths
                                .into_iter()
                                .next()
                                .map(|p| Command::SetBasemap(BasemapChoice::PmTiles(p))),
                        ),
                    }
                }
            }
        }
        if let Some(r) = self.copier.as_mut().and_then(clipboard::Copier::poll) {
            let failed = r.is_err();
            let text = match r {
                Ok((w, h)) => format!("Copied the {w}×{h} image to the clipboard"),
                Err(e) => format!("Cannot copy the image: {e}"),
            };
            match &mut self.export {
                Some(ex) => ex.set_status(text),
                None if failed => self.messages.push(text),
                None => {}
            }
        }
        let copying = self.copier.as_ref().is_some_and(clipboard::Copier::is_busy);
        if let Some(ex) = &mut self.export {
            let (keep, c) = ex.window_ui(&ctx, self.map_rect.size(), copying);
            cmds.extend(c);
            if !keep {
                self.export = None;
            }
        }
        for c in cmds {
            self.apply(&ctx, c);
        }
    }

    fn map_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut out = Vec::new();
        let dark = ui.visuals().dark_mode;
        egui::CentralPanel::no_frame().show(ui, |ui| {
            self.map_rect = ui.available_rect_before_wrap();
            if self.fit_pending && !self.docs.is_empty() && self.loading.is_none() {
                self.fit_all();
                self.fit_pending = false;
            }
            let kinds = self.scene.kinds.len();
            let reserved = move |_: &egui::Painter, rect| draw::window_reserved(rect, kinds);
            if let Some(t) = &mut self.tiles {
                t.set_style(tiles::style_for(dark));
            }
            let attribution = self
                .tiles
                .as_ref()
                .map_or_else(|| tiles::attribution_text(None), MapTiles::attribution);
            let status = self.tiles.as_ref().and_then(|t| t.status().text());
            let tiles = self.tiles.as_mut().map(|t| t as &mut dyn walkers::Tiles);
            let background = tiles.is_none();
            let map = walkers::Map::new(tiles, &mut self.map_memory, lat_lon(30.0, 30.0))
                .zoom_with_ctrl(false)
                .double_click_to_zoom(true)
                .with_plugin(draw::MarkersPlugin {
                    scene: &self.scene,
                    selected: self.selected.as_ref(),
                    dark,
                    background,
                    labels: true,
                    measure: self.measure.as_ref(),
                    out: Some(&mut out),
                    place_labels: Some(&mut self.place_labels),
                    reserved: &reserved,
                });
            let resp = map.show(ui, |ui, _resp, projector, _memory| {
                let painter = ui.painter().clone();
                let r = painter.clip_rect();
                let legend = draw::paint_legend(
                    &painter,
                    &self.scene.kinds,
                    r.left_bottom() + egui::vec2(10.0, -10.0),
                    dark,
                );
                let proj = draw::Proj::new(projector);
                draw::paint_scale_bar(
                    &painter,
                    &proj,
                    egui::pos2(legend.max.x + 20.0, r.max.y - 14.0),
                    dark,
                );
                let attr = painter.layout_no_wrap(
                    attribution,
                    egui::FontId::proportional(10.0),
                    ui.visuals().text_color(),
                );
                let at = r.right_bottom() - attr.size() - egui::vec2(6.0, 4.0);
                painter.rect_filled(
                    egui::Rect::from_min_size(at, attr.size()).expand(2.0),
                    2.0,
                    ui.visuals().extreme_bg_color.gamma_multiply(0.8),
                );
                painter.galley(at, attr, ui.visuals().text_color());
            });
            if let Some(t) = &mut self.tiles {
                t.end_frame();
            }
            // Zoom buttons, top-left of the map.
            let r = resp.response.rect;
            // Why the basemap is not what was asked for: a line above the attribution.
            if let Some(status) = status {
                egui::Area::new(egui::Id::unique("basemap_status"))
                    .pivot(egui::Align2::RIGHT_BOTTOM)
                    .fixed_pos(r.right_bottom() - egui::vec2(6.0, 22.0))
                    .interactable(false)
                    .show(ui.ctx(), |ui| {
                        egui::Frame::popup(ui.style())
                            .inner_margin(egui::Margin::symmetric(6, 2))
                            .show(ui, |ui| {
                                ui.colored_label(ui.visuals().warn_fg_color, status);
                            });
                    });
            }
            egui::Area::new(egui::Id::unique("zoom_buttons"))
                .fixed_pos(r.min + egui::vec2(10.0, 10.0))
                .show(ui.ctx(), |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        if ui.button("+").on_hover_text("Zoom in (+)").clicked() {
                            out.push(Command::ZoomIn);
                        }
                        if ui.button("-").on_hover_text("Zoom out (-)").clicked() {
                            out.push(Command::ZoomOut);
                        }
                        if ui
                            .button("Fit")
                            .on_hover_text("Fit all events (F)")
                            .clicked()
                        {
                            out.push(Command::FitAll);
                        }
                    });
                });
        });
        out
    }
}

impl eframe::App for NewsmapApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
        if !self.first_frame_done {
            self.first_frame_done = true;
            if std::env::var_os("NEWSMAP_TIME_FIRST_FRAME").is_some()
                && let Some(t0) = PROCESS_START.get()
            {
                eprintln!(
                    "newsmap: first frame laid out {:.0} ms after start",
                    t0.elapsed().as_secs_f64() * 1e3
                );
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.persisted.last_articles = self.docs.iter().map(|d| d.hash.clone()).collect();
        self.persisted.last_view = Some(self.view());
        eframe::set_value(storage, "newsmap", &self.persisted);
    }
}

/// Open the viewer window; returns when it is closed.
pub fn run_viewer(launch: Launch) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("newsmap")
            .with_inner_size([1400.0, 900.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "newsmap",
        options,
        Box::new(move |cc| {
            let persisted: Persisted = cc
                .storage
                .and_then(|s| eframe::get_value(s, "newsmap"))
                .unwrap_or_default();
            Ok(Box::new(NewsmapApp::new(&cc.egui_ctx, launch, persisted)))
        }),
    )
    .map_err(|e| format!("cannot open the window: {e}"))
}

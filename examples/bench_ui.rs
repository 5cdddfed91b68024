//! UI cost per frame with 10,000 events (egui run + tessellation, no GPU), and time to the first frame.
//! `cargo run --release --example bench_ui`

use std::time::Instant;

use newsmap::app::scene::{Doc, Filter, Scene};
use newsmap::document::{Event, EventKind, ParsedArticle, Place};
use newsmap::gazetteer::PlaceKind;

fn generated(n: usize) -> ParsedArticle {
    let mut places = Vec::new();
    let mut events = Vec::new();
    for i in 0..n {
        let id = format!("p{i}");
        // Spread over the eastern Mediterranean: (lat, lon).
        let (lat, lon) = (
            30.0 + (i % 100) as f64 * 0.12,
            25.0 + (i / 100) as f64 * 0.2,
        );
        places.push(Place {
            id: id.clone(),
            name: format!("Place {i}"),
            kind: PlaceKind::City,
            country: None,
            lat,
            lon,
            geometry: None,
            confidence: 1.0,
            mentions: Vec::new(),
            alternatives: Vec::new(),
        });
        events.push(Event {
            id: format!("e{i}"),
            kind: EventKind::ALL[i % 12],
            date: chrono::NaiveDate::from_ymd_opt(2020, 3, 1 + (i % 28) as u32),
            date_end: None,
            date_precision: None,
            summary: format!("event {i}"),
            excerpt: format!("event {i}"),
            start: 0,
            end: 0,
            places: vec![id],
            time: None,
        });
    }
    ParsedArticle {
        source: "bench".into(),
        title: Some("bench".into()),
        published: None,
        places,
        events,
        times: Vec::new(),
        text: String::new(),
        warnings: Vec::new(),
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let parsed = generated(10_000);
    let doc = Doc {
        original: parsed.clone(),
        parsed,
        path: None,
        name: "bench".into(),
        hash: "0".into(),
        color: newsmap::app::style::article_color(0),
    };
    let scene = Scene::build(std::slice::from_ref(&doc), &Filter::default(), &|_| false);
    let job = newsmap::app::offscreen::BriefingJob {
        scene,
        title: "bench".into(),
        view: None,
        width: 1920,
        height: 1080,
        dark: false,
        basemap: newsmap::basemap::BasemapChoice::Offline,
        callout: None,
        selected: None,
    };
    let ctx = egui::Context::default();
    let view = newsmap::app::offscreen::job_view(&job);
    let mut memory = walkers::MapMemory::default();
    memory.center_at(walkers::lat_lon(view.lat, view.lon));
    let _ = memory.set_zoom(view.zoom);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        ..Default::default()
    };
    // Place labels are part of the map: have them ready, as the window has after a moment.
    newsmap::app::labels::wait();
    let t0 = Instant::now();
    let mut out = ctx.run_ui(input(), |ui| {
        newsmap::app::offscreen::briefing_ui(ui, &job, &mut memory, None, "")
    });
    out.textures_delta.clear();
    let n_shapes = out.shapes.len();
    let prims = ctx.tessellate(out.shapes, 1.0);
    let verts: usize = prims
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum();
    println!(
        "{n_shapes} shapes, {} meshes, {verts} vertices",
        prims.len()
    );
    println!(
        "first frame (run + tessellate): {:.1} ms",
        t0.elapsed().as_secs_f64() * 1e3
    );
    let mut times = Vec::new();
    let mut run_times = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let mut out = ctx.run_ui(input(), |ui| {
            newsmap::app::offscreen::briefing_ui(ui, &job, &mut memory, None, "")
        });
        run_times.push(t.elapsed().as_secs_f64() * 1e3);
        out.textures_delta.clear();
        let _ = ctx.tessellate(out.shapes, 1.0);
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "  of which egui run (layout, clustering, labels): {:.2} ms",
        median(run_times)
    );
    println!(
        "10,000 events at 1920x1080: median UI CPU per frame {:.2} ms (50 frames)",
        median(times)
    );
}

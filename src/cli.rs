//! The command line: `newsmap [FILE...]` opens the viewer; `lookup`, `geoparse` and `render` work
//! without a window. Exit codes: 0 success, 1 a runtime failure (a file could not be read or
//! written), 2 a usage error (bad flags or values).

use std::io::{Read, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::article::{self, Article};
use crate::document::ParsedArticle;
use crate::gazetteer::{Candidate, Gazetteer};

/// Exit code for success.
pub const EXIT_OK: i32 = 0;
/// Exit code when a file cannot be read or written, or another runtime failure.
pub const EXIT_RUNTIME: i32 = 1;
/// Exit code for usage errors: unknown flags, bad values.
pub const EXIT_USAGE: i32 = 2;

/// The largest article newsmap reads, in bytes; larger files are refused with a message.
pub const MAX_ARTICLE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, Parser)]
#[command(
    name = "newsmap",
    version,
    about = "Map the places and dated events in news articles",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Articles to open in the viewer (default: the embedded sample article).
    pub files: Vec<PathBuf>,
    /// A session file to open (corrections, notes, view).
    #[arg(long)]
    pub session: Option<PathBuf>,
    /// The basemap: offline (default), osm, or a .pmtiles file.
    #[arg(long, default_value = "offline")]
    pub basemap: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutFormat {
    Text,
    Json,
    Geojson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LookupFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Look a place name up in the built-in gazetteer.
    Lookup {
        /// The name (any spelling: Saraqeb, Sarāqib, Lesvos...).
        name: String,
        /// At most this many candidates.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = LookupFormat::Text)]
        format: LookupFormat,
    },
    /// Find the places and dated events in articles (`-` reads standard input).
    Geoparse {
        #[arg(long, value_enum, default_value_t = OutFormat::Text)]
        format: OutFormat,
        /// The published date (YYYY-MM-DD), supplying or overriding the dateline.
        #[arg(long, value_parser = parse_date)]
        published: Option<chrono::NaiveDate>,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Render a briefing image (PNG) of the articles' events with no window (default: the sample).
    Render {
        /// The PNG to write (replaced atomically).
        #[arg(long, default_value = "briefing.png")]
        out: PathBuf,
        /// Image size in pixels, WIDTHxHEIGHT (each side 1..=8192).
        #[arg(long, default_value = "1920x1080")]
        size: String,
        /// `fit` (all events) or LAT,LON,ZOOM.
        #[arg(long, default_value = "fit")]
        view: String,
        /// The title (default: the session's or the first article's title).
        #[arg(long)]
        title: Option<String>,
        #[arg(long, value_enum, default_value_t = Theme::Light)]
        theme: Theme,
        /// offline (default), osm, or a .pmtiles file.
        #[arg(long, default_value = "offline")]
        basemap: String,
        /// A session whose corrections and hidden events apply.
        #[arg(long)]
        session: Option<PathBuf>,
        files: Vec<PathBuf>,
    },
    /// A test aid, hidden from `--help`: save a session to FILE over and over (a growing and shrinking
    /// list of notes) so a test can kill the process at random moments and check the file survives.
    #[command(name = "session-stress", hide = true)]
    SessionStress {
        file: PathBuf,
        /// Stop after this many saves (default: until killed).
        #[arg(long)]
        count: Option<u64>,
    },
}

/// The colours of a briefing image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Theme {
    Light,
    Dark,
}

/// Options of `newsmap render`, as given on the command line.
#[derive(Debug, Clone)]
pub struct RenderArgs {
    pub out: PathBuf,
    pub size: String,
    pub view: String,
    pub title: Option<String>,
    pub theme: Theme,
    pub basemap: String,
    pub session: Option<PathBuf>,
    pub files: Vec<PathBuf>,
}

/// `newsmap` with no subcommand: open the viewer window.
pub fn viewer(files: Vec<PathBuf>, session: Option<PathBuf>, basemap: &str) -> i32 {
    let basemap = match basemap.parse::<crate::basemap::BasemapChoice>() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("Error: {e}");
            return EXIT_USAGE;
        }
    };
    let launch = crate::app::Launch {
        files,
        session,
        basemap: Some(basemap),
    };
    match crate::app::run_viewer(launch) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("Error: {e}");
            EXIT_RUNTIME
        }
    }
}

/// `newsmap render`: the briefing image through the viewer's drawing code, offscreen.
pub fn render(args: RenderArgs) -> i32 {
    use crate::app::{loader, offscreen, scene};
    use crate::export::briefing;
    // The basemap layers and the place labels load while the articles are parsed.
    crate::app::labels::preload(|| {});
    std::thread::spawn(|| drop(crate::app::tiles::shared_data()));
    let usage = |e: &dyn std::fmt::Display| {
        eprintln!("Error: {e}");
        EXIT_USAGE
    };
    let (width, height) = match briefing::parse_size(&args.size) {
        Ok(s) => s,
        Err(e) => return usage(&e),
    };
    let view = match briefing::parse_view(&args.view) {
        Ok(v) => v,
        Err(e) => return usage(&e),
    };
    let basemap = match args.basemap.parse::<crate::basemap::BasemapChoice>() {
        Ok(b) => b,
        Err(e) => return usage(&e),
    };
    // A damaged archive would otherwise render as a blank map with no word of why.
    if let crate::basemap::BasemapChoice::PmTiles(path) = &basemap
        && let Err(e) = crate::basemap::sources::validate_pmtiles(path)
    {
        eprintln!("Error: {e}");
        return EXIT_RUNTIME;
    }
    let session = match &args.session {
        Some(p) => match crate::session::Session::load(p) {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!("Error: {e}");
                return EXIT_RUNTIME;
            }
        },
        None => None,
    };
    let sources: Vec<loader::Source> = if args.files.is_empty() {
        vec![loader::Source::Sample]
    } else {
        args.files
            .iter()
            .cloned()
            .map(loader::Source::Path)
            .collect()
    };
    let mut docs = Vec::new();
    crate::app::trace_stage("arguments checked");
    for (n, s) in sources.iter().enumerate() {
        match loader::load_blocking(s) {
            Ok(l) => {
                let mut parsed = l.parsed.clone();
                if let Some(sess) = &session {
                    crate::session::apply_corrections(&mut parsed, &l.hash, &sess.corrections);
                }
                docs.push(scene::Doc {
                    original: l.parsed,
                    parsed,
                    path: l.path,
                    name: l.name,
                    hash: l.hash,
                    color: crate::app::style::article_color(n),
                });
            }
            Err(e) => {
                eprintln!("Error: {e}");
                return EXIT_RUNTIME;
            }
        }
    }
    if let Some(sess) = &session {
        warn_if_session_is_for_other_articles(args.session.as_deref(), sess, &docs);
    }
    let empty = crate::session::Session::default();
    let sess = session.as_ref().unwrap_or(&empty);
    crate::app::trace_stage("articles parsed");
    let scene = scene::Scene::build(&docs, &scene::Filter::default(), &|k| sess.is_hidden(k));
    let title = args
        .title
        .clone()
        .or_else(|| sess.title.clone())
        .or_else(|| docs.first().map(|d| d.title().to_owned()))
        .unwrap_or_else(|| "newsmap".to_owned());
    let job = offscreen::BriefingJob {
        scene,
        title,
        view: view.map(|(lat, lon, zoom)| crate::session::View { lat, lon, zoom }),
        width,
        height,
        dark: args.theme == Theme::Dark,
        basemap,
        callout: None,
        selected: None,
    };
    let img = match offscreen::render_briefing(&job) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("Error: {e}");
            return EXIT_RUNTIME;
        }
    };
    let written = briefing::write_png(&args.out, &img.rgba, img.width, img.height);
    crate::app::trace_stage("PNG written");
    match written {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("Error: {e}");
            EXIT_RUNTIME
        }
    }
}

/// Tell the user when none of the session's articles is among the rendered ones: its corrections and
/// hidden events then change nothing, which would otherwise pass unnoticed.
fn warn_if_session_is_for_other_articles(
    path: Option<&std::path::Path>,
    sess: &crate::session::Session,
    docs: &[crate::app::scene::Doc],
) {
    if sess.articles.is_empty()
        || sess
            .articles
            .iter()
            .any(|a| docs.iter().any(|d| d.hash == a.hash))
    {
        return;
    }
    let names: Vec<String> = sess
        .articles
        .iter()
        .map(|a| {
            if std::path::Path::new(&a.path).exists() {
                a.path.clone()
            } else {
                format!("{} (missing)", a.path)
            }
        })
        .collect();
    eprintln!(
        "warning: session {} is for other articles ({}); its corrections and hidden events do not apply",
        path.map_or_else(|| "-".to_owned(), |p| p.display().to_string()),
        names.join(", ")
    );
}

/// `newsmap session-stress FILE`: save sessions of varying size in a loop (see [`Command::SessionStress`]).
pub fn session_stress(file: &std::path::Path, count: Option<u64>) -> i32 {
    let mut session = crate::session::Session::default();
    let mut n: u64 = 0;
    while count.is_none_or(|c| n < c) {
        // Between 0 and 199 notes of a few hundred bytes each, so the file size changes every save.
        let notes = (n * 37) % 200;
        session.notes = (0..notes)
            .map(|i| crate::session::Note {
                article: format!("{n:016x}"),
                event: format!("e{i}"),
                text: "checked against the Reuters wire; shelling reported near Saraqeb ".repeat(4),
            })
            .collect();
        session.title = Some(format!("save {n}"));
        if let Err(e) = session.save(file) {
            eprintln!("Error: {e}");
            return EXIT_RUNTIME;
        }
        n += 1;
    }
    EXIT_OK
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date of the form YYYY-MM-DD"))
}

/// Read one article from a path (`-` = standard input), refusing huge files.
pub fn read_article(path: &std::path::Path) -> Result<Article, String> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(MAX_ARTICLE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        if bytes.len() as u64 > MAX_ARTICLE_BYTES {
            return Err(format!(
                "standard input is larger than {} MB",
                MAX_ARTICLE_BYTES / 1024 / 1024
            ));
        }
        return article::from_bytes("-", &bytes).map_err(|e| e.to_string());
    }
    if let Ok(meta) = std::fs::metadata(path)
        && meta.is_file()
        && meta.len() > MAX_ARTICLE_BYTES
    {
        return Err(format!(
            "{} is {} MB, larger than the {} MB newsmap reads",
            path.display(),
            meta.len() / 1024 / 1024,
            MAX_ARTICLE_BYTES / 1024 / 1024
        ));
    }
    article::read_path(path).map_err(|e| e.to_string())
}

fn candidate_json(g: &Gazetteer, c: &Candidate) -> serde_json::Value {
    let geometry = g
        .geometry_json(&c.id)
        .and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok())
        .unwrap_or(serde_json::Value::Null);
    serde_json::json!({
        "id": c.id,
        "name": c.name,
        "kind": c.kind,
        "country": c.country,
        "admin1": c.admin1,
        "population": c.population,
        "lat": c.lat,
        "lon": c.lon,
        "geometry": geometry,
    })
}

fn write_out(s: &str) -> i32 {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => EXIT_OK,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("Error: cannot write output: {e}");
            EXIT_RUNTIME
        }
    }
}

fn gazetteer() -> Result<&'static Gazetteer, i32> {
    Gazetteer::embedded().map_err(|e| {
        eprintln!("Error: {e}");
        EXIT_RUNTIME
    })
}

/// `newsmap lookup`
pub fn lookup(name: &str, limit: usize, format: LookupFormat) -> i32 {
    let g = match gazetteer() {
        Ok(g) => g,
        Err(code) => return code,
    };
    let found: Vec<Candidate> = g.lookup(name).into_iter().take(limit).collect();
    match format {
        LookupFormat::Json => {
            let list: Vec<serde_json::Value> = found.iter().map(|c| candidate_json(g, c)).collect();
            let s = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".to_owned());
            write_out(&(s + "\n"))
        }
        LookupFormat::Text => {
            let mut s = String::new();
            for c in &found {
                s += &format!(
                    "{:<14} {:<28} {:<9} {:<3} {:<20} pop {:>10}  {:.4} N {:.4} E{}\n",
                    c.id,
                    c.name,
                    c.kind.word(),
                    c.country.as_deref().unwrap_or("-"),
                    c.admin1.as_deref().unwrap_or("-"),
                    c.population,
                    c.lat,
                    c.lon,
                    if c.via_demonym { "  (demonym)" } else { "" }
                );
            }
            if found.is_empty() {
                eprintln!("no place called {name:?}");
            }
            write_out(&s)
        }
    }
}

/// One file's outcome: the parsed article, or (the file's name, why it could not be read).
pub type FileResult = Result<ParsedArticle, (String, String)>;

/// Read and geoparse one file; a file that cannot be read gives its name and the reason.
fn parse_file(
    g: &Gazetteer,
    path: &std::path::Path,
    published: Option<chrono::NaiveDate>,
) -> FileResult {
    let name = path.display().to_string();
    let mut a = read_article(path).map_err(|e| (name.clone(), e))?;
    if let Some(p) = published {
        a.published = Some(p);
    }
    for w in &a.warnings {
        eprintln!("warning: {name}: {w}");
    }
    Ok(crate::geoparse::geoparse(&a, g))
}

/// Geoparse every file; errors are reported per file and the others still processed.
pub fn parse_files(
    files: &[PathBuf],
    published: Option<chrono::NaiveDate>,
) -> Result<Vec<FileResult>, i32> {
    let g = gazetteer()?;
    Ok(files
        .iter()
        .map(|path| parse_file(g, path, published))
        .collect())
}

/// One entry of the `--format json` array: the parsed article, or the file's error.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum JsonEntry {
    Parsed(Box<ParsedArticle>),
    Failed { source: String, error: String },
}

/// `newsmap geoparse`
pub fn geoparse(files: &[PathBuf], published: Option<chrono::NaiveDate>, format: OutFormat) -> i32 {
    if let OutFormat::Json = format {
        return geoparse_json(files, published);
    }
    let results = match parse_files(files, published) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut code = EXIT_OK;
    for r in &results {
        if let Err((name, e)) = r {
            eprintln!("Error: {name}: {e}");
            code = EXIT_RUNTIME;
        }
    }
    let out = match format {
        OutFormat::Geojson => {
            let ok: Vec<&ParsedArticle> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
            let fc = crate::export::geojson::feature_collection(&ok);
            serde_json::to_string_pretty(&fc).unwrap_or_else(|_| "{}".to_owned()) + "\n"
        }
        _ => results
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(text_summary)
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let w = write_out(&out);
    if code == EXIT_OK { w } else { code }
}

/// `newsmap geoparse --format json`: one array, written as each file is parsed, so memory holds
/// one article's results at a time.
fn geoparse_json(files: &[PathBuf], published: Option<chrono::NaiveDate>) -> i32 {
    use serde::Serializer as _;
    let g = match gazetteer() {
        Ok(g) => g,
        Err(code) => return code,
    };
    let failed = std::cell::Cell::new(false);
    let entries = files
        .iter()
        .map(|path| match parse_file(g, path, published) {
            Ok(p) => JsonEntry::Parsed(Box::new(p)),
            Err((source, error)) => {
                eprintln!("Error: {source}: {error}");
                failed.set(true);
                JsonEntry::Failed { source, error }
            }
        });
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = {
        let mut ser = serde_json::Serializer::pretty(&mut out);
        ser.collect_seq(entries)
            .map_err(|e| match e.io_error_kind() {
                Some(kind) => std::io::Error::from(kind),
                None => std::io::Error::other(e.to_string()),
            })
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush())
    };
    let code = match written {
        Ok(()) => EXIT_OK,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("Error: cannot write output: {e}");
            EXIT_RUNTIME
        }
    };
    if failed.get() { EXIT_RUNTIME } else { code }
}

/// A readable summary of one parsed article.
pub fn text_summary(p: &ParsedArticle) -> String {
    let mut s = format!("# {}\n", p.title.as_deref().unwrap_or(&p.source));
    s += &format!(
        "source: {}\npublished: {}\n\nplaces ({}):\n",
        p.source,
        p.published.map_or("unknown".to_owned(), |d| d.to_string()),
        p.places.len()
    );
    for pl in &p.places {
        let names: Vec<&str> = pl.mentions.iter().map(|m| m.text.as_str()).collect();
        s += &format!(
            "  {:<28} {:<8} {:<3} {:>8.4} {:>9.4}  conf {:.2}  {}x: {}\n",
            pl.name,
            pl.kind.word(),
            pl.country.as_deref().unwrap_or("-"),
            pl.lat,
            pl.lon,
            pl.confidence,
            pl.mentions.len(),
            names.join(", ")
        );
    }
    s += &format!("\nevents ({}):\n", p.events.len());
    for e in &p.events {
        let names: Vec<String> = e
            .places
            .iter()
            .filter_map(|id| p.places.iter().find(|pl| &pl.id == id))
            .map(|pl| pl.name.clone())
            .collect();
        let date = match (e.date, e.date_end) {
            (Some(a), Some(b)) if a != b => format!("{a}..{b}"),
            (Some(a), _) => a.to_string(),
            _ => "undated".to_owned(),
        };
        s += &format!(
            "  {date:<22} {:<18} @ {}\n      {}\n",
            e.kind.label(),
            names.join(", "),
            e.summary
        );
    }
    s
}

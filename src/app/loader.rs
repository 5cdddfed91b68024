//! Reading and geoparsing articles on a worker thread, so the window never waits for them.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::article::{self, Article};
use crate::document::ParsedArticle;
use crate::gazetteer::Gazetteer;

/// The sample article shown when newsmap starts with no files.
pub const SAMPLE: &str = include_str!("../../assets/idlib-2020-03-03.txt");

/// Something to read.
#[derive(Debug, Clone)]
pub enum Source {
    /// The embedded sample article.
    Sample,
    /// A file.
    Path(PathBuf),
    /// Text pasted into the window, with a name such as "pasted 1".
    Text { name: String, text: String },
}

impl Source {
    /// A short name for progress messages.
    pub fn name(&self) -> String {
        match self {
            Source::Sample => "sample article".to_owned(),
            Source::Path(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            Source::Text { name, .. } => name.clone(),
        }
    }
}

/// A parsed article ready to show.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub parsed: ParsedArticle,
    pub path: Option<PathBuf>,
    pub name: String,
    pub hash: String,
}

/// Messages from the worker.
#[derive(Debug)]
pub enum LoadMsg {
    /// Started on the n-th source (0-based).
    Started(usize, String),
    Loaded(Box<Loaded>),
    Failed(String),
    /// All done (or cancelled).
    Finished,
}

/// A running load: its messages and its cancel flag.
pub struct Loading {
    pub rx: Receiver<LoadMsg>,
    pub cancel: Arc<AtomicBool>,
    pub total: usize,
    pub current: Option<(usize, String)>,
}

impl Loading {
    /// Ask the worker to stop: the geoparse in progress stops at its next section (within about a
    /// megabyte of text) and nothing more is read.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Read and parse one source (blocking): used by `newsmap render`.
pub fn load_blocking(source: &Source) -> Result<Loaded, String> {
    load_until(source, &|| false)
}

/// Read and parse one source, stopping early with an error once `cancelled()` is true.
pub fn load_until(source: &Source, cancelled: &dyn Fn() -> bool) -> Result<Loaded, String> {
    let gaz = Gazetteer::embedded().map_err(|e| e.to_string())?;
    let (article, path): (Article, Option<PathBuf>) = match source {
        Source::Sample => (
            article::from_bytes("idlib-2020-03-03.txt", SAMPLE.as_bytes())
                .map_err(|e| e.to_string())?,
            None,
        ),
        Source::Path(p) => (crate::cli::read_article(p)?, Some(p.clone())),
        Source::Text { name, text } => (
            article::from_bytes(name, text.as_bytes()).map_err(|e| e.to_string())?,
            None,
        ),
    };
    let parsed =
        crate::geoparse::geoparse_until(&article, gaz, cancelled).map_err(|e| e.to_string())?;
    Ok(Loaded {
        hash: crate::session::content_hash(&parsed.text),
        parsed,
        path,
        name: source.name(),
    })
}

/// Start a worker on `sources`; `wake` is called after each message (the app passes `request_repaint`).
pub fn spawn(sources: Vec<Source>, wake: impl Fn() + Send + 'static) -> Loading {
    let (tx, rx) = channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let total = sources.len();
    let flag = cancel.clone();
    std::thread::spawn(move || run(sources, &tx, &flag, &wake));
    Loading {
        rx,
        cancel,
        total,
        current: None,
    }
}

fn run(sources: Vec<Source>, tx: &Sender<LoadMsg>, cancel: &AtomicBool, wake: &dyn Fn()) {
    for (i, s) in sources.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        let _ = tx.send(LoadMsg::Started(i, s.name()));
        wake();
        let cancelled = || cancel.load(Ordering::Relaxed);
        let msg = match super::catch_panic(&format!("reading {}", s.name()), || {
            load_until(s, &cancelled)
        }) {
            Ok(l) => LoadMsg::Loaded(Box::new(l)),
            Err(e) => LoadMsg::Failed(format!("{}: {e}", s.name())),
        };
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        let _ = tx.send(msg);
        wake();
    }
    let _ = tx.send(LoadMsg::Finished);
    wake();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn cancel_stops_the_worker_in_the_middle_of_a_huge_article() {
        let paragraph = "Turkish drones struck Syrian army positions near Saraqib on Monday.\n\n";
        let text = paragraph.repeat(50 * 1024 * 1024 / paragraph.len());
        let loading = spawn(
            vec![Source::Text {
                name: "huge".into(),
                text,
            }],
            || {},
        );
        let started = loading.rx.recv_timeout(Duration::from_secs(60));
        assert!(matches!(started, Ok(LoadMsg::Started(0, _))));
        std::thread::sleep(Duration::from_millis(300));
        let asked = Instant::now();
        loading.cancel();
        // The whole parse takes far longer than this; the worker must stop at its next section.
        let last = loading.rx.recv_timeout(Duration::from_secs(10));
        assert!(matches!(last, Ok(LoadMsg::Finished)), "{last:?}");
        assert!(asked.elapsed() < Duration::from_secs(10));
    }
}

//! "Copy image": the briefing picture on the system clipboard, for pasting straight into a slide.
//!
//! The picture is drawn by [`super::offscreen::render_briefing`], the same code as Export PNG and
//! `newsmap render`. Drawing (and arboard's PNG encoding on Linux) takes a moment, so a worker
//! thread does it. The worker also keeps the clipboard open for as long as the viewer runs: on
//! X11 the copied image stays in the process that copied it and is only sent when someone pastes
//! (or to a clipboard manager when the clipboard is closed), so closing it right after copying
//! would lose the image.

use std::borrow::Cow;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::offscreen::{BriefingJob, Image, OffscreenError, render_briefing};

/// arboard's image type, for implementing [`ImageClipboard`] outside this crate.
pub use arboard::ImageData;

/// Why an image could not be put on the clipboard.
#[derive(Debug, thiserror::Error)]
pub enum ClipboardError {
    #[error("no clipboard available ({0})")]
    Unavailable(String),
    #[error("the clipboard refused the image ({0})")]
    Refused(String),
    #[error("the image is {width}×{height} but has {len} bytes, not 4 per pixel")]
    BadImage { width: u32, height: u32, len: usize },
    #[error(transparent)]
    Render(#[from] OffscreenError),
}

/// Something that takes images: the system clipboard, or a stand-in in tests.
pub trait ImageClipboard {
    /// Put `image` on the clipboard, replacing what was there.
    ///
    /// # Errors
    /// [`ClipboardError::Refused`] when the clipboard would not take it.
    fn set_image(&mut self, image: arboard::ImageData<'_>) -> Result<(), ClipboardError>;
}

impl ImageClipboard for arboard::Clipboard {
    fn set_image(&mut self, image: arboard::ImageData<'_>) -> Result<(), ClipboardError> {
        arboard::Clipboard::set_image(self, image)
            .map_err(|e| ClipboardError::Refused(e.to_string()))
    }
}

/// The system clipboard.
///
/// # Errors
/// [`ClipboardError::Unavailable`] when there is none, e.g. no display server.
pub fn system_clipboard() -> Result<Box<dyn ImageClipboard>, ClipboardError> {
    arboard::Clipboard::new()
        .map(|c| Box::new(c) as Box<dyn ImageClipboard>)
        .map_err(|e| ClipboardError::Unavailable(e.to_string()))
}

/// A rendered briefing as arboard's image: both are RGBA8, rows top to bottom, so the pixels are
/// lent as they are.
///
/// # Errors
/// [`ClipboardError::BadImage`] when the pixel buffer does not match the size.
///
/// ```
/// use newsmap::app::clipboard::to_image_data;
/// use newsmap::app::offscreen::Image;
/// let img = Image { width: 2, height: 1, rgba: vec![255, 0, 0, 255, 0, 0, 255, 255] };
/// let data = to_image_data(&img).unwrap();
/// assert_eq!((data.width, data.height), (2, 1));
/// assert_eq!(&data.bytes[..], &img.rgba[..]);
/// ```
pub fn to_image_data(img: &Image) -> Result<arboard::ImageData<'_>, ClipboardError> {
    let expected = img.width as usize * img.height as usize * 4;
    if img.rgba.len() != expected || expected == 0 {
        return Err(ClipboardError::BadImage {
            width: img.width,
            height: img.height,
            len: img.rgba.len(),
        });
    }
    Ok(arboard::ImageData {
        width: img.width as usize,
        height: img.height as usize,
        bytes: Cow::Borrowed(&img.rgba),
    })
}

/// How to open the clipboard; called on the worker thread when the first image is copied.
pub type Opener = Box<dyn Fn() -> Result<Box<dyn ImageClipboard>, ClipboardError> + Send>;

/// The worker that draws briefings and puts them on the clipboard, one at a time.
pub struct Copier {
    jobs: Sender<BriefingJob>,
    results: Receiver<Result<(u32, u32), String>>,
    pending: usize,
    /// Copies that could not be handed to the worker, and why.
    failed: Vec<String>,
    /// Why there is no worker, if it could not be started.
    no_worker: Option<String>,
}

impl Copier {
    /// A worker for the system clipboard; `repaint` is called when a copy is done.
    pub fn system(repaint: impl Fn() + Send + 'static) -> Copier {
        Copier::spawn(Box::new(system_clipboard), repaint)
    }

    /// A worker for the clipboard that `open` gives (opened when first needed, and again after
    /// a failure: a display may come later).
    pub fn spawn(open: Opener, repaint: impl Fn() + Send + 'static) -> Copier {
        let (jobs, job_rx) = channel::<BriefingJob>();
        let (result_tx, results) = channel();
        let spawned = std::thread::Builder::new()
            .name("copy-image".into())
            .spawn(move || {
                // Kept until the viewer closes (the job channel ends): see the module comment.
                let mut clipboard: Option<Box<dyn ImageClipboard>> = None;
                for job in job_rx {
                    let r = super::catch_panic("copying the image", || {
                        copy_one(&job, &mut clipboard, &open).map_err(|e| e.to_string())
                    });
                    if result_tx.send(r).is_err() {
                        break;
                    }
                    repaint();
                }
            });
        Copier {
            jobs,
            results,
            pending: 0,
            failed: Vec::new(),
            no_worker: spawned
                .err()
                .map(|e| format!("cannot start the copy worker: {e}")),
        }
    }

    /// Draw `job` and put it on the clipboard, on the worker.
    pub fn copy(&mut self, job: BriefingJob) {
        if self.jobs.send(job).is_ok() {
            self.pending += 1;
        } else {
            self.failed.push(
                self.no_worker
                    .clone()
                    .unwrap_or_else(|| "the copy worker has stopped".to_owned()),
            );
        }
    }

    /// Whether a copy is under way.
    pub fn is_busy(&self) -> bool {
        self.pending > 0
    }

    /// The outcome of a finished copy, if one finished: the image's size in pixels, or why it
    /// failed.
    pub fn poll(&mut self) -> Option<Result<(u32, u32), String>> {
        if let Some(e) = self.failed.pop() {
            return Some(Err(e));
        }
        match self.results.try_recv() {
            Ok(r) => {
                self.pending = self.pending.saturating_sub(1);
                Some(r)
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) if self.pending > 0 => {
                self.pending = 0;
                Some(Err("the copy worker has stopped".to_owned()))
            }
            Err(_) => None,
        }
    }
}

fn copy_one(
    job: &BriefingJob,
    clipboard: &mut Option<Box<dyn ImageClipboard>>,
    open: &Opener,
) -> Result<(u32, u32), ClipboardError> {
    // No clipboard, no point drawing: find out first.
    let target = match clipboard {
        Some(c) => c,
        None => clipboard.insert(open()?),
    };
    let img = render_briefing(job)?;
    target.set_image(to_image_data(&img)?)?;
    Ok((img.width, img.height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_that_do_not_fill_the_image_are_refused() {
        let img = Image {
            width: 2,
            height: 2,
            rgba: vec![0; 12],
        };
        assert!(matches!(
            to_image_data(&img),
            Err(ClipboardError::BadImage { len: 12, .. })
        ));
        let empty = Image {
            width: 0,
            height: 0,
            rgba: Vec::new(),
        };
        assert!(to_image_data(&empty).is_err());
    }

    #[test]
    fn with_no_clipboard_a_copy_reports_why_and_the_worker_carries_on() {
        let opener: Opener = Box::new(|| Err(ClipboardError::Unavailable("no display".into())));
        let mut copier = Copier::spawn(opener, || {});
        let job = BriefingJob {
            scene: Default::default(),
            title: "t".into(),
            view: None,
            width: 8,
            height: 8,
            dark: false,
            basemap: Default::default(),
            callout: None,
            selected: None,
        };
        for _ in 0..2 {
            copier.copy(job.clone());
            assert!(copier.is_busy());
            let r = loop {
                if let Some(r) = copier.poll() {
                    break r;
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            };
            assert_eq!(r, Err("no clipboard available (no display)".to_owned()));
            assert!(!copier.is_busy());
        }
    }
}

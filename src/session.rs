//! The analyst's session: which articles are open and the corrections, notes and hidden events made to
//! them, saved as a small JSON file next to nothing else (no egui in here).
//!
//! # File format (version 1)
//! ```json
//! {
//!   "version": 1,
//!   "articles": [{ "path": "idlib.txt", "hash": "9f0c…" }],
//!   "corrections": [
//!     { "type": "move", "article": "9f0c…", "start": 120, "end": 127,
//!       "to": { "id": "gn:170892", "name": "Saraqib", "kind": "city", "country": "SY", "lat": 35.86, "lon": 36.8 } },
//!     { "type": "not_a_place", "article": "9f0c…", "start": 400, "end": 406 }
//!   ],
//!   "notes": [{ "article": "9f0c…", "event": "e5", "text": "check with Reuters" }],
//!   "hidden": [{ "article": "9f0c…", "event": "e7" }],
//!   "view": { "lat": 36.0, "lon": 37.0, "zoom": 7.5 },
//!   "title": "Idlib, March 2020"
//! }
//! ```
//! Articles are named by path and a content hash (FNV-1a 64 of the text, hex); corrections are keyed by the
//! article hash and the mention's byte offsets, so they apply again only to the same text. Every field has a
//! default, so older files load; a file from a newer newsmap is refused with a clear message.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::document::{Alternative, Mention, ParsedArticle, Place};
use crate::gazetteer::{Candidate, PlaceKind};

/// The session format this build writes and the newest it reads.
pub const SESSION_VERSION: u32 = 1;

/// Why a session could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("cannot read session {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write session {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("session {path} is truncated (the file ends early); a backup may be at {path}.bak")]
    Truncated { path: String },
    #[error("session {path} is not a newsmap session: {reason}")]
    Malformed { path: String, reason: String },
    #[error(
        "session {path} was written by a newer newsmap (format {found}; this one reads up to {supported})"
    )]
    FutureVersion {
        path: String,
        found: u32,
        supported: u32,
    },
}

/// An open article, named by where it was read from and what it contained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ArticleRef {
    /// The path it was read from (or a name such as `sample` or `pasted 1`).
    pub path: String,
    /// [`content_hash`] of its text.
    pub hash: String,
}

/// Where a corrected mention now points: a gazetteer entry, copied so the session is self-contained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceTarget {
    pub id: String,
    pub name: String,
    pub kind: PlaceKind,
    pub country: Option<String>,
    /// Degrees north.
    pub lat: f64,
    /// Degrees east.
    pub lon: f64,
}

impl From<&Alternative> for PlaceTarget {
    /// One of the place's ranked alternatives, as a correction target.
    fn from(a: &Alternative) -> PlaceTarget {
        PlaceTarget {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind,
            country: a.country.clone(),
            lat: a.lat,
            lon: a.lon,
        }
    }
}

impl From<&Candidate> for PlaceTarget {
    /// A gazetteer entry (a search result), as a correction target.
    fn from(c: &Candidate) -> PlaceTarget {
        PlaceTarget {
            id: c.id.clone(),
            name: c.name.clone(),
            kind: c.kind,
            country: c.country.clone(),
            lat: c.lat,
            lon: c.lon,
        }
    }
}

/// One correction to the geoparser's output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Correction {
    /// The mention at `start..end` refers to `to`, not to what the resolver chose.
    Move {
        article: String,
        start: usize,
        end: usize,
        to: PlaceTarget,
    },
    /// The words at `start..end` do not name a place.
    NotAPlace {
        article: String,
        start: usize,
        end: usize,
    },
}

/// An event of an article, by the article's hash and the event id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct EventKey {
    pub article: String,
    pub event: String,
}

/// The analyst's note on an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Note {
    pub article: String,
    pub event: String,
    pub text: String,
}

/// The map view: centre and walkers zoom level.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct View {
    /// Degrees north.
    pub lat: f64,
    /// Degrees east.
    pub lon: f64,
    /// Walkers/slippy-map zoom level (0 = the whole world in one 256 px tile).
    pub zoom: f64,
}

/// Everything the analyst changed, saved between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    pub version: u32,
    pub articles: Vec<ArticleRef>,
    pub corrections: Vec<Correction>,
    pub notes: Vec<Note>,
    pub hidden: Vec<EventKey>,
    pub view: Option<View>,
    pub title: Option<String>,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            version: SESSION_VERSION,
            articles: Vec::new(),
            corrections: Vec::new(),
            notes: Vec::new(),
            hidden: Vec::new(),
            view: None,
            title: None,
        }
    }
}

/// FNV-1a 64-bit hash of the text, as 16 hex digits: stable across builds and platforms.
///
/// ```
/// assert_eq!(newsmap::session::content_hash(""), "cbf29ce484222325");
/// ```
pub fn content_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

impl Session {
    /// Parse a session from JSON text; `path` names it in messages.
    pub fn from_json(path: &str, text: &str) -> Result<Session, SessionError> {
        // Look at the version first, so a newer file is refused for the right reason.
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            if e.is_eof() {
                SessionError::Truncated {
                    path: path.to_owned(),
                }
            } else {
                SessionError::Malformed {
                    path: path.to_owned(),
                    reason: e.to_string(),
                }
            }
        })?;
        // serde would also take a struct from an array (`[5]` is version 5), skipping the version check.
        if !value.is_object() {
            return Err(SessionError::Malformed {
                path: path.to_owned(),
                reason: "expected a JSON object".to_owned(),
            });
        }
        let found = value
            .get("version")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(u64::from(SESSION_VERSION));
        if found > u64::from(SESSION_VERSION) {
            return Err(SessionError::FutureVersion {
                path: path.to_owned(),
                found: u32::try_from(found).unwrap_or(u32::MAX),
                supported: SESSION_VERSION,
            });
        }
        serde_json::from_value(value).map_err(|e| SessionError::Malformed {
            path: path.to_owned(),
            reason: e.to_string(),
        })
    }

    /// Read a session file.
    pub fn load(path: &Path) -> Result<Session, SessionError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| SessionError::Read {
            path: name.clone(),
            source,
        })?;
        Session::from_json(&name, &text)
    }

    /// Write the session atomically: a temporary file in the same folder, flushed to disk, then renamed
    /// over the old one, which is kept as `FILE.bak`. A crash leaves either the old or the new file.
    pub fn save(&self, path: &Path) -> Result<(), SessionError> {
        let name = path.display().to_string();
        let err = |source| SessionError::Write {
            path: name.clone(),
            source,
        };
        let mut json =
            serde_json::to_string_pretty(self).map_err(|e| err(std::io::Error::other(e)))?;
        json.push('\n');
        write_atomic(path, json.as_bytes(), true).map_err(err)
    }

    /// The note on an event, if any.
    pub fn note(&self, key: &EventKey) -> Option<&str> {
        self.notes
            .iter()
            .find(|n| n.article == key.article && n.event == key.event)
            .map(|n| n.text.as_str())
    }

    /// Set (or with empty text remove) the note on an event.
    pub fn set_note(&mut self, key: &EventKey, text: &str) {
        self.notes
            .retain(|n| !(n.article == key.article && n.event == key.event));
        if !text.trim().is_empty() {
            self.notes.push(Note {
                article: key.article.clone(),
                event: key.event.clone(),
                text: text.to_owned(),
            });
        }
    }

    /// Whether the analyst hid an event.
    pub fn is_hidden(&self, key: &EventKey) -> bool {
        self.hidden.contains(key)
    }

    /// Hide or show an event.
    pub fn set_hidden(&mut self, key: &EventKey, hidden: bool) {
        self.hidden.retain(|k| k != key);
        if hidden {
            self.hidden.push(key.clone());
        }
    }

    /// Add a correction, replacing an earlier one for the same mention.
    pub fn correct(&mut self, c: Correction) {
        let (a, s, e) = correction_key(&c);
        let (a, s, e) = (a.to_owned(), s, e);
        self.corrections.retain(|old| {
            let (oa, os, oe) = correction_key(old);
            !(oa == a && os == s && oe == e)
        });
        self.corrections.push(c);
    }
}

fn correction_key(c: &Correction) -> (&str, usize, usize) {
    match c {
        Correction::Move {
            article,
            start,
            end,
            ..
        }
        | Correction::NotAPlace {
            article,
            start,
            end,
            ..
        } => (article.as_str(), *start, *end),
    }
}

/// Write bytes to `path` atomically (temp file in the same folder, fsync, rename), optionally keeping the
/// previous file as `path.bak`. Never leaves a half-written `path`.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "newsmap".to_owned());
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if keep_backup && path.exists() {
            // The backup is replaced atomically too: a crash during the copy leaves the old backup.
            let bak = dir.join(format!("{file_name}.bak"));
            let bak_tmp = dir.join(format!(".{file_name}.bak.{}.tmp", std::process::id()));
            let copied =
                std::fs::copy(path, &bak_tmp).and_then(|_| std::fs::rename(&bak_tmp, &bak));
            if copied.is_err() {
                let _ = std::fs::remove_file(&bak_tmp);
            }
            copied?;
        }
        std::fs::rename(&tmp, path)?;
        // Make the rename itself durable where the platform allows opening a directory.
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The default session file for a set of articles: `<data dir>/sessions/<hash>.json`, where the hash
/// combines the articles' content hashes. None when the platform has no data directory.
pub fn default_path(article_hashes: &[String]) -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "newsmap")?;
    let key = if article_hashes.len() == 1 {
        article_hashes[0].clone()
    } else {
        content_hash(&article_hashes.join(","))
    };
    Some(dirs.data_dir().join("sessions").join(format!("{key}.json")))
}

/// Apply the session's corrections for the article with hash `hash` to its parse, in order.
/// Events follow their mentions: an event at a moved mention now happens at the new place; an event whose
/// only mention of a place was dropped no longer happens there.
pub fn apply_corrections(parsed: &mut ParsedArticle, hash: &str, corrections: &[Correction]) {
    for c in corrections {
        match c {
            Correction::Move {
                article,
                start,
                end,
                to,
            } if article == hash => move_mention(parsed, *start, *end, Some(to)),
            Correction::NotAPlace {
                article,
                start,
                end,
            } if article == hash => move_mention(parsed, *start, *end, None),
            _ => {}
        }
    }
}

fn move_mention(parsed: &mut ParsedArticle, start: usize, end: usize, to: Option<&PlaceTarget>) {
    let Some((pi, mi)) = parsed.places.iter().enumerate().find_map(|(pi, p)| {
        p.mentions
            .iter()
            .position(|m| m.start == start && m.end == end)
            .map(|mi| (pi, mi))
    }) else {
        return;
    };
    let old_id = parsed.places[pi].id.clone();
    if to.is_some_and(|t| t.id == old_id) {
        return;
    }
    let mention: Mention = parsed.places[pi].mentions.remove(mi);
    if let Some(t) = to {
        match parsed.places.iter_mut().find(|p| p.id == t.id) {
            Some(p) => {
                p.mentions.push(mention.clone());
                p.mentions.sort_by_key(|m| m.start);
            }
            None => parsed.places.push(Place {
                id: t.id.clone(),
                name: t.name.clone(),
                kind: t.kind,
                country: t.country.clone(),
                lat: t.lat,
                lon: t.lon,
                geometry: None,
                // The analyst chose it.
                confidence: 1.0,
                mentions: vec![mention.clone()],
                alternatives: Vec::new(),
            }),
        }
    }
    let old_mentions: Vec<(usize, usize)> = parsed
        .places
        .iter()
        .find(|p| p.id == old_id)
        .map(|p| p.mentions.iter().map(|m| (m.start, m.end)).collect())
        .unwrap_or_default();
    for ev in &mut parsed.events {
        if !(ev.start <= mention.start && mention.end <= ev.end) {
            continue;
        }
        let old_still_there = old_mentions
            .iter()
            .any(|&(s, e)| ev.start <= s && e <= ev.end);
        if !old_still_there {
            ev.places.retain(|id| id != &old_id);
        }
        if let Some(t) = to
            && !ev.places.contains(&t.id)
        {
            ev.places.push(t.id.clone());
        }
    }
    parsed.places.retain(|p| !p.mentions.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_truncated_file_is_reported_as_truncated() {
        let full = serde_json::to_string(&Session::default()).unwrap();
        let cut = &full[..full.len() / 2];
        assert!(matches!(
            Session::from_json("s.json", cut),
            Err(SessionError::Truncated { .. })
        ));
    }

    #[test]
    fn a_session_from_a_newer_newsmap_is_refused_clearly() {
        let err = Session::from_json("s.json", r#"{"version": 99}"#).unwrap_err();
        assert!(err.to_string().contains("newer newsmap"), "{err}");
    }

    #[test]
    fn an_array_is_not_a_session_even_if_serde_could_read_one() {
        // Found by fuzzing: `[5]` loaded as a session of version 5 that could not be read back.
        for text in ["[5]", "[]", "[1, []]"] {
            assert!(
                matches!(
                    Session::from_json("s.json", text),
                    Err(SessionError::Malformed { .. })
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn missing_fields_take_their_defaults() {
        let s = Session::from_json("s.json", r#"{"notes": []}"#).unwrap();
        assert_eq!(s, Session::default());
    }

    #[test]
    fn garbage_is_reported_as_such() {
        assert!(matches!(
            Session::from_json("s.json", "hello"),
            Err(SessionError::Malformed { .. })
        ));
    }

    #[test]
    fn saving_twice_keeps_one_backup_and_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let mut s = Session::default();
        s.save(&path).unwrap();
        s.title = Some("second".into());
        s.save(&path).unwrap();
        assert_eq!(
            Session::load(&path).unwrap().title.as_deref(),
            Some("second")
        );
        let bak = Session::load(&dir.path().join("s.json.bak")).unwrap();
        assert_eq!(bak.title, None);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn a_correction_survives_a_round_trip_through_json() {
        let mut s = Session::default();
        s.correct(Correction::NotAPlace {
            article: "abc".into(),
            start: 1,
            end: 4,
        });
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(Session::from_json("s", &json).unwrap(), s);
    }

    #[test]
    fn the_content_hash_is_stable() {
        assert_eq!(content_hash("a"), "af63dc4c8601ec8c");
    }
}

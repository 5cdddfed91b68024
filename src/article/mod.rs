//! Reading articles: plain text, Markdown and HTML into one text with byte offsets,
//! plus the title, the published date, captions and credit lines.

use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;

/// Why an article could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    /// The file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// The path names a directory, not a file.
    #[error("{0} is a directory, not an article file")]
    IsDirectory(String),
    /// The bytes are not text (an image, a PDF, an archive...).
    #[error("{path} is not a text article ({what})")]
    NotText { path: String, what: String },
}

/// The format an article was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
}

/// An article ready for geoparsing. All ranges are UTF-8 byte offsets into `text`, end exclusive.
#[derive(Debug, Clone)]
pub struct Article {
    /// Where it came from (a path, `-` for stdin, or a name the user gave).
    pub source: String,
    /// The article text. For a plain-text UTF-8 file this is the file's bytes exactly (a BOM is kept out
    /// of offsets by being stripped only when present, see `bom_len`).
    pub text: String,
    pub format: Format,
    /// The headline, when one was found.
    pub title: Option<String>,
    pub title_span: Option<Range<usize>>,
    /// The published date from the dateline or `--published`.
    pub published: Option<NaiveDate>,
    /// The dateline span the published date came from.
    pub dateline_span: Option<Range<usize>>,
    /// Photo captions ("... /AFP Photo").
    pub captions: Vec<Range<usize>>,
    /// Credit lines ("(With input from Reuters)").
    pub credits: Vec<Range<usize>>,
    /// Non-fatal problems (invalid UTF-8 replaced, truncated input...).
    pub warnings: Vec<String>,
}

impl Article {
    /// An article from text already in memory, read as plain text.
    pub fn from_text(source: &str, text: &str) -> Article {
        Article {
            source: source.to_owned(),
            text: text.to_owned(),
            format: Format::Text,
            title: None,
            title_span: None,
            published: None,
            dateline_span: None,
            captions: Vec::new(),
            credits: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// Read an article file (format from the extension and content).
pub fn read_path(path: &Path) -> Result<Article, ArticleError> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(ArticleError::IsDirectory(name));
    }
    let bytes = std::fs::read(path).map_err(|source| ArticleError::Io {
        path: name.clone(),
        source,
    })?;
    from_bytes(&name, &bytes)
}

/// Read an article from bytes; `source` names it in messages.
pub fn from_bytes(source: &str, bytes: &[u8]) -> Result<Article, ArticleError> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    Ok(Article::from_text(source, &text))
}

/// Sentence spans (byte ranges into `text`), in order, covering every non-blank sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' || c == '.' {
            if text[start..i].trim().len() > 0 {
                out.push(start..i + c.len_utf8());
            }
            start = i + c.len_utf8();
        }
    }
    if text[start..].trim().len() > 0 {
        out.push(start..text.len());
    }
    out
}

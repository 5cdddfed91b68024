//! Reading articles: plain text, Markdown and HTML into one text with byte offsets,
//! plus the title, the published date, captions and credit lines.
//!
//! Offsets: every range in an [`Article`] is a UTF-8 byte range into [`Article::text`]. For a plain-text or
//! Markdown file that is valid UTF-8, `text` is the file's bytes exactly, except that a UTF-8 byte-order mark is
//! dropped: offsets are then relative to the text after the BOM (add [`Article::bom_len`] to get file offsets).

mod decode;
mod html;
mod layout;
mod sentences;

use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;

/// English month names, lower case, January first: the dateline reader and the date tagger share them.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub use layout::parse_dateline_date;
pub use sentences::sentences;

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
    /// Plain text: `text` is the file's bytes.
    Text,
    /// Markdown, kept as written (offsets are file offsets); the title is the first `# ` heading.
    Markdown,
    /// HTML: `text` is the visible text, one block per line.
    Html,
}

impl Format {
    /// The format a file name's extension suggests (`.html`, `.htm`, `.xhtml`, `.md`, `.markdown`, `.txt`).
    pub fn from_extension(name: &str) -> Option<Format> {
        let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }
}

/// An article ready for geoparsing. All ranges are UTF-8 byte offsets into `text`, end exclusive.
#[derive(Debug, Clone)]
pub struct Article {
    /// Where it came from (a path, `-` for stdin, or a name the user gave).
    pub source: String,
    /// The article text. For a plain-text UTF-8 file this is the file's bytes exactly, after a UTF-8 BOM if
    /// there was one (see `bom_len`): offsets are relative to the text after the BOM.
    pub text: String,
    /// How the bytes were read.
    pub format: Format,
    /// The headline, when one was found.
    pub title: Option<String>,
    /// Where the headline is in `text` (None when it came from HTML metadata not shown in the text).
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
    /// Bytes of UTF-8 byte-order mark dropped from the start of the file (0 or 3): add it to an offset in
    /// `text` to get an offset in the file.
    pub bom_len: usize,
}

impl Article {
    /// An article from text already in memory, read as plain text (title, dateline and captions are found).
    pub fn from_text(source: &str, text: &str) -> Article {
        let mut article = Article {
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
            bom_len: 0,
        };
        layout::analyse(&mut article);
        article
    }

    /// Supply or override the published date (the CLI's `--published YYYY-MM-DD`); the dateline span is kept.
    pub fn set_published(&mut self, date: NaiveDate) {
        self.published = Some(date);
    }

    /// The text of a range of this article, or "" when the range is not a valid range of `text`.
    pub fn slice(&self, range: &Range<usize>) -> &str {
        self.text.get(range.clone()).unwrap_or("")
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

/// Read an article from bytes; `source` names it in messages, and its extension (if any) hints the format.
pub fn from_bytes(source: &str, bytes: &[u8]) -> Result<Article, ArticleError> {
    read_bytes_with_format(source, bytes, Format::from_extension(source))
}

/// Read an article from bytes as `format`, or sniffing the format from the content when `None`.
///
/// Binary data (NUL bytes in the first 8 KB, or the magic number of an image, PDF or archive) is refused
/// with [`ArticleError::NotText`]; invalid UTF-8 is replaced (with a warning) and UTF-16 with a BOM is
/// decoded (with a warning): in both cases offsets are into the decoded text, not the file.
pub fn read_bytes_with_format(
    source: &str,
    bytes: &[u8],
    format: Option<Format>,
) -> Result<Article, ArticleError> {
    if let Some(what) = decode::binary_kind(bytes) {
        return Err(ArticleError::NotText {
            path: source.to_owned(),
            what,
        });
    }
    let decoded = decode::decode(bytes);
    let format = format.unwrap_or_else(|| sniff_format(&decoded.text));
    let mut article = match format {
        Format::Html => html::read_html(source, &decoded.text),
        Format::Text | Format::Markdown => {
            let mut article = Article {
                source: source.to_owned(),
                text: decoded.text,
                format,
                title: None,
                title_span: None,
                published: None,
                dateline_span: None,
                captions: Vec::new(),
                credits: Vec::new(),
                warnings: Vec::new(),
                bom_len: decoded.bom_len,
            };
            layout::analyse(&mut article);
            article
        }
    };
    let mut warnings = decoded.warnings;
    warnings.append(&mut article.warnings);
    if article.text.trim().is_empty() {
        // Not an error (an empty draft is still a document), but the user should know why nothing shows.
        warnings.push(if bytes.is_empty() {
            "the file is empty".to_owned()
        } else {
            "no visible text to read".to_owned()
        });
    }
    article.warnings = warnings;
    Ok(article)
}

/// HTML when the text starts (after blanks) with a doctype, `<html`, `<head` or `<body`, or is mostly tags.
fn sniff_format(text: &str) -> Format {
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    let starts = [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<article",
        "<?xml",
    ];
    if starts.iter().any(|s| head.starts_with(s)) {
        return Format::Html;
    }
    if head.starts_with('<')
        && (head.contains("<p>") || head.contains("<div") || head.contains("</"))
    {
        return Format::Html;
    }
    Format::Text
}

#[cfg(test)]
mod tests;

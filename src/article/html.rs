//! The visible text of an HTML article, with its title, published date and figure captions.
//!
//! The tree is walked with an explicit open/close traversal (no recursion), so documents nested 100,000
//! levels deep cost linear time and constant stack.

use std::ops::Range;

use chrono::NaiveDate;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::layout::{self, parse_dateline_date};
use super::{Article, Format};

/// Elements whose content is never shown.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "head", "iframe", "object", "svg", "math", "canvas",
    "select", "button", "textarea",
];

/// Elements that end a line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
];

/// Elements after which a blank line separates paragraphs.
const PARAGRAPHS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "figure",
    "figcaption",
    "pre",
    "table",
    "ul",
    "ol",
];

/// Builds the output text, collapsing whitespace like a browser does.
struct TextBuilder {
    text: String,
    /// Newlines owed before the next visible character (0, 1 or 2).
    pending_breaks: usize,
    pending_space: bool,
}

impl TextBuilder {
    fn push_text(&mut self, s: &str, pre: bool) {
        for c in s.chars() {
            if !pre && c.is_whitespace() {
                if !self.text.is_empty() {
                    self.pending_space = true;
                }
                continue;
            }
            if self.pending_breaks > 0 && !self.text.is_empty() {
                let have = self.text.len() - self.text.trim_end_matches('\n').len();
                for _ in have.min(2)..self.pending_breaks {
                    self.text.push('\n');
                }
            } else if self.pending_space && !self.text.ends_with('\n') {
                self.text.push(' ');
            }
            self.pending_breaks = 0;
            self.pending_space = false;
            self.text.push(c);
        }
    }

    fn line_break(&mut self, n: usize) {
        self.pending_breaks = self.pending_breaks.max(n);
        self.pending_space = false;
    }
}

/// Read an HTML document into an article.
pub(crate) fn read_html(source: &str, html: &str) -> Article {
    let (flat, flattened) = flatten_deep_nesting(html);
    let doc = Html::parse_document(&flat);
    let mut out = TextBuilder {
        text: String::with_capacity(html.len() / 2),
        pending_breaks: 0,
        pending_space: false,
    };
    let mut hidden_depth = 0usize;
    let mut pre_depth = 0usize;
    let mut title_tag: Option<String> = None;
    let mut in_title = false;
    let mut og_title: Option<String> = None;
    let mut meta_date: Option<NaiveDate> = None;
    let mut time_date: Option<NaiveDate> = None;
    let mut h1: Option<Range<usize>> = None;
    let mut h1_start: Option<usize> = None;
    let mut caption_start: Option<usize> = None;
    let mut captions = Vec::new();

    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if name == "title" {
                        in_title = true;
                    }
                    if name == "meta" {
                        let key = el
                            .attr("property")
                            .or_else(|| el.attr("name"))
                            .unwrap_or("");
                        let content = el.attr("content").unwrap_or("");
                        match key.to_ascii_lowercase().as_str() {
                            "og:title" | "twitter:title" if og_title.is_none() => {
                                og_title = Some(content.trim().to_owned());
                            }
                            "article:published_time"
                            | "datepublished"
                            | "pubdate"
                            | "date"
                            | "dc.date"
                            | "dcterms.created"
                            | "og:published_time"
                                if meta_date.is_none() =>
                            {
                                meta_date = parse_dateline_date(content);
                            }
                            _ => {}
                        }
                    }
                    if name == "time" && time_date.is_none() {
                        time_date = el.attr("datetime").and_then(parse_dateline_date);
                    }
                    if HIDDEN.contains(&name) {
                        hidden_depth += 1;
                    }
                    if hidden_depth > 0 {
                        continue;
                    }
                    if name == "pre" {
                        pre_depth += 1;
                    }
                    if BLOCKS.contains(&name) {
                        out.line_break(if PARAGRAPHS.contains(&name) { 2 } else { 1 });
                    }
                    if name == "h1" && h1.is_none() && h1_start.is_none() {
                        h1_start = Some(start_of_next(&out));
                    }
                    if name == "figcaption" && caption_start.is_none() {
                        caption_start = Some(start_of_next(&out));
                    }
                    if name == "img" {
                        // Images have no text; alt text is not part of the article.
                    }
                }
                Node::Text(t) => {
                    if in_title && title_tag.is_none() {
                        title_tag = Some(t.trim().to_owned());
                    }
                    if hidden_depth == 0 {
                        out.push_text(t, pre_depth > 0);
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if name == "title" {
                        in_title = false;
                    }
                    if HIDDEN.contains(&name) {
                        hidden_depth = hidden_depth.saturating_sub(1);
                        continue;
                    }
                    if hidden_depth > 0 {
                        continue;
                    }
                    if name == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                    if name == "h1"
                        && h1.is_none()
                        && let Some(start) = h1_start.take()
                    {
                        h1 = nonempty(&out.text, start);
                    }
                    if name == "figcaption"
                        && let Some(start) = caption_start.take()
                    {
                        captions.extend(nonempty(&out.text, start));
                    }
                    if BLOCKS.contains(&name) {
                        out.line_break(if PARAGRAPHS.contains(&name) { 2 } else { 1 });
                    }
                }
            }
        }
    }

    let text = out.text;
    let (title, title_span) = match (
        &h1,
        og_title.filter(|t| !t.is_empty()),
        title_tag.filter(|t| !t.is_empty()),
    ) {
        (Some(span), _, _) => (Some(text[span.clone()].to_owned()), Some(span.clone())),
        (None, Some(t), _) | (None, None, Some(t)) => {
            let span = text.find(t.as_str()).map(|i| i..i + t.len());
            (Some(t), span)
        }
        (None, None, None) => (None, None),
    };
    let mut article = Article {
        source: source.to_owned(),
        text,
        format: Format::Html,
        title,
        title_span,
        published: meta_date.or(time_date),
        dateline_span: None,
        captions: Vec::new(),
        credits: Vec::new(),
        warnings: Vec::new(),
        bom_len: 0,
    };
    if flattened {
        article.warnings.push(format!(
            "HTML nested deeper than {MAX_DEPTH} levels: the deeper tags were ignored"
        ));
    }
    if article.published.is_none() {
        // No metadata: look for a dateline in the text, like a plain-text article.
        let mut probe = Article::from_text(source, "");
        probe.text = std::mem::take(&mut article.text);
        super::layout::analyse(&mut probe);
        article.text = probe.text;
        article.published = probe.published;
        article.dateline_span = probe.dateline_span;
    }
    let all_lines = article
        .text
        .split('\n')
        .scan(0usize, |pos, line| {
            let start = *pos;
            *pos += line.len() + 1;
            Some(start..start + line.len())
        })
        .filter(|r| !article.text[r.clone()].trim().is_empty());
    let (mut line_captions, credits) = layout::captions_and_credits(&article.text, all_lines);
    captions.append(&mut line_captions);
    captions.sort_by_key(|r| r.start);
    captions.dedup();
    article.captions = captions;
    article.credits = credits;
    article
}

/// Where the next visible character will go (after owed line breaks).
fn start_of_next(out: &TextBuilder) -> usize {
    out.text.len()
}

/// The trimmed range from `start` to the end of `text`, or None when it is blank.
fn nonempty(text: &str, start: usize) -> Option<Range<usize>> {
    let s = text.get(start..)?;
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if t.is_empty() {
        None
    } else {
        Some(start + lead..start + lead + t.len())
    }
}

/// Deepest element nesting handed to the HTML parser. Deeper nesting makes html5ever's scope checks cost
/// time proportional to the depth for every tag (quadratic overall), and no article needs it.
const MAX_DEPTH: usize = 1000;

/// Elements that never nest (void) or that the parser closes implicitly: they do not count as depth.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "!doctype",
];

/// Elements whose content is raw text up to their end tag.
const RAW: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "plaintext",
    "noscript",
    "iframe",
];

/// The HTML with start and end tags beyond [`MAX_DEPTH`] levels of nesting removed (their text is kept),
/// and whether anything was removed. One lexical pass, linear time.
pub(crate) fn flatten_deep_nesting(html: &str) -> (std::borrow::Cow<'_, str>, bool) {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0usize;
    let mut depth = 0usize;
    let mut pos = 0usize;
    while let Some(k) = memchr::memchr(b'<', &bytes[pos..]) {
        let lt = pos + k;
        let rest = &html[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            pos = comment.find("-->").map_or(html.len(), |e| lt + 4 + e + 3);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = lt + if closing { 2 } else { 1 };
        let name_len = html[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'!' || *b == b'?')
            .count();
        if name_len == 0 {
            pos = lt + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let Some(gt) = memchr::memchr(b'>', &bytes[name_start..]).map(|g| name_start + g) else {
            break;
        };
        let tag_end = gt + 1;
        let self_closing = bytes[gt.saturating_sub(1)] == b'/';
        pos = tag_end;
        if name.starts_with('!') || name.starts_with('?') || FLAT.contains(&name.as_str()) {
            continue;
        }
        if !closing && RAW.contains(&name.as_str()) {
            // Skip the raw content so a '<' inside a script is not taken for a tag.
            let close = format!("</{name}");
            pos = find_ignore_case(&bytes[tag_end..], close.as_bytes())
                .map_or(html.len(), |e| tag_end + e);
            continue;
        }
        let drop = if closing {
            let deep = depth > MAX_DEPTH;
            depth = depth.saturating_sub(1);
            deep
        } else if self_closing {
            false
        } else {
            depth += 1;
            depth > MAX_DEPTH
        };
        if drop {
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buf.push_str(&html[copied..lt]);
            copied = tag_end;
        }
    }
    match out {
        Some(mut buf) => {
            buf.push_str(&html[copied..]);
            (std::borrow::Cow::Owned(buf), true)
        }
        None => (std::borrow::Cow::Borrowed(html), false),
    }
}

/// Where `needle` (ASCII lowercase) first occurs in `hay`, ignoring ASCII case.
fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut from = 0;
    while let Some(k) = memchr::memchr(first, &hay[from..]) {
        let at = from + k;
        if hay.len() - at >= needle.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

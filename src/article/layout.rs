//! The layout of a text article: headline, dateline, captions and credit lines, all found line by line.
//!
//! Only the first lines are searched for the headline and the dateline, and each line is looked at a bounded
//! number of times, so a 50 MB file or a single 10 MB line costs linear time.

use std::ops::Range;

use chrono::NaiveDate;

use super::{Article, Format};

/// How many non-blank lines at the top may hold the dateline.
const DATELINE_LINES: usize = 10;
/// A headline longer than this (in bytes) is a paragraph, not a headline.
const MAX_TITLE_BYTES: usize = 200;
/// A dateline longer than this (in bytes) is a paragraph that happens to mention a date.
const MAX_DATELINE_BYTES: usize = 120;
/// Captions and credits are short lines.
const MAX_CAPTION_BYTES: usize = 600;

/// Lines of `text` as trimmed byte ranges, skipping blank lines.
fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        while start < text.len() {
            let end =
                memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
            let line = start..end;
            start = end + 1;
            if let Some(trimmed) = trim_range(text, line) {
                return Some(trimmed);
            }
        }
        None
    })
}

/// The range without surrounding whitespace, or None when it is blank.
fn trim_range(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return None;
    }
    Some(range.start + lead..range.start + lead + trimmed.len())
}

/// Fill in title, published date, captions and credits of a text or Markdown article.
pub(crate) fn analyse(article: &mut Article) {
    let text = article.text.as_str();
    let mut title = None;
    let mut dateline = None;
    for (n, line) in lines(text).take(DATELINE_LINES).enumerate() {
        let s = &text[line.clone()];
        if n == 0 && title.is_none() {
            title = headline(article.format, s, line.clone());
        } else if title.is_none() && article.format == Format::Markdown {
            title = headline(Format::Markdown, s, line.clone()).filter(|_| s.starts_with("# "));
        }
        if dateline.is_none()
            && s.len() <= MAX_DATELINE_BYTES
            && let Some(date) = parse_dateline_date(s)
        {
            dateline = Some((date, line.clone()));
            if title
                .as_ref()
                .is_some_and(|(_, span): &(String, Range<usize>)| *span == line)
            {
                title = None;
            }
        }
    }
    if let Some((t, span)) = title {
        article.title = Some(t);
        article.title_span = Some(span);
    }
    if let Some((date, span)) = dateline {
        article.published = Some(date);
        article.dateline_span = Some(span);
    }
    let (captions, credits) = captions_and_credits(text, lines(text));
    article.captions = captions;
    article.credits = credits;
}

/// The headline from the first non-blank line: short, and not ending like a sentence.
fn headline(format: Format, s: &str, span: Range<usize>) -> Option<(String, Range<usize>)> {
    if format == Format::Markdown {
        let rest = s.strip_prefix("# ")?;
        let lead = s.len() - rest.len();
        let rest_trim = rest.trim();
        if rest_trim.is_empty() {
            return None;
        }
        let start = span.start + lead + (rest.len() - rest.trim_start().len());
        return Some((rest_trim.to_owned(), start..start + rest_trim.len()));
    }
    if s.len() > MAX_TITLE_BYTES || s.ends_with('.') || s.ends_with(',') || s.ends_with(':') {
        return None;
    }
    if !s.chars().any(char::is_alphabetic) || parse_dateline_date(s).is_some() && s.len() < 40 {
        return None;
    }
    Some((s.to_owned(), span))
}

/// Captions ("... /AFP Photo", "(Photo: ...)", "Photo: ...", "Credit: ...") and credit lines
/// ("(With input from Reuters)", "(Reporting by ...)", "(Editing by ...)").
pub(crate) fn captions_and_credits(
    text: &str,
    lines: impl Iterator<Item = Range<usize>>,
) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let mut captions = Vec::new();
    let mut credits = Vec::new();
    for line in lines {
        let s = &text[line.clone()];
        if s.len() > MAX_CAPTION_BYTES {
            continue;
        }
        if is_credit(s) {
            credits.push(line);
        } else if is_caption(s) {
            captions.push(line);
        }
    }
    (captions, credits)
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn is_credit(s: &str) -> bool {
    let inner = s.trim_start_matches(['(', '[']);
    let prefixes = [
        "with input from",
        "with inputs from",
        "reporting by",
        "additional reporting by",
        "editing by",
        "writing by",
        "compiled by",
        "with reporting by",
    ];
    prefixes.iter().any(|p| starts_with_ci(inner, p))
}

fn is_caption(s: &str) -> bool {
    let lower = s.to_lowercase();
    let trimmed = lower.trim_end_matches([')', ' ', '.']);
    // "... /AFP Photo", "... / Reuters Photo", "... /Getty Images"
    if let Some(slash) = trimmed.rfind('/') {
        let tail = trimmed[slash + 1..].trim();
        if tail.len() <= 40
            && (tail.ends_with("photo") || tail.ends_with("photos") || tail.ends_with("images"))
        {
            return true;
        }
    }
    if lower.starts_with("photo:")
        || lower.starts_with("credit:")
        || lower.starts_with("photo credit")
    {
        return true;
    }
    // "(Photo: ...)" or "Photo: X" / "Credit: X" near the end of the line.
    let window_start = lower.len().saturating_sub(80);
    let mut ws = window_start;
    while !lower.is_char_boundary(ws) {
        ws += 1;
    }
    let tail = &lower[ws..];
    [
        "(photo:",
        "(photo by",
        " photo: ",
        " credit: ",
        "(credit:",
        "photo/",
    ]
    .iter()
    .any(|m| tail.contains(m))
}

/// A month from its name or abbreviation ("Mar", "Mar.", "Sept", "March"), case-insensitive.
fn month_from_name(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    for (i, name) in super::MONTHS.iter().enumerate() {
        if *name == w || (w.len() == 3 || w == "sept") && name.starts_with(&w) {
            return u32::try_from(i + 1).ok();
        }
    }
    None
}

/// A published date in a dateline: "Updated 20:29, 03-Mar-2020", "March 3, 2020", "3 March 2020",
/// "Mar. 3, 2020", "2020-03-03", an ISO 8601 datetime. Ambiguous numeric dates ("03/03/2020") are skipped.
pub fn parse_dateline_date(line: &str) -> Option<NaiveDate> {
    // Words: runs of alphanumerics, '-' or '.', so "03-Mar-2020", "2020-03-03T10:00" and "Mar." stay whole.
    let words: Vec<&str> = line
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.' || c == ':'))
        .filter(|w| !w.is_empty())
        .take(40)
        .collect();
    for (i, word) in words.iter().enumerate() {
        let w = word.trim_end_matches('.');
        // 2020-03-03 or 2020-03-03T20:29:00
        if let Some(d) = iso_date(w) {
            return Some(d);
        }
        // 03-Mar-2020
        let parts: Vec<&str> = w.split('-').collect();
        if parts.len() == 3
            && let (Some(day), Some(month), Some(year)) = (
                number(parts[0]),
                month_from_name(parts[1]),
                number(parts[2]),
            )
            && let Some(d) = ymd(year, month, day)
        {
            return Some(d);
        }
        let next = |k: usize| words.get(i + k).map(|s| s.trim_end_matches(['.', ',']));
        if let Some(month) = month_from_name(w) {
            // March 3, 2020 / Mar. 3 2020 / March 3rd, 2020
            if let (Some(day), Some(year)) =
                (next(1).and_then(day_number), next(2).and_then(number))
                && let Some(d) = ymd(year, month, day)
            {
                return Some(d);
            }
        }
        if let Some(day) = day_number(w) {
            // 3 March 2020
            if let (Some(month), Some(year)) =
                (next(1).and_then(month_from_name), next(2).and_then(number))
                && let Some(d) = ymd(year, month, day)
            {
                return Some(d);
            }
        }
    }
    None
}

fn iso_date(w: &str) -> Option<NaiveDate> {
    let b = w.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || b.len() > 10 && !matches!(b[10], b'T' | b't')
    {
        return None;
    }
    let year = number(w.get(0..4)?)?;
    let month = u32::try_from(number(w.get(5..7)?)?).ok()?;
    let day = number(w.get(8..10)?)?;
    ymd(year, month, day)
}

fn number(s: &str) -> Option<i64> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A day of the month: "3", "03", "3rd".
fn day_number(s: &str) -> Option<i64> {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &s[digits.len()..];
    if !matches!(
        suffix.to_ascii_lowercase().as_str(),
        "" | "st" | "nd" | "rd" | "th"
    ) {
        return None;
    }
    number(digits).filter(|d| (1..=31).contains(d))
}

fn ymd(year: i64, month: impl TryInto<u32>, day: i64) -> Option<NaiveDate> {
    if !(1800..=2200).contains(&year) {
        return None;
    }
    let month = month.try_into().ok()?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, u32::try_from(day).ok()?)
}

//! An English sentence splitter over byte ranges, in one left-to-right pass (linear time).

use std::ops::Range;

/// Words that end with a period without ending the sentence (lowercase, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "lt", "col", "maj", "capt", "cpt",
    "sgt", "adm", "cmdr", "gov", "sen", "rep", "rev", "pres", "hon", "amb", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thurs", "fri", "sat", "sun", "no", "nos", "vs", "v", "etc", "approx", "est", "dept",
    "univ", "mt", "ft", "fig", "vol", "al", "op", "ave", "blvd", "rd", "co", "corp", "inc", "ltd",
    "bros", "cf", "ca", "e.g", "i.e", "a.m", "p.m", "u.s", "u.n", "u.k", "e.u",
];

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»')
}

fn is_closing(c: char) -> bool {
    is_quote(c) || matches!(c, ')' | ']')
}

/// Sentence spans (byte ranges into `text`), in order, disjoint, trimmed of surrounding whitespace, covering
/// every non-blank sentence.
///
/// Splits after `.`, `!` and `?` followed by a space and a capital, a quote or a new line; on blank lines;
/// and on a single line break unless the line looks hard-wrapped (it ends in a lowercase word or a comma and
/// the next line starts in lowercase). Abbreviations ("Mr.", "U.S.", "Jan."), initials ("J. Smith"),
/// decimals ("3.6") and stops inside a quotation that opened mid-sentence do not split.
///
/// ```
/// let text = "Mr. Smith paid $3.6 million. He left.";
/// let spans = newsmap::article::sentences(text);
/// assert_eq!(spans.len(), 2);
/// assert_eq!(&text[spans[1].clone()], "He left.");
/// ```
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    // Byte offset where a quotation opened inside the current sentence (not at its start).
    let mut open_quote: Option<usize> = None;
    let mut word_start = 0usize;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next_i = i + c.len_utf8();
        if c.is_whitespace() {
            word_start = next_i;
        }
        if c == '"' || c == '“' || c == '”' {
            if c == '”' || c == '"' && open_quote.is_some() {
                open_quote = None;
            } else {
                // Only a quotation that opens mid-sentence holds back a split; one that opens the sentence
                // ("Stop!" she cried.) may end it.
                let at_start = text[start..i].trim().is_empty();
                open_quote = Some(if at_start { usize::MAX } else { i });
            }
        }
        if let Some(q) = open_quote
            && q != usize::MAX
            && i - q > 600
        {
            open_quote = None;
        }
        if c == '\n' {
            // Blank line (only whitespace up to the next newline) or a single break that ends a line.
            let rest = &bytes[next_i..];
            let line_end = memchr::memchr(b'\n', rest).map_or(rest.len(), |k| k);
            let next_line = &text[next_i..next_i + line_end];
            let blank_next = next_line.trim().is_empty();
            let this_line = &text[start..i];
            if blank_next || !hard_wrapped(this_line, next_line) {
                push(text, &mut out, start, i);
                start = next_i;
                open_quote = None;
            }
            continue;
        }
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Consume closing quotes/brackets and further terminators ("?!", '."').
        let mut end = next_i;
        while let Some(&(j, d)) = iter.peek() {
            if is_closing(d) || matches!(d, '.' | '!' | '?') {
                if d == '"' || d == '”' {
                    open_quote = None;
                }
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        // What follows: whitespace, then the first visible character.
        let after = &text[end..];
        let ws_len = after.len() - after.trim_start().len();
        if ws_len == 0 && !after.is_empty() {
            continue;
        }
        let follow = after[ws_len..].chars().next();
        let newline_follows = after[..ws_len].contains('\n');
        let starts_sentence = match follow {
            None => true,
            Some(f) => {
                f.is_uppercase() || f.is_ascii_digit() || is_quote(f) || f == '(' || newline_follows
            }
        };
        if !starts_sentence {
            continue;
        }
        if c == '.' && !newline_follows {
            let word = &text[word_start..i];
            if is_abbreviation(word) {
                continue;
            }
        }
        if open_quote.is_some_and(|q| q != usize::MAX) && !newline_follows && end == next_i {
            continue;
        }
        push(text, &mut out, start, end);
        start = end;
        open_quote = None;
    }
    push(text, &mut out, start, text.len());
    out
}

/// Does `line` continue on `next` (a hard-wrapped paragraph) rather than end there?
fn hard_wrapped(line: &str, next: &str) -> bool {
    let last_line = line.rsplit('\n').next().unwrap_or(line).trim_end();
    let ends_open = last_line
        .chars()
        .next_back()
        .is_some_and(|c| c.is_lowercase() || matches!(c, ',' | ';' | '-' | ':'));
    let next_lower = next
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    ends_open && next_lower
}

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| is_quote(c) || c == '(');
    if w.is_empty() {
        return false;
    }
    let mut chars = w.chars();
    // A single letter: an initial ("J. Smith") or the end of "U.S".
    if let (Some(first), None) = (chars.next(), chars.next()) {
        return first.is_uppercase();
    }
    // Dotted acronyms: "U.S", "e.g", "a.m".
    if w.contains('.') && w.split('.').all(|p| p.chars().count() <= 2) {
        return true;
    }
    let lower = w.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn push(text: &str, out: &mut Vec<Range<usize>>, start: usize, end: usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push(start + lead..start + lead + trimmed.len());
    }
}

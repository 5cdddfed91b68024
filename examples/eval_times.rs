//! Evaluate the temporal tagger on the MEANTIME English corpus (TempEval-3 task A measures).
//!
//! Usage: `cargo run --release --example eval_times -- /path/to/MEANTIME [--errors]`
//!
//! Each article's text is rebuilt from its tokens (single spaces within a sentence, a newline between
//! sentences); the published date is the CREATION_TIME TIMEX3 (else the dateline, sentence 1). That TIMEX3
//! is left out of the gold standard, and predictions overlapping it are left out too. MEANTIME annotates only
//! the headline and the first sentences (sentence numbers 0 to 5), so predictions are scored only there:
//! the tagger runs on the whole text, and what it finds further down is not counted either way.
//!
//! **Dates whose year is not written** (the "Friday", "last week" measure): the gold DATE expressions
//! whose value names a calendar period (it starts with a year or a decade: `2008-03-01`, `2008-W10`,
//! `2008-Q4`, `2008`, `200`) and whose words write no year: no four-digit number, no two-digit year after
//! an apostrophe or a slash (`'82`, `7/8/07`), no decade in figures (`70s`). These are the dates that need
//! the published date (or world knowledge, "Black Monday") to resolve; MEANTIME has 177 of them, the count
//! its README gives. The accuracy is over all of them: a date the tagger missed, or found with another
//! value, is wrong. Vague references (`PRESENT_REF`, `PAST_REF`, `FUTURE_REF`), unresolvable values
//! (`XXXX-XX-XX`), fiscal years (`FY2007`) and durations annotated as DATE (`P1D`) name no calendar period;
//! they are counted by value F1, and by the second, broader line ("every DATE without a four-digit
//! number"), which was this program's first definition and is kept for comparison.
//!
//! `--errors` prints every miss, wrong value and extra prediction; the year-less failures come first
//! (`YLMISS`, `YLBAD`) with their sentence and the published date's weekday, for grouping by cause.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use newsmap::events::time::{TimeExpr, TimeType, find_times};

struct Gold {
    start: usize,
    end: usize,
    kind: String,
    value: String,
    text: String,
    /// The words hold a four-digit number (the first, broader year-less measure).
    has_four_digits: bool,
    /// A calendar value whose year the words do not write (see the module comment).
    year_not_written: bool,
}

/// Does the TimeML value name a calendar period: does it start with a year (`2008...`) or a decade (`200`)?
fn is_calendar_value(value: &str) -> bool {
    let lead = value.bytes().take_while(u8::is_ascii_digit).count();
    lead == 4 || (lead == 3 && value.len() == 3)
}

/// Do the words write a year: a four-digit number, `'82`, `7/8/07`, `70s`?
fn writes_year(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let len = i - start;
        let before = text[..start].trim_end();
        let after = &text[i..];
        let apostrophe_or_slash = before.ends_with(['\'', '’', '/']);
        let decade = len == 2 && b[i - 1] == b'0' && after.starts_with('s');
        if len == 4 || (len == 2 && apostrophe_or_slash) || decade {
            return true;
        }
    }
    false
}

/// The line (sentence) of `text` around byte `at`, for error listings.
fn line_around(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    &text[start..end]
}

struct Doc {
    name: String,
    text: String,
    published: Option<NaiveDate>,
    gold: Vec<Gold>,
    creation: Option<(usize, usize)>,
    /// The end of the annotated part of the text (after sentence 5).
    annotated_end: usize,
}

/// The last sentence number MEANTIME annotates.
const LAST_ANNOTATED_SENTENCE: u64 = 5;

fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            xml_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
    Ok(())
}

/// `2009-02-03...` or `03-02-2009` (day first).
fn parse_value_date(v: &str) -> Option<NaiveDate> {
    let head = v.get(0..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(head, "%d-%m-%Y"))
        .ok()
}

fn load(path: &Path) -> Result<Doc> {
    let xml = std::fs::read_to_string(path)?;
    let doc =
        roxmltree::Document::parse(&xml).with_context(|| format!("parsing {}", path.display()))?;
    let mut tokens: Vec<(u64, u64, String, String)> = Vec::new(); // number, sentence, t_id, text
    for t in doc.descendants().filter(|n| n.has_tag_name("token")) {
        let number = t
            .attribute("number")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let sentence = t
            .attribute("sentence")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let id = t.attribute("t_id").unwrap_or("").to_owned();
        tokens.push((number, sentence, id, t.text().unwrap_or("").to_owned()));
    }
    tokens.sort_by_key(|t| t.0);
    let mut text = String::new();
    let mut spans = std::collections::HashMap::new();
    let mut last_sentence = None;
    let mut dateline = String::new();
    let mut annotated_end = 0;
    for (_, sentence, id, tok) in &tokens {
        match last_sentence {
            None => {}
            Some(s) if s == *sentence => text.push(' '),
            Some(_) => text.push('\n'),
        }
        last_sentence = Some(*sentence);
        let start = text.len();
        text.push_str(tok);
        spans.insert(id.clone(), (start, text.len()));
        if *sentence <= LAST_ANNOTATED_SENTENCE {
            annotated_end = text.len();
        }
        if *sentence == 1 {
            dateline.push_str(tok);
            dateline.push(' ');
        }
    }
    let mut gold = Vec::new();
    let mut published = None;
    let mut creation = None;
    for tx in doc.descendants().filter(|n| n.has_tag_name("TIMEX3")) {
        let anchors: Vec<(usize, usize)> = tx
            .children()
            .filter(|c| c.has_tag_name("token_anchor"))
            .filter_map(|c| spans.get(c.attribute("t_id")?).copied())
            .collect();
        let value = tx.attribute("value").unwrap_or("").to_owned();
        let is_creation = tx.attribute("functionInDocument") == Some("CREATION_TIME");
        let (Some(start), Some(end)) = (
            anchors.iter().map(|a| a.0).min(),
            anchors.iter().map(|a| a.1).max(),
        ) else {
            if is_creation {
                published = parse_value_date(&value);
            }
            continue;
        };
        if is_creation {
            published = parse_value_date(&value);
            creation = Some((start, end));
            continue;
        }
        let span_text = text[start..end].to_owned();
        let has_four_digits = span_text
            .split(|c: char| !c.is_ascii_digit())
            .any(|d| d.len() == 4);
        let kind = tx.attribute("type").unwrap_or("").to_owned();
        let year_not_written =
            kind == "DATE" && is_calendar_value(&value) && !writes_year(&span_text);
        gold.push(Gold {
            start,
            end,
            kind,
            value,
            text: span_text,
            has_four_digits,
            year_not_written,
        });
    }
    if published.is_none() {
        published = newsmap::article::parse_dateline_date(&dateline);
    }
    if creation.is_none() {
        // Without the flag, the dateline sentence is the creation time.
        let line_start = text.find('\n').map_or(0, |i| i + 1);
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if published.is_some() {
            creation = Some((line_start, line_end));
            gold.retain(|g| !(g.start < line_end && g.end > line_start));
        }
    }
    Ok(Doc {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        text,
        published,
        gold,
        creation,
        annotated_end,
    })
}

fn type_name(t: TimeType) -> &'static str {
    match t {
        TimeType::Date => "DATE",
        TimeType::Time => "TIME",
        TimeType::Duration => "DURATION",
        TimeType::Set => "SET",
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        bail!("usage: eval_times <MEANTIME directory> [--errors]");
    };
    let show_errors = args.any(|a| a == "--errors");
    let mut files = Vec::new();
    xml_files(Path::new(&root), &mut files)?;
    files.sort();
    let (mut n_gold, mut n_pred, mut strict, mut relaxed, mut value_ok, mut type_ok) =
        (0, 0, 0, 0, 0, 0);
    let (mut yearless, mut yearless_ok) = (0, 0);
    let (mut broad, mut broad_ok) = (0, 0);
    // Year-less failures first (with their sentence), then every other error.
    let (mut yl_errors, mut errors) = (Vec::new(), Vec::new());
    let mut docs = 0;
    for file in &files {
        let doc = match load(file) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("skipping {}: {e:#}", file.display());
                continue;
            }
        };
        if doc.gold.is_empty() && doc.text.is_empty() {
            continue;
        }
        docs += 1;
        let published = doc.published.map_or_else(
            || "none".to_owned(),
            |d| format!("{} {}", d, d.format("%a")),
        );
        let preds: Vec<TimeExpr> = find_times(&doc.text, doc.published)
            .into_iter()
            .filter(|p| {
                doc.creation
                    .is_none_or(|(s, e)| !(p.start < e && p.end > s))
            })
            .filter(|p| p.start < doc.annotated_end)
            .collect();
        n_gold += doc.gold.len();
        n_pred += preds.len();
        let mut used = vec![false; preds.len()];
        for g in &doc.gold {
            let m = preds
                .iter()
                .enumerate()
                .find(|(k, p)| !used[*k] && p.start < g.end && p.end > g.start)
                .map(|(k, _)| k);
            let is_broad = g.kind == "DATE" && !g.has_four_digits;
            broad += usize::from(is_broad);
            yearless += usize::from(g.year_not_written);
            let got = m.map(|k| &preds[k]);
            let pv = got.and_then(|p| p.value.as_deref()).unwrap_or("");
            let right = got.is_some() && pv == g.value;
            broad_ok += usize::from(is_broad && right);
            yearless_ok += usize::from(g.year_not_written && right);
            if show_errors && g.year_not_written && !right {
                let what = match got {
                    None => "YLMISS".to_owned(),
                    Some(p) => format!("YLBAD got {pv} ({})", p.text),
                };
                yl_errors.push(format!(
                    "{what}: {:?} gold {} [{} pub {published}]\n    | {}",
                    g.text,
                    g.value,
                    doc.name,
                    line_around(&doc.text, g.start)
                ));
            }
            let Some(k) = m else {
                errors.push(format!(
                    "MISS  {:<40} {:<9} {:<14} [{}]",
                    g.text, g.kind, g.value, doc.name
                ));
                continue;
            };
            used[k] = true;
            let p = &preds[k];
            relaxed += 1;
            if p.start == g.start && p.end == g.end {
                strict += 1;
            }
            if pv == g.value {
                value_ok += 1;
            } else {
                errors.push(format!(
                    "VALUE {:<40} gold {:<14} got {:<14} ({}) [{} pub {published}]",
                    g.text, g.value, pv, p.text, doc.name
                ));
            }
            if type_name(p.kind) == g.kind {
                type_ok += 1;
            }
        }
        for (k, p) in preds.iter().enumerate() {
            if !used[k] {
                errors.push(format!(
                    "EXTRA {:<40} {:<9} {:<14} [{}]",
                    p.text,
                    type_name(p.kind),
                    p.value.as_deref().unwrap_or("-"),
                    doc.name
                ));
            }
        }
    }
    if show_errors {
        for e in yl_errors.iter().chain(&errors) {
            println!("{e}");
        }
    }
    let sp = ratio(strict, n_pred);
    let sr = ratio(strict, n_gold);
    let rp = ratio(relaxed, n_pred);
    let rr = ratio(relaxed, n_gold);
    let vp = ratio(value_ok, n_pred);
    let vr = ratio(value_ok, n_gold);
    println!(
        "MEANTIME English: {docs} documents, {n_gold} gold TIMEX3 (creation time excluded), {n_pred} predicted"
    );
    println!("strict span   P {sp:.3}  R {sr:.3}  F1 {:.3}", f1(sp, sr));
    println!("relaxed span  P {rp:.3}  R {rr:.3}  F1 {:.3}", f1(rp, rr));
    println!("value         P {vp:.3}  R {vr:.3}  F1 {:.3}", f1(vp, vr));
    println!(
        "type accuracy (on relaxed matches) {:.3}",
        ratio(type_ok, relaxed)
    );
    println!(
        "dates whose year is not written: value accuracy {:.3} ({yearless_ok}/{yearless})",
        ratio(yearless_ok, yearless)
    );
    println!(
        "every DATE without a four-digit number (vague refs included): {:.3} ({broad_ok}/{broad})",
        ratio(broad_ok, broad)
    );
    Ok(())
}

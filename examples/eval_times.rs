//! Evaluate the temporal tagger on the MEANTIME English corpus (TempEval-3 task A measures).
//!
//! Usage: `cargo run --release --example eval_times -- /path/to/MEANTIME [--errors]`
//!
//! Each article's text is rebuilt from its tokens (single spaces within a sentence, a newline between
//! sentences); the published date is the CREATION_TIME TIMEX3 (else the dateline, sentence 1). That TIMEX3
//! is left out of the gold standard, and predictions overlapping it are left out too. MEANTIME annotates only
//! the headline and the first sentences (sentence numbers 0 to 5), so predictions are scored only there:
//! the tagger runs on the whole text, and what it finds further down is not counted either way.

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
    has_year: bool,
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
        let has_year = span_text
            .split(|c: char| !c.is_ascii_digit())
            .any(|d| d.len() == 4);
        gold.push(Gold {
            start,
            end,
            kind: tx.attribute("type").unwrap_or("").to_owned(),
            value,
            text: span_text,
            has_year,
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
            let is_yearless = g.kind == "DATE" && !g.has_year;
            if is_yearless {
                yearless += 1;
            }
            let Some(k) = m else {
                if show_errors && is_yearless {
                    println!("YLMISS {:<40} {:<14} [{}]", g.text, g.value, doc.name);
                }
                if show_errors {
                    println!(
                        "MISS  {:<40} {:<9} {:<14} [{}]",
                        g.text, g.kind, g.value, doc.name
                    );
                }
                continue;
            };
            used[k] = true;
            let p = &preds[k];
            relaxed += 1;
            if p.start == g.start && p.end == g.end {
                strict += 1;
            }
            let pv = p.value.as_deref().unwrap_or("");
            if pv == g.value {
                value_ok += 1;
                if is_yearless {
                    yearless_ok += 1;
                }
            } else if show_errors {
                if is_yearless {
                    println!("YLBAD {:<40} gold {:<14} got {}", g.text, g.value, pv);
                }
                println!(
                    "VALUE {:<40} gold {:<14} got {:<14} ({}) [{} pub {:?}]",
                    g.text, g.value, pv, p.text, doc.name, doc.published
                );
            }
            if type_name(p.kind) == g.kind {
                type_ok += 1;
            }
        }
        if show_errors {
            for (k, p) in preds.iter().enumerate() {
                if !used[k] {
                    println!(
                        "EXTRA {:<40} {:<9} {:<14} [{}]",
                        p.text,
                        type_name(p.kind),
                        p.value.as_deref().unwrap_or("-"),
                        doc.name
                    );
                }
            }
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
        "year-less DATE value accuracy {:.3} ({yearless_ok}/{yearless})",
        ratio(yearless_ok, yearless)
    );
    Ok(())
}

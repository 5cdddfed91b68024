//! Events from sentences: what happened where and when.
//!
//! Each sentence that reports something at one or more places becomes an event, with a kind from
//! its words, a date from its temporal expression (resolved against the published date), and the
//! places it names (the most specific ones: towns over countries, names over adjectives).

pub mod kind;
pub mod time;

use std::ops::Range;

use chrono::NaiveDate;

use crate::article::Article;
use crate::document::{Event, EventKind, Place};
use crate::gazetteer::PlaceKind;
use crate::geoparse::PlacedMention;
use time::{Precision, TimeExpr, TimeType};

/// A dated reference: first day, last day, precision, index into `times`.
type Dated = (NaiveDate, NaiveDate, Precision, Option<usize>);

/// True when `r` lies inside one of `spans`, or one of them covers most of it. `spans` are sorted
/// by start and none is longer than `longest`, so only those that can overlap `r` are looked at.
fn inside(r: &Range<usize>, spans: &[Range<usize>], longest: usize) -> bool {
    let first = spans.partition_point(|s| s.start + longest < r.start);
    spans[first..]
        .iter()
        .take_while(|s| s.start <= r.end)
        .any(|s| {
            (s.start <= r.start && r.end <= s.end)
                || (r.start <= s.start && s.end <= r.end && s.len() * 2 > r.len())
        })
}

fn paragraph_break_between(text: &str, a: usize, b: usize) -> bool {
    text.get(a..b)
        .is_some_and(|between| between.matches('\n').count() >= 2)
}

/// The date a temporal expression gives an event.
fn dated(times: &[TimeExpr], i: usize) -> Option<Dated> {
    let t = times.get(i)?;
    let (first, last) = t.range?;
    Some((first, last, t.precision.unwrap_or(Precision::Day), Some(i)))
}

fn starts_continuation(sentence: &str) -> bool {
    let first = sentence
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    matches!(
        first,
        "It" | "They" | "He" | "She" | "This" | "These" | "Those"
    )
}

/// Build the events of an article from its sentences, places and temporal expressions.
pub fn extract_events(
    article: &Article,
    sentences: &[Range<usize>],
    places: &[Place],
    mentions: &[PlacedMention],
    times: &[TimeExpr],
) -> Vec<Event> {
    let text = article.text.as_str();
    let mut skip: Vec<Range<usize>> = Vec::new();
    skip.extend(article.title_span.clone());
    skip.extend(article.dateline_span.clone());
    skip.extend(article.captions.iter().cloned());
    skip.extend(article.credits.iter().cloned());
    skip.sort_by_key(|s| (s.start, s.end));
    let longest = skip.iter().map(|s| s.len()).max().unwrap_or(0);
    // The published date as a fallback, from the dateline's expression when there is one.
    let published: Option<Dated> = article.published.map(|d| {
        let idx = times.iter().position(|t| {
            t.kind == TimeType::Date
                && t.range == Some((d, d))
                && article
                    .dateline_span
                    .as_ref()
                    .is_some_and(|s| s.start <= t.start && t.end <= s.end)
        });
        (d, d, Precision::Day, idx)
    });
    // Mentions by sentence, built once (the loop below visits every sentence).
    let mut by_sentence: Vec<Vec<&PlacedMention>> = vec![Vec::new(); sentences.len()];
    for m in mentions {
        if let Some(v) = by_sentence.get_mut(m.sentence) {
            v.push(m);
        }
    }
    let mut events: Vec<Event> = Vec::new();
    let mut last_date: Option<Dated> = None;
    let mut last_end = 0usize;
    let mut last_city: Option<usize> = None;
    for (si, span) in sentences.iter().enumerate() {
        let sentence = text.get(span.clone()).unwrap_or_default();
        let new_paragraph = paragraph_break_between(text, last_end, span.start);
        last_end = span.end;
        if inside(span, &skip, longest) {
            continue;
        }
        let here: Vec<&PlacedMention> = by_sentence.get(si).cloned().unwrap_or_default();
        // Places where it happened: names of specific places first, then countries, then adjectives.
        let specific = |m: &&&PlacedMention| {
            !m.demonym
                && !matches!(
                    places[m.place].kind,
                    PlaceKind::Country | PlaceKind::Continent
                )
        };
        let mut chosen: Vec<usize> = here.iter().filter(specific).map(|m| m.place).collect();
        if chosen.is_empty() {
            chosen = here
                .iter()
                .filter(|m| !m.demonym)
                .map(|m| m.place)
                .collect();
        }
        let lower = sentence.to_lowercase();
        if chosen.is_empty()
            && (lower.contains("the town") || lower.contains("the city"))
            && last_city.is_some()
        {
            chosen.extend(last_city);
        }
        for m in &here {
            if places[m.place].kind == PlaceKind::City && !m.demonym {
                last_city = Some(m.place);
            }
        }
        chosen.dedup();
        let mut seen = std::collections::HashSet::new();
        chosen.retain(|p| seen.insert(*p));

        // Its date: the first resolved DATE in the sentence.
        let first_time = times.partition_point(|t| t.start < span.start);
        let in_sentence: Vec<usize> = (first_time..times.len())
            .take_while(|&i| times[i].start < span.end)
            .filter(|&i| times[i].end <= span.end)
            .collect();
        let mut date: Option<Dated> = None;
        for &i in &in_sentence {
            let t = &times[i];
            if t.kind != TimeType::Date {
                continue;
            }
            let tl = t.text.to_lowercase();
            let rel =
                tl.contains("day after") || tl.contains("day earlier") || tl.contains("day before");
            if rel {
                if let Some((d, _, _, _)) = last_date
                    && let Some(prev) = d.pred_opt()
                {
                    date = Some((prev, prev, Precision::Day, Some(i)));
                    break;
                }
                continue;
            }
            if let Some(mut d) = dated(times, i) {
                // "since December": from then until the article was published.
                let before = text
                    .get(span.start..t.start)
                    .unwrap_or_default()
                    .to_lowercase();
                if (before.trim_end().ends_with("since") || tl.starts_with("since"))
                    && let Some(p) = article.published
                {
                    d.1 = p;
                }
                date = Some(d);
                break;
            }
        }
        if date.is_none()
            && lower.contains("a day after")
            && let Some((d, _, _, _)) = last_date
            && let Some(prev) = d.pred_opt()
        {
            date = Some((prev, prev, Precision::Day, None));
        }
        let inherited = date.is_none();
        let date = date
            .or(if new_paragraph { None } else { last_date })
            .or(published);
        if !inherited {
            last_date = date;
        }
        if chosen.is_empty() {
            // A continuation of the previous event's report: "It said ..."
            if !new_paragraph
                && starts_continuation(sentence)
                && let Some(prev) = events.last_mut()
                && prev.end <= span.start
            {
                prev.end = span.end;
                prev.excerpt = text
                    .get(prev.start..prev.end)
                    .unwrap_or_default()
                    .to_owned();
            }
            continue;
        }
        let kind = kind::classify(sentence);
        let id = format!("e{}", events.len() + 1);
        let (first, last, precision, time) = match date {
            Some((a, b, p, t)) => (Some(a), Some(b), Some(p), t),
            None => (None, None, None, None),
        };
        events.push(Event {
            id,
            kind,
            date: first,
            date_end: last,
            date_precision: precision,
            summary: summary(kind, sentence),
            excerpt: sentence.to_owned(),
            start: span.start,
            end: span.end,
            places: chosen.iter().map(|&p| places[p].id.clone()).collect(),
            time,
        });
    }
    events
}

/// A one-line summary: the kind and the start of the sentence, cut at a word boundary.
fn summary(kind: EventKind, sentence: &str) -> String {
    // The sentence on one line, built only as far as the cut can reach: past 440 bytes it has more
    // than 110 characters whatever its script, and the cut falls within its first 106 bytes.
    let mut one_line = String::with_capacity(sentence.len().min(480));
    for word in sentence.split_whitespace() {
        if one_line.len() > 440 {
            break;
        }
        if !one_line.is_empty() {
            one_line.push(' ');
        }
        one_line.push_str(word);
    }
    let mut cut = one_line.clone();
    if one_line.chars().count() > 110 {
        let mut end = 0;
        for (i, c) in one_line.char_indices() {
            if i > 105 {
                break;
            }
            if c == ' ' {
                end = i;
            }
        }
        cut = format!("{}…", &one_line[..end]);
    }
    format!("{}: {}", kind.label(), cut)
}

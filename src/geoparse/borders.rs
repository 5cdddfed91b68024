//! Land borders named in text: "the Greek-Turkish border", "the border between Syria and Turkey",
//! "Turkey's southern border", "its western borders", and "the border" in a passage about two
//! neighbours.

use super::recognize::{CtxView, RawMention};
use super::tokens::TokenKind;
use crate::gazetteer::{Candidate, Gazetteer, PlaceKind};

/// A country mentioned before: (ISO code, sentence index, byte start, is a demonym, is a capital city).
struct CountryMention<'a> {
    iso: &'a str,
    sentence: usize,
    start: usize,
    demonym: bool,
}

fn country_of_word(gaz: &Gazetteer, norm: &str) -> Option<String> {
    gaz.lookup_key(norm, 8)
        .into_iter()
        .find(|c| c.kind == PlaceKind::Country)
        .and_then(|c| c.country.clone())
}

/// The border row between two countries, if they are neighbours.
pub fn border_between(gaz: &Gazetteer, a: &str, b: &str) -> Option<Candidate> {
    if a == b {
        return None;
    }
    let (x, y) = if a < b { (a, b) } else { (b, a) };
    gaz.get(&format!("border:{x}-{y}"))
}

fn other_side(border: &Candidate, iso: &str) -> String {
    border
        .id
        .trim_start_matches("border:")
        .split('-')
        .find(|p| *p != iso)
        .unwrap_or("")
        .to_owned()
}

/// True when the border lies in `dir` (north, south, east, west) seen from the country's label point.
fn lies_towards(gaz: &Gazetteer, iso: &str, border: &Candidate, dir: &str) -> bool {
    let Some(country) = gaz.get(&format!("country:{iso}")) else {
        return false;
    };
    let dy = border.lat - country.lat;
    let dx = (border.lon - country.lon) * country.lat.to_radians().cos();
    let bearing = dx.atan2(dy).to_degrees().rem_euclid(360.0); // 0 = north, 90 = east
    let centre: f64 = match dir {
        "northern" | "north" => 0.0,
        "northeastern" | "north-eastern" => 45.0,
        "eastern" | "east" => 90.0,
        "southeastern" | "south-eastern" => 135.0,
        "southern" | "south" => 180.0,
        "southwestern" | "south-western" => 225.0,
        "western" | "west" => 270.0,
        "northwestern" | "north-western" => 315.0,
        _ => return false,
    };
    let diff = ((bearing - centre + 540.0).rem_euclid(360.0) - 180.0).abs();
    diff <= 67.5
}

fn mention(start: usize, end: usize, sentence: usize, c: Candidate) -> RawMention {
    let key = c.id.clone();
    RawMention {
        start,
        end,
        candidates: vec![c],
        cue: None,
        demonym: false,
        qualifier: None,
        sentence,
        fixed: true,
        key,
    }
}

/// Find the border phrases in the text, given the place mentions already found.
pub fn find_borders(ctx: &CtxView, mentions: &[RawMention]) -> Vec<RawMention> {
    let gaz = ctx.gaz;
    let toks = ctx.toks;
    let countries: Vec<CountryMention> = mentions
        .iter()
        .filter_map(|m| {
            let c = m.candidates.first()?;
            let capital = c.kind == PlaceKind::City && c.feature_code == "PPLC";
            if c.kind != PlaceKind::Country && !capital {
                return None;
            }
            Some(CountryMention {
                iso: c.country.as_deref()?,
                sentence: m.sentence,
                start: m.start,
                demonym: m.demonym,
            })
        })
        .collect();
    // One mention per country, for "anywhere in the article" questions.
    let mut seen_iso = rustc_hash::FxHashSet::default();
    let distinct: Vec<&CountryMention> = countries
        .iter()
        .filter(|m| seen_iso.insert(m.iso))
        .collect();
    let word = |i: usize| toks.get(i).filter(|t| t.kind == TokenKind::Word);
    let country_at = |i: usize| word(i).and_then(|t| country_of_word(gaz, &t.norm));
    let mut out = Vec::new();
    for (j, t) in toks.iter().enumerate() {
        if t.kind != TokenKind::Word || !(t.lower == "border" || t.lower == "borders") {
            continue;
        }
        let sentence = ctx.sent_of[j];
        let plural = t.lower == "borders";
        // 1. "Greek-Turkish border", "Syria–Turkey border"
        if j >= 3
            && (matches!(toks[j - 2].kind, TokenKind::Hyphen)
                || &ctx.text[toks[j - 2].start..toks[j - 2].end] == "/")
            && let (Some(a), Some(b)) = (country_at(j - 3), country_at(j - 1))
            && let Some(c) = border_between(gaz, &a, &b)
        {
            out.push(mention(toks[j - 3].start, t.end, sentence, c));
            continue;
        }
        // 2. "the border between Syria and Turkey"
        if word(j + 1).is_some_and(|w| w.lower == "between") {
            let mut k = j + 2;
            if word(k).is_some_and(|w| w.lower == "the") {
                k += 1;
            }
            if let (Some(a), true) = (country_at(k), word(k + 1).is_some_and(|w| w.lower == "and"))
            {
                let mut l = k + 2;
                if word(l).is_some_and(|w| w.lower == "the") {
                    l += 1;
                }
                if let Some(b) = country_at(l)
                    && let Some(c) = border_between(gaz, &a, &b)
                {
                    out.push(mention(t.start, toks[l].end, sentence, c));
                    continue;
                }
            }
        }
        // Direction word just before: "southern border".
        let mut k = j;
        let mut dir: Option<&str> = None;
        if let Some(w) = word(j.wrapping_sub(1))
            && lies_towards_word(&w.lower)
        {
            dir = Some(w.lower.as_str());
            k = j - 1;
        }
        // Owner: "Turkey's", "its", "the Turkish", or from context.
        let mut owner: Option<String> = None;
        if k >= 2 && toks[k - 1].kind == TokenKind::Possessive {
            owner = country_at(k - 2);
        } else if let Some(w) = word(k.wrapping_sub(1)) {
            if let Some(iso) = country_of_word(gaz, &w.norm).filter(|_| w.cap) {
                owner = Some(iso);
            } else if matches!(w.lower.as_str(), "its" | "their" | "the" | "a")
                && (w.lower == "its" || dir.is_some())
            {
                owner = subject_country(window(&countries, sentence), sentence, t.start);
            }
        }
        // "Turkey's border with Syria"
        let with = word(j + 1).is_some_and(|w| w.lower == "with");
        let mut found: Vec<Candidate> = Vec::new();
        if let (Some(a), true) = (owner.as_deref(), with)
            && let Some(b) = country_at(j + 2)
        {
            found.extend(border_between(gaz, a, &b));
        }
        if found.is_empty() {
            if let Some(a) = owner.as_deref() {
                let all = gaz.borders_of(a);
                let mentioned: Vec<&CountryMention> = window(&countries, sentence)
                    .iter()
                    .filter(|m| m.iso != a && m.sentence + 2 >= sentence && m.start < t.end + 400)
                    .collect();
                let article_countries: Vec<&CountryMention> =
                    distinct.iter().copied().filter(|m| m.iso != a).collect();
                let towards: Vec<Candidate> = match dir {
                    Some(d) => all
                        .iter()
                        .filter(|b| lies_towards(gaz, a, b, d))
                        .cloned()
                        .collect(),
                    None => all.clone(),
                };
                let in_context = |b: &Candidate, list: &[&CountryMention]| {
                    let other = other_side(b, a);
                    list.iter().any(|m| m.iso == other)
                };
                // Nearest mention first: the same sentence beats the ones around it.
                let mut near: Vec<Candidate> = towards
                    .iter()
                    .filter(|b| in_context(b, &mentioned))
                    .cloned()
                    .collect();
                let distance = |b: &Candidate| {
                    let other = other_side(b, a);
                    mentioned
                        .iter()
                        .filter(|m| m.iso == other)
                        .map(|m| m.sentence.abs_diff(sentence))
                        .min()
                        .unwrap_or(usize::MAX)
                };
                near.sort_by_key(|b| distance(b));
                let anywhere: Vec<Candidate> = towards
                    .iter()
                    .filter(|b| in_context(b, &article_countries))
                    .cloned()
                    .collect();
                found = if !near.is_empty() {
                    near
                } else if !anywhere.is_empty() {
                    anywhere
                } else if dir.is_some() {
                    towards
                } else {
                    Vec::new()
                };
                if !plural {
                    found.truncate(1);
                }
            } else if word(k.wrapping_sub(1)).is_some_and(|w| w.lower == "the") {
                // 6. "the border" in a passage about two neighbours.
                found.extend(pair_in_context(
                    gaz,
                    window(&countries, sentence),
                    sentence,
                    t.start,
                ));
            }
        }
        let span_start = toks[k].start;
        for c in found {
            out.push(mention(span_start, t.end, sentence, c));
        }
    }
    out
}

/// The country mentions from two sentences before to two after `sentence` (mentions are in text
/// order), so that each border phrase looks at its neighbourhood, not the whole article.
fn window<'a, 'b>(
    countries: &'b [CountryMention<'a>],
    sentence: usize,
) -> &'b [CountryMention<'a>] {
    let lo = countries.partition_point(|m| m.sentence + 2 < sentence);
    let hi = countries.partition_point(|m| m.sentence <= sentence + 2);
    countries.get(lo..hi.max(lo)).unwrap_or(&[])
}

fn lies_towards_word(w: &str) -> bool {
    matches!(
        w,
        "northern"
            | "southern"
            | "eastern"
            | "western"
            | "northeastern"
            | "northwestern"
            | "southeastern"
            | "southwestern"
    )
}

/// The country a sentence is about: the first country or capital named (not as an adjective)
/// in this sentence before `before`, else in the previous sentence.
fn subject_country(
    countries: &[CountryMention<'_>],
    sentence: usize,
    before: usize,
) -> Option<String> {
    let here = countries
        .iter()
        .rfind(|m| m.sentence == sentence && m.start < before && !m.demonym);
    if let Some(m) = here {
        return Some(m.iso.to_owned());
    }
    countries
        .iter()
        .find(|m| m.sentence + 1 == sentence && !m.demonym)
        .map(|m| m.iso.to_owned())
}

/// Two neighbouring countries named in this or the previous sentence, most recent first.
fn pair_in_context(
    gaz: &Gazetteer,
    countries: &[CountryMention],
    sentence: usize,
    before: usize,
) -> Option<Candidate> {
    let mut recent: Vec<&str> = Vec::new();
    for m in countries.iter().rev() {
        if m.start >= before || m.sentence > sentence {
            continue;
        }
        if m.sentence + 1 < sentence {
            break;
        }
        if !recent.contains(&m.iso) {
            recent.push(m.iso);
        }
    }
    for (i, a) in recent.iter().enumerate() {
        for b in &recent[i + 1..] {
            if let Some(c) = border_between(gaz, a, b) {
                return Some(c);
            }
        }
    }
    None
}

//! Toponym recognition: every span of the text that names a place, with its gazetteer candidates
//! and the local cues the resolver weighs (kind words, qualifiers, demonyms, borders, metonyms).

use compact_str::CompactString;
use rustc_hash::FxHashSet;
use std::ops::Range;

use super::tokens::{Token, TokenKind, tokenize};
use super::words;
use crate::gazetteer::{Candidate, Gazetteer, PlaceKind};

/// The longest place name we try to match, in words.
const MAX_NAME_WORDS: usize = 7;

/// The most tokens a capitalised phrase reaches on either side of a word.
const MAX_CHUNK: usize = 12;

/// A recognised mention before resolution.
#[derive(Debug, Clone)]
pub struct RawMention {
    /// Byte span of the name in the text.
    pub start: usize,
    pub end: usize,
    /// The gazetteer's candidates, most important first.
    pub candidates: Vec<Candidate>,
    /// A kind the words around it ask for ("the town of", "region").
    pub cue: Option<PlaceKind>,
    /// The mention is a demonym or adjective ("Turkish troops").
    pub demonym: bool,
    /// A qualifier right after it ("Paris, Texas", "Paris, Tenn."): the normalised names of the
    /// regions and the ISO codes of the countries it may be.
    pub qualifier: Option<Vec<String>>,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// Set for mentions whose referent is already fixed (borders, metonyms): the candidate is first.
    pub fixed: bool,
    /// The normalised text: mentions with the same key do not count as each other's context.
    pub key: String,
}

struct Ctx<'a> {
    text: &'a str,
    gaz: &'a Gazetteer,
    toks: Vec<Token>,
    /// Sentence index of each token.
    sent_of: Vec<usize>,
    /// Index of the first token of each sentence that is not punctuation (`usize::MAX` if none).
    sent_first_token: Vec<usize>,
    /// The token starts a headline-case line (most words capitalised): chunks are not trusted there.
    title_case: Vec<bool>,
}

impl Ctx<'_> {
    fn word(&self, i: usize) -> Option<&Token> {
        self.toks.get(i).filter(|t| t.kind == TokenKind::Word)
    }
    fn lower_is(&self, i: usize, w: &str) -> bool {
        self.word(i).is_some_and(|t| t.lower == w)
    }
    fn sentence_initial(&self, i: usize) -> bool {
        // Opening quotes and brackets before it do not count.
        self.sent_first_token
            .get(self.sent_of[i])
            .is_some_and(|&first| first >= i)
    }
    /// A capitalised word that can be part of a proper-name phrase.
    fn is_name_word(&self, i: usize) -> bool {
        let Some(t) = self.word(i) else { return false };
        if !t.cap || self.title_case[i] {
            return false;
        }
        if self.sentence_initial(i) && words::COMMON_WORDS.contains(&t.lower) {
            return false;
        }
        if words::TIME_WORDS.contains(&t.lower) {
            return false;
        }
        !matches!(
            t.lower.as_str(),
            "the" | "a" | "an" | "in" | "on" | "at" | "of" | "for" | "to" | "and" | "but" | "or"
        )
    }
    /// The capitalised phrase (chunk) around token `i`: token range.
    fn chunk(&self, i: usize) -> Range<usize> {
        let mut a = i;
        let mut b = i + 1;
        let joins = |j: usize| -> bool {
            let t = &self.toks[j];
            match t.kind {
                TokenKind::Hyphen => true,
                TokenKind::Word => {
                    self.is_name_word(j) || (!t.cap && words::NAME_PARTICLES.contains(&t.lower))
                }
                _ => false,
            }
        };
        // A name phrase is a few words; bounding the walk keeps long capitalised runs linear.
        while a > 0 && i - a < MAX_CHUNK && joins(a - 1) && self.sent_of[a - 1] == self.sent_of[i] {
            a -= 1;
        }
        while b < self.toks.len()
            && b - i < MAX_CHUNK
            && joins(b)
            && self.sent_of[b] == self.sent_of[i]
        {
            b += 1;
        }
        // Trim particles and hyphens at the ends.
        while a < i && !self.is_name_word(a) {
            a += 1;
        }
        while b > i + 1 && !self.is_name_word(b - 1) {
            b -= 1;
        }
        a..b
    }
}

/// The sentences of `text` and the sentence index of each token.
fn sentence_index(text: &str, toks: &[Token]) -> (Vec<usize>, Vec<Range<usize>>) {
    let sentences = crate::article::sentences(text);
    let mut sent_of = Vec::with_capacity(toks.len());
    let mut s = 0;
    for t in toks {
        while s + 1 < sentences.len() && t.start >= sentences[s].end {
            s += 1;
        }
        sent_of.push(s);
    }
    (sent_of, sentences)
}

fn title_case_lines(text: &str, toks: &[Token]) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    let mut line_start = 0;
    let mut i = 0;
    while i <= toks.len() {
        if i == toks.len() || (i > line_start && toks[i].newline_before) {
            let line = &toks[line_start..i];
            let words: Vec<&Token> = line
                .iter()
                .filter(|t| t.kind == TokenKind::Word && t.lower.chars().any(char::is_alphabetic))
                .filter(|t| t.lower.len() > 3)
                .collect();
            let caps = words.iter().filter(|t| t.cap).count();
            if words.len() >= 4 && caps * 10 >= words.len() * 8 {
                let _ = text;
                for o in &mut out[line_start..i] {
                    *o = true;
                }
            }
            line_start = i;
        }
        i += 1;
    }
    out
}

/// Find every place mention in `text`. Returns the mentions in text order and the sentence spans.
pub fn recognize(text: &str, gaz: &Gazetteer) -> (Vec<RawMention>, Vec<Range<usize>>) {
    let toks = tokenize(text);
    let (sent_of, sentences) = sentence_index(text, &toks);
    let mut sent_first_token = vec![usize::MAX; sentences.len().max(1)];
    for (i, (t, &s)) in toks.iter().zip(&sent_of).enumerate() {
        if t.kind != TokenKind::Punct && sent_first_token[s] == usize::MAX {
            sent_first_token[s] = i;
        }
    }
    let title_case = title_case_lines(text, &toks);
    let ctx = Ctx {
        text,
        gaz,
        toks,
        sent_of,
        sent_first_token,
        title_case,
    };
    let person_words = person_words(&ctx);
    let lower_words: FxHashSet<&str> = ctx
        .toks
        .iter()
        .filter(|t| t.kind == TokenKind::Word && !t.cap)
        .map(|t| t.lower.as_str())
        .collect();

    let mut out: Vec<RawMention> = Vec::new();
    let mut i = 0;
    while i < ctx.toks.len() {
        if let Some((m, next)) = metonym_at(&ctx, i) {
            out.push(m);
            i = next;
            continue;
        }
        let Some(t) = ctx.word(i) else {
            i += 1;
            continue;
        };
        if !t.cap {
            i += 1;
            continue;
        }
        let Some((end_tok, value)) = longest_match(&ctx, i) else {
            i += 1;
            continue;
        };
        let candidates = ctx.gaz.candidates_for_output(value, 24);
        if candidates.is_empty() {
            i += 1;
            continue;
        }
        if accept(&ctx, i, end_tok, &candidates, &person_words, &lower_words) {
            let demonym = candidates.iter().all(|c| c.via_demonym)
                || candidates.first().is_some_and(|c| c.via_demonym);
            let candidates: Vec<Candidate> = if demonym {
                candidates.into_iter().filter(|c| c.via_demonym).collect()
            } else {
                candidates.into_iter().filter(|c| !c.via_demonym).collect()
            };
            // "Toronto, Ontario": a name right after a place and a comma qualifies it, so it is
            // the region (or country) of that name, not a town.
            let qualifies = i >= 2
                && ctx.text[ctx.toks[i - 1].start..ctx.toks[i - 1].end] == *","
                && out.last().is_some_and(|m| m.end == ctx.toks[i - 1].start);
            let cue = if qualifies {
                [PlaceKind::Region, PlaceKind::Country]
                    .into_iter()
                    .find(|k| candidates.iter().any(|c| c.kind == *k))
            } else {
                cue_around(&ctx, i, end_tok)
            };
            // "Greek islands", "the Turkish coast": the adjective names the place itself.
            let names_place = demonym
                && ctx
                    .word(end_tok)
                    .is_some_and(|w| words::PLACE_NOUNS.contains(&w.lower));
            out.push(RawMention {
                start: ctx.toks[i].start,
                end: ctx.toks[end_tok - 1].end,
                candidates,
                cue,
                demonym: demonym && !names_place,
                qualifier: qualifier_after(&ctx, end_tok),
                sentence: ctx.sent_of[i],
                fixed: false,
                key: crate::gazetteer::normalize(
                    &ctx.text[ctx.toks[i].start..ctx.toks[end_tok - 1].end],
                ),
            });
            i = end_tok;
        } else {
            i += 1;
        }
    }
    let borders = super::borders::find_borders(&ctx_view(&ctx), &out);
    out.extend(borders);
    out.sort_by_key(|m| (m.start, m.end));
    // Drop mentions overlapping an earlier, longer one (a border phrase over its country words is kept
    // alongside them, since it starts at the same place but is a different referent).
    (out, sentences)
}

/// What the border finder needs from the recogniser's context.
pub struct CtxView<'a> {
    pub text: &'a str,
    pub gaz: &'a Gazetteer,
    pub toks: &'a [Token],
    pub sent_of: &'a [usize],
}

fn ctx_view<'a>(ctx: &'a Ctx<'a>) -> CtxView<'a> {
    CtxView {
        text: ctx.text,
        gaz: ctx.gaz,
        toks: &ctx.toks,
        sent_of: &ctx.sent_of,
    }
}

/// Walk the name index from token `i` over following words; the longest name found.
/// Returns the token end (exclusive) and the index value.
fn longest_match(ctx: &Ctx, i: usize) -> Option<(usize, u64)> {
    let fst = ctx.gaz.names_fst();
    let mut node = fst.root();
    let mut out: u64 = 0;
    let mut best: Option<(usize, u64)> = None;
    let mut words = 0;
    let mut j = i;
    let mut first = true;
    while j < ctx.toks.len() && words < MAX_NAME_WORDS {
        let t = &ctx.toks[j];
        match t.kind {
            TokenKind::Word => {}
            TokenKind::Hyphen => {
                j += 1;
                continue;
            }
            // "People's Republic of China": the name index stores "peoples".
            TokenKind::Possessive if !first => {
                let mut ok = true;
                if ctx.text[t.start..t.end].ends_with(['s', 'S']) {
                    match node.find_input(b's') {
                        Some(idx) => {
                            let tr = node.transition(idx);
                            out = out.wrapping_add(tr.out.value());
                            node = fst.node(tr.addr);
                        }
                        None => ok = false,
                    }
                }
                if !ok {
                    break;
                }
                j += 1;
                continue;
            }
            TokenKind::Punct if ctx.text[t.start..t.end] == *"." && !first => {
                j += 1;
                continue;
            }
            _ => break,
        }
        if t.norm.is_empty() || ctx.sent_of[j] != ctx.sent_of[i] {
            break;
        }
        let space: &[u8] = if first { b"" } else { b" " };
        let mut ok = true;
        for &b in space.iter().chain(t.norm.as_bytes()) {
            match node.find_input(b) {
                Some(idx) => {
                    let tr = node.transition(idx);
                    out = out.wrapping_add(tr.out.value());
                    node = fst.node(tr.addr);
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            break;
        }
        first = false;
        words += 1;
        if node.is_final() && t.cap {
            best = Some((j + 1, out.wrapping_add(node.final_output().value())));
        }
        j += 1;
    }
    best
}

/// Should the match over tokens `a..b` count as a place mention?
fn accept(
    ctx: &Ctx,
    a: usize,
    b: usize,
    cands: &[Candidate],
    person_words: &FxHashSet<CompactString>,
    lower_words: &FxHashSet<&str>,
) -> bool {
    let top = &cands[0];
    // Names a reader knows as places whatever the sentence: countries, continents, seas, big
    // cities, states and provinces by their own name (not a county reached through an alias).
    let big = matches!(
        top.kind,
        PlaceKind::Country | PlaceKind::Continent | PlaceKind::Sea
    ) || top.id.starts_with("cur:")
        || (top.kind == PlaceKind::City && top.population >= 1_000_000)
        || (top.kind == PlaceKind::Region
            && top.feature_code == "ADM1"
            && top.via_main_name
            && top.population >= 1_000_000);
    let single = b - a == 1;
    let t = &ctx.toks[a];
    let phrase = crate::gazetteer::normalize(&ctx.text[t.start..ctx.toks[b - 1].end]);
    if words::NOT_PLACES.contains(&phrase) || words::TIME_WORDS.contains(&phrase) {
        return false;
    }
    // "Ga." and "La." are state abbreviations only with their full stop.
    if single && t.lower.chars().count() <= 2 && !big {
        let stop = ctx
            .toks
            .get(b)
            .is_some_and(|n| &ctx.text[n.start..n.end] == ".");
        let word = &ctx.text[t.start..t.end];
        if !(stop && word.chars().next().is_some_and(char::is_uppercase)) {
            return false;
        }
    }
    // "The City", "The Valley": a capitalised article and a common noun, unless the name is known.
    if t.lower == "the" && !big {
        return false;
    }
    // A bare direction ("Western", "Northeast") is not a place name.
    if single && words::PLACE_MODIFIERS.contains(&t.lower) {
        return false;
    }
    // "Department of Commerce", "Bank of Hope": the name of an organisation.
    if a >= 2
        && ctx.lower_is(a - 1, "of")
        && ctx
            .word(a - 2)
            .is_some_and(|w| w.cap && words::ORGANISATION_WORDS.contains(&w.lower))
        && !big
    {
        return false;
    }
    if single {
        let common = words::COMMON_WORDS.contains(&t.lower)
            || words::TITLES.contains(&t.lower)
            || lower_words.contains(t.lower.as_str());
        if common && (ctx.sentence_initial(a) || ctx.title_case[a] || !big) {
            return false;
        }
        // All-caps short words are acronyms (AFP, NATO) unless they name a country (US, UK).
        let word = &ctx.text[t.start..t.end];
        if word.chars().all(|c| !c.is_lowercase()) && word.chars().count() <= 5 && !big {
            return false;
        }
        let well_known = big || (top.kind == PlaceKind::City && top.population >= 500_000);
        if person_words.contains(&t.norm) && !well_known {
            return false;
        }
    }
    // Part of a longer capitalised phrase: a person or an organisation, unless the rest are
    // direction or place-type words ("Northern Syria", "Idlib Province").
    if ctx.title_case[a] {
        return true;
    }
    let chunk = ctx.chunk(a);
    let extra_ok = |j: usize| -> bool {
        let t = &ctx.toks[j];
        t.kind == TokenKind::Hyphen
            || words::PLACE_MODIFIERS.contains(&t.lower)
            || (!t.cap && words::NAME_PARTICLES.contains(&t.lower))
    };
    let before_ok = (chunk.start..a).all(extra_ok);
    // "Acting U.S. Attorney": titles before a place that names an office.
    let titles_before = (chunk.start..a).all(|j| words::TITLES.contains(&ctx.toks[j].lower));
    let after_ok = (b..chunk.end.max(b)).all(extra_ok);
    // "Texas Fire Service", "Gainesville Public Utilities": a place naming an organisation.
    let organisation_after = (chunk.start == a || titles_before)
        && (b..chunk.end).any(|j| words::ORGANISATION_WORDS.contains(&ctx.toks[j].lower));
    if !((before_ok && after_ok) || organisation_after) {
        return false;
    }
    // "Kremlin spokesman Dmitry Peskov", "counterpart Tayyip Erdogan": a title just before.
    if a > 0
        && let Some(prev) = ctx.word(a - 1)
        && words::TITLES.contains(&prev.lower)
        && !big
        && top.kind == PlaceKind::City
    {
        return false;
    }
    true
}

/// Words of phrases that name people: after a title or before "said", not places elsewhere.
fn person_words(ctx: &Ctx) -> FxHashSet<CompactString> {
    let mut out = FxHashSet::default();
    let n = ctx.toks.len();
    let mut i = 0;
    while i < n {
        if !ctx.is_name_word(i) {
            i += 1;
            continue;
        }
        let chunk = ctx.chunk(i);
        let names: Vec<usize> = chunk.clone().filter(|&j| ctx.is_name_word(j)).collect();
        let titled = names
            .iter()
            .any(|&j| words::TITLES.contains(&ctx.toks[j].lower))
            || (chunk.start > 0
                && ctx
                    .word(chunk.start - 1)
                    .is_some_and(|t| words::TITLES.contains(&t.lower)));
        let said = ctx
            .word(chunk.end)
            .is_some_and(|t| words::PERSON_VERBS.contains(&t.lower));
        // The person's name follows the last title: "Mansfield Mayor Curtis McCoy" is McCoy,
        // and Mansfield stays a town.
        let after_title = names
            .iter()
            .rposition(|&j| words::TITLES.contains(&ctx.toks[j].lower))
            .map_or(0, |k| k + 1);
        let person_names: Vec<usize> = names[after_title..]
            .iter()
            .copied()
            .filter(|&j| !words::TITLES.contains(&ctx.toks[j].lower))
            .collect();
        let looks_like_person = person_names.len() >= 2
            && person_names.len() <= 3
            && chunk.len() == person_names.len()
            && !person_names.iter().any(|&j| {
                let l = &ctx.toks[j].lower;
                words::PLACE_MODIFIERS.contains(l)
                    || words::ORGANISATION_WORDS.contains(l)
                    || words::COMMON_WORDS.contains(l)
            });
        if (titled || said) && !person_names.is_empty() || looks_like_person {
            // The whole name is not a place; keep its words so "Erdogan" alone is not a village.
            if ctx
                .gaz
                .lookup(&ctx.text[ctx.toks[chunk.start].start..ctx.toks[chunk.end - 1].end])
                .is_empty()
            {
                for &j in &person_names {
                    out.insert(ctx.toks[j].norm.clone());
                }
            }
        }
        i = chunk.end.max(i + 1);
    }
    out
}

fn kind_of_word(w: &str) -> Option<PlaceKind> {
    PlaceKind::from_word(w)
}

/// A kind the words around tokens `a..b` ask for.
fn cue_around(ctx: &Ctx, a: usize, b: usize) -> Option<PlaceKind> {
    if let Some(next) = ctx.word(b)
        && let Some((_, k)) = words::KIND_CUES_AFTER
            .iter()
            .find(|(w, _)| *w == next.lower)
    {
        return kind_of_word(k);
    }
    // "the town of X", "the Greek island of X"
    if a >= 2
        && ctx.lower_is(a - 1, "of")
        && let Some(prev) = ctx.word(a - 2)
        && let Some((_, k)) = words::KIND_CUES_BEFORE
            .iter()
            .find(|(w, _)| *w == prev.lower)
    {
        return kind_of_word(k);
    }
    None
}

/// "Paris, Texas": the regions and countries the name after a comma may be.
fn qualifier_after(ctx: &Ctx, b: usize) -> Option<Vec<String>> {
    let comma = ctx.toks.get(b)?;
    if comma.kind != TokenKind::Punct || &ctx.text[comma.start..comma.end] != "," {
        return None;
    }
    let q = ctx.word(b + 1)?;
    if !q.cap {
        return None;
    }
    let mut norm = q.norm.to_string();
    // Two-word qualifiers: "New York", "North Carolina".
    if let Some(q2) = ctx.word(b + 2)
        && q2.cap
    {
        let two = format!("{} {}", q.norm, q2.norm);
        if ctx.gaz.key_value(&two).is_some() {
            norm = two;
        }
    }
    let found: Vec<String> = ctx
        .gaz
        .lookup_key(&norm, 8)
        .into_iter()
        .filter_map(|c| match c.kind {
            PlaceKind::Region => Some(crate::gazetteer::normalize(&c.name)),
            PlaceKind::Country => c.country.clone(),
            _ => None,
        })
        .collect();
    (!found.is_empty()).then_some(found)
}

/// "the Kremlin", "the White House": a building standing for a government, mapped to its city.
fn metonym_at(ctx: &Ctx, i: usize) -> Option<(RawMention, usize)> {
    let t = ctx.word(i)?;
    if !t.cap {
        return None;
    }
    // Cheap test first: this runs at every capitalised word.
    if !words::metonym_starts().contains(t.norm.as_str()) {
        return None;
    }
    for (phrase, city, country) in words::METONYMS {
        if phrase.split(' ').next() != Some(t.norm.as_str()) {
            continue;
        }
        let mut j = i;
        let mut ok = true;
        for p in phrase.split(' ') {
            match ctx.word(j) {
                Some(w) if w.norm == p => j += 1,
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            continue;
        }
        let mut cands: Vec<Candidate> = ctx
            .gaz
            .lookup(city)
            .into_iter()
            .filter(|c| c.country.as_deref() == Some(*country) && c.kind == PlaceKind::City)
            .collect();
        cands.truncate(1);
        if cands.is_empty() {
            return None;
        }
        return Some((
            RawMention {
                start: t.start,
                end: ctx.toks[j - 1].end,
                candidates: cands,
                cue: None,
                demonym: false,
                qualifier: None,
                sentence: ctx.sent_of[i],
                fixed: true,
                key: (*phrase).to_owned(),
            },
            j,
        ));
    }
    None
}

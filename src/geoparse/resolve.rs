//! Toponym resolution: rank each mention's candidates by importance, the article's context (the
//! countries and regions its other mentions point at), spatial coherence with the other places,
//! and local cues ("the town of", "Paris, Texas").
//!
//! The context is computed from the *other* names of the article: a mention never votes for its
//! own reading, so "Georgia" in a story full of Atlanta suburbs is the state, and in a story about
//! Tbilisi the country.

use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet};

use geo::{Distance, Haversine};

use super::recognize::RawMention;
use crate::gazetteer::{Candidate, PlaceKind, normalize};

/// A mention with its ranked, scored candidates (best first); scores are probabilities summing to 1.
/// Mentions that rank alike (an article repeats its names) share one ranking.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub mention: RawMention,
    pub ranked: Rc<Ranking>,
}

/// Candidates with their scores, best first.
pub type Ranking = Vec<(Candidate, f64)>;

/// Scores to probabilities: a softmax, best first.
fn probabilities(scored: &[(Candidate, f64)]) -> Vec<(Candidate, f64)> {
    let max = scored.first().map_or(0.0, |x| x.1);
    let weights: Vec<f64> = scored.iter().map(|x| ((x.1 - max) * 1.5).exp()).collect();
    let sum: f64 = weights.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    scored
        .iter()
        .zip(weights)
        .map(|((c, _), w)| (c.clone(), w / sum))
        .collect()
}

/// Great-circle distance in km between two candidates.
fn km(a: &Candidate, b: &Candidate) -> f64 {
    Haversine.distance(point(a.lat, a.lon), point(b.lat, b.lon)) / 1000.0
}

/// A `geo::Point` from latitude and longitude, in that order (x = longitude).
fn point(lat: f64, lon: f64) -> geo::Point<f64> {
    geo::Point::new(lon, lat)
}

/// Score of a candidate from the mention alone: importance and local cues.
fn local_score(m: &RawMention, c: &Candidate) -> f64 {
    let mut s = c.prior;
    if m.fixed {
        s += 10.0;
    }
    // A place's own name beats another place's variant or historical name ("Twickenham" is an old
    // name of Huntsville, Alabama) unless that place is some 30 times more populous.
    if c.via_main_name {
        s += 1.5;
    }
    if let Some(cue) = m.cue
        && c.kind == cue
    {
        s += 5.0;
    }
    if let Some(q) = &m.qualifier {
        let admin = c
            .admin1
            .as_deref()
            .is_some_and(|a| q.contains(&normalize(a)));
        let country = c.country.as_ref().is_some_and(|cc| q.contains(cc));
        if admin || country {
            s += 6.0;
        }
    }
    s
}

/// What the rest of the article says: the countries, admin-1 regions and points of its places,
/// counted per mention text (key), so a mention's own votes can be taken out. Built in time linear
/// in the number of mentions; queried per distinct mention text.
struct Context<'a> {
    /// Mentions per country, over the whole article.
    countries: FxHashMap<&'a str, usize>,
    /// Mentions per (key, country).
    own_countries: FxHashMap<(&'a str, &'a str), usize>,
    /// Mentions with a country, over the whole article and per key.
    with_country: usize,
    own_with_country: FxHashMap<&'a str, usize>,
    /// Region names and the keys that named them.
    regions: FxHashMap<String, FxHashSet<&'a str>>,
    /// Distinct places with points (and the keys naming them), sorted by latitude.
    points: Vec<(&'a Candidate, FxHashSet<&'a str>)>,
}

impl<'a> Context<'a> {
    fn from(mentions: &'a [RawMention], tops: &'a [Option<Candidate>]) -> Context<'a> {
        let mut ctx = Context {
            countries: FxHashMap::default(),
            own_countries: FxHashMap::default(),
            with_country: 0,
            own_with_country: FxHashMap::default(),
            regions: FxHashMap::default(),
            points: Vec::new(),
        };
        let mut points: FxHashMap<&str, (&Candidate, FxHashSet<&str>)> = FxHashMap::default();
        for (m, top) in mentions.iter().zip(tops) {
            let Some(top) = top else { continue };
            let key = m.key.as_str();
            if let Some(cc) = top.country.as_deref() {
                *ctx.countries.entry(cc).or_default() += 1;
                *ctx.own_countries.entry((key, cc)).or_default() += 1;
                ctx.with_country += 1;
                *ctx.own_with_country.entry(key).or_default() += 1;
            }
            if top.kind == PlaceKind::Region {
                ctx.regions
                    .entry(normalize(&top.name))
                    .or_default()
                    .insert(key);
            }
            if matches!(
                top.kind,
                PlaceKind::City | PlaceKind::Region | PlaceKind::Island | PlaceKind::Crossing
            ) && !m.demonym
            {
                points
                    .entry(top.id.as_str())
                    .or_insert_with(|| (top, FxHashSet::default()))
                    .1
                    .insert(key);
            }
        }
        ctx.points = points.into_values().collect();
        ctx.points.sort_by(|a, b| {
            a.0.lat
                .total_cmp(&b.0.lat)
                .then_with(|| a.0.id.cmp(&b.0.id))
        });
        ctx
    }

    /// Context bonus for candidate `c` of a mention whose text is `key`.
    fn bonus(&self, key: &str, c: &Candidate) -> f64 {
        let mut s = 0.0;
        let others = self.with_country - self.own_with_country.get(key).copied().unwrap_or(0);
        if let Some(cc) = c.country.as_deref()
            && others > 0
        {
            let all = self.countries.get(cc).copied().unwrap_or(0);
            let own = self.own_countries.get(&(key, cc)).copied().unwrap_or(0);
            let share = (all - own) as f64 / others as f64;
            s += 5.0 * share;
        }
        if let Some(a1) = &c.admin1
            && let Some(keys) = self.regions.get(&normalize(a1))
            && keys.iter().any(|k| *k != key)
        {
            s += 2.0;
        }
        // Towns and counties near the article's other places; not states, whose reference point
        // says little about whether a town inside them is meant.
        if c.kind == PlaceKind::City || c.feature_code == "ADM2" {
            // Only places within 500 km can count: about 4.5 degrees of latitude.
            let lo = self.points.partition_point(|p| p.0.lat < c.lat - 4.6);
            let near = self.points[lo..]
                .iter()
                .take_while(|p| p.0.lat <= c.lat + 4.6)
                .filter(|(p, keys)| p.id != c.id && keys.iter().any(|k| *k != key))
                .map(|(p, _)| km(p, c))
                .fold(f64::INFINITY, f64::min);
            if near < 50.0 {
                s += 3.0;
            } else if near < 200.0 {
                s += 1.5;
            } else if near < 500.0 {
                s += 0.5;
            }
        }
        s
    }
}

fn rank(m: &RawMention, ctx: Option<&Context>) -> Vec<(Candidate, f64)> {
    let mut scored: Vec<(Candidate, f64)> = m
        .candidates
        .iter()
        .map(|c| {
            let s = local_score(m, c) + ctx.map_or(0.0, |x| x.bonus(&m.key, c));
            (c.clone(), s)
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    scored
}

/// Mentions that rank the same: same text, cue, qualifier, fixing, demonym use and first candidate.
type RankKey<'a> = (
    &'a str,
    Option<PlaceKind>,
    Option<&'a [String]>,
    bool,
    bool,
    Option<&'a str>,
);

fn rank_key(m: &RawMention) -> RankKey<'_> {
    (
        m.key.as_str(),
        m.cue,
        m.qualifier.as_deref(),
        m.fixed,
        m.demonym,
        m.candidates.first().map(|c| c.id.as_str()),
    )
}

/// Rank every mention, once per distinct mention (an article repeats its names); mentions that
/// rank alike share the result.
fn rank_all(mentions: &[RawMention], ctx: Option<&Context>) -> Vec<Rc<Ranking>> {
    let mut cache: FxHashMap<RankKey, Rc<Ranking>> = FxHashMap::default();
    mentions
        .iter()
        .map(|m| {
            Rc::clone(
                cache
                    .entry(rank_key(m))
                    .or_insert_with(|| Rc::new(rank(m, ctx))),
            )
        })
        .collect()
}

/// Resolve every mention: rank by importance and local cues, then twice more with the context of
/// the article's other places.
pub fn resolve(mentions: Vec<RawMention>) -> Vec<Resolved> {
    let mut tops: Vec<Option<Candidate>> = rank_all(&mentions, None)
        .iter()
        .map(|r| r.first().map(|x| x.0.clone()))
        .collect();
    let mut ranked: Vec<Rc<Ranking>> = Vec::new();
    for _ in 0..2 {
        let ctx = Context::from(&mentions, &tops);
        ranked = rank_all(&mentions, Some(&ctx));
        tops = ranked
            .iter()
            .map(|r| r.first().map(|x| x.0.clone()))
            .collect();
    }
    // One softmax per distinct ranking (`ranked` keeps every ranking alive, so its address names it).
    let mut done: FxHashMap<*const Ranking, Rc<Ranking>> = FxHashMap::default();
    mentions
        .into_iter()
        .zip(ranked.iter())
        .map(|(m, scored)| {
            let ranked = Rc::clone(
                done.entry(Rc::as_ptr(scored))
                    .or_insert_with(|| Rc::new(probabilities(scored))),
            );
            Resolved { mention: m, ranked }
        })
        .collect()
}

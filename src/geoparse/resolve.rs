//! Toponym resolution: rank each mention's candidates by importance, the article's context (the
//! countries and regions its other mentions point at), spatial coherence with the other places,
//! and local cues ("the town of", "Paris, Texas").
//!
//! The context is computed from the *other* names of the article: a mention never votes for its
//! own reading, so "Georgia" in a story full of Atlanta suburbs is the state, and in a story about
//! Tbilisi the country.

use geo::{Distance, Haversine};

use super::recognize::RawMention;
use crate::gazetteer::{Candidate, PlaceKind, normalize};

/// A mention with its ranked, scored candidates (best first); scores are probabilities summing to 1.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub mention: RawMention,
    pub ranked: Vec<(Candidate, f64)>,
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
    if c.via_main_name {
        s += 0.3;
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
/// each tagged with the normalised text of the mention that produced it.
struct Context {
    countries: Vec<(String, String)>,
    regions: Vec<(String, String)>,
    points: Vec<(String, Candidate)>,
}

impl Context {
    fn from(mentions: &[RawMention], tops: &[Option<Candidate>]) -> Context {
        let mut ctx = Context {
            countries: Vec::new(),
            regions: Vec::new(),
            points: Vec::new(),
        };
        for (m, top) in mentions.iter().zip(tops) {
            let Some(top) = top else { continue };
            let key = m.key.clone();
            if let Some(cc) = &top.country {
                ctx.countries.push((key.clone(), cc.clone()));
            }
            if top.kind == PlaceKind::Region {
                ctx.regions.push((key.clone(), normalize(&top.name)));
            }
            if matches!(
                top.kind,
                PlaceKind::City | PlaceKind::Region | PlaceKind::Island | PlaceKind::Crossing
            ) && !m.demonym
            {
                ctx.points.push((key, top.clone()));
            }
        }
        ctx
    }

    /// Context bonus for candidate `c` of a mention whose text is `key`.
    fn bonus(&self, key: &str, c: &Candidate) -> f64 {
        let mut s = 0.0;
        let others: Vec<&String> = self
            .countries
            .iter()
            .filter(|(k, _)| k != key)
            .map(|(_, cc)| cc)
            .collect();
        if let Some(cc) = &c.country
            && !others.is_empty()
        {
            let share = others.iter().filter(|o| *o == &cc).count() as f64 / others.len() as f64;
            s += 5.0 * share;
        }
        if let Some(a1) = &c.admin1 {
            let a1 = normalize(a1);
            if self.regions.iter().any(|(k, r)| k != key && *r == a1) {
                s += 2.0;
            }
        }
        // Towns and counties near the article's other places; not states, whose reference point says little
        // about whether a town inside them is meant.
        if c.kind == PlaceKind::City || c.feature_code == "ADM2" {
            let near = self
                .points
                .iter()
                .filter(|(k, p)| k != key && p.id != c.id)
                .map(|(_, p)| km(p, c))
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

/// Resolve every mention: rank by importance and local cues, then twice more with the context of
/// the article's other places.
pub fn resolve(mentions: Vec<RawMention>) -> Vec<Resolved> {
    let mut tops: Vec<Option<Candidate>> = mentions
        .iter()
        .map(|m| rank(m, None).into_iter().next().map(|x| x.0))
        .collect();
    let mut ranked: Vec<Vec<(Candidate, f64)>> = Vec::new();
    for _ in 0..2 {
        let ctx = Context::from(&mentions, &tops);
        ranked = mentions.iter().map(|m| rank(m, Some(&ctx))).collect();
        tops = ranked
            .iter()
            .map(|r| r.first().map(|x| x.0.clone()))
            .collect();
    }
    mentions
        .into_iter()
        .zip(ranked)
        .map(|(m, scored)| {
            // Probabilities: a softmax over scores.
            let max = scored.first().map_or(0.0, |x| x.1);
            let weights: Vec<f64> = scored.iter().map(|x| ((x.1 - max) * 1.5).exp()).collect();
            let sum: f64 = weights.iter().sum::<f64>().max(f64::MIN_POSITIVE);
            let ranked = scored
                .into_iter()
                .zip(weights)
                .map(|((c, _), w)| (c, w / sum))
                .collect();
            Resolved { mention: m, ranked }
        })
        .collect()
}

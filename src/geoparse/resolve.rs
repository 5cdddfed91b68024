//! Toponym resolution: rank each mention's candidates by importance, the article's context (the
//! countries and regions it names), spatial coherence with the other places, and local cues.

use std::collections::HashMap;

use geo::{Distance, Haversine};

use super::recognize::RawMention;
use crate::gazetteer::{Candidate, PlaceKind};

/// A mention with its ranked, scored candidates (best first); scores are probabilities summing to 1.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub mention: RawMention,
    pub ranked: Vec<(Candidate, f64)>,
}

fn km(a: &Candidate, b: &Candidate) -> f64 {
    let p = point(a.lat, a.lon);
    let q = point(b.lat, b.lon);
    Haversine.distance(p, q) / 1000.0
}

/// A `geo::Point` from latitude and longitude, in that order (x = longitude).
fn point(lat: f64, lon: f64) -> geo::Point<f64> {
    geo::Point::new(lon, lat)
}

/// Resolve every mention. Two passes: the unambiguous and the big places set the context,
/// then every mention is scored against it.
pub fn resolve(mentions: Vec<RawMention>) -> Vec<Resolved> {
    // Context from the first pass: countries named (weight by mentions), admin-1 regions named,
    // and the points of confidently placed mentions.
    let mut country_weight: HashMap<String, f64> = HashMap::new();
    let mut region_names: HashMap<String, f64> = HashMap::new();
    let mut anchors: Vec<Candidate> = Vec::new();
    for m in &mentions {
        let Some(top) = m.candidates.first() else { continue };
        match top.kind {
            PlaceKind::Country => {
                if let Some(cc) = &top.country {
                    *country_weight.entry(cc.clone()).or_default() += 1.0;
                }
            }
            PlaceKind::Region => {
                region_names.insert(crate::gazetteer::normalize(&top.name), 1.0);
                if let Some(cc) = &top.country {
                    *country_weight.entry(cc.clone()).or_default() += 0.5;
                }
            }
            _ => {}
        }
        let unambiguous = m.fixed
            || m.candidates.len() == 1
            || m.candidates.get(1).is_none_or(|c| top.prior - c.prior > 1.5);
        if unambiguous && !m.demonym && top.kind != PlaceKind::Continent {
            anchors.push(top.clone());
            if let Some(cc) = &top.country {
                *country_weight.entry(cc.clone()).or_default() += 0.5;
            }
        }
    }
    let total: f64 = country_weight.values().sum::<f64>().max(1.0);

    mentions
        .into_iter()
        .map(|m| {
            let mut scored: Vec<(Candidate, f64)> = m
                .candidates
                .iter()
                .map(|c| {
                    let mut s = c.prior;
                    if m.fixed {
                        s += 10.0;
                    }
                    if c.via_main_name {
                        s += 0.3;
                    }
                    if let Some(cc) = &c.country {
                        if let Some(w) = country_weight.get(cc) {
                            s += 1.5 + 2.0 * (w / total);
                        }
                    }
                    if let Some(a1) = &c.admin1 {
                        if region_names.contains_key(&crate::gazetteer::normalize(a1)) {
                            s += 1.5;
                        }
                    }
                    if let Some(cue) = m.cue {
                        if c.kind == cue {
                            s += 5.0;
                        }
                    }
                    if let Some(q) = &m.qualifier {
                        let matches_admin = c
                            .admin1
                            .as_deref()
                            .is_some_and(|a| crate::gazetteer::normalize(a) == *q);
                        if matches_admin {
                            s += 5.0;
                        }
                    }
                    // Spatial coherence: near the confidently placed mentions.
                    if c.kind == PlaceKind::City || c.kind == PlaceKind::Region {
                        let near = anchors
                            .iter()
                            .filter(|a| a.id != c.id && a.kind != PlaceKind::Country)
                            .map(|a| km(a, c))
                            .fold(f64::INFINITY, f64::min);
                        if near < 150.0 {
                            s += 1.0;
                        } else if near < 500.0 {
                            s += 0.5;
                        }
                    }
                    (c.clone(), s)
                })
                .collect();
            scored.sort_by(|a, b| b.1.total_cmp(&a.1));
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

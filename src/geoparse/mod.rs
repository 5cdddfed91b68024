//! Geoparsing: an article's text -> place mentions -> resolved places -> dated events.
//!
//! [`recognize`] finds the spans that name places (names, demonyms, borders, metonyms);
//! [`resolve`] ranks each span's gazetteer candidates in the article's context; [`geoparse`]
//! groups mentions by referent and hands the sentences to [`crate::events`].

pub mod borders;
pub mod recognize;
pub mod resolve;
pub mod tokens;
pub mod words;

use std::collections::HashMap;

use crate::article::Article;
use crate::document::{Alternative, Mention, ParsedArticle, Place};
use crate::gazetteer::Gazetteer;

/// One resolved mention, as the event builder needs it.
#[derive(Debug, Clone)]
pub struct PlacedMention {
    pub start: usize,
    pub end: usize,
    /// Index into the article's places.
    pub place: usize,
    pub demonym: bool,
    pub sentence: usize,
}

/// Places and their mentions for a text, without events.
pub fn places_in(text: &str, gaz: &Gazetteer) -> (Vec<Place>, Vec<PlacedMention>, Vec<std::ops::Range<usize>>) {
    let (raw, sentences) = recognize::recognize(text, gaz);
    let resolved = resolve::resolve(raw);
    let mut places: Vec<Place> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut confidences: Vec<Vec<f64>> = Vec::new();
    let mut placed = Vec::new();
    for r in resolved {
        let Some((top, p)) = r.ranked.first() else { continue };
        let m = &r.mention;
        let slot = *index.entry(top.id.clone()).or_insert_with(|| {
            places.push(Place {
                id: top.id.clone(),
                name: top.name.clone(),
                kind: top.kind,
                country: top.country.clone(),
                lat: top.lat,
                lon: top.lon,
                geometry: gaz
                    .geometry_json(&top.id)
                    .and_then(|g| serde_json::from_str(g).ok()),
                confidence: 0.0,
                mentions: Vec::new(),
                alternatives: r
                    .ranked
                    .iter()
                    .skip(1)
                    .take(5)
                    .map(|(c, s)| Alternative {
                        id: c.id.clone(),
                        name: c.name.clone(),
                        kind: c.kind,
                        country: c.country.clone(),
                        lat: c.lat,
                        lon: c.lon,
                        score: round3(*s),
                    })
                    .collect(),
            });
            confidences.push(Vec::new());
            places.len() - 1
        });
        confidences[slot].push(*p);
        places[slot].mentions.push(Mention {
            start: m.start,
            end: m.end,
            text: text.get(m.start..m.end).unwrap_or_default().to_owned(),
            demonym: m.demonym,
        });
        placed.push(PlacedMention {
            start: m.start,
            end: m.end,
            place: slot,
            demonym: m.demonym,
            sentence: m.sentence,
        });
    }
    for (place, c) in places.iter_mut().zip(confidences) {
        let mean = c.iter().sum::<f64>() / (c.len().max(1) as f64);
        place.confidence = round3(mean);
    }
    (places, placed, sentences)
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Geoparse an article: places with mentions and alternatives, temporal expressions, and events.
pub fn geoparse(article: &Article, gaz: &Gazetteer) -> ParsedArticle {
    let text = article.text.as_str();
    let (places, placed, sentences) = places_in(text, gaz);
    let times = crate::events::time::find_times(text, article.published);
    let events = crate::events::extract_events(article, &sentences, &places, &placed, &times);
    ParsedArticle {
        source: article.source.clone(),
        title: article.title.clone(),
        published: article.published,
        places,
        events,
        times,
        text: article.text.clone(),
        warnings: article.warnings.clone(),
    }
}

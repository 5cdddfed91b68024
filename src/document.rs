//! The analyst's document: articles with their resolved places and dated events.
//! This is what `newsmap geoparse --format json` prints and what the viewer and exports draw.

use serde::{Deserialize, Serialize};

use crate::events::time::{Precision, TimeExpr};
use crate::gazetteer::PlaceKind;

/// A span of article text: UTF-8 byte offsets, end exclusive, and the text itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The words are a demonym or adjective standing for the place ("Turkish troops").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub demonym: bool,
}

/// Another gazetteer entry a place could be, with the resolver's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    pub id: String,
    pub name: String,
    pub kind: PlaceKind,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub score: f64,
}

impl Alternative {
    /// A gazetteer candidate with the resolver's score for it.
    pub fn of(c: &crate::gazetteer::Candidate, score: f64) -> Alternative {
        Alternative {
            id: c.id.clone(),
            name: c.name.clone(),
            kind: c.kind,
            country: c.country.clone(),
            lat: c.lat,
            lon: c.lon,
            score,
        }
    }
}

/// One resolved place (one referent) with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2, or None (seas, borders, continents).
    pub country: Option<String>,
    /// Degrees north.
    pub lat: f64,
    /// Degrees east.
    pub lon: f64,
    /// A GeoJSON geometry for lines and areas, or None. Shared with the gazetteer's parsed copy.
    pub geometry: Option<std::sync::Arc<serde_json::Value>>,
    /// 0..1: how sure the resolver is.
    pub confidence: f64,
    pub mentions: Vec<Mention>,
    pub alternatives: Vec<Alternative>,
}

/// What kind of thing happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Airstrike,
    Shelling,
    Clash,
    MilitaryMovement,
    Casualties,
    Diplomacy,
    Statement,
    Displacement,
    Migration,
    MaritimeIncident,
    Protest,
    Other,
}

impl EventKind {
    /// Every kind, in legend order.
    pub const ALL: [EventKind; 12] = [
        EventKind::Airstrike,
        EventKind::Shelling,
        EventKind::Clash,
        EventKind::MilitaryMovement,
        EventKind::Casualties,
        EventKind::Diplomacy,
        EventKind::Statement,
        EventKind::Displacement,
        EventKind::Migration,
        EventKind::MaritimeIncident,
        EventKind::Protest,
        EventKind::Other,
    ];

    /// The label shown in legends and panels.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Airstrike => "Airstrike",
            EventKind::Shelling => "Shelling",
            EventKind::Clash => "Clash",
            EventKind::MilitaryMovement => "Military movement",
            EventKind::Casualties => "Casualties",
            EventKind::Diplomacy => "Diplomacy",
            EventKind::Statement => "Statement",
            EventKind::Displacement => "Displacement",
            EventKind::Migration => "Migration",
            EventKind::MaritimeIncident => "Maritime incident",
            EventKind::Protest => "Protest",
            EventKind::Other => "Other",
        }
    }
}

/// One dated event reported by a sentence (or a few continuing sentences).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    /// First day (ISO date), None when the article gives no date for it.
    pub date: Option<chrono::NaiveDate>,
    /// Last day for ranges (weeks, months, "since December"); equals `date` for a single day.
    pub date_end: Option<chrono::NaiveDate>,
    pub date_precision: Option<Precision>,
    pub summary: String,
    pub excerpt: String,
    /// Byte span of the excerpt in the article text.
    pub start: usize,
    pub end: usize,
    /// Ids of the places it happened at.
    pub places: Vec<String>,
    /// Index into the article's `times` of the expression that dated it.
    pub time: Option<usize>,
}

/// One geoparsed article: the unit of `newsmap geoparse --format json` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParsedArticle {
    pub source: String,
    pub title: Option<String>,
    pub published: Option<chrono::NaiveDate>,
    pub places: Vec<Place>,
    pub events: Vec<Event>,
    pub times: Vec<TimeExpr>,
    /// The article text the offsets point into (not printed in the JSON output).
    #[serde(skip_serializing, default)]
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub warnings: Vec<String>,
}

impl ParsedArticle {
    /// The article with nothing found in it (yet).
    pub fn empty(article: &crate::article::Article) -> ParsedArticle {
        ParsedArticle {
            source: article.source.clone(),
            title: article.title.clone(),
            published: article.published,
            places: Vec::new(),
            events: Vec::new(),
            times: Vec::new(),
            text: article.text.clone(),
            warnings: article.warnings.clone(),
        }
    }
}

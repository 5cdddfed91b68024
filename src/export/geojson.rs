//! RFC 7946 GeoJSON: a Feature per place and per event (longitude first).

use serde_json::{Value, json};

use crate::document::ParsedArticle;

/// A FeatureCollection of every place and event in the articles.
pub fn feature_collection(articles: &[&ParsedArticle]) -> Value {
    let mut features = Vec::new();
    for a in articles {
        for p in &a.places {
            let geometry = p
                .geometry
                .as_deref()
                .cloned()
                .unwrap_or_else(|| json!({"type": "Point", "coordinates": [p.lon, p.lat]}));
            features.push(json!({
                "type": "Feature",
                "id": format!("{}#{}", a.source, p.id),
                "geometry": geometry,
                "properties": {
                    "feature": "place",
                    "source": a.source,
                    "place_id": p.id,
                    "name": p.name,
                    "kind": p.kind,
                    "country": p.country,
                    "confidence": p.confidence,
                    "mentions": p.mentions.len(),
                }
            }));
        }
        for e in &a.events {
            let points: Vec<Value> = e
                .places
                .iter()
                .filter_map(|id| a.places.iter().find(|p| &p.id == id))
                .map(|p| json!([p.lon, p.lat]))
                .collect();
            let geometry = match points.len() {
                0 => Value::Null,
                1 => json!({"type": "Point", "coordinates": points[0]}),
                _ => json!({"type": "MultiPoint", "coordinates": points}),
            };
            features.push(json!({
                "type": "Feature",
                "id": format!("{}#{}", a.source, e.id),
                "geometry": geometry,
                "properties": {
                    "feature": "event",
                    "source": a.source,
                    "event_id": e.id,
                    "kind": e.kind,
                    "date": e.date,
                    "date_end": e.date_end,
                    "date_precision": e.date_precision,
                    "summary": e.summary,
                    "excerpt": e.excerpt,
                    "places": e.places,
                }
            }));
        }
    }
    json!({"type": "FeatureCollection", "features": features})
}

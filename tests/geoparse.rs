//! The sample article (Idlib, 3 March 2020) is geoparsed as an analyst would read it.

use chrono::NaiveDate;
use newsmap::document::{Event, EventKind, ParsedArticle, Place};
use newsmap::events::time::Precision;
use newsmap::gazetteer::{Gazetteer, PlaceKind};

const SAMPLE: &str = include_str!("../assets/idlib-2020-03-03.txt");

fn sample() -> ParsedArticle {
    let g = Gazetteer::embedded().expect("gazetteer");
    let article = newsmap::article::from_bytes("idlib-2020-03-03.txt", SAMPLE.as_bytes())
        .expect("the sample reads");
    newsmap::geoparse::geoparse(&article, g)
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn place_of<'a>(p: &'a ParsedArticle, mention: &str, nth: usize) -> &'a Place {
    let start = SAMPLE
        .match_indices(mention)
        .nth(nth)
        .map(|(i, _)| i)
        .expect("the words are in the sample");
    p.places
        .iter()
        .find(|pl| {
            pl.mentions
                .iter()
                .any(|m| m.start <= start && start < m.end)
        })
        .unwrap_or_else(|| panic!("no place mentioned at {mention:?} #{nth}"))
}

fn event_with<'a>(p: &'a ParsedArticle, words: &str) -> &'a Event {
    p.events
        .iter()
        .find(|e| e.excerpt.contains(words))
        .unwrap_or_else(|| panic!("no event with {words:?}"))
}

#[test]
fn the_sample_has_its_title_and_published_date() {
    let p = sample();
    assert_eq!(
        p.title.as_deref(),
        Some(
            "Russia hopes to minimize risk of a clash with Turkey in Syria as Ankara ramps up strikes"
        )
    );
    assert_eq!(p.published, Some(date("2020-03-03")));
}

#[test]
fn idlib_is_the_city_and_idlib_region_is_the_governorate() {
    let p = sample();
    let city = place_of(&p, "Idlib city", 0);
    assert_eq!(city.kind, PlaceKind::City);
    assert!((city.lat - 35.93).abs() < 0.1 && (city.lon - 36.63).abs() < 0.1);
    let region = place_of(&p, "Idlib region", 0);
    assert_eq!(region.kind, PlaceKind::Region);
    assert_eq!(region.country.as_deref(), Some("SY"));
}

#[test]
fn saraqeb_aleppo_lesbos_and_moscow_resolve_to_the_right_places() {
    let p = sample();
    let saraqib = place_of(&p, "Saraqeb", 0);
    assert_eq!(saraqib.name, "Saraqib");
    assert_eq!(saraqib.country.as_deref(), Some("SY"));
    let aleppo = place_of(&p, "Aleppo", 0);
    assert!((aleppo.lat - 36.20).abs() < 0.1 && (aleppo.lon - 37.13).abs() < 0.1);
    let lesbos = place_of(&p, "Lesbos", 0);
    assert_eq!(lesbos.kind, PlaceKind::Island);
    assert_eq!(lesbos.country.as_deref(), Some("GR"));
    let moscow = place_of(&p, "Moscow", 0);
    assert_eq!(moscow.country.as_deref(), Some("RU"));
    assert_eq!(moscow.kind, PlaceKind::City);
}

#[test]
fn the_kremlin_and_ankara_point_at_their_cities() {
    let p = sample();
    assert_eq!(place_of(&p, "Kremlin", 0).country.as_deref(), Some("RU"));
    let ankara = place_of(&p, "Ankara", 0);
    assert_eq!(ankara.kind, PlaceKind::City);
    assert_eq!(ankara.country.as_deref(), Some("TR"));
}

#[test]
fn the_borders_are_lines_between_the_right_neighbours() {
    let p = sample();
    let southern = place_of(&p, "southern border", 0);
    assert_eq!(southern.id, "border:SY-TR");
    assert!(southern.geometry.is_some());
    // "...at the border, where guards from both sides have fired tear gas"
    let guarded = place_of(&p, "border, where guards", 0);
    assert_eq!(guarded.id, "border:GR-TR");
    assert_eq!(guarded.kind, PlaceKind::Border);
}

#[test]
fn countries_continents_and_regions_are_found() {
    let p = sample();
    for (words, want) in [
        ("Syria", "country:SY"),
        ("Turkey", "country:TR"),
        ("Russia", "country:RU"),
        ("Iran", "country:IR"),
        ("Greek", "country:GR"),
    ] {
        assert_eq!(place_of(&p, words, 0).id, want, "{words}");
    }
    assert_eq!(place_of(&p, "Europe", 0).kind, PlaceKind::Continent);
    assert_eq!(place_of(&p, "Middle East", 0).kind, PlaceKind::Region);
    assert_eq!(place_of(&p, "Turkish troops", 0).id, "country:TR");
}

#[test]
fn people_organisations_weekdays_and_months_are_not_places() {
    let p = sample();
    for words in [
        "Vladimir Putin",
        "Tayyip Erdogan",
        "Dmitry Peskov",
        "Bashar al-Assad",
        "Ursula von der Leyen",
        "Reuters",
        "AFP",
        "United Nations",
        "Defense Ministry",
        "Monday",
        "March",
    ] {
        for (start, w) in SAMPLE.match_indices(words) {
            let end = start + w.len();
            let hit = p
                .places
                .iter()
                .flat_map(|pl| pl.mentions.iter().map(move |m| (pl, m)))
                .find(|(_, m)| m.start < end && start < m.end);
            assert!(
                hit.is_none(),
                "{words:?} was taken for {:?}",
                hit.map(|h| &h.0.name)
            );
        }
    }
    // "Erdogan demanded" alone: a person, not a village.
    assert!(
        !p.places
            .iter()
            .any(|pl| pl.mentions.iter().any(|m| m.text == "Erdogan"))
    );
}

#[test]
fn every_mention_is_the_text_at_its_offsets() {
    let p = sample();
    for pl in &p.places {
        for m in &pl.mentions {
            assert_eq!(&SAMPLE[m.start..m.end], m.text);
        }
    }
    for e in &p.events {
        assert_eq!(&SAMPLE[e.start..e.end], e.excerpt);
    }
}

#[test]
fn syrian_forces_entered_saraqeb_on_monday_the_second() {
    let p = sample();
    let e = event_with(
        &p,
        "Syrian government forces entered parts of a strategic rebel-held town called Saraqeb",
    );
    assert_eq!(e.date, Some(date("2020-03-02")));
    assert!(
        e.places
            .iter()
            .any(|id| id == &place_of(&p, "Saraqeb", 0).id)
    );
    assert_eq!(e.kind, EventKind::MilitaryMovement);
}

#[test]
fn the_putin_erdogan_talks_in_moscow_are_on_thursday_the_fifth() {
    let p = sample();
    let e = event_with(&p, "due to hold talks");
    assert_eq!(e.date, Some(date("2020-03-05")));
    assert_eq!(e.kind, EventKind::Diplomacy);
    assert!(
        e.places
            .iter()
            .any(|id| id == &place_of(&p, "Moscow", 0).id)
    );
}

#[test]
fn thirty_three_troops_were_killed_in_idlib_last_week() {
    let p = sample();
    let e = event_with(&p, "33 Turkish troops were killed");
    assert_eq!(e.date, Some(date("2020-02-24")));
    assert_eq!(e.date_end, Some(date("2020-03-01")));
    assert_eq!(e.date_precision, Some(Precision::Week));
    assert!(
        e.places
            .iter()
            .any(|id| id == &place_of(&p, "Idlib, prompting", 0).id)
    );
}

#[test]
fn a_turkish_soldier_was_killed_by_shelling_on_monday() {
    let p = sample();
    let e = event_with(&p, "killed and another wounded in shelling");
    assert_eq!(e.date, Some(date("2020-03-02")));
    assert_eq!(e.kind, EventKind::Shelling);
}

#[test]
fn turkey_opened_its_western_borders_on_friday() {
    let p = sample();
    let e = event_with(&p, "opened its western borders");
    assert_eq!(e.date, Some(date("2020-02-28")));
    assert!(e.places.iter().any(|id| id == "border:GR-TR"));
}

#[test]
fn a_child_died_off_lesbos_on_monday() {
    let p = sample();
    let e = event_with(&p, "a child died");
    assert_eq!(e.date, Some(date("2020-03-02")));
    assert_eq!(e.kind, EventKind::MaritimeIncident);
    assert!(
        e.places
            .iter()
            .any(|id| id == &place_of(&p, "Lesbos", 0).id)
    );
}

#[test]
fn arrivals_on_greek_islands_run_from_sunday() {
    let p = sample();
    let e = event_with(&p, "arrived by sea on Greek islands");
    assert_eq!(e.date, Some(date("2020-03-01")));
    assert_eq!(e.kind, EventKind::Migration);
    // "Greek islands" names Greece itself, not just an adjective.
    let greek = p
        .places
        .iter()
        .flat_map(|pl| pl.mentions.iter().map(move |m| (pl, m)))
        .find(|(_, m)| SAMPLE[m.end..].starts_with(" islands"))
        .expect("Greek islands is a mention");
    assert_eq!(greek.0.id, "country:GR");
    assert!(!greek.1.demonym);
}

#[test]
fn erdogans_demand_is_dated_early_february_to_the_month() {
    let p = sample();
    let e = event_with(&p, "Erdogan demanded");
    assert_eq!(e.date, Some(date("2020-02-01")));
    assert_eq!(e.date_precision, Some(Precision::Month));
    assert_eq!(e.kind, EventKind::Statement);
}

#[test]
fn each_event_names_its_dating_expression() {
    let p = sample();
    let e = event_with(&p, "due to hold talks");
    let t = &p.times[e.time.expect("dated by a time expression")];
    assert_eq!(t.text, "on Thursday".trim_start_matches("on "));
}

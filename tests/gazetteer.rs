//! The gazetteer answers the names a news reader meets, offline.

use geo::{BoundingRect, Distance, Haversine};
use newsmap::gazetteer::{Gazetteer, PlaceKind};

fn gaz() -> &'static Gazetteer {
    Gazetteer::embedded().expect("the embedded gazetteer loads")
}

fn km(lat: f64, lon: f64, lat2: f64, lon2: f64) -> f64 {
    Haversine.distance(geo::Point::new(lon, lat), geo::Point::new(lon2, lat2)) / 1000.0
}

#[test]
fn saraqeb_saraqib_and_saraqib_with_a_macron_are_the_same_town() {
    let ids: Vec<String> = ["Saraqeb", "Saraqib", "Sarāqib"]
        .iter()
        .map(|n| gaz().lookup(n).first().expect("found").id.clone())
        .collect();
    assert_eq!(ids[0], ids[1]);
    assert_eq!(ids[1], ids[2]);
    let c = &gaz().lookup("Saraqib")[0];
    assert_eq!(c.country.as_deref(), Some("SY"));
    assert!(km(c.lat, c.lon, 35.86, 36.80) < 5.0);
}

#[test]
fn idlib_lists_the_city_and_the_governorate_among_its_first_three() {
    let found = gaz().lookup("Idlib");
    let top3 = &found[..3.min(found.len())];
    assert!(
        top3.iter()
            .any(|c| c.kind == PlaceKind::City && km(c.lat, c.lon, 35.93, 36.63) < 10.0)
    );
    assert!(
        top3.iter()
            .any(|c| c.kind == PlaceKind::Region && c.country.as_deref() == Some("SY"))
    );
}

#[test]
fn aleppo_is_the_city_first() {
    let c = &gaz().lookup("Aleppo")[0];
    assert_eq!(c.kind, PlaceKind::City);
    assert!(km(c.lat, c.lon, 36.20, 37.13) < 10.0);
}

#[test]
fn moscow_russia_ranks_above_moscow_idaho() {
    let found = gaz().lookup("Moscow");
    assert_eq!(found[0].country.as_deref(), Some("RU"));
    assert!(km(found[0].lat, found[0].lon, 55.76, 37.62) < 10.0);
    let idaho = found
        .iter()
        .position(|c| c.country.as_deref() == Some("US") && c.admin1.as_deref() == Some("Idaho"));
    assert!(idaho.is_some_and(|i| i > 0));
}

#[test]
fn lesbos_and_lesvos_are_the_greek_island() {
    for name in ["Lesbos", "Lesvos"] {
        let c = &gaz().lookup(name)[0];
        assert_eq!(c.kind, PlaceKind::Island, "{name}");
        assert_eq!(c.country.as_deref(), Some("GR"));
        assert!(km(c.lat, c.lon, 39.2, 26.3) < 30.0);
    }
}

#[test]
fn the_greek_turkish_border_is_a_line_on_the_evros() {
    let c = &gaz().lookup("Greek-Turkish border")[0];
    assert_eq!(c.kind, PlaceKind::Border);
    for variant in ["Turkish-Greek border", "Greece-Turkey border"] {
        assert_eq!(gaz().lookup(variant)[0].id, c.id, "{variant}");
    }
    let geom = gaz().geometry(&c.id).expect("a border has a geometry");
    assert!(matches!(
        geom,
        geo::Geometry::LineString(_) | geo::Geometry::MultiLineString(_)
    ));
    let r = geom.bounding_rect().expect("non-empty");
    assert!(r.min().y >= 40.6 && r.max().y <= 41.8, "{r:?}");
    assert!(r.min().x >= 25.9 && r.max().x <= 26.7, "{r:?}");
}

#[test]
fn the_syrian_turkish_border_is_findable_by_its_adjectives() {
    let c = &gaz().lookup("Syrian-Turkish border")[0];
    assert_eq!(c.kind, PlaceKind::Border);
    assert_eq!(c.id, "border:SY-TR");
}

#[test]
fn the_aegean_is_a_sea_and_the_news_countries_have_polygons() {
    assert_eq!(gaz().lookup("Aegean Sea")[0].kind, PlaceKind::Sea);
    for name in ["Syria", "Turkey", "Greece", "Russia", "Iran"] {
        let c = &gaz().lookup(name)[0];
        assert_eq!(c.kind, PlaceKind::Country, "{name}");
        let g = gaz().geometry(&c.id).expect("a country has a polygon");
        assert!(matches!(
            g,
            geo::Geometry::Polygon(_) | geo::Geometry::MultiPolygon(_)
        ));
    }
}

#[test]
fn turkish_finds_turkey_as_a_demonym() {
    let c = &gaz().lookup("Turkish")[0];
    assert_eq!(c.id, "country:TR");
    assert!(c.via_demonym);
}

#[test]
fn curated_seas_islands_regions_and_crossings_are_there() {
    let want = [
        ("Mediterranean Sea", PlaceKind::Sea),
        ("Black Sea", PlaceKind::Sea),
        ("Red Sea", PlaceKind::Sea),
        ("Persian Gulf", PlaceKind::Sea),
        ("Chios", PlaceKind::Island),
        ("Samos", PlaceKind::Island),
        ("Crete", PlaceKind::Island),
        ("Middle East", PlaceKind::Region),
        ("Levant", PlaceKind::Region),
        ("Balkans", PlaceKind::Region),
        ("Europe", PlaceKind::Continent),
        ("Africa", PlaceKind::Continent),
        ("Pazarkule", PlaceKind::Crossing),
        ("Bab al-Hawa", PlaceKind::Crossing),
        ("Kapikule", PlaceKind::Crossing),
    ];
    for (name, kind) in want {
        let found = gaz().lookup(name);
        assert!(
            found.iter().take(3).any(|c| c.kind == kind),
            "{name}: {:?}",
            found
                .iter()
                .take(3)
                .map(|c| (&c.name, c.kind))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn moskva_and_idleb_transliterations_are_found() {
    assert_eq!(gaz().lookup("Moskva")[0].country.as_deref(), Some("RU"));
    assert_eq!(gaz().lookup("Idleb")[0].country.as_deref(), Some("SY"));
}

#[test]
fn get_returns_the_place_with_that_id() {
    let c = &gaz().lookup("Aleppo")[0];
    assert_eq!(gaz().get(&c.id).expect("by id").name, c.name);
    assert!(gaz().get("gn:does-not-exist").is_none());
}

#[test]
fn prefix_search_offers_places_as_you_type() {
    let found = gaz().search("Saraq", 10);
    assert!(found.iter().any(|c| c.name == "Saraqib"));
    assert!(
        gaz()
            .search("Mosc", 5)
            .first()
            .is_some_and(|c| c.country.as_deref() == Some("RU"))
    );
    assert!(gaz().search("", 10).is_empty());
    assert!(gaz().search("x", 0).is_empty());
}

#[test]
fn empty_huge_and_non_latin_lookups_never_panic() {
    assert!(gaz().lookup("").is_empty());
    let huge = "a".repeat(1 << 20);
    assert!(gaz().lookup(&huge).is_empty());
    assert!(gaz().search(&huge, 10).is_empty());
    let _ = gaz().lookup("Москва");
    let _ = gaz().lookup("إدلب");
    let _ = gaz().lookup("\u{0}\u{feff}  -- ");
}

#[test]
fn a_missing_data_file_is_reported_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = match Gazetteer::from_dir(dir.path()) {
        Ok(_) => panic!("an empty folder is not a gazetteer"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("places.tsv"), "{err}");
}

#[test]
fn a_corrupt_data_file_is_reported_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("places.tsv"), b"\x89PNG\r\n\x1a\n garbage").expect("write");
    std::fs::write(dir.path().join("geometries.tsv"), b"").expect("write");
    let err = match Gazetteer::from_dir(dir.path()) {
        Ok(_) => panic!("garbage is not a gazetteer"),
        Err(e) => e.to_string(),
    };
    assert!(
        err.contains("places.tsv") && err.contains("corrupt"),
        "{err}"
    );
}

#[test]
fn a_small_gazetteer_read_from_files_answers_lookups() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("places.tsv"),
        "id\tname\tkind\tfcode\tcountry\tadmin1\tadmin2\tpopulation\tlat\tlon\talt_names\tdemonyms\n\
         gn:1\tSarāqib\tcity\tPPL\tSY\tIdlib\t\t34231\t35.86447\t36.80591\tSaraqeb\t\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("geometries.tsv"), "").expect("write");
    let g = Gazetteer::from_dir(dir.path()).expect("loads");
    assert_eq!(g.lookup("saraqeb")[0].id, "gn:1");
}

#[test]
fn filtering_rows_by_kind_and_population_keeps_exactly_what_filtering_whole_rows_keeps() {
    let big_cities =
        |c: &newsmap::gazetteer::Candidate| c.kind == PlaceKind::City && c.population >= 50_000;
    let slow: Vec<String> = gaz()
        .with_id_prefix("gn:")
        .into_iter()
        .filter(big_cities)
        .map(|c| c.id.clone())
        .collect();
    let fast: Vec<String> = gaz()
        .with_id_prefix_where("gn:", |kind, population| {
            kind == PlaceKind::City && population >= 50_000
        })
        .into_iter()
        .map(|c| c.id.clone())
        .collect();
    assert!(fast.len() > 1000, "only {} large cities", fast.len());
    assert_eq!(fast, slow);
}

//! The command line end to end: output shapes, exit codes and per-file errors.

use assert_cmd::Command;
use serde_json::Value;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/idlib-2020-03-03.txt");

fn newsmap() -> Command {
    Command::cargo_bin("newsmap").unwrap()
}

/// Run and return (exit code, stdout, stderr), checking that nothing panicked.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = newsmap().args(args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    (out.status.code().unwrap_or(-1), stdout, stderr)
}

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

#[test]
fn lookup_finds_saraqib_from_the_reuters_spelling() {
    let (code, out, _) = run(&["lookup", "Saraqeb", "--format", "json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    let first = &v.as_array().unwrap()[0];
    assert_eq!(first["name"], "Saraqib");
    assert_eq!(first["country"], "SY");
    for key in [
        "id",
        "name",
        "kind",
        "country",
        "admin1",
        "population",
        "lat",
        "lon",
        "geometry",
    ] {
        assert!(first.get(key).is_some(), "no {key} in {first}");
    }
    let (lat, lon) = (
        first["lat"].as_f64().unwrap(),
        first["lon"].as_f64().unwrap(),
    );
    assert!(
        (lat - 35.86).abs() < 0.1 && (lon - 36.8).abs() < 0.1,
        "{lat} {lon}"
    );
}

#[test]
fn lookup_limit_caps_the_number_of_candidates() {
    let (code, out, _) = run(&["lookup", "Paris", "--limit", "1", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(json(&out).as_array().unwrap().len(), 1);
}

#[test]
fn a_name_with_no_match_is_an_empty_array_and_success() {
    let (code, out, _) = run(&["lookup", "Qqzxwvy Nowhere", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(json(&out), serde_json::json!([]));
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let (code, _, err) = run(&["lookup", "Idlib", "--bogus"]);
    assert_eq!(code, 2);
    assert!(err.contains("--bogus"), "{err}");
    let (code, _, _) = run(&["geoparse", "--format", "yaml", SAMPLE]);
    assert_eq!(code, 2);
    let (code, _, _) = run(&["geoparse"]);
    assert_eq!(code, 2, "geoparse needs at least one file");
}

#[test]
fn geoparse_json_of_the_sample_is_one_article_object() {
    let (code, out, _) = run(&["geoparse", "--format", "json", SAMPLE]);
    assert_eq!(code, 0);
    let v = json(&out);
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 1);
    let obj = list[0].as_object().unwrap();
    for key in ["source", "title", "published", "places", "events", "times"] {
        assert!(obj.contains_key(key), "no {key} in {:?}", obj.keys());
    }
    assert_eq!(obj["published"], "2020-03-03");
    assert!(!obj["places"].as_array().unwrap().is_empty());
    assert!(!obj["events"].as_array().unwrap().is_empty());
}

#[test]
fn geoparse_geojson_is_a_feature_collection_with_longitude_first() {
    let (code, out, _) = run(&["geoparse", "--format", "geojson", SAMPLE]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().unwrap();
    let saraqib = features
        .iter()
        .find(|f| f["properties"]["name"] == "Saraqib")
        .expect("a Saraqib feature");
    assert_eq!(saraqib["geometry"]["type"], "Point");
    let c = saraqib["geometry"]["coordinates"].as_array().unwrap();
    // (longitude, latitude): Saraqib is at 36.8 E, 35.86 N.
    assert!((c[0].as_f64().unwrap() - 36.8).abs() < 0.1, "{c:?}");
    assert!((c[1].as_f64().unwrap() - 35.86).abs() < 0.1, "{c:?}");
    assert!(features.iter().all(|f| f["type"] == "Feature"));
}

#[test]
fn an_impossible_published_date_is_a_usage_error() {
    let (code, out, err) = run(&["geoparse", "--published", "2020-13-45", SAMPLE]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("2020-13-45"), "{err}");
}

#[test]
fn published_overrides_the_dateline() {
    let (code, out, _) = run(&[
        "geoparse",
        "--format",
        "json",
        "--published",
        "2021-01-02",
        SAMPLE,
    ]);
    assert_eq!(code, 0);
    assert_eq!(json(&out)[0]["published"], "2021-01-02");
}

#[test]
fn a_missing_file_fails_alone_and_the_others_are_still_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let missing = missing.to_str().unwrap();
    let (code, out, err) = run(&["geoparse", "--format", "json", SAMPLE, missing]);
    assert_eq!(code, 1);
    assert!(err.contains("missing.txt"), "{err}");
    let v = json(&out);
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert!(list[0].get("error").is_none());
    assert!(!list[0]["places"].as_array().unwrap().is_empty());
    assert_eq!(list[1]["source"], missing);
    assert!(list[1]["error"].as_str().unwrap().contains("missing.txt"));
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let out = newsmap()
        .args(["geoparse", "--format", "json", "-"])
        .write_stdin("Shelling hit Saraqeb in Syria on Monday.")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v = json(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(v[0]["source"], "-");
    assert!(
        v[0]["places"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "Saraqib")
    );
}

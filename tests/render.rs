//! `newsmap render` end to end: deterministic pixels, a reference image, and clear errors.

use assert_cmd::Command;

fn render(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("newsmap")
        .unwrap()
        .arg("render")
        .args(args)
        .assert()
}

#[test]
fn rendering_twice_gives_identical_pixels() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.png");
    let b = dir.path().join("b.png");
    render(&["--size", "800x450", "--out", a.to_str().unwrap()]).success();
    render(&["--size", "800x450", "--out", b.to_str().unwrap()]).success();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

#[test]
fn the_sample_briefing_matches_its_reference_image() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sample.png");
    render(&["--size", "1600x900", "--out", out.to_str().unwrap()]).success();
    let got = std::fs::read(&out).unwrap();
    let reference = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/briefing_sample_1600x900.png");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() || !reference.exists() {
        std::fs::create_dir_all(reference.parent().unwrap()).unwrap();
        std::fs::write(&reference, &got).unwrap();
    }
    assert!(
        got == std::fs::read(&reference).unwrap(),
        "briefing differs from {}; rerun with UPDATE_SNAPSHOTS=1 if the change is intended",
        reference.display()
    );
}

#[test]
fn a_zero_size_is_a_usage_error() {
    render(&["--size", "0x0"])
        .code(2)
        .stderr(predicates::str::contains("out of range"));
}

#[test]
fn an_unknown_basemap_is_a_usage_error() {
    render(&["--basemap", "mars"])
        .code(2)
        .stderr(predicates::str::contains("unknown basemap"));
}

#[test]
fn an_unwritable_path_fails_without_leaving_a_file() {
    render(&["--out", "/nonexistent-dir/x.png"])
        .code(1)
        .stderr(predicates::str::contains("cannot write"));
}

#[test]
fn an_unreadable_article_is_a_runtime_error() {
    render(&["/nonexistent/article.txt"])
        .code(1)
        .stderr(predicates::str::contains("Error"));
}

#[test]
fn a_missing_pmtiles_archive_is_refused_without_writing_a_file() {
    // The viewer falls back to the offline basemap; a script asked for this archive and is told.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.png");
    let missing = dir.path().join("nowhere.pmtiles");
    render(&[
        "--size",
        "320x200",
        "--basemap",
        missing.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .code(1)
    .stderr(predicates::str::contains("nowhere.pmtiles"));
    assert!(!out.exists());
}

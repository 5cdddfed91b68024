//! With the offline basemap (the default) newsmap works without a network: `geoparse` and `render`
//! succeed inside a fresh network namespace (`unshare -n`: no interfaces but a downed loopback, so any
//! DNS lookup or connection fails). Skipped, with the reason printed, where `unshare -n` is not allowed.

use std::process::Command;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/idlib-2020-03-03.txt");

/// `unshare -n` works here (root, or user namespaces allowed).
fn can_unshare() -> bool {
    match Command::new("unshare").args(["-n", "true"]).output() {
        Ok(o) if o.status.success() => true,
        Ok(o) => {
            println!(
                "skipped: `unshare -n true` failed: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            );
            false
        }
        Err(e) => {
            println!("skipped: cannot run unshare (util-linux): {e}");
            false
        }
    }
}

/// Run newsmap with no network, and with proxies pointing nowhere for good measure.
fn offline(args: &[&str]) -> std::process::Output {
    Command::new("unshare")
        .arg("-n")
        .arg(env!("CARGO_BIN_EXE_newsmap"))
        .args(args)
        .env("http_proxy", "http://127.0.0.1:9")
        .env("https_proxy", "http://127.0.0.1:9")
        .env("HTTP_PROXY", "http://127.0.0.1:9")
        .env("HTTPS_PROXY", "http://127.0.0.1:9")
        .output()
        .unwrap()
}

#[test]
fn geoparse_needs_no_network() {
    if !can_unshare() {
        return;
    }
    let o = offline(&["geoparse", "--format", "json", SAMPLE]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!v[0]["places"].as_array().unwrap().is_empty());
    let o = offline(&["lookup", "Saraqeb"]);
    assert!(o.status.success());
}

#[test]
fn render_with_the_offline_basemap_needs_no_network() {
    if !can_unshare() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.png");
    let o = offline(&[
        "render",
        "--size",
        "320x200",
        "--out",
        out.to_str().unwrap(),
        SAMPLE,
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let png = std::fs::read(&out).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
}

//! Bad input, end to end and through the library: every case ends with a clear message naming the
//! problem, the documented exit code (0 ok, 1 runtime, 2 usage), no panic, and valid JSON on stdout for
//! `--format json`. Large inputs are bounded in memory (peak RSS of the child, from `wait4`).

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use newsmap::article;
use newsmap::gazetteer::Gazetteer;
use serde_json::Value;

/// Real sentences with place names, repeated to build large inputs.
const SENTENCES: &str = "Syrian government forces entered Saraqeb on Monday, a day after Turkish \
drones struck Idlib. Moscow said talks with Ankara would be held in Moscow on Thursday. Migrants \
reached Lesbos from Turkey after Greece closed the border. ";

/// What a run of the binary left behind.
struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
    /// Peak resident set size of the child, in bytes.
    peak_rss: u64,
}

/// Run `newsmap` in `dir` with stdout and stderr going to files (so a large output never blocks the
/// child) and collect its exit status and peak memory with `wait4`.
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by libc::wait4, which also reports its peak memory"
)]
fn run_in(dir: &Path, args: &[&str]) -> Outcome {
    let out_path = dir.join(".stdout");
    let err_path = dir.join(".stderr");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_newsmap"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let pid = i32::try_from(child.id()).unwrap();
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; `pid` is our own child, not yet waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4 failed: {}", std::io::Error::last_os_error());
    let status = std::process::ExitStatus::from_raw(status);
    let stdout = String::from_utf8(std::fs::read(&out_path).unwrap()).expect("stdout is UTF-8");
    let stderr = String::from_utf8_lossy(&std::fs::read(&err_path).unwrap()).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
    assert!(
        status.code().is_some(),
        "{args:?} was killed by signal {:?} (stack overflow or abort?):\n{stderr}",
        status.signal()
    );
    Outcome {
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
        // ru_maxrss is in kilobytes on Linux.
        peak_rss: u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024,
    }
}

/// `geoparse --format json FILE` in the file's folder: the outcome and the parsed JSON array.
fn geoparse_json(dir: &Path, file: &str) -> (Outcome, Vec<Value>) {
    let o = run_in(dir, &["geoparse", "--format", "json", file]);
    let v: Value = serde_json::from_str(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", o.stdout));
    let list = v.as_array().expect("a JSON array").clone();
    assert_eq!(list.len(), 1, "one entry per file");
    (o, list)
}

/// The message on stderr names the file and says what is wrong with it.
fn assert_says(o: &Outcome, file: &str, what: &str) {
    assert!(
        o.stderr.contains(file) && o.stderr.contains(what),
        "{}",
        o.stderr
    );
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn place_names(entry: &Value) -> Vec<String> {
    entry["places"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .filter_map(|p| p["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

const GB: u64 = 1024 * 1024 * 1024;

#[test]
fn an_empty_file_is_an_empty_article_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.txt", b"");
    let (o, list) = geoparse_json(dir.path(), "empty.txt");
    assert_eq!(o.code, 0);
    assert_says(&o, "empty.txt", "empty");
    assert_eq!(list[0]["places"], serde_json::json!([]));
}

#[test]
fn png_bytes_are_refused_as_an_image() {
    let dir = tempfile::tempdir().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0u8, 200));
    write(dir.path(), "photo.txt", &png);
    let (o, list) = geoparse_json(dir.path(), "photo.txt");
    assert_eq!(o.code, 1);
    assert_says(&o, "photo.txt", "PNG image");
    assert!(list[0]["error"].as_str().unwrap().contains("PNG image"));
    assert!(article::from_bytes("photo.txt", &png).is_err());
}

#[test]
fn invalid_utf8_is_replaced_and_the_rest_still_geoparsed() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bad.txt",
        b"Troops entered Saraqeb \xff\xfe\xc3 in Syria on Monday.\n",
    );
    let (o, list) = geoparse_json(dir.path(), "bad.txt");
    assert_eq!(o.code, 0);
    assert_says(&o, "bad.txt", "invalid UTF-8");
    assert!(place_names(&list[0]).contains(&"Saraqib".to_owned()));
}

#[test]
fn utf16_with_a_bom_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("le.txt", {
            let mut b = vec![0xff, 0xfe];
            for u in "Troops entered Saraqeb in Syria.".encode_utf16() {
                b.extend_from_slice(&u.to_le_bytes());
            }
            b
        }),
        ("be.txt", {
            let mut b = vec![0xfe, 0xff];
            for u in "Troops entered Saraqeb in Syria.".encode_utf16() {
                b.extend_from_slice(&u.to_be_bytes());
            }
            b
        }),
    ] {
        write(dir.path(), name, &bytes);
        let (o, list) = geoparse_json(dir.path(), name);
        assert_eq!(o.code, 0, "{name}");
        assert!(o.stderr.contains("UTF-16"), "{name}: {}", o.stderr);
        assert!(
            place_names(&list[0]).contains(&"Saraqib".to_owned()),
            "{name}"
        );
    }
}

/// The large-input cases run at full size through the CLI: 50 MB of text and one 10 MB line. In a
/// debug build they take about a minute and 20 seconds on two cores (release: 9 s and 1.3 s; see
/// `examples/bench_scaling.rs` for the scaling figures).
const LARGE_CLI_BYTES: usize = 50 * 1024 * 1024;
const LONG_LINE_BYTES: usize = 10 * 1024 * 1024;

fn repeated(total: usize) -> String {
    let mut s = String::with_capacity(total + SENTENCES.len());
    while s.len() < total {
        s.push_str(SENTENCES);
    }
    s
}

#[test]
fn a_fifty_megabyte_article_is_geoparsed_within_a_gigabyte() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "large.txt",
        repeated(LARGE_CLI_BYTES).as_bytes(),
    );
    let o = run_in(dir.path(), &["geoparse", "--format", "json", "large.txt"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.peak_rss < GB, "peak RSS {} MB", o.peak_rss / 1024 / 1024);
    // Valid JSON (checked without building a tree of the ~300 MB output).
    let valid: Result<serde::de::IgnoredAny, _> = serde_json::from_str(&o.stdout);
    assert!(valid.is_ok(), "stdout is not JSON: {valid:?}");
    for n in ["Saraqib", "Idlib", "Moscow", "Lesbos"] {
        assert!(
            o.stdout.contains(&format!("\"name\": \"{n}\"")),
            "{n} not found"
        );
    }
}

#[test]
fn fifty_megabytes_of_text_are_read_and_recognised_within_bounds() {
    let text = repeated(50 * 1024 * 1024);
    let a = article::from_bytes("big.txt", text.as_bytes()).unwrap();
    assert_eq!(a.text.len(), text.len());
    let sentences = article::sentences(&a.text);
    assert!(sentences.len() > 500_000, "{}", sentences.len());
    assert!(sentences.iter().all(|r| r.end <= a.text.len()));
}

#[test]
fn one_ten_megabyte_line_is_geoparsed() {
    let dir = tempfile::tempdir().unwrap();
    let line = "Troops entered Saraqeb in Syria and ".repeat(LONG_LINE_BYTES / 36);
    write(dir.path(), "line.txt", line.as_bytes());
    let (o, list) = geoparse_json(dir.path(), "line.txt");
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.peak_rss < GB, "peak RSS {} MB", o.peak_rss / 1024 / 1024);
    assert!(place_names(&list[0]).contains(&"Saraqib".to_owned()));
    // Mentions point at their words all the way to the end of the line.
    let places = list[0]["places"].as_array().unwrap();
    let last = places
        .iter()
        .flat_map(|p| p["mentions"].as_array().unwrap())
        .map(|m| m["end"].as_u64().unwrap())
        .max()
        .unwrap();
    assert!(
        last as usize > line.len() - 100,
        "last mention ends at {last}"
    );
}

#[test]
fn html_nested_a_hundred_thousand_levels_deep_is_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let html = format!(
        "<html><body>{}Troops entered Saraqeb in Syria.{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    write(dir.path(), "deep.html", html.as_bytes());
    let (o, _) = geoparse_json(dir.path(), "deep.html");
    assert_eq!(o.code, 0);
    assert_says(&o, "deep.html", "nested deeper");
}

#[test]
fn html_with_only_script_and_style_has_no_places_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<html><head><script>var city = 'Idlib';</script><style>p { color: red }</style>\
                </head><body><script>document.write('Saraqeb')</script></body></html>";
    write(dir.path(), "script.html", html.as_bytes());
    let (o, list) = geoparse_json(dir.path(), "script.html");
    assert_eq!(o.code, 0);
    assert_says(&o, "script.html", "no visible text");
    assert_eq!(list[0]["places"], serde_json::json!([]));
}

#[test]
fn a_directory_given_as_a_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    let (o, list) = geoparse_json(dir.path(), "folder");
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("folder is a directory"), "{}", o.stderr);
    assert!(list[0]["error"].as_str().unwrap().contains("directory"));
}

#[test]
fn a_missing_file_is_a_runtime_error() {
    let dir = tempfile::tempdir().unwrap();
    let (o, list) = geoparse_json(dir.path(), "nowhere.txt");
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("cannot read nowhere.txt"), "{}", o.stderr);
    assert!(list[0]["error"].as_str().unwrap().contains("nowhere.txt"));
    // The same for render, which stops before drawing anything.
    let o = run_in(
        dir.path(),
        &["render", "--size", "64x64", "--out", "x.png", "nowhere.txt"],
    );
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("nowhere.txt"), "{}", o.stderr);
    assert!(!dir.path().join("x.png").exists());
}

/// A valid session for the sample article, as `Session::save` writes it.
fn sample_session(dir: &Path) -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/idlib-2020-03-03.txt"
    ))
    .unwrap();
    let mut s = newsmap::session::Session::default();
    s.articles.push(newsmap::session::ArticleRef {
        path: "idlib.txt".into(),
        hash: newsmap::session::content_hash(&text),
    });
    s.title = Some("Idlib, March 2020".into());
    let p = dir.join("whole.json");
    s.save(&p).unwrap();
    std::fs::read_to_string(p).unwrap()
}

fn render_with_session(dir: &Path, session: &str) -> Outcome {
    run_in(
        dir,
        &[
            "render",
            "--size",
            "96x64",
            "--out",
            "out.png",
            "--session",
            session,
        ],
    )
}

#[test]
fn a_session_truncated_midway_is_reported_as_truncated() {
    let dir = tempfile::tempdir().unwrap();
    let whole = sample_session(dir.path());
    write(dir.path(), "cut.json", &whole.as_bytes()[..whole.len() / 2]);
    let o = render_with_session(dir.path(), "cut.json");
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("session cut.json is truncated"),
        "{}",
        o.stderr
    );
    assert!(!dir.path().join("out.png").exists());
}

#[test]
fn a_session_of_an_unknown_version_is_refused_with_the_versions() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "v9.json", br#"{"version": 9, "articles": []}"#);
    let o = render_with_session(dir.path(), "v9.json");
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("newer newsmap (format 9"), "{}", o.stderr);
    write(dir.path(), "text.json", b"not json at all");
    let o = render_with_session(dir.path(), "text.json");
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("not a newsmap session"), "{}", o.stderr);
}

#[test]
fn a_session_that_names_a_missing_article_renders_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "gone.json",
        br#"{"version": 1, "articles": [{"path": "/no/such/article.txt", "hash": "0123456789abcdef"}]}"#,
    );
    let o = render_with_session(dir.path(), "gone.json");
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains("gone.json is for other articles")
            && o.stderr.contains("/no/such/article.txt (missing)"),
        "{}",
        o.stderr
    );
    assert!(dir.path().join("out.png").exists());
}

#[test]
fn a_corrupt_pmtiles_basemap_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = std::fs::File::create(dir.path().join("corrupt.pmtiles")).unwrap();
    f.write_all(&[0x5a; 4096]).unwrap();
    drop(f);
    let o = run_in(
        dir.path(),
        &[
            "render",
            "--size",
            "64x64",
            "--out",
            "x.png",
            "--basemap",
            "corrupt.pmtiles",
        ],
    );
    assert_eq!(o.code, 1);
    assert_says(&o, "corrupt.pmtiles", "PMTiles");
    assert!(!dir.path().join("x.png").exists());
    // A basemap archive that does not exist cannot be read: a runtime error, like a missing article.
    let o = run_in(
        dir.path(),
        &[
            "render",
            "--size",
            "64x64",
            "--out",
            "x.png",
            "--basemap",
            "absent.pmtiles",
        ],
    );
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("absent.pmtiles"), "{}", o.stderr);
}

#[test]
fn the_library_survives_every_bad_input_without_panicking() {
    let g = Gazetteer::embedded().unwrap();
    let deep = format!("<div>{}x", "<b>".repeat(100_000));
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        ("empty.txt", vec![]),
        ("nul.txt", b"a\0b".to_vec()),
        ("bad.txt", b"\xff\xfe\xfd Idlib \xc3".to_vec()),
        ("odd16.txt", b"\xff\xfeI\x00d\x00l".to_vec()),
        ("deep.html", deep.into_bytes()),
        ("tags.html", b"<<<>>><</><p <p>".to_vec()),
        ("ws.md", b"# \n\n\n   \t".to_vec()),
    ];
    for (name, bytes) in inputs {
        if let Ok(a) = article::from_bytes(name, &bytes) {
            let p = newsmap::geoparse::geoparse(&a, g);
            for pl in &p.places {
                for m in &pl.mentions {
                    assert!(a.text.get(m.start..m.end).is_some(), "{name}");
                }
            }
        }
    }
}

//! Saving a session survives being killed at any moment: `newsmap session-stress FILE` (a hidden test
//! aid) saves in a loop and is sent SIGKILL at pseudo-random moments; after every kill the session file
//! loads, is not empty and not truncated, and so does its backup when there is one.

use std::time::{Duration, Instant};

use newsmap::session::Session;

/// A small xorshift generator: random-looking kill times, reproducible from the printed seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn a_session_killed_mid_save_always_loads_or_its_backup_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let bak = dir.path().join("s.json.bak");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64 | 1);
    println!("seed {seed}");
    let mut rng = Rng(seed);
    let mut kills_mid_run = 0;
    for round in 0..25 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsmap"))
            .arg("session-stress")
            .arg(&path)
            .spawn()
            .unwrap();
        // Wait for the first save of this round (the file may exist from the last round already),
        // then let it run a random while before the kill.
        let start = Instant::now();
        while !path.exists() && start.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_micros(500 + rng.below(60_000)));
        // Child::kill sends SIGKILL on Unix.
        if child.try_wait().unwrap().is_none() {
            kills_mid_run += 1;
        }
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert!(
            status.code().is_none(),
            "round {round}: the saver exited by itself: {status}"
        );

        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.is_empty(), "round {round}: the session file is empty");
        let s = Session::load(&path).unwrap_or_else(|e| {
            panic!("round {round} (seed {seed}): the session does not load: {e}")
        });
        assert!(
            s.title.is_some_and(|t| t.starts_with("save ")),
            "round {round}"
        );
        if bak.exists() {
            Session::load(&bak)
                .unwrap_or_else(|e| panic!("round {round}: the backup does not load: {e}"));
        }
    }
    assert!(
        kills_mid_run >= 20,
        "only {kills_mid_run} kills landed while saving"
    );
}

#[test]
fn the_stress_aid_is_hidden_from_help() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsmap"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("session-stress"));
}

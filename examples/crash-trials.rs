//! Crash trials: the real program, in a pseudo-terminal, on a generated bloc, is sent scores as
//! fast as it reads them and killed with SIGKILL at random moments, again and again. After each
//! kill the records must open cleanly and hold every entry that had reached the journal, and the
//! last entry the screen had shown as saved; each restart's screen must count at least as many
//! entered cells as the killed one showed.
//!
//! Run by `scripts/crash-trials` (which builds the release binary first):
//!
//! ```sh
//! cargo run --features crash-trials --example crash-trials -- BINARY [TRIALS] [SEED]
//! ```
//!
//! Built only with the `crash-trials` feature, so that `cargo test` neither builds nor runs it.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use expectrl::{Session, Signal, WaitStatus};
use thidua::i18n::Msg;
use thidua::model::Period;
use thidua::store::Records;

const COLS: NonZeroU16 = NonZeroU16::new(120).unwrap();
const ROWS: NonZeroU16 = NonZeroU16::new(40).unwrap();
const UNITS: usize = 30;
const CRITERIA: usize = 50;
/// The level columns: the generated scheme's first group holds every fifth criterion, each
/// scored by level (a digit 1…4 picks a level and saves it at once).
const LEVEL_COLUMNS: usize = CRITERIA / 5;
const OPEN_TIMEOUT: Duration = Duration::from_secs(30);

/// A small xorshift generator: the trials are repeatable from their seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The program in a pseudo-terminal and its screen as a terminal shows it.
struct Tui {
    session: Session,
    output: Receiver<Vec<u8>>,
    screen: vt100::Parser,
}

impl Tui {
    fn spawn(binary: &Path, root: &Path) -> Tui {
        let mut command = Command::new(binary);
        command
            .args(["score", "gen", "--period", "mid-year", "--lang", "en"])
            .current_dir(root)
            .env("TERM", "xterm-256color");
        let mut session = Session::spawn(command).expect("spawning in a pseudo-terminal");
        session
            .get_process_mut()
            .set_window_size(COLS.get(), ROWS.get())
            .expect("setting the terminal size");
        let mut reader = session.get_process().get_raw_handle().expect("the pty");
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                if tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Tui {
            session,
            output,
            screen: vt100::Parser::new(ROWS, COLS, 0),
        }
    }

    fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// Reads output until the screen shows `text` or the deadline passes.
    fn wait_for(&mut self, text: &str, deadline: Instant) -> bool {
        loop {
            if self.contents().contains(text) {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(chunk) => self.screen.process(&chunk),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return false,
            }
        }
    }

    /// Types the bursts of keys from another thread.
    fn type_keys(&self, bursts: Vec<(String, Duration)>) {
        let mut writer = self
            .session
            .get_process()
            .get_raw_handle()
            .expect("the pty");
        std::thread::spawn(move || {
            for (keys, pause) in bursts {
                // Fails once the program is killed and the terminal closed.
                if writer.write_all(keys.as_bytes()).is_err() {
                    break;
                }
                std::thread::sleep(pause);
            }
        });
    }

    /// SIGKILL, then everything the program had printed before it died.
    fn kill(mut self) -> String {
        let process = self.session.get_process_mut();
        process.kill(Signal::SIGKILL).expect("SIGKILL");
        let status = process.wait().expect("waitpid");
        assert!(
            matches!(status, WaitStatus::Signaled(_, Signal::SIGKILL, _)),
            "the program ended before it was killed: {status:?}\n{}",
            self.contents()
        );
        let deadline = Instant::now() + Duration::from_secs(5);
        // Until the reader sees the terminal closed: all the dead program had printed.
        while let Ok(chunk) = self
            .output
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            self.screen.process(&chunk);
        }
        self.contents()
    }
}

/// The count in the header's "entered N/M".
fn entered(screen: &str) -> Option<usize> {
    let rest = &screen[screen.find("entered ")? + "entered ".len()..];
    rest.split('/').next()?.trim().parse().ok()
}

/// The status line's "saved Phường 3 / C5: B (Tốt)" as (unit, item, level).
fn last_saved(screen: &str) -> Option<(String, String, String)> {
    screen.lines().find_map(|line| {
        let rest = &line[line.find("saved ")? + "saved ".len()..];
        let (unit, rest) = rest.split_once(" / ")?;
        let (item, value) = rest.split_once(": ")?;
        let number: usize = unit.strip_prefix("Phường ")?.trim().parse().ok()?;
        let level = value.split_whitespace().next()?;
        Some((
            format!("u{number}"),
            item.trim().to_string(),
            level.to_string(),
        ))
    })
}

/// Keys for one trial, in bursts each followed by a pause: from a random level column, down
/// the column typing a level per unit, back to the top and on to the next level column,
/// staying among the level columns. A burst ends after a level, so that the screen, drawn in
/// the pause, shows that save (moving the cursor clears the message); within a burst the keys
/// go as fast as the terminal takes them.
fn keys(rng: &mut Rng) -> Vec<(String, Duration)> {
    let mut strokes: Vec<String> = Vec::new();
    let mut column = rng.below(LEVEL_COLUMNS as u64) as usize;
    strokes.extend((0..column).map(|_| "\x1b[C".to_string()));
    for _ in 0..12 {
        for _ in 0..UNITS {
            strokes.push(char::from(b'1' + rng.below(4) as u8).to_string());
        }
        strokes.extend((0..UNITS).map(|_| "\x1b[A".to_string()));
        if column + 1 < LEVEL_COLUMNS {
            strokes.push("\x1b[C".into());
            column += 1;
        } else {
            strokes.extend((0..column).map(|_| "\x1b[D".to_string()));
            column = 0;
        }
    }
    let mut bursts = Vec::new();
    let mut burst = String::new();
    for stroke in strokes {
        let level = stroke.len() == 1;
        burst.push_str(&stroke);
        if level && rng.below(12) == 0 {
            let pause = Duration::from_millis(2 + rng.below(20));
            bursts.push((std::mem::take(&mut burst), pause));
        }
    }
    bursts.push((burst, Duration::ZERO));
    bursts
}

#[derive(Default)]
struct Figures {
    trials: usize,
    killed_while_opening: usize,
    entries: usize,
    lost: usize,
    screen_saved_checked: usize,
    screen_saved_missing: usize,
    screen_count_behind: usize,
    torn: usize,
    batches_undone: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // Absolute: the program is started from the trials' own folder.
    let binary = std::path::absolute(PathBuf::from(
        args.get(1)
            .expect("usage: crash-trials BINARY [TRIALS] [SEED]"),
    ))
    .expect("the binary's path");
    let trials: usize = args.get(2).map_or(200, |t| t.parse().expect("TRIALS"));
    let seed: u64 = args
        .get(3)
        .map_or(0x7417_d0a5, |s| s.parse().expect("SEED"));
    let mut rng = Rng(seed | 1);

    let work = tempfile::tempdir().expect("a temporary folder");
    let root = work.path();
    let bloc_file = thidua::synthetic::write_files(root, UNITS, CRITERIA).expect("the bloc");
    let covenant = thidua::store::load_covenant(&bloc_file)
        .unwrap_or_else(|e| panic!("the generated bloc: {e:?}"))
        .covenant;
    let dir =
        thidua::store::records::session_dir(&root.join("records"), "gen", 2026, Period::MidYear)
            .expect("a safe session folder");
    let scratch = root.join("scratch");

    let mut figures = Figures::default();
    let mut shown_entered = 0;
    let mut lines_before = 0;
    let started = Instant::now();
    for trial in 0..trials {
        let mut tui = Tui::spawn(&binary, root);
        // One trial in ten kills the program while it opens the records (replaying the
        // journal, setting a torn line aside); the others once it is typing.
        let while_opening = rng.below(10) == 0;
        if while_opening {
            std::thread::sleep(Duration::from_millis(rng.below(40)));
            figures.killed_while_opening += 1;
        } else {
            if !tui.wait_for("entered ", Instant::now() + OPEN_TIMEOUT) {
                panic!(
                    "trial {trial}: the records did not open after a kill; the screen:\n{}",
                    tui.contents()
                );
            }
            let screen = tui.contents();
            assert!(!screen.contains("damaged"), "trial {trial}:\n{screen}");
            let now_entered = entered(&screen).expect("the header's count");
            if now_entered < shown_entered {
                figures.screen_count_behind += 1;
                eprintln!(
                    "trial {trial}: {shown_entered} entered before the kill, {now_entered} after"
                );
            }
            tui.type_keys(keys(&mut rng));
            std::thread::sleep(Duration::from_millis(5 + rng.below(300)));
        }
        let screen = tui.kill();
        if !while_opening && let Some(n) = entered(&screen) {
            shown_entered = shown_entered.max(n);
        }

        // What the journal holds now, as the kill left it: whole lines, and a torn tail.
        let bytes = std::fs::read(dir.join("journal.jsonl")).unwrap_or_default();
        let whole = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |n| n + 1);
        let mut expected: HashMap<(String, String), serde_json::Value> = HashMap::new();
        let mut seen: HashSet<(String, String, String)> = HashSet::new();
        let text = std::str::from_utf8(&bytes[..whole]).expect("the journal is UTF-8");
        let lines: Vec<&str> = text.lines().collect();
        for line in &lines {
            let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| {
                panic!("trial {trial}: a whole journal line is damaged: {e}: {line}")
            });
            let (unit, item) = (v["unit"].as_str().unwrap(), v["item"].as_str().unwrap());
            let value = v["new"]["value"].clone();
            if let Some(level) = value["Level"].as_str() {
                seen.insert((unit.into(), item.into(), level.into()));
            }
            expected.insert((unit.into(), item.into()), value);
        }
        figures.entries += lines.len().saturating_sub(lines_before);
        lines_before = lines.len();

        // Opened from a copy (the next trial's program opens the records themselves): every
        // cell must be what the journal's whole lines say.
        let _ = std::fs::remove_dir_all(&scratch);
        std::fs::create_dir_all(&scratch).unwrap();
        for file in ["journal.jsonl", "snapshot.json"] {
            if dir.join(file).exists() {
                std::fs::copy(dir.join(file), scratch.join(file)).unwrap();
            }
        }
        let records = Records::open(&scratch, &covenant, Period::MidYear).unwrap_or_else(|e| {
            panic!(
                "trial {trial}: the records do not open: {}",
                e.msg(thidua::i18n::Lang::En)
            )
        });
        for notice in &records.notices {
            match notice {
                Msg::JournalTorn { .. } => figures.torn += 1,
                Msg::BatchUndone { .. } => figures.batches_undone += 1,
                _ => {}
            }
        }
        for (u, member) in covenant.bloc.members.iter().enumerate() {
            for (i, item) in covenant.layout.items.iter().enumerate() {
                let want = expected
                    .get(&(member.id.clone(), item.code.clone()))
                    .cloned()
                    .unwrap_or(serde_json::Value::Null);
                let got = serde_json::to_value(records.cell(u, i).value).unwrap();
                if want != got {
                    figures.lost += 1;
                    eprintln!(
                        "trial {trial}: {} / {}: journal {want}, opened {got}",
                        member.id, item.code
                    );
                }
            }
        }
        drop(records);

        // The last entry the screen showed as saved is in the journal.
        if let Some(saved) = last_saved(&screen) {
            figures.screen_saved_checked += 1;
            if !seen.contains(&saved) {
                figures.screen_saved_missing += 1;
                eprintln!("trial {trial}: the screen showed {saved:?} saved; the journal lacks it");
            }
        }
        figures.trials += 1;
    }

    // A last start: the records open on the screen with every entry counted, and quit cleanly.
    let mut tui = Tui::spawn(&binary, root);
    assert!(
        tui.wait_for("entered ", Instant::now() + OPEN_TIMEOUT),
        "{}",
        tui.contents()
    );
    let last = entered(&tui.contents()).unwrap_or(0);
    if last < shown_entered {
        figures.screen_count_behind += 1;
    }
    tui.session.send("q").unwrap();
    let status = tui.session.get_process().wait().expect("waitpid");
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");

    let f = &figures;
    println!(
        "crash trials: {} ({} killed while opening), seed {seed}",
        f.trials, f.killed_while_opening
    );
    println!("bloc: {UNITS} units x {CRITERIA} criteria; {last} cells entered at the end");
    println!(
        "entries confirmed (whole journal lines at the kills): {}",
        f.entries
    );
    println!("entries lost: {}", f.lost);
    println!(
        "last entry the screen showed as saved: checked {}, missing {}",
        f.screen_saved_checked, f.screen_saved_missing
    );
    println!(
        "restarts counting fewer entered cells than shown before the kill: {}",
        f.screen_count_behind
    );
    println!(
        "torn lines set aside: {}; imports undone: {}",
        f.torn, f.batches_undone
    );
    println!("time: {:.1} s", started.elapsed().as_secs_f64());
    if f.lost + f.screen_saved_missing + f.screen_count_behind > 0 {
        std::process::exit(1);
    }
}

//! The real program in a pseudo-terminal: scores typed on the scoring screen survive a
//! SIGKILL, and a second copy is kept off records that are open.
//!
//! The screen is read the way a terminal would show it: the program's output goes through a
//! terminal emulator (`vt100`), because ratatui only redraws the cells that changed and raw
//! output would not hold whole messages.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use expectrl::{Session, Signal, WaitStatus};
use rust_decimal::Decimal;

const COLS: NonZeroU16 = NonZeroU16::new(100).unwrap();
const ROWS: NonZeroU16 = NonZeroU16::new(30).unwrap();
/// Debug builds are slow and CI machines slower: generous, since nothing waits this long
/// unless something is wrong.
const TIMEOUT: Duration = Duration::from_secs(20);

/// A temporary folder laid out as the program expects: `blocs/`, `scoring/` beside it, and the
/// records under `records/`.
struct Workspace {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().to_path_buf();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for (folder, file) in [("blocs", "khoi-8.ron"), ("scoring", "khoi-phuong-2026.ron")] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
            std::fs::copy(repo.join(folder).join(file), root.join(folder).join(file))
                .unwrap_or_else(|e| panic!("copying {folder}/{file}: {e}"));
        }
        Workspace { _dir: dir, root }
    }

    fn bloc(&self) -> String {
        self.root.join("blocs/khoi-8.ron").display().to_string()
    }

    fn records(&self) -> String {
        self.root.join("records").display().to_string()
    }

    fn session_dir(&self) -> PathBuf {
        self.root.join("records/khoi-8/2026/mid-year")
    }

    /// `thidua score` on the mid-year records, in English, in a pseudo-terminal.
    fn score(&self) -> Tui {
        Tui::spawn(
            &self.root,
            &[
                "score",
                &self.bloc(),
                "--period",
                "mid-year",
                "--data",
                &self.records(),
                "--lang",
                "en",
            ],
        )
    }

    /// `thidua results --format csv`, without a terminal: the rows by member id.
    fn results(&self) -> HashMap<String, HashMap<String, String>> {
        let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args([
                "results",
                &self.bloc(),
                "--period",
                "mid-year",
                "--data",
                &self.records(),
                "--format",
                "csv",
            ])
            .current_dir(&self.root)
            .output()
            .expect("the binary runs");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "results failed: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut reader = csv::Reader::from_reader(stdout.as_bytes());
        let head = reader.headers().unwrap().clone();
        reader
            .records()
            .map(|row| {
                let row: HashMap<String, String> = head
                    .iter()
                    .zip(row.unwrap().iter())
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
                (row["unit"].clone(), row)
            })
            .collect()
    }
}

/// The program running in a pseudo-terminal, its screen as a terminal would show it, and
/// everything it printed. Dropping it kills the program if it still runs.
struct Tui {
    session: Session,
    output: Receiver<Vec<u8>>,
    screen: vt100::Parser,
    raw: Vec<u8>,
    /// The program has ended and was reaped.
    reaped: bool,
}

impl Tui {
    fn spawn(dir: &Path, args: &[&str]) -> Tui {
        let mut command = Command::new(env!("CARGO_BIN_EXE_thidua"));
        command
            .args(args)
            .current_dir(dir)
            .env("TERM", "xterm-256color");
        let mut session = Session::spawn(command).expect("spawning in a pseudo-terminal");
        // The pty starts at 80×24; the program follows the change when it draws.
        session
            .get_process_mut()
            .set_window_size(COLS.get(), ROWS.get())
            .expect("setting the terminal size");
        // A thread reads the terminal, so that waiting is waiting on output, not polling; it
        // ends when the program has closed the terminal (read fails with EIO).
        let mut reader = session
            .get_process()
            .get_raw_handle()
            .expect("a handle on the pty");
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
            raw: Vec::new(),
            reaped: false,
        }
    }

    fn pid(&self) -> i32 {
        self.session.get_process().pid().as_raw()
    }

    fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("writing to the pty");
        self.session.flush().expect("flushing the pty");
    }

    fn take(&mut self, chunk: Vec<u8>) {
        self.screen.process(&chunk);
        self.raw.extend_from_slice(&chunk);
    }

    fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// Waits until the screen shows `text`; panics with the screen if it does not in time.
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if self.contents().contains(text) {
                return;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(chunk) => self.take(chunk),
                Err(e) => {
                    let why = match e {
                        RecvTimeoutError::Timeout => "not shown in time",
                        RecvTimeoutError::Disconnected => "the program closed the terminal",
                    };
                    panic!(
                        "waiting for {text:?}: {why}; the screen:\n{}\n",
                        self.contents()
                    );
                }
            }
        }
    }

    /// Waits until the program closes the terminal, reads everything it printed and reaps it.
    fn wait_exit(&mut self) -> WaitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(chunk) => self.take(chunk),
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => panic!(
                    "the program did not end in time; the screen:\n{}\n",
                    self.contents()
                ),
            }
        }
        let status = self.session.get_process().wait().expect("waitpid");
        self.reaped = true;
        status
    }

    /// SIGKILL: no destructor, no flush, no restoring of the terminal.
    fn kill(&mut self) {
        self.session
            .get_process_mut()
            .kill(Signal::SIGKILL)
            .expect("sending SIGKILL");
        let status = self.session.get_process().wait().expect("waitpid");
        self.reaped = true;
        assert!(
            matches!(status, WaitStatus::Signaled(_, Signal::SIGKILL, _)),
            "{status:?}"
        );
    }

    /// Everything the program printed, as text.
    fn printed(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if !self.reaped {
            let process = self.session.get_process_mut();
            let _ = process.kill(Signal::SIGKILL);
            let _ = process.wait();
        }
    }
}

fn dec(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|e| panic!("{text:?} is not a decimal: {e}"))
}

#[test]
fn scores_typed_on_the_screen_survive_a_sigkill() {
    let ws = Workspace::new();

    let mut tui = ws.score();
    tui.wait_for("entered 0/336");
    // The grid opens on the first unit and the first criterion of the period, I.1.2 (a
    // percentage); a digit opens the editor, Enter stores and moves down one unit.
    tui.send("80\r");
    tui.wait_for("saved Thành Đông / I.1.2: 80");
    tui.send("95\r");
    tui.wait_for("saved Hải Dương / I.1.2: 95");
    // Now on the third unit. Right: I.1.4 (I.1.3 is scored only at year-end), a level cell
    // where a digit picks a level and confirms it at once.
    tui.send("\x1b[C");
    tui.send("2");
    tui.wait_for("saved Lê Thanh Nghị / I.1.4: HTT");
    tui.wait_for("entered 3/336");
    tui.kill();
    drop(tui);

    // The journal: one line per confirmed entry, in order.
    let journal = std::fs::read_to_string(ws.session_dir().join("journal.jsonl"))
        .expect("the journal exists");
    let lines: Vec<serde_json::Value> = journal
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?}: {e}")))
        .collect();
    let expected = [
        ("thanh-dong", "I.1.2", serde_json::json!({"Achieved": "80"})),
        ("hai-duong", "I.1.2", serde_json::json!({"Achieved": "95"})),
        (
            "le-thanh-nghi",
            "I.1.4",
            serde_json::json!({"Level": "HTT"}),
        ),
    ];
    assert_eq!(lines.len(), expected.len(), "{journal}");
    for (line, (unit, item, value)) in lines.iter().zip(&expected) {
        assert!(line.is_object(), "{line}");
        assert_eq!(line["unit"], *unit, "{line}");
        assert_eq!(line["item"], *item, "{line}");
        assert_eq!(line["new"]["value"], *value, "{line}");
        assert_eq!(line["old"]["value"], serde_json::Value::Null, "{line}");
        assert_eq!(line["origin"], "entry", "{line}");
    }

    // The results computed from the records: 3 × 80% and 3 × 95% of I.1.2's 3 points, HTT's
    // 3.2 points for I.1.4; each of the three units has one of its 42 cells entered.
    let results = ws.results();
    assert_eq!(results.len(), 8, "{results:?}");
    for (unit, rank, points) in [
        ("le-thanh-nghi", "1", "3.2"),
        ("hai-duong", "2", "2.85"),
        ("thanh-dong", "3", "2.4"),
    ] {
        let row = &results[unit];
        assert_eq!(row["rank"], rank, "{row:?}");
        assert_eq!(dec(&row["I"]), dec(points), "{row:?}");
        assert_eq!(dec(&row["total"]), dec(points), "{row:?}");
        assert_eq!(row["missing"], "41", "{row:?}");
    }
    for (unit, row) in &results {
        if !["le-thanh-nghi", "hai-duong", "thanh-dong"].contains(&unit.as_str()) {
            assert_eq!(dec(&row["total"]), Decimal::ZERO, "{row:?}");
            assert_eq!(row["missing"], "42", "{row:?}");
        }
    }

    // The killed program's lock is gone with it: the screen opens again on the same records
    // and shows the three entries.
    let mut tui = ws.score();
    tui.wait_for("entered 3/336");
    tui.send("q");
    let status = tui.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
}

#[test]
fn a_second_copy_is_refused_while_the_records_are_open() {
    let ws = Workspace::new();

    let mut first = ws.score();
    first.wait_for("entered 0/336");

    let mut second = ws.score();
    let status = second.wait_exit();
    let printed = second.printed();
    assert!(
        matches!(status, WaitStatus::Exited(_, code) if code != 0),
        "{status:?}: {printed}"
    );
    assert!(printed.contains("are open elsewhere"), "{printed}");
    assert!(
        printed.contains(&format!("thidua, pid {}", first.pid())),
        "the message names the holder, pid {}: {printed}",
        first.pid()
    );

    // The first copy is unharmed and quits normally.
    first.send("q");
    let status = first.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
}

#[test]
fn a_plain_thidua_with_one_bloc_opens_its_session_and_with_two_shows_the_list() {
    // One bloc: straight into its session (mid-year from April to September, year-end
    // otherwise), no list in between.
    let ws = Workspace::new();
    let mut tui = Tui::spawn(&ws.root, &["--lang", "en"]);
    let today = chrono::Local::now().date_naive();
    let due = if (4..=9).contains(&chrono::Datelike::month(&today)) {
        "Mid-year review 2026"
    } else {
        "Year-end review 2026"
    };
    tui.wait_for(due);
    tui.send("q");
    let status = tui.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");

    // Two blocs: the start screen lists every bloc's sessions.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        repo.join("examples/blocs/khoi-truong-thcs.ron"),
        ws.root.join("blocs/khoi-truong-thcs.ron"),
    )
    .unwrap();
    std::fs::copy(
        repo.join("examples/scoring/khoi-truong-hoc-2026.ron"),
        ws.root.join("scoring/khoi-truong-hoc-2026.ron"),
    )
    .unwrap();
    let mut tui = Tui::spawn(&ws.root, &["--lang", "en"]);
    tui.wait_for("Choose the bloc, year and period to score");
    tui.wait_for("Khối thi đua số 8 · Year-end review 2026");
    tui.wait_for("Khối thi đua số 5 · Mid-year review 2026");
    tui.send("q");
    let status = tui.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
}

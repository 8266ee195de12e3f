//! One keystroke that stores a value, from the key to the drawn frame, on the real binary in a
//! pseudo-terminal of 200×60, against the floor measured in the same run: a navigation key's
//! key-to-frame plus one `fdatasync` of a journal-sized line.
//!
//! The generated bloc of 60 units × 200 criteria, year-end, every cell entered. The selection
//! starts on the first column, a criterion scored by levels: a digit picks a level and stores
//! it at once (the grid then moves down a unit), so each sample is that digit, then ↑ back,
//! which is the navigation sample. The digits alternate so that every entry changes the cell.
//!
//! A frame counts as drawn when its last bytes arrive: ratatui ends every frame by hiding the
//! cursor (`ESC [ ? 25 l`) when no field is being edited, and the program draws once per key.
//!
//! Run with `cargo bench --bench keystroke`; it prints medians and 99th percentiles.

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use expectrl::{Session, Signal};
use thidua::model::Period;
use thidua::store::load_covenant;
use thidua::store::records::{Records, session_dir};
use thidua::synthetic;

const UNITS: usize = 60;
const CRITERIA: usize = 200;
const YEAR: i32 = 2026;
const SAMPLES: usize = 400;
const WARM_UP: usize = 20;
const LIMIT: Duration = Duration::from_secs(10);
/// The end of every frame drawn without a text cursor.
const FRAME_END: &[u8] = b"\x1b[?25l";

/// Chunks of the pseudo-terminal's output, each stamped as it arrived.
struct Output {
    rx: Receiver<(Instant, Vec<u8>)>,
}

impl Output {
    /// Drops what arrived so far.
    fn drain(&mut self) {
        while self.rx.try_recv().is_ok() {}
    }

    /// Waits for the end of the next frame; when its last bytes arrived.
    fn frame(&mut self) -> Instant {
        let deadline = Instant::now() + LIMIT;
        let mut tail: Vec<u8> = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (at, chunk) = self.rx.recv_timeout(left).expect("a frame in time");
            tail.extend_from_slice(&chunk);
            if tail.windows(FRAME_END.len()).any(|w| w == FRAME_END) {
                return at;
            }
            // Keep enough to find a marker split across chunks.
            let keep = tail.len().saturating_sub(FRAME_END.len());
            tail.drain(..keep);
        }
    }
}

fn main() {
    let root = tempfile::tempdir().expect("temp dir");
    let bloc_file = synthetic::write_files(root.path(), UNITS, CRITERIA).expect("write files");
    let covenant = load_covenant(&bloc_file).expect("valid files").covenant;
    let data = root.path().join("records");
    let dir = session_dir(&data, &covenant.bloc.id, YEAR, Period::YearEnd).expect("safe ids");
    {
        let mut records = Records::open(&dir, &covenant, Period::YearEnd).expect("open records");
        let sheet = synthetic::full_sheet(&covenant);
        records
            .apply(&synthetic::entries(&covenant, &sheet, Period::YearEnd))
            .expect("enter every cell");
    }
    let bin = env!("CARGO_BIN_EXE_thidua");
    let mut cmd = Command::new(bin);
    cmd.args(["score", "gen", "--period", "year-end", "--data"])
        .arg(&data)
        .current_dir(root.path())
        .env("TERM", "xterm-256color");
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    session
        .get_process_mut()
        .set_window_size(200, 60)
        .expect("window size");
    let mut pty = session.get_process().get_raw_handle().expect("pty handle");
    let (tx, rx) = channel();
    let reader = std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 16];
        while let Ok(n @ 1..) = pty.read(&mut buf) {
            if tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                break;
            }
        }
    });
    let mut out = Output { rx };
    // The first frame, and the one after the resize.
    std::thread::sleep(Duration::from_millis(1500));
    out.drain();
    let mut key = |bytes: &[u8], out: &mut Output| -> Duration {
        out.drain();
        let sent = Instant::now();
        session.send(bytes).expect("send a key");
        out.frame() - sent
    };
    let mut entries = Vec::new();
    let mut moves = Vec::new();
    for n in 0..SAMPLES + WARM_UP {
        let digit: &[u8] = if n % 2 == 0 { b"1" } else { b"2" };
        let entry = key(digit, &mut out);
        let back = key(b"\x1b[A", &mut out);
        if n >= WARM_UP {
            entries.push(entry);
            moves.push(back);
        }
    }
    let process = session.get_process_mut();
    process.kill(Signal::SIGKILL).expect("kill");
    let _ = process.wait();
    drop(session);
    let _ = reader.join();
    let syncs = fdatasyncs(&root.path().join("sync-probe.jsonl"));
    let (nav, entry, sync) = (median(&moves), median(&entries), median(&syncs));
    let floor = nav + sync;
    println!("thidua keystroke, {UNITS} units × {CRITERIA} criteria, 200×60, {SAMPLES} samples");
    println!(
        "  navigation (↑) key-to-frame: median {}, p99 {}",
        ms(nav),
        ms(p99(&moves))
    );
    println!(
        "  fdatasync of a journal-sized line: median {}, p99 {}",
        ms(sync),
        ms(p99(&syncs))
    );
    println!("  floor (navigation + fdatasync): {}", ms(floor));
    println!(
        "  entry (a digit storing a level) key-to-frame: median {}, p99 {}",
        ms(entry),
        ms(p99(&entries))
    );
    let target = floor + Duration::from_micros(300);
    println!(
        "  target: entry median ≤ floor + 0.3 ms = {}: {}",
        ms(target),
        if entry <= target { "met" } else { "missed" }
    );
}

/// `fdatasync` of a line as long as a journal entry, appended `SAMPLES` times.
fn fdatasyncs(path: &Path) -> Vec<Duration> {
    let line = [b'x'; 320];
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .expect("probe file");
    (0..SAMPLES)
        .map(|_| {
            file.write_all(&line).expect("write");
            let start = Instant::now();
            file.sync_data().expect("fdatasync");
            start.elapsed()
        })
        .collect()
}

fn median(v: &[Duration]) -> Duration {
    let mut v = v.to_vec();
    v.sort();
    v[v.len() / 2]
}

fn p99(v: &[Duration]) -> Duration {
    let mut v = v.to_vec();
    v.sort();
    v[(v.len() * 99 / 100).min(v.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

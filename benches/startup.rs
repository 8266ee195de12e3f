//! Start-up time and peak memory of the real binary, run in a pseudo-terminal of 200×60.
//!
//! - Start-up: `thidua score khoi-8 --period mid-year --data <fresh temp dir>` from the project
//!   root, timed from before the spawn to the moment the screen shows the header's progress
//!   (`đã chấm 0/336`), and to the last byte of the first frame (the output then stays quiet).
//! - The same on generated blocs of 10, 60 and 200 units × 50, 200 and 500 criteria (or the
//!   sizes in `THIDUA_SIZES`, e.g. `60x200,200x500`) with every cell entered, with the
//!   peak memory (`VmHWM` of `/proc/<pid>/status`) after the first frame and after a few keys
//!   (moves, an entry, the ranking, the card, back to the grid); and again with 100,000 more
//!   entries in the journal. For each, where an opening's time goes, measured in process.
//!
//! Run with `cargo bench --bench startup`; it prints its figures. Not a criterion bench: each
//! run is a process, and the figures are a median and a maximum over `RUNS` starts.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use expectrl::{Session, Signal};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use thidua::i18n::Lang;
use thidua::model::Period;
use thidua::store::Change;
use thidua::store::load_covenant;
use thidua::store::records::{Records, session_dir};
use thidua::synthetic;
use thidua::tui::{SessionTarget, open_session};

const RUNS: usize = 20;
const UNITS: usize = 60;
const CRITERIA: usize = 200;
const PERIOD: Period = Period::YearEnd;
const YEAR: i32 = 2026;
/// How long the output must stay quiet for the frame to count as complete.
const QUIET: Duration = Duration::from_millis(150);
/// Give up on a run after this long.
const LIMIT: Duration = Duration::from_secs(10);

/// What one start measured.
struct Run {
    /// Until the output held the needle (the header's progress).
    header: Duration,
    /// Until the last byte of the first frame.
    frame: Duration,
    /// `VmHWM` after the first frame, and after the keys (kB).
    hwm_first: u64,
    hwm_keys: Option<u64>,
}

/// Timed output of the pseudo-terminal: every chunk stamped by a reader thread as it arrives.
struct Output {
    rx: Receiver<(Instant, Vec<u8>)>,
    bytes: Vec<u8>,
    last: Option<Instant>,
}

impl Output {
    /// Reads until `needle` is on the screen; the time of the chunk that completed it.
    fn until(&mut self, needle: &str) -> Instant {
        let deadline = Instant::now() + LIMIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok((at, chunk)) => {
                    self.bytes.extend_from_slice(&chunk);
                    self.last = Some(at);
                    if screen(&self.bytes).iter().any(|row| row.contains(needle)) {
                        return at;
                    }
                }
                Err(e) => panic!(
                    "no {needle:?} on the screen ({e:?}); it was:\n{}",
                    screen(&self.bytes).join("\n")
                ),
            }
        }
    }

    /// Reads until the output has been quiet for `QUIET`; the time of the last chunk.
    fn settle(&mut self) -> Instant {
        loop {
            match self.rx.recv_timeout(QUIET) {
                Ok((at, chunk)) => {
                    self.bytes.extend_from_slice(&chunk);
                    self.last = Some(at);
                }
                Err(RecvTimeoutError::Timeout) => return self.last.expect("some output"),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "the program ended; its output:\n{}",
                    String::from_utf8_lossy(&self.bytes)
                ),
            }
        }
    }
}

/// The screen the output draws, row by row: enough of a terminal for ratatui's output, which
/// skips unchanged cells (spaces included) with cursor moves, so that text is not contiguous in
/// the bytes. Only `CSI row;col H` moves the cursor; other escapes are skipped.
fn screen(bytes: &[u8]) -> Vec<String> {
    const ROWS: usize = 60;
    const COLS: usize = 200;
    let mut cells = vec![vec![' '; COLS]; ROWS];
    let (mut row, mut col) = (0usize, 0usize);
    let text = String::from_utf8_lossy(bytes);
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            // A control sequence; of two-byte escapes (ESC 7, ESC O …) the second is skipped.
            '\x1b' => {
                if chars.next() == Some('[') {
                    let mut params = String::new();
                    for p in chars.by_ref() {
                        if ('\x40'..='\x7e').contains(&p) {
                            if p == 'H' {
                                let mut at = params.split(';').map(|n| n.parse().unwrap_or(1));
                                row = at.next().unwrap_or(1).max(1) - 1;
                                col = at.next().unwrap_or(1).max(1) - 1;
                            }
                            break;
                        }
                        params.push(p);
                    }
                }
            }
            '\r' => col = 0,
            '\n' => row += 1,
            c if c.is_control() => {}
            c => {
                let width = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if width > 0 && row < ROWS && col < COLS {
                    cells[row][col] = c;
                    if width == 2 && col + 1 < COLS {
                        cells[row][col + 1] = '\0';
                    }
                }
                col += width;
            }
        }
    }
    cells
        .into_iter()
        .map(|r| r.into_iter().filter(|c| *c != '\0').collect())
        .collect()
}

fn vm_hwm(pid: i32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in kB")
}

/// Starts the program in a 200×60 pseudo-terminal, waits for `needle` and the rest of the
/// first frame, sends `keys` (each followed by its redraw), reads the peak memory, kills it.
///
/// The pty starts at 80×24 and is resized just after the spawn (`ptyprocess` sets 80×24 once
/// the program has started); if the program was quicker and drew its first frame at 80×24,
/// the run does not count: `Err` with the rows that frame used.
fn run_once(mut cmd: Command, needle: &str, keys: &[&[u8]]) -> Result<Run, usize> {
    cmd.env("TERM", "xterm-256color");
    let start = Instant::now();
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    session
        .get_process_mut()
        .set_window_size(200, 60)
        .expect("window size");
    let pid = session.get_process().pid().as_raw();
    let mut pty = session.get_process().get_raw_handle().expect("pty handle");
    let (tx, rx) = channel();
    let reader = std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 16];
        // Ends with an error (EIO) once the program is gone.
        while let Ok(n @ 1..) = pty.read(&mut buf) {
            if tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                break;
            }
        }
    });
    let mut out = Output {
        rx,
        bytes: Vec::new(),
        last: None,
    };
    let header = out.until(needle) - start;
    let frame = out.settle() - start;
    let rows = screen(&out.bytes)
        .iter()
        .rposition(|row| !row.trim().is_empty())
        .map_or(0, |r| r + 1);
    let filled = rows == 60;
    let hwm_first = vm_hwm(pid);
    let hwm_keys = (filled && !keys.is_empty()).then(|| {
        for key in keys {
            session.send(key).expect("send a key");
            out.settle();
        }
        vm_hwm(pid)
    });
    let process = session.get_process_mut();
    process.kill(Signal::SIGKILL).expect("kill");
    let _ = process.wait();
    drop(session);
    let _ = reader.join();
    if !filled {
        return Err(rows);
    }
    Ok(Run {
        header,
        frame,
        hwm_first,
        hwm_keys,
    })
}

/// `RUNS` runs that count; says how many did not (first frame drawn before the resize).
fn runs(mut command: impl FnMut() -> Command, needle: &str, keys: &[&[u8]]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut dropped = 0;
    while runs.len() < RUNS {
        match run_once(command(), needle, keys) {
            Ok(run) => runs.push(run),
            Err(rows) => {
                println!("  (a run not counted: its first frame used {rows} rows)");
                dropped += 1;
                assert!(dropped < RUNS, "the window is not being resized");
            }
        }
    }
    runs
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// Prints the runs' figures and returns them as a row of the closing Markdown table.
fn report(what: &str, runs: &[Run]) -> String {
    let sorted = |f: &dyn Fn(&Run) -> Duration| {
        let mut v: Vec<Duration> = runs.iter().map(f).collect();
        v.sort();
        v
    };
    let stat = |f: &dyn Fn(&Run) -> Duration| {
        let v = sorted(f);
        format!(
            "median {}, min {}, max {}",
            ms(v[v.len() / 2]),
            ms(v[0]),
            ms(v[v.len() - 1])
        )
    };
    println!("{what} ({} runs)", runs.len());
    println!("  to the header:        {}", stat(&|r| r.header));
    println!("  to the frame's end:   {}", stat(&|r| r.frame));
    let mib = |kb: u64| format!("{:.1} MiB", kb as f64 / 1024.0);
    let first = runs.iter().map(|r| r.hwm_first).max().unwrap_or(0);
    println!("  VmHWM after the first frame: {} (max)", mib(first));
    let after_keys = runs.iter().filter_map(|r| r.hwm_keys).max();
    if let Some(keys) = after_keys {
        println!("  VmHWM after the keys:        {} (max)", mib(keys));
    }
    let header = sorted(&|r| r.header);
    let frame = sorted(&|r| r.frame);
    format!(
        "| {what} | {} ({}–{}) | {} | {} | {} |",
        ms(header[header.len() / 2]),
        ms(header[0]),
        ms(header[header.len() - 1]),
        ms(frame[frame.len() / 2]),
        mib(first),
        after_keys.map_or("—".to_string(), mib),
    )
}

/// The generated bloc and scheme under `root` (`blocs/gen.ron`, `scoring/gen.ron`), with the
/// year-end session's records holding every cell, entered in one batch, followed by
/// `rewrites` more entries that write the cells again in turn, in batches of 10,000 (a
/// long-used journal). Closing the records writes the snapshot. Returns the bloc file.
fn generated(root: &Path, (units, criteria): (usize, usize), rewrites: usize) -> PathBuf {
    let bloc_file = synthetic::write_files(root, units, criteria).expect("write files");
    let covenant = load_covenant(&bloc_file).expect("valid files").covenant;
    let dir = session_dir(&root.join("records"), &covenant.bloc.id, YEAR, PERIOD)
        .expect("a safe session folder");
    let mut records = Records::open(&dir, &covenant, PERIOD).expect("open records");
    let sheet = synthetic::full_sheet(&covenant);
    let all = synthetic::entries(&covenant, &sheet, PERIOD);
    records.apply(&all).expect("enter every cell");
    let more: Vec<Change> = all
        .iter()
        .cycle()
        .take(rewrites)
        .map(|c| synthetic::entry(&sheet, c.unit, c.item))
        .collect();
    for chunk in more.chunks(10_000) {
        records.apply(chunk).expect("rewrite cells");
    }
    bloc_file
}

/// The generated sizes to start on: `THIDUA_SIZES=10x50,200x500`, else the three sizes of
/// units with 50, 200 and 500 criteria.
fn sizes() -> Vec<(usize, usize)> {
    let list = std::env::var("THIDUA_SIZES").unwrap_or_else(|_| {
        "10x50,10x200,10x500,60x50,60x200,60x500,200x50,200x200,200x500".into()
    });
    list.split(',')
        .filter_map(|s| {
            let (u, c) = s.trim().split_once('x')?;
            Some((u.parse().ok()?, c.parse().ok()?))
        })
        .collect()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Where an opening's time goes, in this process on the same files: loading and validating
/// the covenant, opening the records (snapshot and the journal's tail), reading the whole
/// journal back (`Records::history`, for undo), the whole `open_session`, and a first draw of
/// the grid on a 200×60 test terminal.
fn breakdown(bloc_file: &Path, data: &Path) {
    let reps = 20;
    let target = SessionTarget {
        bloc_file: bloc_file.to_path_buf(),
        period: PERIOD,
        year: Some(YEAR),
        data: Some(data.to_path_buf()),
    };
    let time = |f: &mut dyn FnMut()| {
        median(
            (0..reps)
                .map(|_| {
                    let start = Instant::now();
                    f();
                    start.elapsed()
                })
                .collect(),
        )
    };
    let covenant = load_covenant(bloc_file).expect("valid files").covenant;
    let dir = session_dir(data, &covenant.bloc.id, YEAR, PERIOD).expect("a safe session folder");
    let load = time(&mut || drop(load_covenant(bloc_file).expect("valid files")));
    let open = time(&mut || drop(Records::open(&dir, &covenant, PERIOD).expect("open")));
    let records = Records::open(&dir, &covenant, PERIOD).expect("open");
    let mut entries = 0;
    let history = time(&mut || entries = records.history().expect("history").len());
    drop(records);
    let session = time(&mut || drop(open_session(Lang::Vi, &target).expect("open session")));
    let (app, _) = open_session(Lang::Vi, &target).expect("open session");
    let draw = time(&mut || {
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test terminal");
        terminal
            .draw(|f| thidua::tui::view::draw(&app, f))
            .expect("draw");
    });
    println!("  in process (median of {reps}):");
    println!("    load_covenant:                      {}", ms(load));
    println!("    Records::open (snapshot + tail):    {}", ms(open));
    println!("    Records::history ({entries} entries): {}", ms(history));
    println!(
        "    open_session (all of the above, App::new, resume_history): {}",
        ms(session)
    );
    println!("    first draw, 200×60:                 {}", ms(draw));
}

fn main() {
    // `cargo bench` passes `--bench` (and any filter); this program takes none of them.
    let exe = env!("CARGO_BIN_EXE_thidua");
    let root = env!("CARGO_MANIFEST_DIR");
    println!("binary: {exe}");

    // (b) The sample bloc, from the project root.
    let data = tempfile::tempdir().expect("temp dir");
    let mut fresh = 0;
    let sample = runs(
        || {
            // A fresh data folder each time: the session starts without records.
            fresh += 1;
            let mut cmd = Command::new(exe);
            cmd.current_dir(root)
                .args(["score", "khoi-8", "--period", "mid-year", "--data"])
                .arg(data.path().join(fresh.to_string()));
            cmd
        },
        "đã chấm 0/336",
        &[],
    );
    let mut table = vec![report("khoi-8 (sample), mid-year, no records", &sample)];
    let sample_header = median(sample.iter().map(|r| r.header).collect());
    let mut targets = vec![target_row(
        "start-up to the first frame, khoi-8 (sample): at most 100 ms",
        &ms(sample_header),
        sample_header <= Duration::from_millis(100),
    )];

    // (c) The generated bloc, every cell entered: start-up, peak memory after the first frame
    // and after a few keys; then the same with a long journal.
    let keys: &[&[u8]] = &[
        b"\x1b[C",  // Right
        b"\x1b[B",  // Down
        b"\x1b[C",  // Right
        b"\x1b[B",  // Down
        b"\x1b[D",  // Left: a criterion with levels
        b"2",       // level B, stored at once
        b"\x1bOS",  // F4: the ranking
        b"\x1bOR",  // F3: the card
        b"\x1bOQ",  // F2: the grid
        b"\x1b[6~", // Page Down
    ];
    let mut cases: Vec<(String, (usize, usize), usize)> = sizes()
        .into_iter()
        .map(|(u, c)| {
            (
                format!("{u} × {c}, year-end, every cell entered"),
                (u, c),
                0,
            )
        })
        .collect();
    cases.push((
        "60 × 200, every cell entered, then 100,000 more entries".into(),
        (UNITS, CRITERIA),
        100_000,
    ));
    for (what, size, rewrites) in cases {
        let tmp = tempfile::tempdir().expect("temp dir");
        let bloc_file = generated(tmp.path(), size, rewrites);
        let data = tmp.path().join("records");
        let runs = runs(
            || {
                let mut cmd = Command::new(exe);
                cmd.current_dir(tmp.path())
                    .arg("score")
                    .arg(&bloc_file)
                    .args(["--period", "year-end", "--data"])
                    .arg(&data);
                cmd
            },
            "đã chấm ",
            keys,
        );
        table.push(report(&what, &runs));
        if size == (200, 500) && rewrites == 0 {
            let peak = runs
                .iter()
                .map(|r| r.hwm_first.max(r.hwm_keys.unwrap_or(0)))
                .max()
                .unwrap_or(0);
            targets.push(target_row(
                "peak memory, 200 × 500: at most 100 MB",
                &format!("{:.1} MiB", peak as f64 / 1024.0),
                peak * 1024 <= 100_000_000,
            ));
        }
        breakdown(&bloc_file, &data);
    }
    println!();
    println!(
        "| bloc | start-up to the header, median (min–max) | to the frame's end, median | peak memory after the first frame | after ten keys |"
    );
    println!("| --- | --- | --- | --- | --- |");
    for row in table {
        println!("{row}");
    }
    println!();
    println!("| target | figure | met |");
    println!("| --- | --- | --- |");
    for row in targets {
        println!("{row}");
    }
}

fn target_row(what: &str, figure: &str, met: bool) -> String {
    format!(
        "| {what} | {figure} | {} |",
        if met { "yes" } else { "**no**" }
    )
}

//! The live page under load, on loopback only (127.0.0.1): 200 phones following the event
//! stream while the head enters scores at typing speed on the sample mid-year session.
//!
//! Each entry is a digit and Enter on the screen's `App` (alternating digits, so that every
//! entry changes the ranking's figures), then the publication the screen makes after each key.
//! The phones are a second process (this program started again with `THIDUA_ROOM_PHONES`), so
//! that their threads and buffers are not counted as the room's memory. Reported:
//! - the p50 and p95 from the key to the event at the phones (wall clock, same machine);
//! - the screen thread's own CPU time per stored entry, with no page and with the page and its
//!   200 phones (`CLOCK_THREAD_CPUTIME_ID`: two cores make wall-clock noise larger than the 10%
//!   the room may add);
//! - the process's resident memory without the page, and its peak with the page and phones.
//!
//! Run with `cargo bench --bench room`; bounded to `ROUNDS` pairs of `ENTRIES` entries, about
//! a minute.
//! Linux only (it reads /proc).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use thidua::i18n::Lang;
use thidua::model::{Period, value};
use thidua::room::Room;
use thidua::store::load_covenant;
use thidua::store::records::{Cell, Change, Origin, Records};
use thidua::tui::app::App;

const PHONES: usize = 200;
const ENTRIES: usize = 60;
/// Pairs of runs, without and with the page.
const ROUNDS: usize = 3;
/// An entry every 150 ms: a digit and Enter at a brisk typist's pace.
const PACE: Duration = Duration::from_millis(150);
const PHONES_ENV: &str = "THIDUA_ROOM_PHONES";

fn main() {
    if let Ok(spec) = std::env::var(PHONES_ENV) {
        return phones(&spec);
    }
    // `cargo bench` passes `--bench`; nothing else is taken. The runs without and with the
    // page alternate, so that a drift of the machine falls on both alike.
    let rss_before = memory("VmRSS");
    let (mut alone, mut with_room, mut latencies) = (Vec::new(), Vec::new(), Vec::new());
    let mut rss_alone = 0.0;
    for round in 0..ROUNDS {
        let (cpu, _) = run(false);
        if round == 0 {
            rss_alone = memory("VmRSS");
        }
        let (a, b) = (percentile(&cpu, 50), {
            let (cpu_room, times) = run(true);
            let m = percentile(&cpu_room, 50);
            with_room.extend(cpu_room);
            latencies.extend(times.unwrap_or_default());
            m
        });
        println!(
            "  round {}: screen thread CPU per entry {a:.3} ms without, {b:.3} ms with ({:+.1}%)",
            round + 1,
            (b / a - 1.0) * 100.0
        );
        alone.extend(cpu);
    }
    let peak = memory("VmHWM");

    println!(
        "room: {PHONES} phones on 127.0.0.1, {ROUNDS} rounds of {ENTRIES} entries every {PACE:?}"
    );
    println!(
        "  key → event at the phones: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} events)",
        percentile(&latencies, 50),
        percentile(&latencies, 95),
        percentile(&latencies, 100),
        latencies.len()
    );
    let (a, r) = (percentile(&alone, 50), percentile(&with_room, 50));
    println!(
        "  screen thread CPU per entry (median of all rounds): {a:.3} ms without the page, \
         {r:.3} ms with it ({:+.1}%)",
        (r / a - 1.0) * 100.0
    );
    println!(
        "  memory: {:.1} MiB resident before, {:.1} MiB after the run without the page, \
         peak {:.1} MiB with the page and its phones (+{:.1} MiB)",
        rss_before / 1024.0,
        rss_alone / 1024.0,
        peak / 1024.0,
        (peak - rss_alone) / 1024.0
    );
}

/// One run of `ENTRIES` entries: the screen thread's CPU milliseconds per entry, and with the
/// page, each event's milliseconds from its key to each phone.
fn run(with_room: bool) -> (Vec<f64>, Option<Vec<f64>>) {
    let (cpu, published, latencies) = run_entries(with_room);
    if with_room {
        println!(
            "  (of which the publication to the page: median {:.3} ms)",
            percentile(&published, 50)
        );
    }
    (cpu, latencies)
}

/// The CPU milliseconds per entry, those of the publication alone, and the latencies.
#[allow(clippy::type_complexity)]
fn run_entries(with_room: bool) -> (Vec<f64>, Vec<f64>, Option<Vec<f64>>) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path());
    let mut phones = None;
    if with_room {
        app.room_addr = Some("127.0.0.1:0".parse().unwrap());
        app.start_room();
        let room = app.room.as_ref().expect("the page starts");
        let child = Command::new(std::env::current_exe().unwrap())
            .env(PHONES_ENV, format!("{} {}", room.addr, path_of(room)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the phones start");
        phones = Some(child);
        // Wait until every phone has the view.
        let child = phones.as_mut().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "{line}");
    }
    let mut cpu = Vec::with_capacity(ENTRIES);
    let mut published = Vec::with_capacity(ENTRIES);
    let mut sent = Vec::with_capacity(ENTRIES);
    let deadline = Instant::now() + Duration::from_secs(30);
    for n in 0..ENTRIES {
        let digit = if n % 2 == 0 { '1' } else { '9' };
        let before = thread_cpu_ns();
        sent.push(now_us());
        app.key(KeyEvent::new(KeyCode::Char(digit), KeyModifiers::NONE));
        app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        // Back to the same cell: the grid moves down after an entry.
        app.key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
        let publishing = thread_cpu_ns();
        app.publish_room();
        let after = thread_cpu_ns();
        cpu.push((after - before) as f64 / 1e6);
        published.push((after - publishing) as f64 / 1e6);
        std::thread::sleep(PACE);
        assert!(Instant::now() < deadline, "the run is bounded in time");
    }
    let latencies = phones.map(|mut child| {
        // Closing the room ends the streams; each phone reports its arrival times.
        app.room = None;
        let mut out = String::new();
        std::io::Read::read_to_string(child.stdout.as_mut().unwrap(), &mut out).unwrap();
        child.wait().unwrap();
        let mut all = Vec::new();
        for line in out.lines() {
            let arrivals: Vec<u128> = line.split(' ').filter_map(|t| t.parse().ok()).collect();
            // The first event is the view before any entry; then one a change.
            for (k, at) in arrivals.iter().skip(1).enumerate() {
                if let Some(key) = sent.get(k) {
                    all.push((*at as f64 - *key as f64) / 1000.0);
                }
            }
        }
        all
    });
    (cpu, published, latencies)
}

/// The phones' process: `PHONES` streams, each line of output one phone's arrival times (µs
/// since the epoch), after "ready" once every phone has its first event.
fn phones(spec: &str) {
    let (addr, path) = spec.split_once(' ').unwrap();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let threads: Vec<_> = (0..PHONES)
        .map(|_| {
            let (addr, path, ready) = (addr.to_string(), path.to_string(), ready_tx.clone());
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(&addr).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(40)))
                    .unwrap();
                write!(stream, "GET {path}/events HTTP/1.1\r\nHost: room\r\n\r\n").unwrap();
                let mut reader = BufReader::new(stream);
                let mut arrivals = Vec::new();
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap_or(0) > 0 {
                    if line.starts_with("data:") {
                        arrivals.push(now_us());
                        if arrivals.len() == 1 {
                            ready.send(()).unwrap();
                        }
                    }
                    line.clear();
                }
                arrivals
            })
        })
        .collect();
    for _ in 0..PHONES {
        ready_rx.recv().unwrap();
    }
    println!("ready");
    std::io::stdout().flush().unwrap();
    let lines: Vec<String> = threads
        .into_iter()
        .map(|t| {
            let times = t.join().unwrap();
            times
                .iter()
                .map(u128::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    println!("{}", lines.join("\n"));
}

fn path_of(room: &Room) -> String {
    room.url
        .split_once(&room.addr.to_string())
        .map(|(_, p)| p.to_string())
        .unwrap()
}

/// The sample bloc's mid-year with its scoresheet entered, the selection on a number cell.
fn sample_app(dir: &Path) -> App {
    let covenant = load_covenant(Path::new("blocs/khoi-8.ron"))
        .expect("the sample bloc")
        .covenant;
    let mut records = Records::open(dir, &covenant, Period::MidYear).unwrap();
    let mut changes = Vec::new();
    for row in csv::Reader::from_path("tests/data/khoi-8-mid-year.csv")
        .unwrap()
        .records()
    {
        let row = row.unwrap();
        let item = covenant.layout.index_of(&row[1]).unwrap();
        changes.push(Change {
            unit: covenant.unit_index(&row[0]).unwrap(),
            item,
            new: Cell {
                value: Some(value::parse(&covenant.layout.items[item], &row[2]).unwrap()),
                ..Cell::default()
            },
            origin: Origin::Import,
        });
    }
    records.apply(&changes).unwrap();
    App::new(Lang::Vi, covenant, Period::MidYear, 2026, Box::new(records)).unwrap()
}

fn now_us() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_micros()
}

/// This thread's CPU time so far, in nanoseconds (the kernel's own count, exact at any moment,
/// unlike /proc's, which moves on at ticks and switches).
fn thread_cpu_ns() -> u64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec for the call to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    now.tv_sec as u64 * 1_000_000_000 + now.tv_nsec as u64
}

/// A line of /proc/self/status, in KiB.
fn memory(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0.0)
}

fn percentile(samples: &[f64], p: usize) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = ((sorted.len() - 1) * p).div_ceil(100);
    sorted[at.min(sorted.len() - 1)]
}

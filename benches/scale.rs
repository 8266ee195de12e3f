//! How the work grows with the bloc: on generated blocs of 10, 60 and 200 units × 50, 200 and
//! 500 criteria (year-end, every cell entered), in this process:
//!
//! - loading and validating the scheme and bloc files;
//! - opening the records by replaying the whole journal (no snapshot);
//! - the full recompute (results, ranks, nominations);
//! - one key and the redraw of a 200×60 test terminal (navigation), median and p99;
//! - writing and signing the three documents of a summary (key already unlocked), each time
//!   with typst's memoisation caches emptied, as for the one summary a command issues.
//!
//! Start-up to the first frame and peak memory of the real binary are `benches/startup.rs`.
//! Run with `cargo bench --bench scale` (or `scripts/bench`, which writes the tables into
//! `BENCHMARKS.md`); it prints a Markdown table. `THIDUA_SIZES=60x200,200x500` limits the sizes.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use minisign::KeyPair;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use thidua::i18n::Lang;
use thidua::model::Period;
use thidua::report::summary::{self, Request, SessionData};
use thidua::score;
use thidua::store::load_covenant;
use thidua::store::records::{Records, now, session_dir};
use thidua::synthetic;
use thidua::tui::app::App;

const PERIOD: Period = Period::YearEnd;
const SIZES: [(usize, usize); 9] = [
    (10, 50),
    (10, 200),
    (10, 500),
    (60, 50),
    (60, 200),
    (60, 500),
    (200, 50),
    (200, 200),
    (200, 500),
];

fn sizes() -> Vec<(usize, usize)> {
    match std::env::var("THIDUA_SIZES") {
        Ok(list) => list
            .split(',')
            .filter_map(|s| {
                let (u, c) = s.trim().split_once('x')?;
                Some((u.parse().ok()?, c.parse().ok()?))
            })
            .collect(),
        Err(_) => SIZES.to_vec(),
    }
}

/// Times `f` `reps` times; the durations sorted.
fn times(reps: usize, mut f: impl FnMut()) -> Vec<Duration> {
    let mut v: Vec<Duration> = (0..reps)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    v.sort();
    v
}

fn median(v: &[Duration]) -> Duration {
    v[v.len() / 2]
}

fn p99(v: &[Duration]) -> Duration {
    v[(v.len() * 99 / 100).min(v.len() - 1)]
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms < 10.0 {
        format!("{ms:.2}")
    } else {
        format!("{ms:.0}")
    }
}

struct Row {
    units: usize,
    criteria: usize,
    entries: usize,
    load: Duration,
    replay: Duration,
    recompute: Duration,
    key_median: Duration,
    key_p99: Duration,
    summary: Duration,
}

fn measure(units: usize, criteria: usize) -> Row {
    let root = tempfile::tempdir().expect("temp dir");
    let bloc_file = synthetic::write_files(root.path(), units, criteria).expect("write files");
    let loaded = load_covenant(&bloc_file).expect("valid files");
    let covenant = loaded.covenant.clone();
    let load = median(&times(10, || {
        drop(load_covenant(&bloc_file).expect("valid files"))
    }));

    let dir = session_dir(
        &root.path().join("records"),
        &covenant.bloc.id,
        2026,
        PERIOD,
    )
    .expect("a safe session folder");
    let sheet = synthetic::full_sheet(&covenant);
    let all = synthetic::entries(&covenant, &sheet, PERIOD);
    let entries = all.len();
    {
        let mut records = Records::open(&dir, &covenant, PERIOD).expect("open records");
        records.apply(&all).expect("enter every cell");
    }
    let mut replays = Vec::new();
    for _ in 0..5 {
        let _ = std::fs::remove_file(dir.join("snapshot.json"));
        let start = Instant::now();
        let records = Records::open(&dir, &covenant, PERIOD).expect("open");
        replays.push(start.elapsed());
        // Closing writes the snapshot again: only the opening is timed.
        drop(records);
    }
    replays.sort();
    let replay = median(&replays);

    let recompute = median(&times(50, || {
        std::hint::black_box(
            score::compute(&covenant, PERIOD, &sheet).expect("the engine computes"),
        );
    }));

    let records = Records::open(&dir, &covenant, PERIOD).expect("open");
    let mut app = App::new(Lang::Vi, covenant.clone(), PERIOD, 2026, Box::new(records))
        .expect("the session opens");
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test terminal");
    terminal
        .draw(|f| thidua::tui::view::draw(&app, f))
        .expect("draw");
    let mut n = 0usize;
    let keys = times(1000, || {
        // Right and Down in turn, back up when the last unit is reached.
        let code = match (n % 2, app.unit + 1 == units) {
            (0, _) => KeyCode::Right,
            (_, true) => KeyCode::Home,
            _ => KeyCode::Down,
        };
        n += 1;
        app.key(KeyEvent::new(code, KeyModifiers::NONE));
        terminal
            .draw(|f| thidua::tui::view::draw(&app, f))
            .expect("draw");
    });
    drop(app);

    let keys_pair = KeyPair::generate_unencrypted_keypair().expect("a key pair");
    let out = tempfile::tempdir().expect("temp dir");
    let entries_cells = summary::entries(&covenant, |u, i| thidua::store::Cell {
        value: sheet.get(u, i).cloned(),
        ..Default::default()
    });
    let reps = if units * criteria >= 40_000 { 2 } else { 3 };
    let summary = median(&times(reps, || {
        // Cold, as a summary is issued once: without typst's memoised layout of the last
        // issue, which would make every issue after the first many times faster.
        typst::comemo::evict(0);
        let request = Request {
            year: 2026,
            period: PERIOD,
            number: None,
            date: NaiveDate::from_ymd_opt(2026, 12, 18).expect("a date"),
            // Generated awards may wait for a vote: a draft is the same work.
            provisional: true,
            recipients: None,
            out_dir: out.path().join(format!("{n}")),
        };
        n += 1;
        summary::issue(
            &loaded,
            SessionData {
                entries: entries_cells.clone(),
                frozen_at: Some(now()),
                sections: thidua::synthetic::sections(&loaded.covenant, request.period, 2026),
                ..SessionData::default()
            },
            &request,
            &keys_pair.sk,
            &keys_pair.pk,
            now(),
        )
        .expect("issued");
    }));
    Row {
        units,
        criteria,
        entries,
        load,
        replay,
        recompute,
        key_median: median(&keys),
        key_p99: p99(&keys),
        summary,
    }
}

fn main() {
    // `cargo bench` passes `--bench`; this program takes no arguments.
    println!(
        "| units × criteria | entries | load and validate | replay the journal | full recompute | key and redraw, median | p99 | summary signed |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    let mut rows = Vec::new();
    for (units, criteria) in sizes() {
        let r = measure(units, criteria);
        println!(
            "| {} × {} | {} | {} ms | {} ms | {} ms | {} ms | {} ms | {} ms |",
            r.units,
            r.criteria,
            r.entries,
            ms(r.load),
            ms(r.replay),
            ms(r.recompute),
            ms(r.key_median),
            ms(r.key_p99),
            ms(r.summary)
        );
        rows.push(r);
    }
    println!();
    println!("| target | figure | met |");
    println!("| --- | --- | --- |");
    let check = |what: &str, size: (usize, usize), figure: fn(&Row) -> Duration, limit_ms: u64| {
        if let Some(r) = rows.iter().find(|r| (r.units, r.criteria) == size) {
            let d = figure(r);
            let met = d <= Duration::from_millis(limit_ms);
            println!(
                "| {what}, {} × {}: at most {limit_ms} ms | {} ms | {} |",
                r.units,
                r.criteria,
                ms(d),
                if met { "yes" } else { "**no**" }
            );
        }
    };
    check("full recompute", (200, 500), |r| r.recompute, 5);
    check("key to frame, median", (60, 200), |r| r.key_median, 2);
    check("key to frame, p99", (60, 200), |r| r.key_p99, 5);
    for criteria in [50, 200, 500] {
        check(
            "summary written and signed",
            (60, criteria),
            |r| r.summary,
            1000,
        );
    }
}

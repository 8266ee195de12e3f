//! Opening a session of 200 units × 500 criteria, every cell entered, as the screen and
//! `thidua results` do: the scheme and bloc loaded and checked, the records opened from their
//! snapshot (read, its digest and its proof against the journal checked), and the first results
//! computed. Also each step alone, and the recompute after one entry.
//!
//! Run with `cargo bench --bench opening`; prints a Markdown table. Not part of `cargo test`.

use std::time::{Duration, Instant};

use thidua::model::Period;
use thidua::score;
use thidua::store::load_covenant;
use thidua::store::records::{Records, session_dir};
use thidua::synthetic;

const UNITS: usize = 200;
const CRITERIA: usize = 500;
const PERIOD: Period = Period::YearEnd;
const RUNS: usize = 30;

fn median(mut times: Vec<Duration>) -> (Duration, Duration, Duration) {
    times.sort();
    (times[0], times[times.len() / 2], times[times.len() - 1])
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let bloc_file = synthetic::write_files(root.path(), UNITS, CRITERIA).expect("the files");
    let covenant = load_covenant(&bloc_file).expect("valid files").covenant;
    let dir = session_dir(&root.path().join("records"), "gen", 2026, PERIOD).expect("a folder");
    {
        let sheet = synthetic::full_sheet(&covenant);
        let mut records = Records::open(&dir, &covenant, PERIOD).expect("open");
        records
            .apply(&synthetic::entries(&covenant, &sheet, PERIOD))
            .expect("every cell entered");
        // Dropping the records writes their snapshot.
    }
    let mut whole = Vec::new();
    let mut load = Vec::new();
    let mut open = Vec::new();
    let mut first = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let loaded = load_covenant(&bloc_file).expect("valid files");
        let loaded_at = Instant::now();
        let records = Records::open_to_read(&dir, &loaded.covenant, PERIOD).expect("open");
        let opened_at = Instant::now();
        let results = score::compute(&loaded.covenant, PERIOD, records.sheet()).expect("computes");
        let done = Instant::now();
        std::hint::black_box(results);
        load.push(loaded_at - started);
        open.push(opened_at - loaded_at);
        first.push(done - opened_at);
        whole.push(done - started);
    }
    let sheet = synthetic::full_sheet(&covenant);
    let recompute: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(score::compute(&covenant, PERIOD, &sheet).expect("computes"));
            started.elapsed()
        })
        .collect();
    let context: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(
                score::target_context(&covenant, PERIOD, &sheet).expect("computes"),
            );
            started.elapsed()
        })
        .collect();
    println!();
    println!("{UNITS} units × {CRITERIA} criteria, year-end, every cell entered; {RUNS} runs");
    println!();
    println!("| what | target | median (min–max) |");
    println!("| --- | --- | --- |");
    for (what, target, times) in [
        (
            "opening: load, snapshot and its proof, first results",
            "≤ 40 ms",
            whole,
        ),
        ("of which loading the scheme and bloc", "", load),
        ("of which opening the records", "", open),
        ("of which the first results", "", first),
        ("recompute", "≤ 2 ms", recompute),
        (
            "of which the target criteria's bloc-wide figures",
            "",
            context,
        ),
    ] {
        let (min, mid, max) = median(times);
        println!(
            "| {what} | {target} | {} ({}–{}) |",
            ms(mid),
            ms(min),
            ms(max)
        );
    }
}

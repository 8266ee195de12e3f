//! Figures of the foundation on a generated bloc of 60 units × 200 criteria, fully entered:
//! a full recompute, loading and validating the files, and replaying a 100,000-entry journal.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use thidua::model::{Covenant, Period};
use thidua::score;
use thidua::store::load::{parse_bloc, parse_scheme};
use thidua::store::{Change, Records, Source};
use thidua::synthetic;

const UNITS: usize = 60;
const CRITERIA: usize = 200;

fn load(scheme: &str, bloc: &str) -> Covenant {
    let scheme = parse_scheme(&Source::from_text("gen.ron", scheme)).expect("valid scheme");
    let bloc = parse_bloc(&Source::from_text("gen-bloc.ron", bloc)).expect("valid bloc");
    Covenant::new(bloc, scheme).expect("valid pair")
}

fn benches(c: &mut Criterion) {
    let scheme = synthetic::scheme_ron(CRITERIA);
    let bloc = synthetic::bloc_ron(UNITS, CRITERIA);
    let covenant = load(&scheme, &bloc);
    let sheet = synthetic::full_sheet(&covenant);

    c.bench_function("recompute 60x200 (year-end)", |b| {
        b.iter(|| {
            score::compute(black_box(&covenant), Period::YearEnd, black_box(&sheet))
                .expect("the engine computes")
        })
    });
    c.bench_function("load and validate 60x200", |b| {
        b.iter(|| load(black_box(&scheme), black_box(&bloc)))
    });

    // A journal of 100,000 entries, written once, replayed by opening the records without
    // their snapshot.
    let tmp = tempfile::tempdir().expect("temp dir");
    {
        let mut records = Records::open(tmp.path(), &covenant, Period::YearEnd).expect("open");
        let items = covenant.layout.items.len();
        let changes: Vec<Change> = (0..100_000)
            .map(|n| synthetic::entry(&sheet, (n / items) % UNITS, n % items))
            .collect();
        for chunk in changes.chunks(10_000) {
            records.apply(chunk).expect("apply");
        }
    }
    let snapshot = tmp.path().join("snapshot.json");
    c.bench_function("replay 100k-entry journal", |b| {
        // Closing writes a snapshot: remove it before each open, and let the records drop
        // outside the measurement.
        b.iter_batched(
            || {
                let _ = std::fs::remove_file(&snapshot);
            },
            |()| Records::open(tmp.path(), &covenant, Period::YearEnd).expect("reopen"),
            BatchSize::PerIteration,
        )
    });
}

criterion_group! {
    name = foundation;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(4));
    targets = benches
}
criterion_main!(foundation);

//! Writing and signing a summary (PDF, XLSX, RON, each with its signature) with the key
//! already unlocked: the sample bloc, and a generated bloc of 60 units × 200 criteria. Also
//! the PDF and the spreadsheet alone, to show where the time goes. Every PDF is set cold
//! (typst's memoisation caches emptied before it), as for the one summary a command issues.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use minisign::KeyPair;
use thidua::model::{Period, value};
use thidua::report::document::{self, Edition};
use thidua::report::record::RecordEntry;
use thidua::report::summary::{self, Request, SessionData};
use thidua::report::{pdf, xlsx};
use thidua::score;
use thidua::store::records::{Cell, now};
use thidua::store::{Loaded, load_covenant};
use thidua::synthetic;

/// The sample bloc with the sample year-end scoresheet.
fn sample() -> (Loaded, Vec<RecordEntry>) {
    let loaded = load_covenant(Path::new("blocs/khoi-8.ron")).expect("sample bloc");
    let covenant = &loaded.covenant;
    let mut entries = Vec::new();
    for row in csv::Reader::from_path("tests/data/khoi-8-mid-year.csv")
        .expect("sample scoresheet")
        .records()
    {
        let row = row.expect("a row");
        let item = covenant.layout.index_of(&row[1]).expect("an item");
        entries.push(RecordEntry {
            unit: row[0].to_string(),
            item: row[1].to_string(),
            value: value::parse(&covenant.layout.items[item], &row[2]).expect("a value"),
            note: row.get(3).unwrap_or("").to_string(),
            reason: String::new(),
        });
    }
    (loaded, entries)
}

fn generated(root: &Path) -> (Loaded, Vec<RecordEntry>) {
    let file = synthetic::write_files(root, 60, 200).expect("files");
    let loaded = load_covenant(&file).expect("generated bloc");
    let sheet = synthetic::full_sheet(&loaded.covenant);
    let entries = summary::entries(&loaded.covenant, |u, i| Cell {
        value: sheet.get(u, i).cloned(),
        ..Cell::default()
    });
    (loaded, entries)
}

fn benches(c: &mut Criterion) {
    let keys = KeyPair::generate_unencrypted_keypair().expect("keys");
    let gen_root = tempfile::tempdir().expect("temp dir");
    for (name, (loaded, entries)) in [
        ("sample bloc (8 units)", sample()),
        ("60 units x 200 criteria", generated(gen_root.path())),
    ] {
        let request = |out: &Path| Request {
            year: 2026,
            period: Period::MidYear,
            number: None,
            date: NaiveDate::from_ymd_opt(2026, 7, 5).unwrap(),
            provisional: false,
            recipients: None,
            out_dir: out.to_path_buf(),
        };
        c.bench_function(&format!("summary: three documents signed, {name}"), |b| {
            b.iter_batched(
                || {
                    // Cold: a summary is issued once, without the last issue's memoised layout.
                    typst::comemo::evict(0);
                    tempfile::tempdir().expect("temp dir")
                },
                |out| {
                    summary::issue(
                        &loaded,
                        SessionData {
                            entries: entries.clone(),
                            frozen_at: Some(now()),
                            sections: thidua::synthetic::sections(
                                &loaded.covenant,
                                Period::MidYear,
                                2026,
                            ),
                            ..SessionData::default()
                        },
                        &request(out.path()),
                        &keys.sk,
                        &keys.pk,
                        now(),
                    )
                    .expect("issued");
                    out
                },
                BatchSize::PerIteration,
            )
        });
        let mut sheet = loaded.covenant.empty_sheet();
        for e in &entries {
            let u = loaded.covenant.unit_index(&e.unit).unwrap();
            let i = loaded.covenant.layout.index_of(&e.item).unwrap();
            sheet.set(u, i, Some(e.value.clone()));
        }
        let results =
            score::compute(&loaded.covenant, Period::MidYear, &sheet).expect("the engine computes");
        let edition = Edition {
            year: 2026,
            period: Period::MidYear,
            version: 1,
            number: None,
            date: NaiveDate::from_ymd_opt(2026, 7, 5).unwrap(),
            provisional: false,
            public_key: keys.pk.to_base64(),
            replaces: None,
            pdf_name: "x.pdf".into(),
            sections: thidua::synthetic::sections(&loaded.covenant, Period::MidYear, 2026),
            recipients: Vec::new(),
            election: None,
        };
        let doc = document::document(&loaded.covenant, &results, &edition);
        c.bench_function(&format!("summary: PDF alone, {name}"), |b| {
            b.iter_batched(
                || typst::comemo::evict(0),
                |()| pdf::render(black_box(&doc)).expect("pdf"),
                BatchSize::PerIteration,
            )
        });
        c.bench_function(&format!("summary: XLSX alone, {name}"), |b| {
            b.iter(|| xlsx::workbook(&loaded.covenant, &results, &edition).expect("xlsx"))
        });
    }
}

criterion_group! {
    name = summary_benches;
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(10));
    targets = benches
}
criterion_main!(summary_benches);

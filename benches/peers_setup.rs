//! The files `scripts/bench-peers` measures thidua and its peers on: for each size `UxC` given,
//! a generated bloc of U units × C criteria under `DIR/UxC/` (`blocs/`, `scoring/`), its
//! year-end session with every cell entered (journal and snapshot, as the screen leaves them),
//! and `grid.csv`, the same table as text: one row per unit, one column per criterion, each
//! cell as typed, for VisiData to open and LibreOffice to turn into a PDF.
//!
//! `cargo bench --bench peers_setup -- DIR 60x200 200x500`. Not part of `cargo test`.
//!
//! `… -- pdf DIR/UxC OUT.pdf` writes the report's PDF alone (the document and its annex, as a
//! summary lays them out, unsigned) of a session written before: what the script measures
//! against LibreOffice's PDF of the same table.

use std::fmt::Write as _;
use std::path::Path;

use thidua::model::Period;
use thidua::report::document::{self, Edition};
use thidua::report::pdf;
use thidua::store::load_covenant;
use thidua::store::records::{Records, session_dir};
use thidua::synthetic;

fn main() {
    // `cargo bench` passes `--bench`; the folder and the sizes follow.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if let [mode, folder, out] = &args[..]
        && mode == "pdf"
    {
        pdf_alone(Path::new(folder), Path::new(out));
        return;
    }
    let Some((dir, sizes)) = args.split_first() else {
        eprintln!("usage: cargo bench --bench peers_setup -- DIR UxC...");
        std::process::exit(2);
    };
    for size in sizes {
        let (units, criteria) = size
            .split_once('x')
            .and_then(|(u, c)| Some((u.parse().ok()?, c.parse().ok()?)))
            .unwrap_or_else(|| panic!("not a size: {size}"));
        write(&Path::new(dir).join(size), units, criteria);
        println!("{dir}/{size}");
    }
}

fn pdf_alone(root: &Path, out: &Path) {
    let loaded = load_covenant(&root.join("blocs/gen.ron")).expect("valid files");
    let covenant = &loaded.covenant;
    let dir = session_dir(&root.join("records"), "gen", 2026, Period::YearEnd).expect("a folder");
    let records = Records::open(&dir, covenant, Period::YearEnd).expect("open");
    let results = thidua::session::results(&records).expect("results");
    let edition = Edition {
        year: 2026,
        period: Period::YearEnd,
        version: 1,
        number: None,
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 18).expect("a date"),
        provisional: true,
        public_key: String::new(),
        replaces: None,
        pdf_name: "gen-2026-year-end-v1.pdf".into(),
        sections: Vec::new(),
        recipients: covenant.bloc.recipients.clone(),
        election: None,
    };
    let doc = document::document(covenant, &results, &edition);
    std::fs::write(out, pdf::render(&doc).expect("laid out")).expect("the PDF");
}

fn write(root: &Path, units: usize, criteria: usize) {
    let bloc_file = synthetic::write_files(root, units, criteria).expect("the files");
    let covenant = load_covenant(&bloc_file).expect("valid files").covenant;
    let sheet = synthetic::full_sheet(&covenant);
    let dir = session_dir(&root.join("records"), "gen", 2026, Period::YearEnd).expect("a folder");
    {
        let mut records = Records::open(&dir, &covenant, Period::YearEnd).expect("open");
        records
            .apply(&synthetic::entries(&covenant, &sheet, Period::YearEnd))
            .expect("every cell entered");
        // Closing writes the snapshot, as the screen does.
    }
    let mut csv = String::from("unit");
    for item in &covenant.layout.items {
        let _ = write!(csv, ",{}", item.code);
    }
    csv.push('\n');
    for (u, member) in covenant.bloc.members.iter().enumerate() {
        csv.push_str(&member.id);
        for i in 0..covenant.layout.items.len() {
            let cell = sheet
                .get(u, i)
                .map(thidua::report::document::value_words)
                .unwrap_or_default();
            let _ = write!(csv, ",\"{}\"", cell.replace('"', "\"\""));
        }
        csv.push('\n');
    }
    std::fs::write(root.join("grid.csv"), csv).expect("the CSV");
}

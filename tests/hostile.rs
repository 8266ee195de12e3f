//! The corpus `tests/hostile/`: files a careless or hostile unit, clerk or colleague could send
//! (`make-files.py` there says how each was made). Each is handed to the program as a user
//! would hand it: a scoresheet to `thidua import`, a unit's file to `thidua import-self`, a
//! journal to `thidua results`. Each must be refused or said with its own message in both
//! languages, print a bounded amount, and change nothing. Reading any of them in the program
//! itself stays under 100 MB of memory. (The hostile schemes and blocs in the same folder are
//! checked with the broken files of `tests/invalid_files.rs`.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::Command;

use thidua::model::Period;
use thidua::selfscore::{self, Format, Session};
use thidua::store::load_covenant;

/// Counts the bytes each thread holds, and the most it held, so that a test can measure the
/// memory of what it calls.
struct Counting;

thread_local! {
    static HELD: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = HELD.try_with(|held| {
            let now = held.get() + layout.size();
            held.set(now);
            let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
        });
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let _ = HELD.try_with(|held| held.set(held.get().saturating_sub(layout.size())));
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most this thread held above what it held when `f` started.
fn peak_of(f: impl FnOnce()) -> usize {
    let base = HELD.with(Cell::get);
    PEAK.with(|p| p.set(base));
    f();
    PEAK.with(Cell::get) - base
}

#[derive(Debug, Clone, Copy)]
enum Run {
    /// `thidua import khoi-8 --period mid-year FILE`
    Import,
    /// `thidua import-self khoi-8 --period mid-year FILE`
    ImportSelf,
    /// The journal placed in the session's folder, then `thidua results khoi-8 --period P`.
    Results(Period),
}

struct Case {
    file: &'static str,
    run: Run,
    exit: i32,
    en: &'static [&'static str],
    vi: &'static [&'static str],
}

const BEYOND: (&[&str], &[&str]) = (&["is beyond the limit of"], &["vượt giới hạn"]);

fn cases() -> Vec<Case> {
    use Run::*;
    let case =
        |file, run, exit, (en, vi): (&'static [&'static str], &'static [&'static str])| Case {
            file,
            run,
            exit,
            en,
            vi,
        };
    vec![
        case("csv/achieved-of-28-digits.csv", Import, 1, BEYOND),
        case("csv/achieved-of-40-digits.csv", Import, 1, BEYOND),
        case("csv/count-beyond-the-limit.csv", Import, 1, BEYOND),
        case("csv/count-beyond-32-bits.csv", Import, 1, BEYOND),
        case(
            "csv/too-precise.csv",
            Import,
            1,
            (&["more than 4 decimal places"], &["quá 4 chữ số thập phân"]),
        ),
        case(
            "csv/decimal-comma-unquoted.csv",
            Import,
            1,
            (
                &["\"2,5\"", "in quotes", "with a dot"],
                &["\"2,5\"", "ngoặc kép", "dấu chấm"],
            ),
        ),
        case(
            "csv/unit-of-300000-characters.csv",
            Import,
            1,
            (&["no unit", "xxxx…"], &["không có đơn vị", "xxxx…"]),
        ),
        case(
            "csv/five-hundred-bad-rows.csv",
            Import,
            1,
            (
                &[
                    "line 51:",
                    "… and 450 more problems",
                    "500 rows have problems",
                ],
                &["dòng 51:", "… và 450 lỗi khác nữa"],
            ),
        ),
        case(
            "csv/note-beyond-the-limit.csv",
            Import,
            1,
            (
                &["10399 characters", "limit of 10000"],
                &["10399 ký tự", "giới hạn 10000"],
            ),
        ),
        case(
            "forms/cell-at-xfd1048576.xlsx",
            ImportSelf,
            1,
            (
                &["'Tự chấm'!XFD1048576", "beyond the rows and columns"],
                &["'Tự chấm'!XFD1048576", "nằm ngoài các hàng và cột"],
            ),
        ),
        case(
            "forms/dimension-claims-every-cell.xlsx",
            ImportSelf,
            1,
            (&["not khoi-8"], &["không phải khoi-8"]),
        ),
        case(
            "forms/sheet-bomb.xlsx",
            ImportSelf,
            1,
            (
                &["inflates to more than 32 MiB"],
                &["giải nén ra quá 32 MiB"],
            ),
        ),
        case(
            "forms/shared-strings-bomb.xlsx",
            ImportSelf,
            1,
            (
                &["inflates to more than 32 MiB"],
                &["giải nén ra quá 32 MiB"],
            ),
        ),
        case(
            "forms/sizes-that-lie.xlsx",
            ImportSelf,
            1,
            (&["not a readable Excel"], &["không phải tệp Excel"]),
        ),
        case(
            "forms/three-hundred-parts.xlsx",
            ImportSelf,
            1,
            (&["305 parts", "256"], &["305 phần"]),
        ),
        case(
            "forms/not-a-zip.xlsx",
            ImportSelf,
            1,
            (&["not a readable Excel"], &["không phải tệp Excel"]),
        ),
        case(
            "self-scores/achieved-of-28-digits.csv",
            ImportSelf,
            1,
            BEYOND,
        ),
        case(
            "self-scores/nested-ten-thousand-deep.ron",
            ImportSelf,
            1,
            (
                &["nested-ten-thousand-deep.ron:1:1:"],
                &["nested-ten-thousand-deep.ron:1:1:"],
            ),
        ),
        case(
            "journals/mid-year-value-beyond-the-limit.jsonl",
            Results(Period::MidYear),
            0,
            (
                &[
                    "2 values in the journal no longer fit the scale",
                    "hai-duong / V.4",
                ],
                &["2 giá trị trong nhật ký không còn hợp với thang điểm"],
            ),
        ),
        case(
            "journals/mid-year-line-of-two-mib.jsonl",
            Results(Period::MidYear),
            2,
            (
                &["damaged at line 1", "longer than 1048576 bytes"],
                &["hỏng ở dòng 1"],
            ),
        ),
        case(
            "journals/year-end-vote-that-cannot-be.jsonl",
            Results(Period::YearEnd),
            0,
            (
                &["cannot be true", "4000000000 members present"],
                &["không thể đúng"],
            ),
        ),
    ]
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus(file: &str) -> PathBuf {
    repo().join("tests/hostile").join(file)
}

/// A folder with the sample bloc and scheme, as a bloc head has it.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["blocs", "scoring"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(repo().join(sub)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.path().join(sub).join(entry.file_name())).unwrap();
        }
    }
    dir
}

/// Every file under `dir` with its bytes.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(contents(&path));
        } else {
            out.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    out.sort();
    out
}

/// Runs a case in a fresh workspace in one language; what was wrong with it, if anything.
fn run(case: &Case, lang: &str, words: &[&str]) -> Result<(), String> {
    let ws = workspace();
    let file = corpus(case.file);
    let mut args: Vec<String> = vec!["--lang".into(), lang.into()];
    let records = ws.path().join("records");
    match case.run {
        Run::Import | Run::ImportSelf => {
            let verb = if matches!(case.run, Run::Import) {
                "import"
            } else {
                "import-self"
            };
            args.extend([verb, "khoi-8", "--period", "mid-year"].map(String::from));
            args.push(file.display().to_string());
        }
        Run::Results(period) => {
            let dir = records.join("khoi-8/2026").join(period.slug());
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::copy(&file, dir.join("journal.jsonl")).unwrap();
            args.extend(["results", "khoi-8", "--period", period.slug()].map(String::from));
        }
    }
    let journals = |all: Vec<(PathBuf, Vec<u8>)>| -> Vec<(PathBuf, Vec<u8>)> {
        all.into_iter()
            .filter(|(p, _)| p.ends_with("journal.jsonl"))
            .collect()
    };
    let before = journals(contents(&records));
    let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(&args)
        .current_dir(ws.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut wrong = Vec::new();
    if out.status.code() != Some(case.exit) {
        wrong.push(format!(
            "exit {:?}, expected {}",
            out.status.code(),
            case.exit
        ));
    }
    for w in words {
        if !stderr.contains(w) {
            wrong.push(format!("missing {w:?}"));
        }
    }
    if stderr.len() > 16 << 10 {
        wrong.push(format!("{} bytes of messages", stderr.len()));
    }
    if journals(contents(&records)) != before {
        wrong.push("a journal changed".into());
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} ({lang}): {}\n{}",
            case.file,
            wrong.join("; "),
            thidua::model::text::clip_to(&stderr, 2000)
        ))
    }
}

#[test]
fn every_hostile_file_is_refused_or_said_in_both_languages_and_changes_nothing() {
    let failures: Vec<String> = cases()
        .iter()
        .flat_map(|c| [run(c, "en", c.en), run(c, "vi", c.vi)])
        .filter_map(Result::err)
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_file_of_the_corpus_has_a_case() {
    let listed: Vec<&str> = cases().iter().map(|c| c.file).collect();
    for folder in ["csv", "forms", "self-scores", "journals"] {
        for entry in std::fs::read_dir(corpus(folder)).unwrap() {
            let name = format!("{folder}/{}", entry.unwrap().file_name().to_string_lossy());
            assert!(listed.contains(&name.as_str()), "{name} has no case");
        }
    }
}

#[test]
fn reading_any_hostile_input_stays_under_100_mb() {
    let loaded = load_covenant(&repo().join("blocs/khoi-8.ron")).unwrap();
    let session = Session {
        covenant: &loaded.covenant,
        year: 2026,
        period: Period::MidYear,
    };
    for case in cases() {
        let bytes = std::fs::read(corpus(case.file)).unwrap();
        let peak = peak_of(|| match case.run {
            Run::Import => {
                let _ = thidua::cli::read_csv(&loaded.covenant, Period::MidYear, &bytes);
            }
            Run::ImportSelf => {
                let format = Format::of_name(case.file).unwrap();
                let _ = selfscore::read(format, &session, &bytes);
            }
            Run::Results(_) => {}
        });
        assert!(
            peak < 100 << 20,
            "{}: {} MB held at the peak",
            case.file,
            peak >> 20
        );
    }
}

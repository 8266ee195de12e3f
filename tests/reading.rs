//! Reading a session while the scoring screen has it open: `results` and `log` read it without
//! the lock, write nothing beside it, and say it is open elsewhere; a change from the command
//! line is refused with exit 1, in lines that fit 80 columns, naming the screen's key for it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use thidua::model::Period;
use thidua::store::Records;
use thidua::store::load_covenant;

/// The sample bloc in a folder of its own, its mid-year scored from the sample scoresheet.
struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for sub in ["blocs", "scoring"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
            for f in std::fs::read_dir(root.join(sub)).unwrap() {
                let f = f.unwrap();
                std::fs::copy(f.path(), dir.path().join(sub).join(f.file_name())).unwrap();
            }
        }
        let desk = Desk { dir };
        let csv = root.join("tests/data/khoi-8-mid-year.csv");
        let out = desk.run(&[
            "import",
            "khoi-8",
            "--period",
            "mid-year",
            csv.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        desk
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }

    fn session(&self) -> PathBuf {
        self.dir.path().join("records/khoi-8/2026/mid-year")
    }

    /// The session held open, as the scoring screen holds it.
    fn hold(&self) -> Records {
        let covenant = load_covenant(&self.dir.path().join("blocs/khoi-8.ron"))
            .unwrap()
            .covenant;
        Records::open(&self.session(), &covenant, Period::MidYear).unwrap()
    }

    /// Every file of the session's folder with its bytes.
    fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(self.session())
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn results_and_log_read_a_session_the_screen_has_open_and_write_nothing() {
    let desk = Desk::new();
    let free: Vec<Output> = [
        ["results", "khoi-8", "--period", "mid-year"].as_slice(),
        ["log", "khoi-8", "--period", "mid-year"].as_slice(),
    ]
    .iter()
    .map(|args| desk.run(args))
    .collect();
    let held = desk.hold();
    let before = desk.files();
    for (args, free) in [
        ["results", "khoi-8", "--period", "mid-year"].as_slice(),
        ["log", "khoi-8", "--period", "mid-year"].as_slice(),
    ]
    .iter()
    .zip(&free)
    {
        let out = desk.run(args);
        let said = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {said}");
        assert!(said.contains("phiên đang mở ở nơi khác"), "{said}");
        assert!(
            said.contains(&format!("pid {}", std::process::id())),
            "{said}"
        );
        assert_eq!(text(&out.stdout), text(&free.stdout), "{args:?}");
        // Nothing written beside the records: no lock taken, no snapshot, no holder's name.
        assert_eq!(desk.files(), before, "{args:?}");
    }
    drop(held);
}

#[test]
fn reading_leaves_a_line_still_being_written_to_its_writer() {
    let desk = Desk::new();
    let held = desk.hold();
    let journal = desk.session().join("journal.jsonl");
    let mut bytes = std::fs::read(&journal).unwrap();
    // The holder is in the middle of writing a line.
    bytes.extend_from_slice(b"{\"seq\":999,\"at\":\"2026-07-05T10:");
    std::fs::write(&journal, &bytes).unwrap();
    let out = desk.run(&["--lang", "en", "results", "khoi-8", "--period", "mid-year"]);
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(
        !said.contains("torn") && !said.contains("cut off"),
        "{said}"
    );
    assert_eq!(
        std::fs::read(&journal).unwrap(),
        bytes,
        "nothing cut or set aside"
    );
    drop(held);
}

#[test]
fn a_change_from_the_command_line_names_the_screens_key_in_80_columns() {
    let desk = Desk::new();
    let held = desk.hold();
    for (lang, args, key) in [
        (
            "vi",
            ["freeze", "khoi-8", "--period", "mid-year"].as_slice(),
            Some("F8"),
        ),
        (
            "en",
            ["freeze", "khoi-8", "--period", "mid-year"].as_slice(),
            Some("F8"),
        ),
        (
            "vi",
            ["reopen", "khoi-8", "--period", "mid-year", "--reason", "x"].as_slice(),
            Some("F8"),
        ),
        (
            "en",
            ["import-self", "khoi-8", "--period", "mid-year", "x.csv"].as_slice(),
            None,
        ),
    ] {
        if args[0] == "import-self" {
            std::fs::write(
                desk.dir.path().join("x.csv"),
                "unit,criterion,value\nthanh-dong,I.1.4,HTT\n",
            )
            .unwrap();
        }
        let mut all = vec!["--lang", lang];
        all.extend(args);
        let out = desk.run(&all);
        let said = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {said}");
        for line in said.lines() {
            assert!(
                line.chars().count() <= 80,
                "{} columns: {line}",
                line.chars().count()
            );
        }
        match key {
            Some(key) => assert!(said.contains(&format!("{key})")), "{said}"),
            None => assert!(
                said.contains("close that screen and run the command again"),
                "{said}"
            ),
        }
        let (open, what) = match lang {
            "vi" => ("đang mở ở nơi khác", "màn hình đó"),
            _ => ("open elsewhere", "that screen"),
        };
        assert!(said.contains(open) && said.contains(what), "{said}");
    }
    drop(held);
    // Let go, the same change is made.
    let out = desk.run(&["freeze", "khoi-8", "--period", "mid-year"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn a_session_never_opened_reads_as_empty_without_a_folder_made() {
    let desk = Desk::new();
    let out = desk.run(&["results", "khoi-8", "--period", "year-end"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("0/"), "{}", text(&out.stdout));
    assert!(
        !desk
            .dir
            .path()
            .join("records/khoi-8/2026/year-end")
            .exists()
    );
}

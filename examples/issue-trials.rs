//! Issuing trials: the real program signs a summary of a generated bloc, again and again, and is
//! killed with SIGKILL at random moments: before it writes anything, between the files of a
//! version, after the record but before its signature, after everything. After each kill every
//! version in `summaries/` must be issued whole or not at all: an issued version (its record's
//! signature exists) passes `thidua verify` file by file; every file of a version that was not
//! issued fails it. No file may be empty or half-written, an issued version never changes or
//! moves, the next run moves the versions that were not issued into `summaries/not-issued/` and
//! says so, and the issued versions are numbered without gaps, each replacing the one before.
//!
//! Run by `scripts/issue-trials` (which builds the release binary first):
//!
//! ```sh
//! cargo run --features crash-trials --example issue-trials -- BINARY [TRIALS] [SEED]
//! ```
//!
//! Built only with the `crash-trials` feature, so that `cargo test` neither builds nor runs it.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::os::unix::fs::{DirEntryExt, MetadataExt};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

use thidua::model::Period;
use thidua::report::record::Record;
use thidua::store::sha256_hex;

const UNITS: usize = 30;
const CRITERIA: usize = 50;
const BLOC: &str = "gen";
/// The names of a version's files start with this, then the version number.
const PREFIX: &str = "gen-2026-mid-year-v";
/// A version's files, in the order the program writes them.
const ORDER: [&str; 6] = [
    "pdf",
    "pdf.minisig",
    "xlsx",
    "xlsx.minisig",
    "ron",
    "ron.minisig",
];
const NOT_ISSUED: &str = "not-issued";
/// Runs made to measure how long a summary takes, before the trials.
const CALIBRATION_RUNS: usize = 3;
/// After every this many trials, a summary runs to its end.
const COMPLETE_EVERY: usize = 10;

/// A small xorshift generator: the trials are repeatable from their seed (not their timing).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The folder of the trials and the way to run the binary in it.
struct Desk {
    binary: PathBuf,
    root: PathBuf,
}

impl Desk {
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(&self.binary);
        command
            .arg("--lang")
            .arg("en")
            .args(args)
            .current_dir(&self.root)
            // The key is named on the command line; nothing of the user's config is read.
            .env("XDG_CONFIG_HOME", self.root.join("config"))
            .stdin(Stdio::null());
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("the binary runs")
    }

    /// Runs a command that must succeed.
    fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "thidua {}: {}\n{}{}",
            args.join(" "),
            out.status,
            text(&out.stdout),
            text(&out.stderr)
        );
        out
    }

    fn summaries(&self) -> PathBuf {
        self.root.join("summaries")
    }

    /// `thidua summary`, its output into files (a killed program's pipes need no reader).
    fn spawn_summary(&self, provisional: bool, out: Option<&str>, log: &str) -> Child {
        let mut args = vec![
            "summary",
            BLOC,
            "--period",
            "mid-year",
            "--password-file",
            "pw",
            "--key",
            "key/thidua.key",
        ];
        if provisional {
            args.push("--provisional");
        }
        if let Some(out) = out {
            args.extend(["--out", out]);
        }
        let stdout = fs::File::create(self.root.join(format!("{log}.out"))).unwrap();
        let stderr = fs::File::create(self.root.join(format!("{log}.err"))).unwrap();
        self.command(&args)
            .stdout(stdout)
            .stderr(stderr)
            .spawn()
            .expect("the binary starts")
    }

    fn log(&self, log: &str) -> (String, String) {
        let read = |ext: &str| {
            fs::read_to_string(self.root.join(format!("{log}.{ext}"))).unwrap_or_default()
        };
        (read("out"), read("err"))
    }

    /// `thidua verify` on `files` (names in `summaries/`): its exit code and what it printed.
    fn verify(&self, files: &[String]) -> (Option<i32>, String) {
        let mut args = vec!["verify", "--pubkey-file", "key/thidua.pub"];
        let paths: Vec<String> = files.iter().map(|f| format!("summaries/{f}")).collect();
        args.extend(paths.iter().map(String::as_str));
        let out = self.run(&args);
        (
            out.status.code(),
            format!("{}{}", text(&out.stdout), text(&out.stderr)),
        )
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The version and extension of a version's file name.
fn parse_name(name: &str) -> Option<(u32, &'static str)> {
    let rest = name.strip_prefix(PREFIX)?;
    let (number, ext) = rest.split_once('.')?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ext = ORDER.iter().find(|e| **e == ext)?;
    Some((number.parse().ok()?, ext))
}

fn stem(version: u32) -> String {
    format!("{PREFIX}{version}")
}

/// A file in `summaries/` by name and inode: a file moved keeps its inode, a file written anew
/// takes another.
type Entry = (String, u64);

/// The entries of `summaries/` (its `not-issued/` folder left out).
fn listing(dir: &Path) -> BTreeSet<Entry> {
    match fs::read_dir(dir) {
        Ok(list) => list
            .map(|e| {
                let e = e.unwrap();
                (e.file_name().to_string_lossy().into_owned(), e.ino())
            })
            .filter(|(name, _)| name != NOT_ISSUED)
            .collect(),
        Err(_) => BTreeSet::new(),
    }
}

/// A temporary file of a write that was cut short (`.NAME.RANDOM.tmp`).
fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}

/// The version a temporary file was being written for: it goes aside with that version.
fn temporary_version(name: &str) -> Option<u32> {
    let target = thidua::store::durable::temporary_of(name)?;
    parse_name(target).map(|(version, _)| version)
}

/// Why a file of a version is empty or not whole, if it is.
fn damage(path: &Path, ext: &str) -> Option<String> {
    let bytes = fs::read(path).ok()?;
    if bytes.is_empty() {
        return Some("empty".into());
    }
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let contains = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    match ext {
        "pdf" if !bytes.starts_with(b"%PDF-") || !contains(tail, b"%%EOF") => {
            Some("not a whole PDF".into())
        }
        // The end of a zip's central directory closes a whole workbook.
        "xlsx" if !bytes.starts_with(b"PK\x03\x04") || !contains(tail, b"PK\x05\x06") => {
            Some("not a whole workbook".into())
        }
        "ron" => match std::str::from_utf8(&bytes).map(Record::from_ron) {
            Ok(Ok(_)) => None,
            Ok(Err(e)) => Some(format!("the record does not read: {e}")),
            Err(e) => Some(format!("the record is not UTF-8: {e}")),
        },
        _ if ext.ends_with(".minisig") => {
            match std::str::from_utf8(&bytes).map(minisign_verify::Signature::decode) {
                Ok(Ok(_)) => None,
                Ok(Err(e)) => Some(format!("the signature does not parse: {e}")),
                Err(e) => Some(format!("the signature is not UTF-8: {e}")),
            }
        }
        _ => None,
    }
}

/// What the killed run had written of its own version when it died.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Stage {
    Nothing,
    SomeDocuments,
    RecordUnsigned,
    WholeVersion,
    /// The run ended on its own before the kill came.
    Finished,
}

impl Stage {
    fn label(self) -> &'static str {
        match self {
            Stage::Nothing => "killed before any file of its version existed",
            Stage::SomeDocuments => "killed with some documents written, no record",
            Stage::RecordUnsigned => "killed with the record written, not its signature",
            Stage::WholeVersion => "killed with the whole version written",
            Stage::Finished => "ended on its own before the kill",
        }
    }
}

#[derive(Default)]
struct Figures {
    trials: usize,
    provisional: usize,
    uniform: usize,
    stages: BTreeMap<Stage, usize>,
    /// Kills that left a temporary file in `summaries/`.
    temporaries: usize,
    /// Runs let go to their end between trials.
    completed: usize,
    /// Kills that left files of a version without its record's signature.
    left_unissued: usize,
    notices_expected: usize,
    notices_shown: usize,
    issued_files_verified: usize,
    unissued_files_refused: usize,
    /// ... of which `verify` called "NOT ISSUED" (a document whose signature holds).
    said_not_issued: usize,
    // Failures: each must stay 0.
    issued_in_part: usize,
    damaged: usize,
    issued_changed: usize,
    numbering: usize,
    out_of_order: usize,
    notices_missing: usize,
    lost_aside: usize,
    strays: usize,
}

impl Figures {
    fn failures(&self) -> usize {
        self.issued_in_part
            + self.damaged
            + self.issued_changed
            + self.numbering
            + self.out_of_order
            + self.notices_missing
            + self.lost_aside
            + self.strays
    }
}

/// A file of an issued version as it was first checked.
struct Issued {
    name: String,
    sha256: String,
    inode: u64,
    len: u64,
    modified: std::time::SystemTime,
}

impl Issued {
    fn read(dir: &Path, name: &str) -> Option<Issued> {
        let bytes = fs::read(dir.join(name)).ok()?;
        let meta = fs::metadata(dir.join(name)).ok()?;
        Some(Issued {
            name: name.to_string(),
            sha256: sha256_hex(&bytes),
            inode: meta.ino(),
            len: meta.len(),
            modified: meta.modified().ok()?,
        })
    }

    /// Whether the file is still the same: by its bytes when `fully`, else by its inode, size
    /// and time of change.
    fn unchanged(&self, dir: &Path, fully: bool) -> bool {
        if fully {
            return fs::read(dir.join(&self.name)).is_ok_and(|b| sha256_hex(&b) == self.sha256);
        }
        fs::metadata(dir.join(&self.name)).is_ok_and(|m| {
            m.ino() == self.inode && m.len() == self.len && m.modified().ok() == Some(self.modified)
        })
    }
}

/// What the trials know of the summaries folder between runs.
#[derive(Default)]
struct Known {
    /// Issued versions already checked, with each of their six files as it was then.
    issued: BTreeMap<u32, Vec<Issued>>,
    /// The files of each version left unissued by a kill, to find again under `not-issued/`.
    unissued: Vec<(u32, BTreeSet<Entry>)>,
}

/// Checks `summaries/` after a run: every file whole, every version issued whole or not at all,
/// issued versions unchanged and numbered without gaps. `before` is the listing before the run;
/// returns the stage the run reached (by the files it wrote: new names or new inodes). The
/// issued versions checked before are read again whole when `fully`.
fn check(
    desk: &Desk,
    trial: &str,
    before: &BTreeSet<Entry>,
    fully: bool,
    known: &mut Known,
    figures: &mut Figures,
) -> (Stage, BTreeSet<Entry>) {
    let dir = desk.summaries();
    let now = listing(&dir);
    let mut versions: BTreeMap<u32, BTreeMap<&'static str, String>> = BTreeMap::new();
    let checked: HashSet<&str> = known
        .issued
        .values()
        .flatten()
        .map(|f| f.name.as_str())
        .collect();
    for (name, _) in &now {
        if is_temporary(name) {
            // Part of its version (not issued), never checked as a document.
            if let Some(version) = temporary_version(name) {
                versions
                    .entry(version)
                    .or_default()
                    .insert("tmp", name.clone());
            }
            continue;
        }
        match parse_name(name) {
            Some((version, ext)) => {
                versions
                    .entry(version)
                    .or_default()
                    .insert(ext, name.clone());
                if checked.contains(name.as_str()) {
                    continue;
                }
                if let Some(why) = damage(&dir.join(name), ext) {
                    figures.damaged += 1;
                    eprintln!("{trial}: {name} is {why}");
                }
            }
            None => {
                figures.strays += 1;
                eprintln!("{trial}: a file that is no version's: {name}");
            }
        }
    }
    if now
        .iter()
        .any(|(n, _)| is_temporary(n) && !before.iter().any(|(b, _)| b == n))
    {
        figures.temporaries += 1;
    }
    // What the run left, its temporary file included: all of it must go aside with its version.
    let new: BTreeSet<Entry> = now
        .iter()
        .filter(|e| !before.contains(e))
        .cloned()
        .collect();
    // The run writes one version's files in order: what it left is a first part of that order.
    let written: Vec<&'static str> = new
        .iter()
        .filter_map(|(n, _)| parse_name(n))
        .map(|(_, e)| e)
        .collect();
    let new_versions: BTreeSet<u32> = new
        .iter()
        .filter_map(|(n, _)| parse_name(n))
        .map(|(v, _)| v)
        .collect();
    if new_versions.len() > 1 || !ORDER[..written.len()].iter().all(|e| written.contains(e)) {
        figures.out_of_order += 1;
        eprintln!("{trial}: the run left {new:?}");
    }
    let stage = if written.contains(&"ron.minisig") {
        Stage::WholeVersion
    } else if written.contains(&"ron") {
        Stage::RecordUnsigned
    } else if written.is_empty() {
        Stage::Nothing
    } else {
        Stage::SomeDocuments
    };

    for (&version, files) in &versions {
        let issued = files.contains_key("ron.minisig");
        if issued {
            let names: Vec<String> = ORDER
                .iter()
                .map(|e| format!("{}.{e}", stem(version)))
                .collect();
            if let Some(files) = known.issued.get(&version) {
                // Checked when it appeared: it must not have changed since.
                for file in files {
                    if !file.unchanged(&dir, fully) {
                        figures.issued_changed += 1;
                        eprintln!("{trial}: issued {} changed or is gone", file.name);
                    }
                }
                continue;
            }
            let (code, said) = desk.verify(&names);
            if code != Some(0) {
                figures.issued_in_part += 1;
                eprintln!(
                    "{trial}: version {version} is issued (its record is signed) but does not \
                     verify whole; files {:?}; exit {code:?}:\n{said}",
                    files.values().collect::<Vec<_>>()
                );
            }
            figures.issued_files_verified += names.len();
            // Numbered without gaps, each replacing the one before by name and hash.
            let record = fs::read_to_string(dir.join(format!("{}.ron", stem(version))))
                .ok()
                .and_then(|t| Record::from_ron(&t).ok());
            let expected_replaces = known.issued.get(&(version - 1)).map(|files| {
                let record = files.iter().find(|f| f.name.ends_with(".ron")).unwrap();
                (record.name.clone(), record.sha256.clone())
            });
            let numbered = version as usize == known.issued.len() + 1
                && known.issued.keys().next_back().copied().unwrap_or(0) + 1 == version;
            let replaces = record.as_ref().map(|r| {
                r.replaces
                    .as_ref()
                    .map(|h| (h.file.clone(), h.sha256.clone()))
            });
            if !numbered || replaces != Some(expected_replaces.clone()) {
                figures.numbering += 1;
                eprintln!(
                    "{trial}: version {version} after {:?}; it replaces {replaces:?}, expected {expected_replaces:?}",
                    known.issued.keys().collect::<Vec<_>>()
                );
            }
            let files = names.iter().filter_map(|n| Issued::read(&dir, n)).collect();
            known.issued.insert(version, files);
        } else {
            // Not issued: every document and record of it must fail.
            for ext in ["pdf", "xlsx", "ron"] {
                let Some(name) = files.get(ext) else { continue };
                let (code, said) = desk.verify(std::slice::from_ref(name));
                if code == Some(0) {
                    figures.issued_in_part += 1;
                    eprintln!(
                        "{trial}: {name} passes verify, but its version has no signed record; \
                         files {:?}:\n{said}",
                        files.values().collect::<Vec<_>>()
                    );
                } else {
                    figures.unissued_files_refused += 1;
                    if said.contains("NOT ISSUED") {
                        figures.said_not_issued += 1;
                    }
                }
            }
        }
    }
    // An issued version stays where it is.
    for version in known.issued.keys() {
        if !versions
            .get(version)
            .is_some_and(|f| f.contains_key("ron.minisig"))
        {
            figures.issued_changed += 1;
            eprintln!("{trial}: issued version {version} is gone");
        }
    }
    (stage, new)
}

/// The folders under `summaries/not-issued/`, each with the entries it holds.
fn set_aside(dir: &Path) -> BTreeMap<String, BTreeSet<Entry>> {
    let Ok(list) = fs::read_dir(dir.join(NOT_ISSUED)) else {
        return BTreeMap::new();
    };
    list.map(|e| {
        let e = e.unwrap();
        let files = fs::read_dir(e.path())
            .unwrap()
            .map(|f| {
                let f = f.unwrap();
                (f.file_name().to_string_lossy().into_owned(), f.ino())
            })
            .collect();
        (e.file_name().to_string_lossy().into_owned(), files)
    })
    .collect()
}

/// The versions that have files in `summaries/` but no signed record.
fn unissued(listing: &BTreeSet<Entry>) -> BTreeSet<u32> {
    let mut versions: BTreeMap<u32, bool> = BTreeMap::new();
    for (name, _) in listing {
        if let Some((v, ext)) = parse_name(name) {
            *versions.entry(v).or_default() |= ext == "ron.minisig";
        } else if let Some(v) = temporary_version(name) {
            versions.entry(v).or_default();
        }
    }
    versions
        .into_iter()
        .filter(|(_, issued)| !issued)
        .map(|(v, _)| v)
        .collect()
}

/// A summary let go to its end: it must succeed, say which versions it moved aside, and issue
/// the next version.
fn complete(desk: &Desk, label: &str, known: &mut Known, figures: &mut Figures, provisional: bool) {
    let dir = desk.summaries();
    let before = listing(&dir);
    let pending = unissued(&before);
    let mut child = desk.spawn_summary(provisional, None, "complete");
    let status = child.wait().expect("waitpid");
    let (stdout, stderr) = desk.log("complete");
    assert!(status.success(), "{label}: {status}\n{stdout}{stderr}");
    let next = known.issued.keys().next_back().copied().unwrap_or(0) + 1;
    if !stdout.contains(&format!("version {next}")) {
        figures.numbering += 1;
        eprintln!("{label}: expected version {next}:\n{stdout}");
    }
    for version in &pending {
        figures.notices_expected += 1;
        let notice = stderr.lines().find(|l| {
            l.contains(&format!("version {version} was never issued"))
                && l.contains("its files were moved to")
        });
        match notice {
            Some(line) => {
                figures.notices_shown += 1;
                let folder = line.rsplit("moved to ").next().unwrap_or_default().trim();
                let folder = Path::new(folder);
                let folder = if folder.is_absolute() {
                    folder.to_path_buf()
                } else {
                    desk.root.join(folder)
                };
                if !folder.is_dir() || !folder.starts_with(dir.join(NOT_ISSUED)) {
                    figures.notices_missing += 1;
                    eprintln!(
                        "{label}: the notice names {}, not a folder under not-issued/",
                        folder.display()
                    );
                }
            }
            None => {
                figures.notices_missing += 1;
                eprintln!("{label}: no notice that version {version} was moved aside:\n{stderr}");
            }
        }
    }
    if pending.is_empty() && stderr.contains("was never issued") {
        figures.notices_missing += 1;
        eprintln!("{label}: a notice with nothing to move:\n{stderr}");
    }
    let (stage, _) = check(desk, label, &before, true, known, figures);
    assert_eq!(stage, Stage::WholeVersion, "{label}: a run to its end");
    if !unissued(&listing(&dir)).is_empty() {
        figures.notices_missing += 1;
        eprintln!("{label}: versions not issued are still there after a whole run");
    }
    figures.completed += 1;
}

/// Watches a summaries folder for a run to start writing its version: a temporary file not
/// there before, or the version's PDF under its name as a new file (the files of a version that
/// was not issued, moved aside, may have had the same names).
struct Watch {
    dir: PathBuf,
    temporaries: HashSet<String>,
    pdf: PathBuf,
    pdf_before: Option<u64>,
}

impl Watch {
    fn new(dir: &Path, version: u32) -> Watch {
        let pdf = dir.join(format!("{}.pdf", stem(version)));
        Watch {
            dir: dir.to_path_buf(),
            temporaries: listing(dir)
                .into_iter()
                .map(|(n, _)| n)
                .filter(|n| is_temporary(n))
                .collect(),
            pdf_before: fs::metadata(&pdf).ok().map(|m| m.ino()),
            pdf,
        }
    }

    /// Cheap enough to call every tenth of a millisecond beside a folder of thousands of files.
    fn writing(&self) -> bool {
        let pdf = fs::metadata(&self.pdf).ok().map(|m| m.ino());
        if pdf.is_some() && pdf != self.pdf_before {
            return true;
        }
        fs::read_dir(&self.dir).is_ok_and(|list| {
            list.flatten().any(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                is_temporary(&name) && !self.temporaries.contains(name.as_ref())
            })
        })
    }
}

/// Times of a whole summary, measured by watching the folder it writes into.
struct Timing {
    /// Start to exit.
    whole: Duration,
    /// From the first file it writes (a temporary one) to exit.
    writing: Duration,
}

fn calibrate(desk: &Desk) -> Timing {
    let mut whole = Duration::ZERO;
    let mut writing = Duration::ZERO;
    let out = desk.root.join("calibration");
    for run in 0..CALIBRATION_RUNS {
        let watch = Watch::new(&out, run as u32 + 1);
        let started = Instant::now();
        let mut child = desk.spawn_summary(false, Some("calibration"), "calibration");
        let mut first = None;
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if first.is_none() && watch.writing() {
                first = Some(Instant::now());
            }
            std::thread::sleep(Duration::from_micros(100));
        };
        let ended = Instant::now();
        let (stdout, stderr) = desk.log("calibration");
        assert!(status.success(), "calibration: {status}\n{stdout}{stderr}");
        let first = first.expect("a file appeared");
        eprintln!(
            "calibration run {}: {:.0} ms, writing the files {:.1} ms",
            run + 1,
            (ended - started).as_secs_f64() * 1e3,
            (ended - first).as_secs_f64() * 1e3
        );
        whole = whole.max(ended - started);
        writing = writing.max(ended - first);
    }
    fs::remove_dir_all(&out).unwrap();
    Timing { whole, writing }
}

/// Sets up the bloc, every cell scored, the session frozen and a key, in `root`.
fn set_up(desk: &Desk) {
    let root = &desk.root;
    let bloc_file = thidua::synthetic::write_files(root, UNITS, CRITERIA).expect("the bloc");
    let covenant = thidua::store::load_covenant(&bloc_file)
        .unwrap_or_else(|e| panic!("the generated bloc: {e:?}"))
        .covenant;
    let sheet = thidua::synthetic::full_sheet(&covenant);
    let mut csv = String::from("unit,criterion,value\n");
    for (u, member) in covenant.bloc.members.iter().enumerate() {
        for (i, item) in covenant.layout.items.iter().enumerate() {
            if let Some(value) = sheet
                .get(u, i)
                .filter(|_| item.is_scored_in(Period::MidYear))
            {
                csv.push_str(&format!(
                    "{},{},{}\n",
                    member.id,
                    item.code,
                    value.to_text()
                ));
            }
        }
    }
    fs::write(root.join("scores.csv"), csv).unwrap();
    desk.ok(&["import", BLOC, "--period", "mid-year", "scores.csv"]);
    desk.ok(&["freeze", BLOC, "--period", "mid-year"]);
    // The report's written sections, which a final summary needs.
    for id in ["ket-qua-noi-bat", "ton-tai-han-che", "phuong-huong"] {
        let file = format!("{id}.txt");
        fs::write(root.join(&file), format!("Nội dung mục {id}.\n")).unwrap();
        desk.ok(&["text", BLOC, "--period", "mid-year", "--section", id, &file]);
    }
    fs::write(root.join("pw"), "mật khẩu thử\n").unwrap();
    desk.ok(&["keygen", "--key", "key/thidua.key", "--password-file", "pw"]);
    // Every cell entered: a final summary is possible.
    let results = desk.ok(&["results", BLOC, "--period", "mid-year", "--format", "csv"]);
    let table = text(&results.stdout);
    let missing: Vec<usize> = table
        .lines()
        .skip(1)
        .filter_map(|l| l.rsplit(',').next()?.trim().parse().ok())
        .collect();
    assert!(
        missing.len() == UNITS && missing.iter().all(|m| *m == 0),
        "cells left unscored:\n{table}"
    );
}

fn killed_by_sigkill(status: ExitStatus) -> bool {
    status.signal() == Some(9)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let binary = std::path::absolute(PathBuf::from(
        args.get(1)
            .expect("usage: issue-trials BINARY [TRIALS] [SEED]"),
    ))
    .expect("the binary's path");
    let trials: usize = args.get(2).map_or(200, |t| t.parse().expect("TRIALS"));
    let seed: u64 = args.get(3).map_or(2026, |s| s.parse().expect("SEED"));
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);

    let work = tempfile::tempdir().expect("a temporary folder");
    let desk = Desk {
        binary,
        root: work.path().to_path_buf(),
    };
    let started = Instant::now();
    set_up(&desk);
    let timing = calibrate(&desk);

    let dir = desk.summaries();
    let mut figures = Figures::default();
    let mut known = Known::default();
    let whole_us = timing.whole.as_micros() as u64 * 11 / 10;
    let writing_us = timing.writing.as_micros() as u64 * 5 / 4;
    for trial in 0..trials {
        let label = format!("trial {trial}");
        let provisional = rng.below(4) == 0;
        // Half the kills fall anywhere in a run; the others in the few milliseconds it writes
        // its files, counted from the first new name in the folder.
        let uniform = rng.below(2) == 0;
        let delay = Duration::from_micros(rng.below(if uniform { whole_us } else { writing_us }));
        let before = listing(&dir);
        let next = known.issued.keys().next_back().copied().unwrap_or(0) + 1;
        let watch = Watch::new(&dir, next);
        let mut child = desk.spawn_summary(provisional, None, "trial");
        let spawned = Instant::now();
        if !uniform {
            let deadline = spawned + timing.whole * 10;
            while !watch.writing() {
                if child.try_wait().unwrap().is_some() || Instant::now() > deadline {
                    let (stdout, stderr) = desk.log("trial");
                    panic!("{label}: the run was not seen writing:\n{stdout}{stderr}");
                }
                std::thread::sleep(Duration::from_micros(100));
            }
        }
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().expect("waitpid");
        let finished = !killed_by_sigkill(status);
        if finished {
            let (stdout, stderr) = desk.log("trial");
            assert!(status.success(), "{label}: {status}\n{stdout}{stderr}");
        }
        let (stage, new) = check(&desk, &label, &before, false, &mut known, &mut figures);
        let stage = if finished {
            assert_eq!(stage, Stage::WholeVersion, "{label}: a run that ended");
            Stage::Finished
        } else {
            stage
        };
        // Anything a killed run left (documents, a record, or only the file it was writing) is
        // a version not issued, for the next run to move aside.
        let left = new.iter().find_map(|(n, _)| {
            parse_name(n)
                .map(|(v, _)| v)
                .or_else(|| temporary_version(n))
        });
        if let (Stage::Nothing | Stage::SomeDocuments | Stage::RecordUnsigned, Some(version)) =
            (stage, left)
        {
            known.unissued.push((version, new));
            figures.left_unissued += 1;
        }
        *figures.stages.entry(stage).or_default() += 1;
        figures.uniform += usize::from(uniform);
        figures.provisional += usize::from(provisional);
        figures.trials += 1;

        if (trial + 1) % COMPLETE_EVERY == 0 || trial + 1 == trials {
            let provisional = rng.below(4) == 0;
            complete(
                &desk,
                &format!("{label}, then a whole run"),
                &mut known,
                &mut figures,
                provisional,
            );
        }
    }

    // Every version a kill left unissued is under not-issued/, each file where a run moved it.
    let aside = set_aside(&dir);
    let moved: HashSet<&Entry> = aside.values().flatten().collect();
    for (version, files) in &known.unissued {
        for file in files {
            if !moved.contains(file) {
                figures.lost_aside += 1;
                eprintln!("version {version}: {} was not moved aside", file.0);
            }
        }
    }
    if moved.len() != known.unissued.iter().map(|(_, f)| f.len()).sum::<usize>() {
        figures.lost_aside += 1;
        eprintln!("not-issued/ holds files no kill left: {aside:?}");
    }
    let temporaries = listing(&dir)
        .iter()
        .filter(|(n, _)| is_temporary(n))
        .count();

    let f = &figures;
    let n = |x: usize| x.to_string();
    let mut rows: Vec<(String, String)> = vec![(
        "trials".into(),
        format!(
            "{} ({} final, {} provisional; killed at any moment of the run {}, while it writes {})",
            f.trials,
            f.trials - f.provisional,
            f.provisional,
            f.uniform,
            f.trials - f.uniform
        ),
    )];
    for stage in [
        Stage::Nothing,
        Stage::SomeDocuments,
        Stage::RecordUnsigned,
        Stage::WholeVersion,
        Stage::Finished,
    ] {
        rows.push((
            format!("– {}", stage.label()),
            n(f.stages.get(&stage).copied().unwrap_or(0)),
        ));
    }
    rows.extend([
        (
            "kills that left a temporary file (`.NAME.*.tmp`)".into(),
            format!(
                "{} ({} in summaries/ at the end)",
                f.temporaries, temporaries
            ),
        ),
        (
            "runs let go to their end between trials".into(),
            n(f.completed),
        ),
        ("versions issued".into(), n(known.issued.len())),
        (
            "versions left not issued by a kill".into(),
            n(f.left_unissued),
        ),
        (
            "versions set aside by the next run (folders under not-issued/)".into(),
            n(aside.len()),
        ),
        (
            "notices of versions moved aside (whole runs)".into(),
            format!("{} expected, {} shown", f.notices_expected, f.notices_shown),
        ),
        (
            "files of issued versions verified (exit 0)".into(),
            n(f.issued_files_verified),
        ),
        (
            "files of versions not issued refused by verify".into(),
            format!(
                "{} ({} said NOT ISSUED)",
                f.unissued_files_refused, f.said_not_issued
            ),
        ),
        ("files empty or half-written".into(), n(f.damaged)),
        (
            "issued versions changed or moved afterwards".into(),
            n(f.issued_changed),
        ),
        (
            "gaps or wrong replacements in the numbering".into(),
            n(f.numbering),
        ),
        (
            "**versions issued in part**".into(),
            format!("**{}**", f.issued_in_part),
        ),
        (
            "time".into(),
            format!("{:.0} s", started.elapsed().as_secs_f64()),
        ),
    ]);
    println!(
        "issuing trials: {} trials, seed {seed}; bloc {UNITS} units × {CRITERIA} criteria; a whole summary {:.0} ms, its files written in {:.1} ms",
        f.trials,
        timing.whole.as_secs_f64() * 1e3,
        timing.writing.as_secs_f64() * 1e3
    );
    println!();
    println!("| figure | value |");
    println!("| --- | --- |");
    for (k, v) in &rows {
        println!("| {k} | {v} |");
    }
    let other = f.out_of_order + f.notices_missing + f.lost_aside + f.strays;
    if other > 0 {
        println!();
        println!(
            "other failures: {} written out of order, {} notices missing or wrong, {} files not found aside, {} stray files",
            f.out_of_order, f.notices_missing, f.lost_aside, f.strays
        );
    }
    if f.failures() > 0 {
        std::process::exit(1);
    }
}

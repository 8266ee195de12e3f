//! The ward's side at a province's size: 500 generated blocs of 10 units × 60 criteria, each
//! with its signed final year-end record (every award voted on) in the inbox. Measures the real
//! binary, as the clerk runs it:
//!
//! - `thidua ward check`: the first run (which also keeps a copy of every accepted file and
//!   writes the audit log, each with an `fsync`) and the runs after it;
//! - `thidua ward table --period year-end` (the check again, then the PDF, workbook and Word copy
//!   laid out and signed with a key made by `thidua keygen`);
//!
//! each with its wall time and peak memory (`ru_maxrss` of the child, from `wait4`).
//!
//! Run with `cargo bench --bench ward`; prints a Markdown table. Not part of `cargo test`.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone};
use thidua::model::Period;
use thidua::report::keys::{self, Passphrase};
use thidua::report::record::sha256_hex;
use thidua::report::sign::{self, TrustedComment};
use thidua::report::summary::{self, Issue, Request};
use thidua::store::load_covenant;
use thidua::synthetic;
use thidua::ward::workspace::{Workspace, init};

const BLOCS: usize = 500;
const UNITS: usize = 10;
const CRITERIA: usize = 60;
const RUNS: usize = 5;

fn main() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let started = Instant::now();
    let ward = setup(root.path());
    eprintln!(
        "set up {BLOCS} blocs in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let exe = env!("CARGO_BIN_EXE_thidua");
    let dir = ward.to_string_lossy().into_owned();

    let check = |_: usize| run(exe, &["ward", "check", "--dir", &dir]);
    let first = check(0);
    let later: Vec<(Duration, u64)> = (1..RUNS).map(check).collect();
    let config = root.path().join("config");
    let key = config.join("ward.key");
    let pass = root.path().join("pass");
    fs::write(&pass, "mat khau phuong\n").expect("the passphrase file");
    set_private(&pass);
    let key_arg = key.to_string_lossy().into_owned();
    let pass_arg = pass.to_string_lossy().into_owned();
    let table: Vec<(Duration, u64)> = (0..RUNS)
        .map(|_| {
            let args = [
                "ward",
                "table",
                "--period",
                "year-end",
                "--date",
                "2026-12-20",
                "--key",
                &key_arg,
                "--password-file",
                &pass_arg,
                "--dir",
                &dir,
            ];
            run(exe, &args)
        })
        .collect();
    let pdf = fs::read_dir(ward.join("tables"))
        .expect("the tables")
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| e.path())
        .expect("a PDF");
    let size = fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);

    println!();
    println!(
        "{BLOCS} blocs × {UNITS} units × {CRITERIA} criteria, a signed final year-end record each \
         ({} files in the inbox); {RUNS} runs; the city table's PDF {:.1} MB",
        BLOCS * 2,
        size as f64 / 1e6
    );
    println!();
    println!("| what | target | median (min–max) | peak memory, max |");
    println!("| --- | --- | --- | --- |");
    let row = |what: &str, target: &str, runs: &[(Duration, u64)]| {
        let mut times: Vec<f64> = runs.iter().map(|r| r.0.as_secs_f64()).collect();
        times.sort_by(f64::total_cmp);
        let peak = runs.iter().map(|r| r.1).max().unwrap_or(0);
        println!(
            "| {what} | {target} | {:.2} s ({:.2}–{:.2}) | {:.0} MiB |",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1],
            peak as f64 / 1024.0
        );
    };
    row(
        "`ward check`, first run (keeps 1,000 files, writes the audit log)",
        "≤ 10 s, ≤ 200 MB",
        &[first],
    );
    row("`ward check`, again", "≤ 10 s, ≤ 200 MB", &later);
    row(
        "`ward table --period year-end` (check, lay out, sign)",
        "≤ 10 s",
        &table,
    );
}

/// Runs the binary to its end; its wall time and peak resident memory (KiB).
// Waited on with `wait4`, which gives the child's own peak memory, not with `Child::wait`.
#[allow(clippy::zombie_processes)]
fn run(exe: &str, args: &[&str]) -> (Duration, u64) {
    let started = Instant::now();
    let child = Command::new(exe)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .expect("the binary runs");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `usage` is plain data that wait4 fills in; the pid is our own child's.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    assert_eq!(waited, pid, "waited for the child");
    // Exit 1 is a refusal, which the generated inbox never holds.
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{args:?} failed: {status}"
    );
    (elapsed, usage.ru_maxrss as u64)
}

#[cfg(unix)]
fn set_private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600)).expect("chmod");
}

/// The blocs' files, a ward expecting them with every head's key trusted, the ward's own key,
/// and each bloc's signed record in the inbox. Returns the ward's folder.
fn setup(root: &Path) -> std::path::PathBuf {
    let bloc_file = synthetic::write_files(root, UNITS, CRITERIA).expect("the generated bloc");
    let text = fs::read_to_string(&bloc_file).expect("the bloc file");
    let loaded = load_covenant(&bloc_file).expect("a valid bloc");
    let signed_at = thidua::store::records::vietnam()
        .with_ymd_and_hms(2026, 12, 18, 10, 0, 0)
        .unwrap();
    let data = synthetic::session_data(&loaded.covenant, Period::YearEnd, 2026, signed_at);
    let results = thidua::session::results_of(
        &loaded.covenant,
        Period::YearEnd,
        &synthetic::full_sheet(&loaded.covenant),
        &data.votes,
    )
    .expect("the engine computes");
    let pair = minisign::KeyPair::generate_unencrypted_keypair().expect("a key pair");
    let head = keys::public_key_line(&pair.pk);
    let request = Request {
        year: 2026,
        period: Period::YearEnd,
        number: Some("12".into()),
        date: NaiveDate::from_ymd_opt(2026, 12, 18).unwrap(),
        recipients: None,
        provisional: false,
        out_dir: root.join("summaries"),
    };
    let record = summary::bare_record(
        &loaded,
        data,
        Issue {
            request: &request,
            version: 1,
            replaces: None,
            public_key: head.clone(),
            recipients: Vec::new(),
            signed_at,
        },
        results,
    );
    let ward = root.join("ward");
    init(&ward, "Hội đồng Thi đua - Khen thưởng tỉnh", 2026).expect("the ward folder");
    let mut workspace = Workspace::open(&ward).expect("the ward");
    for n in 0..BLOCS {
        let id = format!("khoi-{n}");
        let name = format!("Khối thi đua số {n}");
        let file = root.join(format!("blocs/{id}.ron"));
        let own = text
            .replacen("id: \"gen\"", &format!("id: \"{id}\""), 1)
            .replacen("Khối thi đua sinh tự động", &name, 1);
        fs::write(&file, own).expect("a bloc file");
        workspace.expect(&file).expect("the bloc expected");
        workspace
            .trust(&id, &head, signed_at)
            .expect("the head's key trusted");
        let mut own = record.clone();
        own.bloc.id = id.clone();
        own.bloc.name = name;
        let bytes = own.to_ron().into_bytes();
        let file_name = format!("{id}-2026-year-end-v1.ron");
        let comment = TrustedComment {
            bloc: id,
            year: 2026,
            period: Period::YearEnd,
            version: 1,
            provisional: false,
            file: file_name.clone(),
            sha256: sha256_hex(&bytes),
        };
        let signature = sign::sign(&pair.sk, &pair.pk, &bytes, &comment).expect("signed");
        let inbox = ward.join("inbox");
        fs::write(inbox.join(&file_name), &bytes).expect("the record");
        fs::write(inbox.join(format!("{file_name}.minisig")), signature).expect("its signature");
    }
    let passphrase = Passphrase::new("mat khau phuong".into()).expect("a passphrase");
    let config = root.join("config");
    fs::create_dir_all(&config).expect("the key's folder");
    keys::generate(&config.join("ward.key"), &passphrase).expect("the ward's key");
    ward
}

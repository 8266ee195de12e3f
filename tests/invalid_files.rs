//! The corpora of broken files: `tests/invalid/` (mistakes) and `tests/hostile/` (what a
//! careless or hostile colleague could send: ids that are paths, figures beyond the limits,
//! keys written twice). Each holds broken schemes in `scoring/` and broken blocs in `blocs/`,
//! each a small edit of `tests/invalid/scoring/valid-base.ron` or `blocs/valid-bloc.ron`.
//!
//! Every broken file opens with one `// expect:` line per problem it holds:
//!
//! ```text
//! // expect: LINE:COL: the start of the English message
//! // expect: ../scoring/other.ron:LINE:COL: a problem reported in another file
//! ```
//!
//! `thidua check --lang en FILE` must exit with 1, print each problem as
//! `FILE:LINE:COL: message` (FILE as given on the command line, or the other file's path, taken
//! relative to the folder of FILE) and count exactly as many problems as there are expect lines.
//! Files whose name starts with `valid-` are not broken and must pass.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Output};

const CORPORA: [&str; 2] = ["tests/invalid", "tests/hostile"];
const FOLDERS: [&str; 2] = ["scoring", "blocs"];
const EXPECT: &str = "// expect: ";

fn thidua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the thidua binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The corpus files of `folder`, as `tests/<corpus>/<folder>/<name>.ron`, sorted.
fn files_in(corpus: &str, folder: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(corpus)
        .join(folder);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".ron"))
        .map(|name| format!("{corpus}/{folder}/{name}"))
        .collect();
    files.sort();
    files
}

fn is_valid(file: &str) -> bool {
    Path::new(file)
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("valid-"))
}

/// Every file of every corpus.
fn corpus_files() -> impl Iterator<Item = String> {
    CORPORA
        .iter()
        .flat_map(|c| FOLDERS.iter().flat_map(move |f| files_in(c, f)))
}

fn broken_files() -> Vec<String> {
    corpus_files().filter(|f| !is_valid(f)).collect()
}

fn valid_files() -> Vec<String> {
    corpus_files().filter(|f| is_valid(f)).collect()
}

fn read(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {file}: {e}"))
}

/// One `// expect:` line: where the problem is reported and how its message starts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Expect {
    file: String,
    line: usize,
    col: usize,
    message: String,
}

impl Expect {
    /// The text stderr must hold.
    fn located(&self) -> String {
        format!("{}:{}:{}: {}", self.file, self.line, self.col, self.message)
    }
}

/// `a/b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The expect lines opening `file`; an error when there are none or one is malformed.
fn expectations(file: &str) -> Result<Vec<Expect>, String> {
    let source = read(file);
    let mut out = Vec::new();
    for line in source.lines().take_while(|l| l.starts_with(EXPECT)) {
        let rest = &line[EXPECT.len()..];
        let (location, message) = rest
            .split_once(": ")
            .ok_or_else(|| format!("{file}: malformed expect line {line:?}"))?;
        let mut parts = location.rsplitn(3, ':');
        let number = |part: Option<&str>| -> Result<usize, String> {
            part.and_then(|p| p.parse().ok())
                .ok_or_else(|| format!("{file}: malformed position in {line:?}"))
        };
        let col = number(parts.next())?;
        let line_no = number(parts.next())?;
        let shown = match parts.next() {
            None => file.to_string(),
            Some(other) => {
                let dir = Path::new(file)
                    .parent()
                    .expect("a corpus file has a folder");
                normalize(&dir.join(other)).display().to_string()
            }
        };
        if message.trim().is_empty() {
            return Err(format!("{file}: expect line without a message: {line:?}"));
        }
        out.push(Expect {
            file: shown,
            line: line_no,
            col,
            message: message.to_string(),
        });
    }
    if out.is_empty() {
        return Err(format!(
            "{file}: the first line must be `{EXPECT}LINE:COL: message`"
        ));
    }
    Ok(out)
}

/// What is wrong with how `thidua check --lang en` treats `file`, if anything.
fn check_broken(file: &str) -> Result<(), String> {
    let expects = expectations(file)?;
    let out = thidua(&["check", "--lang", "en", file]);
    let stderr = text(&out.stderr);
    let mut wrong = Vec::new();
    if out.status.code() != Some(1) {
        wrong.push(format!("exit code {:?}, expected 1", out.status.code()));
    }
    for e in &expects {
        if !stderr.contains(&e.located()) {
            wrong.push(format!("missing `{}`", e.located()));
        }
    }
    let count = format!("{} problems found", expects.len());
    if !stderr.contains(&count) {
        wrong.push(format!("expected `{count}`"));
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{file}:\n  {}\n  stderr was:\n{}",
            wrong.join("\n  "),
            indent(&stderr)
        ))
    }
}

fn indent(s: &str) -> String {
    s.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_broken_file_fails_with_its_messages() {
    let failures: Vec<String> = broken_files()
        .iter()
        .filter_map(|f| check_broken(f).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} broken files were not reported as expected:\n\n{}",
        failures.len(),
        broken_files().len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_corpus_holds_at_least_thirty_distinct_broken_files() {
    let files = broken_files();
    assert!(
        files.len() >= 30,
        "only {} broken files in {CORPORA:?}",
        files.len()
    );
    let schemes = files.iter().filter(|f| f.contains("/scoring/")).count();
    let blocs = files.iter().filter(|f| f.contains("/blocs/")).count();
    assert!(
        schemes > 0 && blocs > 0,
        "{schemes} broken schemes, {blocs} broken blocs"
    );
    // Each file shows a problem of its own: no two expect the same messages at the same places.
    // (A bloc naming a broken scheme expects the scheme's problem, but in the scheme's file.)
    let mut seen: BTreeMap<Vec<(bool, usize, usize, String)>, &str> = BTreeMap::new();
    for f in &files {
        let key = expectations(f)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|e| (e.file == *f, e.line, e.col, e.message))
            .collect();
        if let Some(first) = seen.insert(key, f) {
            panic!("{f} expects exactly what {first} expects");
        }
    }
}

#[test]
fn the_valid_files_pass() {
    let valid = valid_files();
    for needed in [
        "tests/invalid/scoring/valid-base.ron",
        "tests/invalid/blocs/valid-bloc.ron",
    ] {
        assert!(valid.iter().any(|f| f == needed), "{needed} is missing");
    }
    for f in &valid {
        let out = thidua(&["check", "--lang", "en", f]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{f} should be valid; stderr:\n{}",
            text(&out.stderr)
        );
        let stdout = text(&out.stdout);
        assert!(
            stdout.starts_with(&format!("{f}: valid: ")),
            "{f}: unexpected stdout {stdout:?}"
        );
        assert!(out.stderr.is_empty(), "{f}: {}", text(&out.stderr));
    }
}

/// Runs `file` without `--lang` (Vietnamese), checks the message at its single expected
/// position and that the offending line is shown with a caret under that column.
fn assert_vietnamese(file: &str, message: &str, under_caret: char) {
    let expects = expectations(file).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(expects.len(), 1, "{file}: one problem expected");
    let e = &expects[0];
    let out = thidua(&["check", file]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{file}: {stderr}");
    let head = format!("{file}:{}:{}: {message}", e.line, e.col);
    assert!(
        stderr.contains(&head),
        "{file}: expected `{head}`, stderr:\n{stderr}"
    );
    assert!(stderr.contains("tìm thấy 1 lỗi"), "{file}: {stderr}");

    let source = read(file);
    let offending = source
        .lines()
        .nth(e.line - 1)
        .unwrap_or_else(|| panic!("{file} has no line {}", e.line));
    assert_eq!(
        offending.chars().nth(e.col - 1),
        Some(under_caret),
        "{file}:{}:{} points at the wrong character",
        e.line,
        e.col
    );
    let number = e.line.to_string();
    let pad = " ".repeat(number.len());
    let shown = format!("{number} | {offending}\n");
    let caret = format!("{pad} | {}^\n", " ".repeat(e.col - 1));
    let at = stderr
        .find(&shown)
        .unwrap_or_else(|| panic!("{file}: the offending line is not shown:\n{stderr}"));
    assert!(
        stderr[at + shown.len()..].starts_with(&caret),
        "{file}: the caret is not under column {}:\n{stderr}",
        e.col
    );
}

#[test]
fn vietnamese_messages_show_the_line_and_a_caret() {
    assert_vietnamese(
        "tests/invalid/scoring/duplicate-criterion-code.ron",
        "mã \"B.1\" bị trùng: mỗi nhóm, tiêu chí, mục thưởng, trừ, điều kiện cần một mã riêng",
        '"',
    );
    assert_vietnamese(
        "tests/invalid/scoring/syntax-missing-comma.ron",
        "thiếu dấu phẩy",
        'v',
    );
    // Accented letters before the column: the caret counts characters, not bytes.
    assert_vietnamese(
        "tests/invalid/blocs/member-duplicate-short-name.ron",
        "tên ngắn \"đông\" bị trùng",
        '"',
    );
}

#[test]
fn checking_several_files_reports_each_and_exits_with_the_worst() {
    let valid = "tests/invalid/scoring/valid-base.ron";
    let a = "tests/invalid/scoring/quota-zero.ron";
    let b = "tests/invalid/blocs/head-not-member.ron";
    let out = thidua(&["check", "--lang", "en", valid, a, b]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with(&format!("{valid}: valid: ")));
    let stderr = text(&out.stderr);
    for f in [a, b] {
        for e in expectations(f).unwrap_or_else(|e| panic!("{e}")) {
            assert!(stderr.contains(&e.located()), "{stderr}");
        }
    }
}

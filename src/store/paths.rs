//! Where thidua's files lie, and the only place their paths are built. Every name that comes
//! from a file (a bloc, scheme or unit id, a version, a document named by a record) is checked
//! to be one plain file name before it is joined to its folder, so that no path built here can
//! lead out of the folder it belongs in.

use std::path::{Component, Path, PathBuf};

use crate::model::{Period, id};

/// A name that would not stay inside its folder, or an id that is not safe.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a plain file name")]
pub struct UnsafeName(pub String);

/// The journal, snapshot and lock of a session, inside its folder.
pub const JOURNAL: &str = "journal.jsonl";
pub const SNAPSHOT: &str = "snapshot.json";
pub const LOCK: &str = "lock";
/// The name of the program holding the lock, beside it: a locked file may be unreadable.
pub const LOCK_HOLDER: &str = "lock.holder";
/// What a crash left unfinished, set aside: `journal.torn-<time>[-n]`.
pub const TORN_PREFIX: &str = "journal.torn-";

/// Whether `name` is one plain file name: no folder part, not `.` or `..`, no separator of any
/// system, no drive, no NUL.
pub fn is_plain_name(name: &str) -> bool {
    let mut parts = Path::new(name).components();
    matches!(parts.next(), Some(Component::Normal(n)) if n == name)
        && parts.next().is_none()
        && !name.contains(['/', '\\', ':', '\0'])
}

/// `dir/name`, once `name` is proved to be a plain file name.
pub fn child(dir: &Path, name: &str) -> Result<PathBuf, UnsafeName> {
    if is_plain_name(name) {
        Ok(dir.join(name))
    } else {
        Err(UnsafeName(name.to_string()))
    }
}

fn safe_id(text: &str) -> Result<&str, UnsafeName> {
    if id::is_safe(text) {
        Ok(text)
    } else {
        Err(UnsafeName(text.to_string()))
    }
}

/// `<data>/<bloc>/<year>/<period>`: a session's records.
pub fn session_dir(
    data: &Path,
    bloc: &str,
    year: i32,
    period: Period,
) -> Result<PathBuf, UnsafeName> {
    let year = u16::try_from(year).map_err(|_| UnsafeName(year.to_string()))?;
    Ok(data
        .join(safe_id(bloc)?)
        .join(year.to_string())
        .join(period.slug()))
}

/// `<folder of blocs>/../scoring/<id>.ron`: where a bloc's scheme lives.
pub fn scheme_file(bloc_file: &Path, scheme: &str) -> Result<PathBuf, UnsafeName> {
    let blocs_dir = bloc_file.parent().unwrap_or(Path::new("."));
    let top = blocs_dir.parent().unwrap_or(Path::new("."));
    child(&top.join("scoring"), &format!("{}.ron", safe_id(scheme)?))
}

/// The data folder: `--data`, or `records/` beside the folder of the bloc file.
pub fn data_dir(bloc_file: &Path, data: Option<&Path>) -> PathBuf {
    match data {
        Some(d) => d.to_path_buf(),
        None => {
            let blocs = bloc_file.parent().unwrap_or(Path::new("."));
            let top = blocs.parent().unwrap_or(Path::new("."));
            let top = if top.as_os_str().is_empty() {
                Path::new(".")
            } else {
                top
            };
            top.join("records")
        }
    }
}

/// `summaries/` beside the data folder: where issued versions go.
pub fn summaries_dir(data: &Path) -> PathBuf {
    let parent = data.parent().filter(|p| !p.as_os_str().is_empty());
    parent.unwrap_or(Path::new(".")).join("summaries")
}

/// `<bloc>-<year>-<period>-v`: how the names of a session's issued files start.
pub fn summary_prefix(bloc: &str, year: i32, period: Period) -> Result<String, UnsafeName> {
    Ok(format!("{}-{year}-{}-v", safe_id(bloc)?, period.slug()))
}

/// `<bloc>-<year>-<period>-v<version>`: the name of an issued version's files, before the
/// extension.
pub fn summary_stem(
    bloc: &str,
    year: i32,
    period: Period,
    version: u32,
) -> Result<String, UnsafeName> {
    Ok(summary_prefix(bloc, year, period)? + &version.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_and_the_rest() {
        for name in [
            "journal.jsonl",
            "khoi-8-2026-mid-year-v1.pdf",
            "a b.ron",
            "v1..pdf",
        ] {
            assert!(is_plain_name(name), "{name}");
        }
        for name in [
            "",
            ".",
            "..",
            "../x",
            "a/b",
            "a\\b",
            "/etc/passwd",
            "C:x",
            "C:\\x",
            "x\0",
            "./x",
        ] {
            assert!(!is_plain_name(name), "{name:?}");
            assert!(child(Path::new("dir"), name).is_err());
        }
    }

    #[test]
    fn a_session_folder_is_built_from_safe_ids_only() {
        let data = Path::new("records");
        assert_eq!(
            session_dir(data, "khoi-8", 2026, Period::MidYear).unwrap(),
            Path::new("records/khoi-8/2026/mid-year")
        );
        for bloc in ["../../../escaped", "/abs", "khoi 8", "..", ""] {
            assert!(
                session_dir(data, bloc, 2026, Period::MidYear).is_err(),
                "{bloc}"
            );
        }
        assert!(session_dir(data, "khoi-8", -1, Period::MidYear).is_err());
        assert!(scheme_file(Path::new("blocs/b.ron"), "../x").is_err());
        assert!(summary_stem("../x", 2026, Period::YearEnd, 1).is_err());
    }
}

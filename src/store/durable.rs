//! The one way thidua writes a whole file: the bytes go to a temporary file of its own in the
//! same folder (a fresh random name, created exclusively, so a link planted there is never
//! followed), are flushed to disk, and the file then takes its name by a rename (replacing) or
//! a no-clobber rename or link (never replacing), after which the folder itself is flushed.
//! A crash at any moment leaves either the old file or the new one, whole. A write that fails
//! removes its temporary file; one left by a killed program is known by its name
//! (`temporary_of`) and cleared by the next program that owns the folder. The snapshot, keys, signed summaries, forms and exports all use it.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// Who may read the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Everyone the folder allows (0644 on Unix).
    Shared,
    /// The owner only (0600 on Unix): a secret key.
    Private,
}

/// Writes `bytes` as the file `path`, replacing any file of that name.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write(path, bytes, Access::Shared, true)
}

/// Writes `bytes` as the new file `path`; fails with `AlreadyExists`, changing nothing, if
/// a file of that name exists.
pub fn create_new(path: &Path, bytes: &[u8], access: Access) -> io::Result<()> {
    write(path, bytes, access, false)
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn write(path: &Path, bytes: &[u8], access: Access, overwrite: bool) -> io::Result<()> {
    let dir = folder_of(path);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    if access == Access::Shared {
        share(temp.as_file())?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    let persisted = if overwrite {
        temp.persist(path)
    } else {
        temp.persist_noclobber(path)
    };
    // On failure the temporary file is removed when `error.file` drops.
    persisted.map_err(|error| error.error)?;
    sync_folder(dir)
}

/// The name a temporary file of `store::durable` was to take (`.NAME.<random>.tmp` → `NAME`
/// and more: the random part is cut at its last dot), or `None` for any other name.
pub fn temporary_of(name: &str) -> Option<&str> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    inner.rsplit_once('.').map(|(target, _random)| target)
}

/// Removes the temporary files a killed program left in `dir`: a temporary file is never the
/// only copy of anything, since a file takes its name only once written whole.
pub fn remove_temporaries(dir: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_str().and_then(temporary_of).is_some() && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Flushes a folder's entries (a new or renamed name) to disk. Systems on which a folder
/// cannot be opened as a file (Windows) make names durable with the file itself.
pub fn sync_folder(dir: &Path) -> io::Result<()> {
    match File::open(dir) {
        Ok(folder) => folder.sync_all(),
        Err(_) => Ok(()),
    }
}

/// Gives a temporary file (made readable by its owner only) the permissions of a shared file.
#[cfg(unix)]
fn share(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn share(_file: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replace_writes_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("snapshot.json");
        replace(&path, b"one").unwrap();
        replace(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["snapshot.json"]);
    }

    #[test]
    fn temporaries_are_known_by_their_name() {
        assert_eq!(
            temporary_of(".snapshot.json.Ab3x9Q.tmp"),
            Some("snapshot.json")
        );
        assert_eq!(
            temporary_of(".khoi-8-2026-mid-year-v2.pdf.x1Y2z3.tmp"),
            Some("khoi-8-2026-mid-year-v2.pdf")
        );
        for other in ["snapshot.json", ".hidden", "a.tmp", ".tmp", "journal.jsonl"] {
            assert_eq!(temporary_of(other), None, "{other}");
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".snapshot.json.Ab3x9Q.tmp"), b"half").unwrap();
        std::fs::write(dir.path().join("journal.jsonl"), b"").unwrap();
        remove_temporaries(dir.path()).unwrap();
        assert_eq!(names(dir.path()), ["journal.jsonl"]);
    }

    #[test]
    fn create_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.pdf");
        create_new(&path, b"signed", Access::Shared).unwrap();
        let error = create_new(&path, b"other", Access::Shared).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"signed");
        assert_eq!(names(dir.path()), ["v1.pdf"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_name_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"precious").unwrap();
        let path = dir.path().join("snapshot.json");
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        replace(&path, b"snapshot").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert!(!std::fs::symlink_metadata(&path).unwrap().is_symlink());
    }

    #[cfg(unix)]
    #[test]
    fn permissions_follow_the_access() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |name: &str| {
            std::fs::metadata(dir.path().join(name))
                .unwrap()
                .permissions()
                .mode()
                & 0o777
        };
        create_new(&dir.path().join("key"), b"k", Access::Private).unwrap();
        create_new(&dir.path().join("key.pub"), b"p", Access::Shared).unwrap();
        assert_eq!(mode("key"), 0o600);
        assert_eq!(mode("key.pub"), 0o644);
    }

    #[test]
    fn a_folder_that_is_not_there_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("file");
        assert!(replace(&path, b"x").is_err());
        assert_eq!(names(dir.path()), Vec::<String>::new());
    }
}

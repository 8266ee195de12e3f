//! Issuing a version is all or nothing. A version's documents are written first, each with its
//! signature; its record, which names every document by hash, is written and signed last. A
//! version is issued once its record's signature (`<stem>.ron.minisig`) exists, and only
//! then. Every file takes its name whole (`store::durable`), so a crash or a full disk can
//! leave only some files of a version, never a half-written one.
//!
//! Files of a version whose record was never signed were not issued: `verify` says so, and the
//! next issue moves them into `not-issued/<stem>-<time>/` beside the summaries, tells the
//! user, and takes their version number, replacing the last version that was issued.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::model::Period;
use crate::store::durable;
use crate::store::journal::now;
use crate::store::paths::{self, UnsafeName};

/// The folder, beside the summaries, that takes the files of versions that were not issued.
pub const NOT_ISSUED: &str = "not-issued";

/// The versions of one session's summary found in a folder.
#[derive(Debug, Default)]
pub struct Versions {
    /// The issued versions, lowest first, with their records.
    pub issued: Vec<(u32, PathBuf)>,
    /// Versions with files but no signed record, lowest first, with their stem and files.
    pub unissued: Vec<(u32, String, Vec<PathBuf>)>,
}

impl Versions {
    /// The next version to issue and the record of the one it replaces.
    pub fn next(&self) -> (u32, Option<PathBuf>) {
        match self.issued.last() {
            Some((version, record)) => (version + 1, Some(record.clone())),
            None => (1, None),
        }
    }
}

/// The version a file name belongs to, for the session whose names start with `prefix`
/// (`khoi-8-2026-mid-year-v`): the digits after it, followed by a dot.
fn version_of(name: &str, prefix: &str) -> Option<u32> {
    let rest = name.strip_prefix(prefix)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let version = digits.parse::<u32>().ok()?;
    rest[digits.len()..].starts_with('.').then_some(version)
}

/// Lists the versions of the session's summary in `dir`. A missing folder holds none.
pub fn versions(dir: &Path, bloc: &str, year: i32, period: Period) -> io::Result<Versions> {
    let prefix = paths::summary_prefix(bloc, year, period).map_err(unsafe_name)?;
    let listing = match fs::read_dir(dir) {
        Ok(l) => l,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Versions::default()),
        Err(e) => return Err(e),
    };
    let mut files: std::collections::BTreeMap<u32, Vec<PathBuf>> = Default::default();
    for entry in listing {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        // A file being written when the program was killed is left under its temporary name,
        // `.<stem>.<ext>.<random>.tmp` (`store::durable`): it belongs to its version too.
        let name = durable::temporary_of(name).unwrap_or(name);
        if let Some(version) = version_of(name, &prefix) {
            files.entry(version).or_default().push(entry.path());
        }
    }
    let mut found = Versions::default();
    for (version, mut names) in files {
        names.sort();
        let stem = format!("{prefix}{version}");
        let record = dir.join(format!("{stem}.ron"));
        let signature = dir.join(format!("{stem}.ron.minisig"));
        // An issued version is left whole, even with a temporary file a kill left beside it.
        if names.contains(&record) && names.contains(&signature) {
            found.issued.push((version, record));
        } else {
            found.unissued.push((version, stem, names));
        }
    }
    Ok(found)
}

fn unsafe_name(e: UnsafeName) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, e)
}

/// The next version to issue in `dir`, and the record of the version it replaces.
pub fn next_version(
    dir: &Path,
    bloc: &str,
    year: i32,
    period: Period,
) -> io::Result<(u32, Option<PathBuf>)> {
    Ok(versions(dir, bloc, year, period)?.next())
}

/// A version that was not issued, moved aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub version: u32,
    /// The folder its files were moved into.
    pub folder: PathBuf,
}

/// Moves the files of a version (not issued) named `stem` into `not-issued/<stem>-<time>[-n]/`
/// beside them.
pub fn set_aside(dir: &Path, version: u32, stem: &str, files: &[PathBuf]) -> io::Result<SetAside> {
    let stamp = now().format("%Y%m%dT%H%M%S");
    let base = dir.join(NOT_ISSUED);
    let mut attempt = 1;
    let folder = loop {
        let name = match attempt {
            1 => format!("{stem}-{stamp}"),
            n => format!("{stem}-{stamp}-{n}"),
        };
        let folder = base.join(name);
        match fs::create_dir_all(&base).and_then(|()| fs::create_dir(&folder)) {
            Ok(()) => break folder,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 1000 => attempt += 1,
            Err(e) => return Err(e),
        }
    };
    for file in files {
        if let Some(name) = file.file_name() {
            fs::rename(file, folder.join(name))?;
        }
    }
    crate::store::durable::sync_folder(dir)?;
    Ok(SetAside { version, folder })
}

/// Moves every version in `dir` that was not issued aside; returns what was moved.
pub fn set_aside_unissued(
    dir: &Path,
    bloc: &str,
    year: i32,
    period: Period,
) -> io::Result<Vec<SetAside>> {
    versions(dir, bloc, year, period)?
        .unissued
        .iter()
        .map(|(version, stem, files)| set_aside(dir, *version, stem, files))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, names: &[&str]) {
        for n in names {
            fs::write(dir.join(n), b"x").unwrap();
        }
    }

    #[test]
    fn a_version_is_issued_once_its_record_is_signed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        touch(
            d,
            &[
                "b-2026-mid-year-v1.pdf",
                "b-2026-mid-year-v1.pdf.minisig",
                "b-2026-mid-year-v1.ron",
                "b-2026-mid-year-v1.ron.minisig",
                // v2 stopped before its record was signed.
                "b-2026-mid-year-v2.pdf",
                "b-2026-mid-year-v2.pdf.minisig",
                "b-2026-mid-year-v2.ron",
                // Another session, another bloc.
                "b-2026-year-end-v7.ron",
                "bb-2026-mid-year-v9.ron",
            ],
        );
        let found = versions(d, "b", 2026, Period::MidYear).unwrap();
        assert_eq!(found.issued, [(1, d.join("b-2026-mid-year-v1.ron"))]);
        assert_eq!(found.unissued.len(), 1);
        assert_eq!(found.unissued[0].0, 2);
        assert_eq!(found.unissued[0].1, "b-2026-mid-year-v2");
        assert_eq!(found.unissued[0].2.len(), 3);
        assert_eq!(found.next(), (2, Some(d.join("b-2026-mid-year-v1.ron"))));

        let moved = set_aside_unissued(d, "b", 2026, Period::MidYear).unwrap();
        assert_eq!(moved.len(), 1);
        assert!(moved[0].folder.starts_with(d.join(NOT_ISSUED)));
        assert!(!d.join("b-2026-mid-year-v2.pdf").exists());
        assert!(moved[0].folder.join("b-2026-mid-year-v2.pdf").exists());
        assert!(
            versions(d, "b", 2026, Period::MidYear)
                .unwrap()
                .unissued
                .is_empty()
        );
        // Twice in one second, and a version of which only the file being written was left:
        // a folder of its own each time, named after the version.
        touch(d, &[".b-2026-mid-year-v2.pdf.Ab3x9Q.tmp"]);
        let again = set_aside_unissued(d, "b", 2026, Period::MidYear).unwrap();
        assert_ne!(again[0].folder, moved[0].folder);
        let name = again[0]
            .folder
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(name.starts_with("b-2026-mid-year-v2-"), "{name}");
    }

    #[test]
    fn names_of_other_versions_and_files_do_not_count() {
        assert_eq!(
            version_of("b-2026-mid-year-v12.pdf", "b-2026-mid-year-v"),
            Some(12)
        );
        assert_eq!(version_of("b-2026-mid-year-v12", "b-2026-mid-year-v"), None);
        assert_eq!(
            version_of("b-2026-mid-year-vx.pdf", "b-2026-mid-year-v"),
            None
        );
    }
}

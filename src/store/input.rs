//! Reading what a user hands the program (a bloc, a scheme, a scoresheet, a unit's form, a
//! signed record): only a plain file, and only up to the size such a file can have, checked
//! before reading and again while reading, so that a pipe, a device or a file of gigabytes is
//! refused with a message instead of hanging the program or filling its memory.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::i18n::Msg;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: not found")]
    Absent { path: PathBuf },
    /// A pipe, a device, a folder (or, where links are not followed, a link).
    #[error("{path} is not a plain file")]
    NotPlain { path: PathBuf },
    #[error("{path} is larger than {limit} bytes")]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("{path}: {error}")]
    Io { path: PathBuf, error: io::Error },
}

impl InputError {
    pub fn path(&self) -> &Path {
        match self {
            InputError::Absent { path }
            | InputError::NotPlain { path }
            | InputError::TooLarge { path, .. }
            | InputError::Io { path, .. } => path,
        }
    }
}

impl InputError {
    /// Why a file the user named was not read.
    pub fn message(&self) -> Msg {
        use InputError as E;
        let path = self.path().display().to_string();
        match self {
            E::Absent { .. } => Msg::CannotRead {
                path,
                error: std::io::Error::from(std::io::ErrorKind::NotFound).to_string(),
            },
            E::NotPlain { .. } => Msg::NotPlainFile { path },
            E::TooLarge { limit, .. } => Msg::FileTooLarge {
                path,
                limit: *limit,
            },
            E::Io { error, .. } => Msg::CannotRead {
                path,
                error: error.to_string(),
            },
        }
    }
}

/// Whether a link at the path is followed (a path the user typed) or refused (a name read
/// from a file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    Follow,
    Refuse,
}

/// Reads the plain file `path`, at most `limit` bytes.
pub fn read(path: &Path, limit: u64, links: Links) -> Result<Vec<u8>, InputError> {
    let meta = match links {
        Links::Follow => fs::metadata(path),
        Links::Refuse => fs::symlink_metadata(path),
    };
    let meta = match meta {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(InputError::Absent {
                path: path.to_path_buf(),
            });
        }
        Err(error) => {
            return Err(InputError::Io {
                path: path.to_path_buf(),
                error,
            });
        }
    };
    if !meta.file_type().is_file() {
        return Err(InputError::NotPlain {
            path: path.to_path_buf(),
        });
    }
    let too_large = || InputError::TooLarge {
        path: path.to_path_buf(),
        limit,
    };
    if meta.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|error| InputError::Io {
            path: path.to_path_buf(),
            error,
        })?;
    // The file grew after its size was read.
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_files_within_the_limit_and_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.csv");
        fs::write(&file, b"12345").unwrap();
        assert_eq!(read(&file, 5, Links::Follow).unwrap(), b"12345");
        assert!(matches!(
            read(&file, 4, Links::Follow),
            Err(InputError::TooLarge { limit: 4, .. })
        ));
        assert!(matches!(
            read(dir.path(), 10, Links::Follow),
            Err(InputError::NotPlain { .. })
        ));
        assert!(matches!(
            read(&dir.path().join("none"), 10, Links::Follow),
            Err(InputError::Absent { .. })
        ));
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            assert!(read(&link, 10, Links::Follow).is_ok());
            assert!(matches!(
                read(&link, 10, Links::Refuse),
                Err(InputError::NotPlain { .. })
            ));
            assert!(matches!(
                read(Path::new("/dev/zero"), 10, Links::Follow),
                Err(InputError::NotPlain { .. })
            ));
        }
    }
}

//! One program at a time on a session's records: an operating-system lock on `lock`, and the
//! holder's name (program, process, host, user, time) in `lock.holder` beside it, for the
//! message a second copy shows. The name is a file of its own because a locked file may be
//! unreadable to others (Windows); the lock goes with the process, so a holder that died
//! leaves a lock the next program takes.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use super::durable;
use super::journal::{now, user};
use super::paths::{LOCK, LOCK_HOLDER};

/// A session's lock, held until dropped.
#[derive(Debug)]
pub struct Lock {
    _file: File,
    holder: PathBuf,
}

/// Why the lock was not taken.
#[derive(Debug)]
pub enum NotTaken {
    /// Another program holds it; its name as it wrote it (empty if unknown).
    Held(String),
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

/// The longest holder name read back: it is shown in a message.
const HOLDER_BYTES: u64 = 1024;

/// Takes the lock of the records in `dir`, or says who holds it.
pub fn take(dir: &Path) -> Result<Lock, NotTaken> {
    let path = dir.join(LOCK);
    let io = |error| NotTaken::Io {
        path: path.clone(),
        error,
    };
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => {
            let holder = dir.join(LOCK_HOLDER);
            let name = format!(
                "thidua, pid {}, {}{}, {}",
                std::process::id(),
                whoami::hostname().unwrap_or_default(),
                match user() {
                    u if u.is_empty() => String::new(),
                    u => format!(" ({u})"),
                },
                now().format("%Y-%m-%d %H:%M:%S%:z")
            );
            durable::replace(&holder, name.as_bytes()).map_err(|error| NotTaken::Io {
                path: holder.clone(),
                error,
            })?;
            Ok(Lock {
                _file: file,
                holder,
            })
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            // The holder writes its name just after taking the lock: give it a moment.
            let mut name = String::new();
            for _ in 0..10 {
                name = read_holder(dir);
                if !name.is_empty() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(NotTaken::Held(name))
        }
        Err(std::fs::TryLockError::Error(error)) => Err(io(error)),
    }
}

/// Who holds the lock of the records in `dir`, if a program does; the lock is not taken.
pub fn holder(dir: &Path) -> Option<String> {
    let file = File::open(dir.join(LOCK)).ok()?;
    match file.try_lock_shared() {
        Err(std::fs::TryLockError::WouldBlock) => Some(read_holder(dir)),
        // Free (the shared lock goes with the file), or a system without locks.
        _ => None,
    }
}

/// The holder's name, at most `HOLDER_BYTES` of it, one line.
fn read_holder(dir: &Path) -> String {
    use std::io::Read;
    let mut bytes = Vec::new();
    let read = File::open(dir.join(LOCK_HOLDER))
        .and_then(|f| f.take(HOLDER_BYTES).read_to_end(&mut bytes));
    if read.is_err() {
        return String::new();
    }
    let text = String::from_utf8_lossy(&bytes);
    text.lines().next().unwrap_or("").trim().to_string()
}

impl Drop for Lock {
    fn drop(&mut self) {
        // The name goes before the lock does; a crash leaves it for the next holder to replace.
        let _ = std::fs::remove_file(&self.holder);
    }
}

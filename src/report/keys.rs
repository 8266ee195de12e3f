//! The bloc head's signing key: a minisign key pair whose secret half is encrypted with a
//! passphrase. Nothing here asks for the passphrase: every caller passes it, so the minisign
//! crate never gets the chance to prompt on the terminal by itself.
//!
//! The files are the standard minisign ones: keys made here work with `minisign -S`/`-V`, and
//! keys made by `minisign -G` load here.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use minisign::{ErrorKind, KeyPair, SecretKeyBox};
pub use minisign::{PublicKey, SecretKey};

use crate::i18n::Msg;
use crate::store::durable::{self, Access};
use crate::store::input::{self, InputError, Links};

/// The file name of the secret key in the user's config folder.
pub const KEY_FILE: &str = "thidua.key";

/// The untrusted comment on the first line of a secret key written here.
const SECRET_COMMENT: &str = "thidua secret key, encrypted with a passphrase";

const COMMENT_PREFIX: &str = "untrusted comment:";

/// Why a key could not be made, read or unlocked.
#[derive(Debug)]
pub enum KeyError {
    /// A key file (secret or public) is already there: keys are never overwritten.
    Exists(PathBuf),
    /// No `--key` and no config folder to put the key in.
    NoConfigDir,
    EmptyPassphrase,
    PassphraseMismatch,
    /// The passphrase must be typed but standard input is not a terminal.
    NoTerminal,
    /// Typing the passphrase failed (the terminal closed, end of input).
    Prompt(io::Error),
    Read {
        path: PathBuf,
        error: io::Error,
    },
    Write {
        path: PathBuf,
        error: io::Error,
    },
    WrongPassphrase(PathBuf),
    NotSecretKey(PathBuf),
    /// A minisign secret key without a passphrase.
    Unprotected(PathBuf),
    /// Names the file or the text that was given as a public key.
    NotPublicKey(String),
    /// The key could not be generated (no randomness, key derivation failed).
    Generate(String),
}

impl KeyError {
    /// The message for the user.
    pub fn msg(&self) -> Msg {
        let shown = |p: &Path| p.display().to_string();
        match self {
            KeyError::Exists(p) => Msg::KeyExists(shown(p)),
            KeyError::NoConfigDir => Msg::NoConfigDir,
            KeyError::EmptyPassphrase => Msg::PassphraseEmpty,
            KeyError::PassphraseMismatch => Msg::PassphraseMismatch,
            KeyError::NoTerminal => Msg::PassphraseNeedsTerminal,
            KeyError::Prompt(e) => Msg::PassphraseUnreadable(e.to_string()),
            KeyError::Read { path, error } => Msg::CannotRead {
                path: shown(path),
                error: error.to_string(),
            },
            KeyError::Write { path, error } => Msg::KeyWriteFailed {
                path: shown(path),
                error: error.to_string(),
            },
            KeyError::WrongPassphrase(p) => Msg::WrongPassphrase(shown(p)),
            KeyError::NotSecretKey(p) => Msg::NotSecretKey(shown(p)),
            KeyError::Unprotected(p) => Msg::KeyUnprotected(shown(p)),
            KeyError::NotPublicKey(what) => Msg::NotPublicKey(what.clone()),
            KeyError::Generate(e) => Msg::KeyGenFailed(e.clone()),
        }
    }

    /// True for a failure of the machine or of the usage (files, terminal, missing folder),
    /// false for a refusal (existing key, wrong or mismatched passphrase, not a key).
    pub fn is_io(&self) -> bool {
        matches!(
            self,
            KeyError::NoConfigDir
                | KeyError::NoTerminal
                | KeyError::Prompt(_)
                | KeyError::Read { .. }
                | KeyError::Write { .. }
                | KeyError::Generate(_)
        )
    }
}

/// A passphrase, never empty. Its `Debug` hides it, so it cannot end up in a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

impl Passphrase {
    pub fn new(text: String) -> Result<Passphrase, KeyError> {
        if text.is_empty() {
            Err(KeyError::EmptyPassphrase)
        } else {
            Ok(Passphrase(text))
        }
    }

    /// The first line of a file, without its line ending (for scripts: `--password-file`).
    pub fn from_file(path: &Path) -> Result<Passphrase, KeyError> {
        let read_error = |error| KeyError::Read {
            path: path.to_path_buf(),
            error,
        };
        let bytes = input::read(path, PASSWORD_FILE_BYTES, Links::Follow).map_err(|e| match e {
            InputError::Io { error, .. } => read_error(error),
            other => read_error(io::Error::new(
                io::ErrorKind::InvalidInput,
                other.to_string(),
            )),
        })?;
        let text = String::from_utf8(bytes)
            .map_err(|e| read_error(io::Error::new(io::ErrorKind::InvalidData, e)))?;
        let line = text.split('\n').next().unwrap_or("");
        let line = line.strip_suffix('\r').unwrap_or(line);
        Passphrase::new(line.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The longest password file read: its first line is the passphrase.
const PASSWORD_FILE_BYTES: u64 = 64 << 10;

/// Whether others than its owner may read `path` (a password file should be the owner's
/// alone). Only Unix permissions say so; elsewhere the folder's access rules apply.
#[cfg(unix)]
pub fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

#[cfg(not(unix))]
pub fn readable_by_others(_path: &Path) -> bool {
    false
}

/// Where the secret key goes without `--key`: `thidua/thidua.key` in the user's config folder
/// (`$XDG_CONFIG_HOME` or `~/.config` on Linux and macOS, the roaming application data folder
/// on Windows).
pub fn default_secret_key_path() -> Result<PathBuf, KeyError> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy()
        .map(|base| base.config_dir().join("thidua").join(KEY_FILE))
        .map_err(|_| KeyError::NoConfigDir)
}

/// The public key's file beside a secret key: `.pub` in place of `.key` (or added).
pub fn public_key_path(secret: &Path) -> PathBuf {
    if secret.extension().is_some_and(|e| e == "key") {
        secret.with_extension("pub")
    } else {
        let mut name = secret.as_os_str().to_owned();
        name.push(".pub");
        PathBuf::from(name)
    }
}

/// Refuses if the secret key or its public key already exists (even as a dangling link).
pub fn ensure_free(secret: &Path) -> Result<(), KeyError> {
    for path in [secret.to_path_buf(), public_key_path(secret)] {
        if fs::symlink_metadata(&path).is_ok() {
            return Err(KeyError::Exists(path));
        }
    }
    Ok(())
}

/// A key pair just written.
#[derive(Debug)]
pub struct Generated {
    pub secret: PathBuf,
    pub public: PathBuf,
    pub key: PublicKey,
}

/// Makes a key pair and writes it: the secret key encrypted with `passphrase`, mode 0600, at
/// `secret`; the public key at [`public_key_path`]. Existing files are never overwritten, and a
/// failure leaves neither file behind.
pub fn generate(secret: &Path, passphrase: &Passphrase) -> Result<Generated, KeyError> {
    ensure_free(secret)?;
    let public = public_key_path(secret);
    let generate_error = |e: minisign::PError| KeyError::Generate(e.to_string());
    let KeyPair { pk, sk } =
        KeyPair::generate_encrypted_keypair(Some(passphrase.0.clone())).map_err(generate_error)?;
    let secret_text = sk.to_box(Some(SECRET_COMMENT)).map_err(generate_error)?;
    let public_text = pk.to_box().map_err(generate_error)?;
    if let Some(dir) = secret.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir).map_err(|error| KeyError::Write {
            path: dir.to_path_buf(),
            error,
        })?;
    }
    write_new(secret, &secret_text.to_bytes(), true)?;
    if let Err(e) = write_new(&public, &public_text.to_bytes(), false) {
        // Written by us a moment ago: no half pair is left.
        let _ = fs::remove_file(secret);
        return Err(e);
    }
    Ok(Generated {
        secret: secret.to_path_buf(),
        public,
        key: pk,
    })
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}

/// Writes a whole new file at `path`, never replacing one (`store::durable`).
fn write_new(path: &Path, bytes: &[u8], private: bool) -> Result<(), KeyError> {
    let access = if private {
        Access::Private
    } else {
        Access::Shared
    };
    durable::create_new(path, bytes, access).map_err(|error| {
        if error.kind() == io::ErrorKind::AlreadyExists {
            KeyError::Exists(path.into())
        } else {
            KeyError::Write {
                path: path.to_path_buf(),
                error,
            }
        }
    })
}

/// Loads and unlocks a secret key file with its passphrase. Keys made by `minisign -G` load
/// too; one without a passphrase (`minisign -G -W`) is refused: a report's key is protected.
pub fn load_secret_key(path: &Path, passphrase: &Passphrase) -> Result<SecretKey, KeyError> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::InvalidData => {
            return Err(KeyError::NotSecretKey(path.to_path_buf()));
        }
        Err(error) => {
            return Err(KeyError::Read {
                path: path.to_path_buf(),
                error,
            });
        }
    };
    unlock_secret_key(&text, passphrase).map_err(|e| match e {
        Unlock::WrongPassphrase => KeyError::WrongPassphrase(path.to_path_buf()),
        Unlock::NotAKey => KeyError::NotSecretKey(path.to_path_buf()),
        Unlock::Unprotected => KeyError::Unprotected(path.to_path_buf()),
    })
}

enum Unlock {
    WrongPassphrase,
    NotAKey,
    Unprotected,
}

/// A secret key from the text of its file: an `untrusted comment:` line, then the key in
/// base64.
fn unlock_secret_key(text: &str, passphrase: &Passphrase) -> Result<SecretKey, Unlock> {
    let mut lines = text.lines();
    let comment = lines.next().unwrap_or("");
    let encoded = lines.next().unwrap_or("").trim();
    if !comment.starts_with(COMMENT_PREFIX) || encoded.is_empty() {
        return Err(Unlock::NotAKey);
    }
    let boxed = format!("{comment}\n{encoded}\n");
    // Read as a key without a passphrase, a protected key fails at once ("might be encrypted",
    // an I/O kind) without deriving anything; success or a bad checksum means no passphrase.
    let unencrypted =
        SecretKeyBox::from_string(&boxed).and_then(|b| b.into_unencrypted_secret_key());
    match unencrypted {
        Ok(_) => return Err(Unlock::Unprotected),
        Err(e) if matches!(e.kind(), ErrorKind::Verify) => return Err(Unlock::Unprotected),
        Err(_) => {}
    }
    // The password is always given: the crate would otherwise prompt on the terminal.
    let encrypted = SecretKeyBox::from_string(&boxed)
        .and_then(|b| b.into_secret_key(Some(passphrase.0.clone())));
    match encrypted {
        Ok(key) => Ok(key),
        // The checksum of the decrypted key does not match: the passphrase is wrong.
        Err(e) if matches!(e.kind(), ErrorKind::Verify) => Err(Unlock::WrongPassphrase),
        Err(_) => Err(Unlock::NotAKey),
    }
}

/// A public key given as its base64 line (`RW…`, as `minisign -P` takes it).
pub fn parse_public_key(text: &str) -> Result<PublicKey, KeyError> {
    decode_public_key(text.trim()).ok_or_else(|| KeyError::NotPublicKey(text.trim().to_string()))
}

/// A public key from its `.pub` file: the first line that is neither empty nor an
/// `untrusted comment:` (so a file holding only the base64 line works too).
pub fn load_public_key(path: &Path) -> Result<PublicKey, KeyError> {
    let not_a_key = || KeyError::NotPublicKey(path.display().to_string());
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::InvalidData => return Err(not_a_key()),
        Err(error) => {
            return Err(KeyError::Read {
                path: path.to_path_buf(),
                error,
            });
        }
    };
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with(COMMENT_PREFIX))
        .and_then(decode_public_key)
        .ok_or_else(not_a_key)
}

fn decode_public_key(line: &str) -> Option<PublicKey> {
    let key = PublicKey::from_base64(line).ok()?;
    // Only Ed25519 keys ("Ed") exist; anything else decoded from 56 characters is not a key.
    key.to_bytes().starts_with(b"Ed").then_some(key)
}

/// The public key as one base64 line, the form `minisign -P` takes and `.pub` files hold.
pub fn public_key_line(key: &PublicKey) -> String {
    key.to_base64()
}

/// The public key of an unlocked secret key.
pub fn public_key_of(secret: &SecretKey) -> Result<PublicKey, KeyError> {
    PublicKey::from_secret_key(secret).map_err(|e| KeyError::Generate(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_key_sits_beside_the_secret_key() {
        assert_eq!(
            public_key_path(Path::new("/a/thidua.key")),
            PathBuf::from("/a/thidua.pub")
        );
        assert_eq!(
            public_key_path(Path::new("/a/head")),
            PathBuf::from("/a/head.pub")
        );
    }

    #[test]
    fn a_passphrase_is_never_empty_nor_shown() {
        assert!(matches!(
            Passphrase::new(String::new()),
            Err(KeyError::EmptyPassphrase)
        ));
        let p = Passphrase::new("bí mật".into()).unwrap();
        assert!(!format!("{p:?}").contains("bí mật"));
    }

    #[test]
    fn text_that_is_not_a_key_is_refused() {
        let p = Passphrase::new("x".into()).unwrap();
        assert!(matches!(
            unlock_secret_key("hello\nworld\n", &p),
            Err(Unlock::NotAKey)
        ));
        assert!(matches!(
            unlock_secret_key("untrusted comment: x\n!!!\n", &p),
            Err(Unlock::NotAKey)
        ));
        assert!(parse_public_key("RWQ").is_err());
        assert!(parse_public_key(&"A".repeat(56)).is_err());
    }
}

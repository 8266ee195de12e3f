//! `thidua keygen [--key PATH] [--password-file FILE]`: makes the head's signing key pair.

use std::io::IsTerminal;
use std::path::Path;

use crate::i18n::{Lang, Msg};
use crate::report::keys::{self, KeyError, Passphrase};

use super::{INVALID, USAGE};
use super::{errln, outln};

pub fn run(lang: Lang, key: Option<&Path>, password_file: Option<&Path>) -> u8 {
    let secret = match key {
        Some(p) => p.to_path_buf(),
        None => match keys::default_secret_key_path() {
            Ok(p) => p,
            Err(e) => return fail(lang, &e),
        },
    };
    // Refused before the passphrase is asked for, not after.
    if let Err(e) = keys::ensure_free(&secret) {
        return fail(lang, &e);
    }
    let passphrase = match password_file {
        Some(file) => password_from_file(lang, file),
        None => ask_new_passphrase(lang),
    };
    let passphrase = match passphrase {
        Ok(p) => p,
        Err(e) => return fail(lang, &e),
    };
    match keys::generate(&secret, &passphrase) {
        Ok(made) => {
            outln!(
                "{}",
                lang.msg(&Msg::KeyCreated {
                    secret: made.secret.display().to_string(),
                    public: made.public.display().to_string(),
                })
            );
            outln!("{}", keys::public_key_line(&made.key));
            0
        }
        Err(e) => fail(lang, &e),
    }
}

/// Prints a key error and returns its exit code.
/// The secret key's path (the default key when none) and the passphrase read from
/// `password_file` or asked at the terminal; the exit code when not.
pub(super) fn key_and_passphrase(
    lang: Lang,
    key: Option<&Path>,
    password_file: Option<&Path>,
) -> Result<(std::path::PathBuf, Passphrase), u8> {
    let key_path = match key {
        Some(p) => p.to_path_buf(),
        None => keys::default_secret_key_path().map_err(|e| fail(lang, &e))?,
    };
    let passphrase = match password_file {
        Some(file) => password_from_file(lang, file),
        None => ask_passphrase(lang, &Msg::PassphraseFor(key_path.display().to_string()))
            .and_then(Passphrase::new),
    };
    passphrase
        .map(|p| (key_path, p))
        .map_err(|e| fail(lang, &e))
}

/// The secret key at `key`, unlocked (see [`key_and_passphrase`]), and its public key.
pub(super) fn unlock(
    lang: Lang,
    key: Option<&Path>,
    password_file: Option<&Path>,
) -> Result<(minisign::SecretKey, minisign::PublicKey), u8> {
    let (key_path, passphrase) = key_and_passphrase(lang, key, password_file)?;
    keys::load_secret_key(&key_path, &passphrase)
        .and_then(|secret| keys::public_key_of(&secret).map(|public| (secret, public)))
        .map_err(|e| fail(lang, &e))
}

pub(super) fn fail(lang: Lang, e: &KeyError) -> u8 {
    errln!("{}", lang.msg(&e.msg()));
    if e.is_io() { USAGE } else { INVALID }
}

/// Asks on the terminal, without echo, for a passphrase.
pub(super) fn ask_passphrase(lang: Lang, prompt: &Msg) -> Result<String, KeyError> {
    if !std::io::stdin().is_terminal() {
        return Err(KeyError::NoTerminal);
    }
    rpassword::prompt_password(lang.msg(prompt)).map_err(KeyError::Prompt)
}

/// A new passphrase, typed twice.
fn ask_new_passphrase(lang: Lang) -> Result<Passphrase, KeyError> {
    let first = Passphrase::new(ask_passphrase(lang, &Msg::PassphrasePrompt)?)?;
    let again = ask_passphrase(lang, &Msg::PassphraseAgain)?;
    if again != first.as_str() {
        return Err(KeyError::PassphraseMismatch);
    }
    Ok(first)
}

/// The passphrase on the first line of `file` (`--password-file`), with a warning when
/// others than its owner may read the file.
pub fn password_from_file(lang: Lang, file: &Path) -> Result<Passphrase, KeyError> {
    if keys::readable_by_others(file) {
        errln!(
            "{}",
            lang.msg(&Msg::PasswordFileOpen(file.display().to_string()))
        );
    }
    Passphrase::from_file(file)
}

//! `thidua verify FILE...`: checks signed summaries against the head's public key and
//! recomputes a record's results.

use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Msg};
use crate::report::keys;
use crate::report::sign::key_id;
use crate::report::verify::check_file;

use super::{INVALID, USAGE, keygen};
use super::{errln, outln};

pub fn run(lang: Lang, files: &[PathBuf], pubkey: Option<&str>, pubkey_file: Option<&Path>) -> u8 {
    let (key, from) = match (pubkey, pubkey_file) {
        (Some(text), _) => match keys::parse_public_key(text) {
            Ok(k) => (k, "--pubkey".to_string()),
            Err(e) => return keygen::fail(lang, &e),
        },
        (None, Some(path)) => match keys::load_public_key(path) {
            Ok(k) => (k, path.display().to_string()),
            Err(e) => return keygen::fail(lang, &e),
        },
        (None, None) => {
            // The user's own key, when they check what they signed themselves.
            let own = keys::default_secret_key_path()
                .ok()
                .map(|p| keys::public_key_path(&p))
                .filter(|p| p.is_file());
            match own.map(|p| (keys::load_public_key(&p), p)) {
                Some((Ok(k), p)) => (k, p.display().to_string()),
                Some((Err(e), _)) => return keygen::fail(lang, &e),
                None => {
                    errln!("{}", lang.msg(&Msg::VerifyNoKey));
                    return USAGE;
                }
            }
        }
    };
    outln!(
        "{}",
        lang.msg(&Msg::VerifyKey {
            id: key_id(&key),
            from
        })
    );
    let mut failed = 0;
    let mut unreadable = false;
    for file in files {
        match check_file(file, &key) {
            Ok(report) => {
                let head = if report.failed() {
                    failed += 1;
                    Msg::VerifyFileFailed(report.file.display().to_string())
                } else {
                    Msg::VerifyFileOk(report.file.display().to_string())
                };
                outln!("{}", lang.msg(&head));
                for f in &report.findings {
                    outln!("{}", crate::report::findings::finding(lang, f));
                }
            }
            Err(error) => {
                unreadable = true;
                let path = file.display().to_string();
                outln!("{}", lang.msg(&Msg::VerifyFileFailed(path.clone())));
                let error = error.to_string();
                outln!("  ✗ {}", lang.msg(&Msg::VerifyReadFailed { path, error }));
            }
        }
    }
    if failed == 0 && !unreadable {
        outln!("{}", lang.msg(&Msg::VerifyAllOk(files.len())));
        0
    } else {
        outln!(
            "{}",
            lang.msg(&Msg::VerifySomeFailed {
                failed: failed + usize::from(unreadable),
                files: files.len()
            })
        );
        if unreadable { USAGE } else { INVALID }
    }
}

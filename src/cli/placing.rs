//! Where a file read from a workbook goes: a new file is written; the same content is left as
//! it is; different content replaces the file only when asked (`--replace`) and never while a
//! bloc has scores under it, since those scores were entered under what the file says.

use std::path::Path;

use crate::i18n::{Lang, Msg};

use super::template::{write_failed, write_new};
use super::{INVALID, USAGE, errln, outln};

/// What stands at the path already.
pub(super) struct Existing {
    /// The file holds the very same content (read and compared as values).
    pub same: bool,
    /// Said when the content is different and no `--replace` was asked.
    pub differs: Msg,
    /// Said when the content is the same.
    pub unchanged: Msg,
}

/// Writes `text` as `path` (its folder made if needed), or says why not; `Ok(false)` when the
/// file already held it. `existing` describes the file there, if any; `in_use` names the bloc
/// whose scores keep it as it is.
pub(super) fn place(
    lang: Lang,
    path: &Path,
    text: &str,
    existing: Option<Existing>,
    replace: bool,
    in_use: impl FnOnce() -> Option<String>,
) -> Result<bool, u8> {
    let shown = path.display().to_string();
    let exists = existing.is_some();
    if let Some(existing) = existing {
        if existing.same {
            outln!("{}", lang.msg(&existing.unchanged));
            return Ok(false);
        }
        if !replace {
            errln!("{}", lang.msg(&existing.differs));
            return Err(INVALID);
        }
        if let Some(bloc) = in_use() {
            errln!("{}", lang.msg(&Msg::FileInUse { path: shown, bloc }));
            return Err(INVALID);
        }
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    if let Err(error) = std::fs::create_dir_all(dir) {
        errln!("{}", write_failed(lang, dir, &error));
        return Err(USAGE);
    }
    let written = if exists {
        crate::store::durable::replace(path, text.as_bytes())
    } else {
        write_new(path, text.as_bytes())
    };
    written.map(|()| true).map_err(|e| {
        errln!("{}", write_failed(lang, path, &e));
        USAGE
    })
}

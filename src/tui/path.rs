//! Completing a typed path with Tab, as a shell does: the one entry that fits is filled in, or
//! the part all fitting entries share, and the entries listed. Only folders and the files the
//! dialog can take are offered.

use std::path::{Path, PathBuf, is_separator};

/// At most this many entries are listed.
const MAX_LISTED: usize = 200;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Completion {
    /// The text completed as far as it goes.
    pub text: String,
    /// The entries that fit, folders ending with the separator.
    pub candidates: Vec<String>,
}

/// Completes `text`, a path typed relative to `base` (or absolute, or from `~`), offering
/// folders and the files `wanted` accepts by name.
pub fn complete(text: &str, base: &Path, wanted: impl Fn(&str) -> bool) -> Completion {
    let split = text
        .char_indices()
        .rfind(|(_, c)| is_separator(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (folder_text, prefix) = text.split_at(split);
    let folder = resolve(folder_text, base);
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Completion {
            text: text.to_string(),
            candidates: Vec::new(),
        };
    };
    let lower = prefix.to_lowercase();
    let mut candidates: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            // Hidden entries only when asked for.
            if name.starts_with('.') && !prefix.starts_with('.') {
                return None;
            }
            if !name.to_lowercase().starts_with(&lower) {
                return None;
            }
            // A link to a folder is followed, as the file dialog of any program does.
            if e.path().is_dir() {
                Some(format!("{name}{}", std::path::MAIN_SEPARATOR))
            } else if wanted(&name) {
                Some(name)
            } else {
                None
            }
        })
        .collect();
    candidates.sort_by_key(|c| c.to_lowercase());
    candidates.truncate(MAX_LISTED);
    let completed = match candidates.as_slice() {
        [] => prefix.to_string(),
        [one] => one.clone(),
        many => shared_start(many).unwrap_or_else(|| prefix.to_string()),
    };
    // What was typed is never shortened (a prefix typed in another case stays as typed).
    let completed = if completed.chars().count() < prefix.chars().count() {
        prefix.to_string()
    } else {
        completed
    };
    Completion {
        text: format!("{folder_text}{completed}"),
        candidates: if candidates.len() == 1 {
            Vec::new()
        } else {
            candidates
        },
    }
}

/// The path typed, relative to `base`, with `~` for the home folder.
pub fn resolve(typed: &str, base: &Path) -> PathBuf {
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"));
    let expanded = match (typed.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with(is_separator) => {
            PathBuf::from(home).join(rest.trim_start_matches(is_separator))
        }
        _ => PathBuf::from(typed),
    };
    if expanded.as_os_str().is_empty() {
        base.to_path_buf()
    } else {
        base.join(expanded)
    }
}

/// The longest start all names share, compared letter by letter without case, in the first
/// name's spelling.
fn shared_start(names: &[String]) -> Option<String> {
    let first = names.first()?;
    let mut end = first.len();
    for name in &names[1..] {
        let same = first
            .char_indices()
            .zip(name.chars())
            .take_while(|((_, a), b)| a.to_lowercase().eq(b.to_lowercase()))
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8());
        end = end.min(same);
    }
    Some(first[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("Phiếu tự chấm")).unwrap();
        for f in [
            "thanh-dong.xlsx",
            "thanh-son.csv",
            "thanh-son.pdf",
            ".an.xlsx",
        ] {
            std::fs::write(dir.path().join("Phiếu tự chấm").join(f), "").unwrap();
        }
        std::fs::write(dir.path().join("Phụ lục.docx"), "").unwrap();
        dir
    }

    fn forms(name: &str) -> bool {
        [".xlsx", ".csv", ".ron"].iter().any(|e| name.ends_with(e))
    }

    #[test]
    fn the_only_fitting_folder_is_filled_in_with_its_separator() {
        let dir = tree();
        let done = complete("Ph", dir.path(), forms);
        // The .docx is not a form: only the folder fits.
        assert_eq!(
            done.text,
            format!("Phiếu tự chấm{}", std::path::MAIN_SEPARATOR)
        );
        assert!(done.candidates.is_empty());
    }

    #[test]
    fn several_fitting_files_give_their_shared_start_and_are_listed() {
        let dir = tree();
        let folder = format!("Phiếu tự chấm{}", std::path::MAIN_SEPARATOR);
        let done = complete(&format!("{folder}TH"), dir.path(), forms);
        assert_eq!(done.text, format!("{folder}thanh-"));
        assert_eq!(done.candidates, ["thanh-dong.xlsx", "thanh-son.csv"]);
        let done = complete(&format!("{folder}thanh-s"), dir.path(), forms);
        assert_eq!(done.text, format!("{folder}thanh-son.csv"));
        // Hidden files only when their dot is typed.
        let done = complete(&format!("{folder}."), dir.path(), forms);
        assert_eq!(done.text, format!("{folder}.an.xlsx"));
    }

    #[test]
    fn nothing_fitting_or_no_folder_leaves_the_text_as_typed() {
        let dir = tree();
        assert_eq!(complete("zz", dir.path(), forms).text, "zz");
        let missing = complete("không có/x", dir.path(), forms);
        assert_eq!(missing.text, "không có/x");
        assert!(missing.candidates.is_empty());
    }
}

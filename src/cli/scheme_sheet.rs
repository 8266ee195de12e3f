//! `thidua template-scheme [SCHEME] [--out FILE]` writes a scheme's workbook (the sample scheme
//! when none is named, as a start to edit); `thidua import-scheme FILE [--out DIR]` reads one
//! into `scoring/<id>.ron`, never over a different scheme.

use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Msg};
use crate::model::Layout;
use crate::setup::{ron_text, scheme_book, scheme_read};
use crate::store::load::{self, LoadError};

use super::bloc_sheet::scored_bloc;
use super::placing::{Existing, place};
use super::template::{write_failed, write_new};
use super::{INVALID, USAGE, errln, outln, print_problems, report_load_error};

use crate::setup::SAMPLE_SCHEME as SAMPLE;

#[derive(Debug, clap::Args)]
pub struct TemplateSchemeArgs {
    /// Thang điểm đã có: mã (scoring/<mã>.ron) hoặc đường dẫn; bỏ trống: thang điểm mẫu /
    /// an existing scheme, by id or path; the sample scheme when left out
    pub scheme: Option<String>,
    /// Tệp ghi ra (mặc định: thang-diem.xlsx, hoặc <mã>.xlsx) / the file to write
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ImportSchemeArgs {
    /// Bảng tính thang điểm (.xlsx) / the scheme's workbook
    pub file: PathBuf,
    /// Thư mục thang điểm (mặc định: scoring) / the schemes' folder
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Thay tệp cùng mã khi chưa có khối nào chấm theo nó / replace the file of the same id
    /// while no bloc has scores on it
    #[arg(long)]
    pub replace: bool,
}

pub fn template(lang: Lang, args: &TemplateSchemeArgs) -> u8 {
    let source = match &args.scheme {
        None => load::Source::from_text("scoring/khoi-phuong-2026.ron", SAMPLE),
        Some(named) => {
            let path = scheme_path(named);
            match load::read_source(&path) {
                Ok(s) => s,
                Err(e) => return report_load_error(lang, &e),
            }
        }
    };
    let scheme = match load::parse_scheme(&source) {
        Ok(s) => s,
        Err(problems) => return report_load_error(lang, &LoadError::Problems(problems)),
    };
    let out = args.out.clone().unwrap_or_else(|| match &args.scheme {
        None => PathBuf::from("thang-diem.xlsx"),
        Some(_) => PathBuf::from(format!("{}.xlsx", scheme.id)),
    });
    let bytes = match scheme_book::workbook(&scheme) {
        Ok(b) => b,
        Err(e) => {
            errln!(
                "{}",
                write_failed(lang, &out, &std::io::Error::other(e.to_string()))
            );
            return USAGE;
        }
    };
    match write_new(&out, &bytes) {
        Ok(()) => {
            outln!(
                "{}",
                lang.msg(&Msg::SchemeBookWritten(out.display().to_string()))
            );
            0
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            errln!("{}", lang.msg(&Msg::FileExists(out.display().to_string())));
            INVALID
        }
        Err(e) => {
            errln!("{}", write_failed(lang, &out, &e));
            USAGE
        }
    }
}

pub fn import(lang: Lang, args: &ImportSchemeArgs) -> u8 {
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(error) => {
            let e = LoadError::Io {
                path: args.file.clone(),
                error,
            };
            return report_load_error(lang, &e);
        }
    };
    let shown = args.file.display().to_string();
    let scheme = match scheme_read::read(&bytes) {
        Ok(s) => s,
        Err(problems) => {
            print_problems(
                lang,
                problems
                    .iter()
                    .map(|p| format!("{shown}: {}", p.text(lang))),
            );
            errln!("{}", lang.msg(&Msg::WorkbookProblems(problems.len())));
            return INVALID;
        }
    };
    let dir = args.out.clone().unwrap_or_else(|| PathBuf::from("scoring"));
    // The id is checked as a safe file name by the scheme's checks above.
    let path = dir.join(format!("{}.ron", scheme.id));
    let shown_out = path.display().to_string();
    let existing = path.exists().then(|| Existing {
        same: load::read_source(&path)
            .ok()
            .and_then(|s| load::parse_scheme(&s).ok())
            .is_some_and(|old| old == scheme),
        differs: Msg::SchemeFileDiffers(shown_out.clone()),
        unchanged: Msg::SchemeUnchanged(shown_out.clone()),
    });
    let name = args.file.file_name().unwrap_or_default().to_string_lossy();
    let today = chrono::Local::now().date_naive();
    let text = ron_text::scheme_text(&scheme, &name, today);
    // A scheme some bloc has scores on stays as it is: its records were scored with it.
    let blocs = dir.parent().unwrap_or(Path::new(".")).join("blocs");
    let in_use = || scored_bloc(&blocs, |b| b.scheme == scheme.id);
    match place(lang, &path, &text, existing, args.replace, in_use) {
        Ok(false) => 0,
        Ok(true) => {
            let layout = Layout::new(&scheme);
            outln!(
                "{}",
                lang.msg(&Msg::SchemeImported {
                    path: shown_out,
                    criteria: layout.criteria_count(),
                    groups: layout.top_groups().count(),
                    max: layout.max_total(None),
                })
            );
            for warning in crate::model::validate::warnings(&scheme) {
                let word = lang.ui(crate::i18n::Ui::Warning);
                errln!("{word}: {}", lang.issue(&warning.kind));
            }
            0
        }
        Err(code) => code,
    }
}

/// A scheme named on the command line: a path, or an id in `scoring/`.
pub(super) fn scheme_path(named: &str) -> PathBuf {
    super::named_file("scoring", named)
}

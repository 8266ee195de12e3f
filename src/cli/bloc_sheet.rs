//! `thidua template-bloc [BLOC] [--scheme ID] [--out FILE]` writes a bloc's workbook (a blank
//! one for a scheme, for a new bloc); `thidua import-bloc FILE [--out DIR]` reads one into
//! `blocs/`, checked against its scheme, never over another bloc or another year's covenant.

use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Msg};
use crate::model::{Bloc, Scheme};
use crate::setup::{bloc_book, bloc_read, ron_text};
use crate::store::load::{self, LoadError};

use super::placing::{Existing, place};
use super::template::{write_failed, write_new};
use super::{INVALID, SessionArgs, USAGE, errln, load as load_bloc, outln, print_problems};
use super::{report_load_error, scheme_sheet::scheme_path};

#[derive(Debug, clap::Args)]
pub struct TemplateBlocArgs {
    /// Khối đã có: mã (blocs/<mã>.ron) hoặc đường dẫn / an existing bloc, by id or path
    #[arg(conflicts_with = "scheme", required_unless_present = "scheme")]
    pub bloc: Option<String>,
    /// Khối mới theo thang điểm này (mã hoặc đường dẫn) / a new bloc scoring with this scheme
    #[arg(long)]
    pub scheme: Option<String>,
    /// Năm giao ước của khối mới (mặc định: năm nay) / the new bloc's covenant year
    #[arg(long)]
    pub year: Option<i32>,
    /// Tệp ghi ra (mặc định: <mã khối>.xlsx, hoặc khoi-moi.xlsx) / the file to write
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ImportBlocArgs {
    /// Bảng tính khối (.xlsx) / the bloc's workbook
    pub file: PathBuf,
    /// Thư mục khối (mặc định: blocs) / the blocs' folder
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Thay tệp của năm ấy khi chưa có điểm nào của năm ấy / replace that year's file while
    /// nothing of that year is scored
    #[arg(long)]
    pub replace: bool,
}

pub fn template(lang: Lang, args: &TemplateBlocArgs) -> u8 {
    let (bloc, scheme) = match (&args.bloc, &args.scheme) {
        (Some(bloc), _) => {
            let session = SessionArgs {
                bloc: bloc.clone(),
                period: crate::model::Period::YearEnd,
                year: None,
                data: None,
            };
            match load_bloc(lang, &session) {
                Ok((loaded, _)) => (loaded.covenant.bloc, loaded.covenant.scheme),
                Err(code) => return code,
            }
        }
        (None, Some(scheme)) => {
            let source = match load::read_source(&scheme_path(scheme)) {
                Ok(s) => s,
                Err(e) => return report_load_error(lang, &e),
            };
            let scheme = match load::parse_scheme(&source) {
                Ok(s) => s,
                Err(p) => return report_load_error(lang, &LoadError::Problems(p)),
            };
            let year = args.year.unwrap_or_else(|| {
                use chrono::Datelike;
                crate::store::records::now().year()
            });
            (bloc_book::blank(&scheme, year), scheme)
        }
        (None, None) => return USAGE,
    };
    let out = args.out.clone().unwrap_or_else(|| {
        let stem = if bloc.id.is_empty() {
            "khoi-moi"
        } else {
            &bloc.id
        };
        PathBuf::from(format!("{stem}.xlsx"))
    });
    write_book(lang, &bloc, &scheme, &out)
}

/// Writes the workbook of `bloc` as the new file `out`.
pub(super) fn write_book(lang: Lang, bloc: &Bloc, scheme: &Scheme, out: &Path) -> u8 {
    let bytes = match bloc_book::workbook(bloc, scheme) {
        Ok(b) => b,
        Err(e) => {
            errln!(
                "{}",
                write_failed(lang, out, &std::io::Error::other(e.to_string()))
            );
            return USAGE;
        }
    };
    match write_new(out, &bytes) {
        Ok(()) => {
            outln!(
                "{}",
                lang.msg(&Msg::BlocBookWritten(out.display().to_string()))
            );
            0
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            errln!("{}", lang.msg(&Msg::FileExists(out.display().to_string())));
            INVALID
        }
        Err(e) => {
            errln!("{}", write_failed(lang, out, &e));
            USAGE
        }
    }
}

pub fn import(lang: Lang, args: &ImportBlocArgs) -> u8 {
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(error) => {
            let path = args.file.clone();
            return report_load_error(lang, &LoadError::Io { path, error });
        }
    };
    let blocs = args.out.clone().unwrap_or_else(|| PathBuf::from("blocs"));
    let shown = args.file.display().to_string();
    // The scheme is looked for where the bloc will lie: `scoring/` beside `blocs/`.
    let mut missing = None;
    let read = bloc_read::read(&bytes, |id| {
        let looked = crate::store::paths::scheme_file(&blocs.join("x.ron"), id).ok()?;
        let scheme = load::read_source(&looked)
            .ok()
            .and_then(|s| load::parse_scheme(&s).ok());
        if scheme.is_none() {
            missing = Some((id.to_string(), looked.display().to_string()));
        }
        scheme
    });
    let bloc = match read {
        Ok((bloc, Some(_))) => bloc,
        Ok((_, None)) => {
            let (scheme, looked) = missing.unwrap_or_default();
            errln!("{}", lang.msg(&Msg::BlocSchemeMissing { scheme, looked }));
            return INVALID;
        }
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
    let path = bloc_file(&blocs, &bloc);
    let shown_out = path.display().to_string();
    let existing = path.exists().then(|| Existing {
        same: load::read_source(&path)
            .ok()
            .and_then(|s| load::parse_bloc(&s).ok())
            .is_some_and(|old| old == bloc),
        differs: Msg::BlocFileDiffers(shown_out.clone()),
        unchanged: Msg::BlocUnchanged(shown_out.clone()),
    });
    let name = args.file.file_name().unwrap_or_default().to_string_lossy();
    let today = crate::store::records::now().date_naive();
    let text = ron_text::bloc_text(&bloc, &name, today);
    // A covenant with scores of its year stays as it is: they were scored under it.
    let in_use = || scored_bloc(&blocs, |b| b.id == bloc.id && b.year == bloc.year);
    match place(lang, &path, &text, existing, args.replace, in_use) {
        Ok(false) => 0,
        Ok(true) => {
            outln!(
                "{}",
                lang.msg(&Msg::BlocImported {
                    path: shown_out,
                    units: bloc.members.len(),
                    year: bloc.year,
                    scheme: bloc.scheme.clone(),
                })
            );
            0
        }
        Err(code) => code,
    }
}

/// The file a bloc's covenant of its year lies in: `blocs/<id>.ron`, unless that holds another
/// year's covenant of the bloc; then `blocs/<id>-<year>.ron`. The id stays the bloc's across
/// the years (its records are `records/<id>/<year>/`), and last year's file stays where it was.
pub fn bloc_file(blocs: &Path, bloc: &Bloc) -> PathBuf {
    let first = blocs.join(format!("{}.ron", bloc.id));
    let other_year = load::read_source(&first)
        .ok()
        .and_then(|s| load::parse_bloc(&s).ok())
        .is_some_and(|old| old.year != bloc.year);
    if other_year {
        blocs.join(format!("{}-{}.ron", bloc.id, bloc.year))
    } else {
        first
    }
}

/// The first bloc in `blocs` for which `which` holds that has scores of its covenant year
/// (its records folder for the year exists), by id.
pub(super) fn scored_bloc(blocs: &Path, which: impl Fn(&Bloc) -> bool) -> Option<String> {
    let files = std::fs::read_dir(blocs).ok()?;
    files
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter_map(|p| {
            let bloc = load::parse_bloc(&load::read_source(&p).ok()?).ok()?;
            let data = crate::store::paths::data_dir(&p, None);
            let scored = crate::store::paths::child(&data, &bloc.id)
                .is_ok_and(|d| d.join(bloc.year.to_string()).is_dir());
            (which(&bloc) && scored).then_some(bloc.id)
        })
        .next()
}

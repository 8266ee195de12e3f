//! `thidua new-year BLOC --year Y [--scheme ID] [--out FILE]`: the bloc's next covenant year.
//! The members are carried over; the head and deputy are those elected at the year-end meeting,
//! where recorded; the scheme is the one named, or a copy of this year's renamed for the new
//! year; the targets are asked for anew, in the bloc's workbook. Last year's files and records
//! are left as they are, so both years stay open to read and to score.

use std::path::PathBuf;

use crate::i18n::{Lang, Msg};
use crate::model::{Bloc, Covenant, Period, Scheme};
use crate::setup::ron_text;
use crate::store::load::{self, LoadError};
use crate::store::paths::{data_dir, scheme_file, session_dir};
use crate::store::records::Records;

use super::bloc_sheet::{bloc_file, write_book};
use super::template::{write_failed, write_new};
use super::{SessionArgs, USAGE, errln, load as load_bloc, outln, report_load_error};

#[derive(Debug, clap::Args)]
pub struct NewYearArgs {
    /// Khối: mã (blocs/<mã>.ron) hoặc đường dẫn / bloc id or path
    pub bloc: String,
    /// Năm mới / the new year
    #[arg(long)]
    pub year: i32,
    /// Thang điểm của năm mới (mã); bỏ trống: chép thang điểm năm nay sang mã mới /
    /// the new year's scheme, by id; left out: this year's copied under a new id
    #[arg(long)]
    pub scheme: Option<String>,
    /// Bảng tính khối năm mới (mặc định: <mã khối>-<năm>.xlsx) / the new year's bloc workbook
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Thư mục dữ liệu (mặc định: records/) / data folder
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
}

pub fn run(lang: Lang, args: &NewYearArgs) -> u8 {
    let session = SessionArgs {
        bloc: args.bloc.clone(),
        period: Period::YearEnd,
        year: None,
        data: args.data.clone(),
    };
    let (loaded, bloc_path) = match load_bloc(lang, &session) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let covenant = &loaded.covenant;
    if args.year <= covenant.bloc.year {
        errln!(
            "{}",
            lang.msg(&Msg::NewYearNotLater {
                year: args.year,
                current: covenant.bloc.year
            })
        );
        return USAGE;
    }
    let scheme = match next_scheme(lang, args, covenant, &bloc_path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut bloc = Bloc {
        year: args.year,
        scheme: scheme.id.clone(),
        targets: Default::default(),
        ..covenant.bloc.clone()
    };
    // The officers elected at the year-end meeting, where the election is recorded.
    let data = data_dir(&bloc_path, args.data.as_deref());
    if let Ok(dir) = session_dir(
        &data,
        &covenant.bloc.id,
        covenant.bloc.year,
        Period::YearEnd,
    ) && let Ok(records) = Records::open_to_read(&dir, covenant, Period::YearEnd)
        && let Some(election) = records.election()
    {
        // A new head's leader signs the bloc's reports: who that is, the clerk writes in.
        if election.head != bloc.head {
            bloc.signer = crate::model::Signer {
                name: String::new(),
                post: String::new(),
            };
        }
        bloc.head = election.head.clone();
        bloc.deputy = Some(election.deputy.clone());
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}-{}.xlsx", bloc.id, bloc.year)));
    let code = write_book(lang, &bloc, &scheme, &out);
    if code != 0 {
        return code;
    }
    // Without targets to ask for, the bloc is complete: it is written at once.
    let blocs = bloc_path.parent().unwrap_or(std::path::Path::new("."));
    let path = bloc_file(blocs, &bloc);
    if crate::model::validate::bloc(&bloc, &scheme).is_empty() && !path.exists() {
        let today = crate::store::records::now().date_naive();
        let text = ron_text::bloc_text(&bloc, &bloc_path.display().to_string(), today);
        if let Err(e) = write_new(&path, text.as_bytes()) {
            errln!("{}", write_failed(lang, &path, &e));
            return USAGE;
        }
        outln!(
            "{}",
            lang.msg(&Msg::BlocImported {
                path: path.display().to_string(),
                units: bloc.members.len(),
                year: bloc.year,
                scheme: bloc.scheme.clone(),
            })
        );
    } else {
        outln!(
            "{}",
            lang.msg(&Msg::NewYearTargets(out.display().to_string()))
        );
    }
    0
}

/// The new year's scheme: the one named, or this year's copied under a new id (the year in it
/// replaced, or added) and taking effect on 1 January. A copy already there is used as it is.
fn next_scheme(
    lang: Lang,
    args: &NewYearArgs,
    covenant: &Covenant,
    bloc_path: &std::path::Path,
) -> Result<Scheme, u8> {
    let read = |id: &str| -> Result<Option<Scheme>, u8> {
        let path = scheme_file(bloc_path, id).map_err(|e| {
            errln!("{}", lang.msg(&Msg::UnsafeName(e.0)));
            USAGE
        })?;
        if !path.exists() {
            return Ok(None);
        }
        let source = load::read_source(&path).map_err(|e| report_load_error(lang, &e))?;
        load::parse_scheme(&source)
            .map(Some)
            .map_err(|p| report_load_error(lang, &LoadError::Problems(p)))
    };
    if let Some(id) = &args.scheme {
        return read(id)?.ok_or_else(|| {
            let looked = scheme_file(bloc_path, id).unwrap_or_default();
            let looked = looked.display().to_string();
            errln!(
                "{}",
                lang.msg(&Msg::BlocSchemeMissing {
                    scheme: id.clone(),
                    looked
                })
            );
            USAGE
        });
    }
    let old = &covenant.scheme;
    let this_year = covenant.bloc.year.to_string();
    let id = if old.id.contains(&this_year) {
        old.id.replace(&this_year, &args.year.to_string())
    } else {
        format!("{}-{}", old.id, args.year)
    };
    if let Some(existing) = read(&id)? {
        return Ok(existing);
    }
    let copy = Scheme {
        id: id.clone(),
        title: old.title.replace(&this_year, &args.year.to_string()),
        effective: chrono::NaiveDate::from_ymd_opt(args.year, 1, 1).unwrap_or(old.effective),
        ..old.clone()
    };
    let path = scheme_file(bloc_path, &id).map_err(|e| {
        errln!("{}", lang.msg(&Msg::UnsafeName(e.0)));
        USAGE
    })?;
    let source = scheme_file(bloc_path, &old.id).unwrap_or_default();
    let today = crate::store::records::now().date_naive();
    let text = ron_text::scheme_text(&copy, &source.display().to_string(), today);
    if let Err(e) = write_new(&path, text.as_bytes()) {
        errln!("{}", write_failed(lang, &path, &e));
        return Err(USAGE);
    }
    outln!(
        "{}",
        lang.msg(&Msg::NewYearScheme(path.display().to_string()))
    );
    Ok(copy)
}

//! `thidua template BLOC --period P [--year Y] (--unit ID | --all) [--out DIR]`: writes the
//! self-score form of one unit or of every unit, never over an existing file.

use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Msg};
use crate::model::Period;
use crate::selfscore::template::{file_name, workbook};
use crate::selfscore::words::SelfScoreMsg;

use super::{INVALID, SessionArgs, USAGE, load, parse_period};
use super::{errln, outln};

#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// Khối: mã (blocs/<mã>.ron) hoặc đường dẫn / bloc id or path
    pub bloc: String,
    /// mid-year (so-ket) | year-end (tong-ket)
    #[arg(long, value_parser = parse_period)]
    pub period: Period,
    /// Năm (mặc định: năm giao ước của khối) / year (default: the bloc's covenant year)
    #[arg(long)]
    pub year: Option<i32>,
    /// Mã đơn vị / the unit's id
    #[arg(long, conflicts_with = "all", required_unless_present = "all")]
    pub unit: Option<String>,
    /// Mỗi đơn vị một phiếu / one form for every unit
    #[arg(long)]
    pub all: bool,
    /// Thư mục ghi phiếu (mặc định: thư mục hiện tại) / output folder (default: the current one)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn run(lang: Lang, args: &TemplateArgs) -> u8 {
    let session = SessionArgs {
        bloc: args.bloc.clone(),
        period: args.period,
        year: args.year,
        data: None,
    };
    let (loaded, _) = match load(lang, &session) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let covenant = &loaded.covenant;
    let year = args.year.unwrap_or(covenant.bloc.year);
    let units: Vec<usize> = match &args.unit {
        Some(id) => match covenant.unit_index(id) {
            Some(u) => vec![u],
            None => {
                let known = covenant.bloc.members.iter().map(|m| m.id.clone()).collect();
                let msg = SelfScoreMsg::TemplateUnknownUnit {
                    unit: id.clone(),
                    known,
                };
                errln!("{}", msg.text(lang));
                return USAGE;
            }
        },
        None => (0..covenant.bloc.members.len()).collect(),
    };
    let out = args.out.clone().unwrap_or_else(|| PathBuf::from("."));
    let paths: Vec<PathBuf> = units
        .iter()
        .map(|&u| {
            let id = &covenant.bloc.members[u].id;
            out.join(file_name(&covenant.bloc.id, year, args.period, id))
        })
        .collect();
    // Refuse before writing anything, so that `--all` writes every form or none.
    let existing: Vec<&PathBuf> = paths.iter().filter(|p| p.exists()).collect();
    if !existing.is_empty() {
        for path in existing {
            let msg = SelfScoreMsg::TemplateExists(path.display().to_string());
            errln!("{}", msg.text(lang));
        }
        return INVALID;
    }
    if let Err(error) = std::fs::create_dir_all(&out) {
        errln!("{}", write_failed(lang, &out, &error));
        return USAGE;
    }
    for (&unit, path) in units.iter().zip(&paths) {
        let bytes = match workbook(covenant, year, args.period, unit, lang) {
            Ok(b) => b,
            Err(e) => {
                errln!("{}", SelfScoreMsg::TemplateFailed(e.0).text(lang));
                return USAGE;
            }
        };
        match write_new(path, &bytes) {
            Ok(()) => outln!(
                "{}",
                SelfScoreMsg::TemplateWritten(path.display().to_string()).text(lang)
            ),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let msg = SelfScoreMsg::TemplateExists(path.display().to_string());
                errln!("{}", msg.text(lang));
                return INVALID;
            }
            Err(e) => {
                errln!("{}", write_failed(lang, path, &e));
                return USAGE;
            }
        }
    }
    0
}

/// Writes a file that must not exist yet, whole (`store::durable`).
pub(super) fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::store::durable::create_new(path, bytes, crate::store::durable::Access::Shared)
}

pub(super) fn write_failed(lang: Lang, path: &Path, error: &std::io::Error) -> String {
    lang.msg(&Msg::WriteFailed {
        path: path.display().to_string(),
        error: error.to_string(),
    })
}

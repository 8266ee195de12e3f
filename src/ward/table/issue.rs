//! Writing the city table: its PDF, workbook and Word copy, each signed with the ward's own key,
//! as the next version in the ward's `tables/` folder. A signed file is never overwritten; the
//! signature of the Word copy, written last, marks the version as issued.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use minisign::{PublicKey, SecretKey};

use crate::model::Period;
use crate::report::record::sha256_hex;
use crate::report::sign::{self, TrustedComment};
use crate::report::{docx, pdf};
use crate::store::durable::{self, Access};

use super::CityTable;
use super::document::{self, TableEdition};

/// The folder of the ward's tables.
pub const TABLES: &str = "tables";
/// Named in the signatures' comments where a bloc report names its bloc.
pub const SIGNED_AS: &str = "ward";

#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("{0}")]
    Layout(String),
    #[error("{path}: {error}")]
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// `tong-hop-2026-year-end-v`, to which the version is added.
fn prefix(year: i32, period: Period) -> String {
    format!("tong-hop-{year}-{}-v", period.slug())
}

/// The next version: one more than the highest whose files exist (issued or not, so that a
/// version that failed half-way is never written over).
fn next_version(dir: &Path, year: i32, period: Period) -> std::io::Result<u32> {
    let prefix = prefix(year, period);
    let mut highest = 0;
    if dir.is_dir() {
        for entry in std::fs::read_dir(dir)? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            let version = (name.strip_prefix(&prefix))
                .and_then(|rest| rest.split('.').next())
                .and_then(|v| v.parse::<u32>().ok());
            highest = highest.max(version.unwrap_or(0));
        }
    }
    Ok(highest + 1)
}

/// Lays out, signs and writes the table; the files written, in order.
pub fn issue(
    ward_dir: &Path,
    table: &CityTable,
    request: Request,
    secret: &SecretKey,
    public: &PublicKey,
) -> Result<Vec<PathBuf>, TableError> {
    let dir = ward_dir.join(TABLES);
    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |error| TableError::Write { path, error }
    };
    std::fs::create_dir_all(&dir).map_err(write_error(&dir))?;
    let version = next_version(&dir, table.year, table.period).map_err(write_error(&dir))?;
    let stem = format!("{}{version}", prefix(table.year, table.period));
    let pdf_name = format!("{stem}.pdf");
    let full = TableEdition {
        date: request.date,
        place: request.place,
        signer: request.signer,
        public_key: crate::report::keys::public_key_line(public),
        pdf_name: pdf_name.clone(),
    };
    let doc = document::document(table, &full);
    let layout = |e: String| TableError::Layout(e);
    let pdf_bytes = pdf::render(&doc).map_err(|e| layout(e.0))?;
    let xlsx_bytes = super::xlsx::workbook(table, request.date).map_err(|e| layout(e.0))?;
    let created = format!("{}T00:00:00+07:00", request.date);
    let docx_bytes = docx::render(&doc, &pdf_name, &created).map_err(|e| layout(e.to_string()))?;
    let mut files = Vec::new();
    for (ext, bytes) in [
        ("pdf", pdf_bytes),
        ("xlsx", xlsx_bytes),
        ("docx", docx_bytes),
    ] {
        let name = format!("{stem}.{ext}");
        let comment = TrustedComment {
            bloc: SIGNED_AS.to_string(),
            year: table.year,
            period: table.period,
            version,
            provisional: !table.is_final(),
            file: name.clone(),
            sha256: sha256_hex(&bytes),
        };
        let signature =
            sign::sign(secret, public, &bytes, &comment).map_err(|e| layout(e.to_string()))?;
        let path = dir.join(&name);
        let sig_path = dir.join(format!("{name}.minisig"));
        for (path, bytes) in [(path, &bytes[..]), (sig_path, signature.as_bytes())] {
            durable::create_new(&path, bytes, Access::Shared).map_err(write_error(&path))?;
            files.push(path);
        }
    }
    Ok(files)
}

/// What the clerk gives for a table: its date, and the ward's place and signer.
#[derive(Debug, Clone)]
pub struct Request {
    pub date: NaiveDate,
    pub place: String,
    pub signer: Option<crate::model::Signer>,
}

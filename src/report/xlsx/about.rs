//! The workbook's "Thông tin" sheet: which bloc, session and issue it is, and the key that
//! signs it.

use chrono::NaiveDate;
use rust_xlsxwriter::Worksheet;
use unicode_width::UnicodeWidthStr;

use crate::model::{Covenant, Period};
use crate::score::Results;

use super::super::document::Edition;
use super::{Formats, XlsxError, excel_date};

/// Key and value rows: which bloc, session and issue the workbook is, and the key that signs it.
pub(super) fn about_sheet(
    sheet: &mut Worksheet,
    f: &Formats,
    covenant: &Covenant,
    results: &Results,
    edition: &Edition,
) -> Result<(), XlsxError> {
    let bloc = &covenant.bloc;
    let scheme = &covenant.scheme;
    let number = edition
        .number
        .as_ref()
        .map(|n| format!("{n}/{}", bloc.number_suffix))
        .unwrap_or_default();
    let period = match edition.period {
        Period::MidYear => "Sơ kết 6 tháng đầu năm",
        Period::YearEnd => "Tổng kết năm",
    };
    let text = |s: &str| About::Text(s.to_string());
    let count = |n: usize| About::Number(n as f64);
    let rows: Vec<(&str, About)> = vec![
        ("Mã khối", text(&bloc.id)),
        ("Tên khối", text(&bloc.name)),
        ("Năm", About::Number(f64::from(edition.year))),
        ("Kỳ", text(period)),
        ("Phiên bản", About::Number(f64::from(edition.version))),
        ("Số văn bản", About::Text(number)),
        ("Ngày", About::Date(edition.date)),
        (
            "Dự thảo",
            text(if edition.provisional { "Có" } else { "Không" }),
        ),
        ("Số đơn vị", count(bloc.members.len())),
        ("Số nội dung cần chấm", count(results.needed)),
        ("Số nội dung đã chấm", count(results.entered)),
        ("Mã thang điểm", text(&scheme.id)),
        ("Thang điểm", text(&scheme.title)),
        ("Phiên bản thang điểm", text(&scheme.version)),
        ("Khóa công khai", text(&edition.public_key)),
    ];
    let quotas = results.awards.iter().map(|a| {
        let title = &scheme.awards[a.award].title;
        (format!("Số lượng tối đa: {title}"), count(a.quota))
    });
    let rows: Vec<(String, About)> = rows
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .chain(quotas)
        .collect();
    let widest_key = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    sheet.set_column_width(0, (widest_key as f64 + 2.0).min(60.0))?;
    let mut widest = 20;
    for (r, (key, value)) in rows.into_iter().enumerate() {
        let r = u32::try_from(r).map_err(|_| XlsxError("quá nhiều dòng".into()))?;
        sheet.write_string_with_format(r, 0, key, &f.key)?;
        match value {
            About::Text(s) if s.is_empty() => {}
            About::Text(s) => {
                widest = widest.max(s.width());
                sheet.write_string_with_format(r, 1, s, &f.text)?;
            }
            About::Number(n) => {
                sheet.write_number_with_format(r, 1, n, &f.count)?;
            }
            About::Date(d) => {
                sheet.write_datetime_with_format(r, 1, &excel_date(d)?, &f.date)?;
            }
        }
    }
    sheet.set_column_width(1, (widest as f64 + 2.0).min(80.0))?;
    Ok(())
}

enum About {
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

//! A scheme as the RON file a person reads and edits: the same extensions as the sample files,
//! two-space indentation, and comments saying where it came from and what each part is.

use serde::Serialize;

use crate::model::Bloc;
use crate::model::scheme::Scheme;

/// The RON text of `scheme`, opening with comments naming `source` (the workbook it was read
/// from) and the date.
pub fn scheme_text(scheme: &Scheme, source: &str, date: chrono::NaiveDate) -> String {
    let about = format!(
        "// {} ({}), đọc từ {source} ngày {}.\n// Sửa trong bảng tính rồi nhập lại bằng \
         `thidua import-scheme`, hoặc sửa trực tiếp tệp này rồi kiểm tra bằng `thidua check`.\n",
        scheme.title,
        scheme.id,
        date.format("%d/%m/%Y")
    );
    text(scheme, "Scheme(", &about, scheme_part)
}

/// The RON text of `bloc`, opening with comments as `scheme_text`'s.
pub fn bloc_text(bloc: &Bloc, source: &str, date: chrono::NaiveDate) -> String {
    let about = format!(
        "// {} ({}, năm {}), đọc từ {source} ngày {}.\n// Sửa trong bảng tính rồi nhập lại bằng \
         `thidua import-bloc`, hoặc sửa trực tiếp tệp này rồi kiểm tra bằng `thidua check`.\n",
        bloc.name,
        bloc.id,
        bloc.year,
        date.format("%d/%m/%Y")
    );
    text(bloc, "Bloc(", &about, bloc_part)
}

fn text<T: Serialize>(
    value: &T,
    opening: &str,
    about: &str,
    part: fn(&str) -> Option<&'static str>,
) -> String {
    let config = crate::store::load::ron_pretty("    ");
    // Every field is plain data: serialising cannot fail.
    let body = ron::ser::to_string_pretty(value, config).expect("plain data serialises");
    let mut out = String::new();
    for line in body.lines() {
        if let Some(comment) = top_field(line).and_then(part) {
            out.push_str("    // ");
            out.push_str(comment);
            out.push('\n');
        }
        if line.starts_with(opening) {
            out.push_str(about);
        }
        out.push_str(&figures_unquoted(line));
        out.push('\n');
    }
    out
}

/// The line with its figures written as numbers (`max: 6`), as people write them, where the
/// serialiser quotes decimals (`max: "6"`). Only figures are touched: a field known to hold one,
/// a scale's points (`Once("5")`), a cap by group (`"I": "3"`); never a code or a title.
fn figures_unquoted(line: &str) -> String {
    const FIGURES: [&str; 12] = [
        "max",
        "cap",
        "stated_max",
        "step",
        "per",
        "start",
        "floor",
        "ceiling",
        "points",
        "share",
        "percent",
        "min_total",
    ];
    let indent = line.len() - line.trim_start().len();
    let body = line.trim_start();
    let (head, value) = match body.rsplit_once(": ") {
        Some((head, value)) => (head, value),
        None => ("", body),
    };
    let field_holds_figure =
        FIGURES.contains(&head) || (head.starts_with('"') && head.ends_with('"'));
    let unquoted = |v: &str| -> Option<String> {
        let (quoted, rest) = if let Some(v) = v.strip_suffix(',') {
            (v, ",")
        } else {
            (v, "")
        };
        let number = quoted.strip_prefix('"')?.strip_suffix('"')?;
        let numeric = !number.is_empty()
            && number
                .trim_start_matches('-')
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.');
        numeric.then(|| format!("{number}{rest}"))
    };
    if !head.is_empty()
        && field_holds_figure
        && let Some(v) = unquoted(value)
    {
        return format!("{}{head}: {v}", " ".repeat(indent));
    }
    // `Once("5")`, `PerOccurrence("2")`, `PenaltyAtMostShareOfBonus("0.5")`.
    for kind in ["Once(", "PerOccurrence(", "PenaltyAtMostShareOfBonus("] {
        if let Some(at) = line.find(&format!("{kind}\"")) {
            let start = at + kind.len();
            if let Some(len) = line[start + 1..].find('"')
                && let Some(n) = unquoted(&line[start..start + len + 2])
            {
                return format!("{}{n}{}", &line[..start], &line[start + len + 2..]);
            }
        }
    }
    line.to_string()
}

/// The name of the top-level field a line opens, if it opens one.
fn top_field(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("    ")?;
    if rest.starts_with(' ') {
        return None;
    }
    rest.split(':').next()
}

/// The comment above a top-level field of a scheme, naming the sheet it comes from.
fn scheme_part(field: &str) -> Option<&'static str> {
    Some(match field {
        "groups" => "Tiêu chí (trang \"Tiêu chí\"): nhóm và tiêu chí, theo thứ tự in",
        "bonus" => "Điểm thưởng (trang \"Điểm thưởng\", \"Tối đa theo nhóm\")",
        "penalty" => "Điểm trừ (trang \"Điểm trừ\", \"Tối đa theo nhóm\")",
        "vetoes" => "Điều kiện bắt buộc (trang \"Điều kiện\")",
        "bands" => "Xếp loại (trang \"Xếp loại\")",
        "tie_breakers" => "Xét đồng hạng (trang \"Xét đồng hạng\")",
        "awards" => "Khen thưởng (trang \"Khen thưởng\")",
        "sections" => "Phần viết của báo cáo (trang \"Phần viết\")",
        _ => return None,
    })
}

/// The comment above a top-level field of a bloc.
fn bloc_part(field: &str) -> Option<&'static str> {
    Some(match field {
        "members" => "Đơn vị thành viên (trang \"Thành viên\")",
        "targets" => "Chỉ tiêu giao ước: đơn vị → mã tiêu chí → chỉ tiêu (trang \"Chỉ tiêu\")",
        "not_applicable" => "Nội dung không áp dụng với đơn vị (trang \"Không áp dụng\", ô KAD)",
        _ => return None,
    })
}

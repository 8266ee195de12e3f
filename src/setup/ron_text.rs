//! A scheme as the RON file a person reads and edits: the same extensions as the sample files,
//! two-space indentation, and comments saying where it came from and what each part is.

use crate::model::scheme::Scheme;

/// The RON text of `scheme`, opening with comments naming `source` (the workbook it was read
/// from) and the date.
pub fn scheme_text(scheme: &Scheme, source: &str, date: chrono::NaiveDate) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_string())
        .extensions(
            ron::extensions::Extensions::IMPLICIT_SOME
                | ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES,
        );
    // Every field is plain data: serialising cannot fail.
    let body = ron::ser::to_string_pretty(scheme, config).expect("a scheme serialises");
    let mut out = String::new();
    for line in body.lines() {
        if let Some(comment) = part_comment(line) {
            out.push_str("    // ");
            out.push_str(comment);
            out.push('\n');
        }
        if line.starts_with("Scheme(") {
            out.push_str(&format!(
                "// {} ({}), đọc từ {source} ngày {}.\n// Sửa trong bảng tính rồi nhập lại \
                 bằng `thidua import-scheme`, hoặc sửa trực tiếp tệp này rồi kiểm tra bằng \
                 `thidua check`.\n",
                scheme.title,
                scheme.id,
                date.format("%d/%m/%Y")
            ));
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

/// The comment above a top-level field of the scheme, naming the sheet it comes from.
fn part_comment(line: &str) -> Option<&'static str> {
    let field = line.strip_prefix("    ")?.split(':').next()?;
    if line.starts_with("     ") {
        return None;
    }
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

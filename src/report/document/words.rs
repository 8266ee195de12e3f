//! Words the document and the spreadsheet share, and how numbers, dates and entries read in a
//! Vietnamese administrative document.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::model::{Period, Value};

pub const RANK: &str = "Hạng";
pub const UNIT: &str = "Đơn vị";
pub const BONUS: &str = "Điểm thưởng";
pub const PENALTY: &str = "Điểm trừ";
pub const TOTAL: &str = "Tổng điểm";
pub const BAND: &str = "Xếp loại";
pub const CODE: &str = "Mã";
pub const CRITERION: &str = "Tiêu chí";
pub const MAX: &str = "Điểm tối đa";
pub const MET: &str = "Đạt";
pub const NOT_MET: &str = "Không đạt";
/// Said where the units are ranked by their share of what applies to each.
pub const RANKED_BY_SHARE: &str = "Thứ hạng được xếp theo tỷ lệ tổng điểm đạt được so với \
     điểm tối đa của các nội dung áp dụng với từng đơn vị.";
/// A cell whose item does not apply to the unit under the covenant.
pub const NOT_APPLICABLE: &str = "KAD";
/// The note under a table that shows "KAD".
pub const NOT_APPLICABLE_NOTE: &str = "KAD: không áp dụng với đơn vị (theo giao ước thi đua).";
pub const TIED: &str = "đồng hạng";
pub const VETOES: &str = "Điều kiện không đạt";

/// The time a report covers: "6 tháng đầu năm 2026", "năm 2026".
pub fn span(period: Period, year: i32) -> String {
    match period {
        Period::MidYear => format!("6 tháng đầu năm {year}"),
        Period::YearEnd => format!("năm {year}"),
    }
}

/// "ngày 05 tháng 7 năm 2026": Decree 30 pads days below 10 and the months 1 and 2.
pub fn date_words(date: NaiveDate) -> String {
    let month = date.month();
    let month = if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    };
    format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

/// Vietnamese number with a decimal comma, as entered (89,75; 5).
pub fn dec(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

/// Two decimal places with a comma (89,75; 90,00), for totals.
pub fn dec2(d: Decimal) -> String {
    let rounded = d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    format!("{rounded:.2}").replace('.', ",")
}

/// How a raw entry reads in the record and the spreadsheet.
pub fn value_words(value: &Value) -> String {
    match value {
        Value::Level(code) => code.clone(),
        Value::Met(true) => MET.to_string(),
        Value::Met(false) => NOT_MET.to_string(),
        Value::Points(p) | Value::Achieved(p) => dec(*p),
        Value::Count(n) => n.to_string(),
    }
}

pub fn rank_text(rank: usize, tied: bool) -> String {
    if tied {
        format!("{rank} ({})", TIED)
    } else {
        rank.to_string()
    }
}

/// "KTĐ" from "Khối thi đua số 8": the filing mark after "Lưu: VT,".
pub(super) fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .take(3)
        .collect()
}

/// "A, B và C".
pub(super) fn join_vi(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} và {last}", rest.join(", ")),
    }
}

/// Where a unit stands for an award, in a table's cell.
pub fn nomination(status: &crate::score::Nomination) -> &'static str {
    match status {
        crate::score::Nomination::Proposed => "Đề nghị",
        crate::score::Nomination::AwaitingVote => "Chờ biểu quyết",
        crate::score::Nomination::TiedAtQuota => "Bằng điểm tại giới hạn",
        crate::score::Nomination::Elected { .. } => "Đạt tỷ lệ phiếu, đề nghị",
        crate::score::Nomination::NotElected { .. } => "Không đạt tỷ lệ phiếu",
        crate::score::Nomination::OutvotedAtQuota { .. } => "Ít phiếu hơn, đã đủ chỉ tiêu",
        crate::score::Nomination::TiedOnVotes { .. } => "Bằng phiếu, bỏ phiếu lại",
        crate::score::Nomination::BeyondQuota => "Ngoài số lượng",
        crate::score::Nomination::Ineligible(_) => "Không đủ điều kiện",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_pad_days_below_ten_and_the_first_two_months() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date_words(d(2026, 7, 5)), "ngày 05 tháng 7 năm 2026");
        assert_eq!(date_words(d(2026, 2, 14)), "ngày 14 tháng 02 năm 2026");
        assert_eq!(date_words(d(2026, 1, 9)), "ngày 09 tháng 01 năm 2026");
        assert_eq!(date_words(d(2026, 12, 25)), "ngày 25 tháng 12 năm 2026");
    }

    #[test]
    fn initials_of_a_bloc_name() {
        assert_eq!(initials("Khối thi đua số 8"), "KTĐ");
    }

    #[test]
    fn lists_join_with_va() {
        assert_eq!(join_vi(&["A", "B", "C"]), "A, B và C");
        assert_eq!(join_vi(&["A"]), "A");
    }
}

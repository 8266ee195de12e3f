//! The words of the comparison of the mid-year with the year-end, in both languages, and how a
//! change reads: a signed total with the language's decimal mark, places as arrows.

use rust_decimal::Decimal;

use super::Lang;
use crate::score::compare::Review;

/// Fixed words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareText {
    /// The screen's name, in its tab and the help's title.
    Screen,
    /// What the screen's key does, in the help.
    KeyShow,
    Change,
    /// In place of a period's total for a unit with nothing entered in it.
    NotScored,
    /// The note under a table where a total is marked `*`.
    IncompleteNote,
}

impl CompareText {
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => match self {
                CompareText::Screen => "So sánh hai kỳ",
                CompareText::KeyShow => "so sánh hai kỳ",
                CompareText::Change => "Thay đổi",
                CompareText::NotScored => "Chưa chấm",
                CompareText::IncompleteNote => "* chưa chấm đủ các mục của kỳ",
            },
            Lang::En => match self {
                CompareText::Screen => "Compare periods",
                CompareText::KeyShow => "compare periods",
                CompareText::Change => "Change",
                CompareText::NotScored => "Not scored",
                CompareText::IncompleteNote => "* not every item of the period is scored",
            },
        }
    }
}

/// Messages with parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum CompareMsg {
    /// The comparison's key in a mid-year session.
    NoEarlierPeriod,
    /// `--compare` anywhere but at year-end against the mid-year.
    OnlyYearEndWithMidYear,
    MidYearMissing {
        year: i32,
        path: String,
    },
    MidYearEmpty {
        year: i32,
    },
    MidYearUnavailable {
        year: i32,
        reason: String,
    },
    /// The first line of the command's table.
    Heading {
        bloc: String,
        year: i32,
    },
    Progress {
        mid_year: Review,
        year_end: Review,
    },
    /// A period's name with the most a unit can reach from its criteria.
    PeriodOutOf {
        period: crate::model::Period,
        max: Decimal,
    },
}

impl CompareMsg {
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => vi(self),
            Lang::En => en(self),
        }
    }
}

fn vi(m: &CompareMsg) -> String {
    match m {
        // One line of the status bar at 80 columns.
        CompareMsg::NoEarlierPeriod => {
            "Sơ kết 6 tháng là kỳ đầu năm, chưa có kỳ trước để so sánh (có ở tổng kết năm)".into()
        }
        CompareMsg::OnlyYearEndWithMidYear => {
            "--compare chỉ dùng để so sánh tổng kết năm với sơ kết 6 tháng \
             cùng năm: --period year-end --compare mid-year (sơ kết là kỳ đầu, không có kỳ trước)"
                .into()
        }
        CompareMsg::MidYearMissing { year, path } => format!(
            "chưa có phiên sơ kết 6 tháng năm {year} (không có thư mục {path}), nên chưa có gì để so sánh"
        ),
        CompareMsg::MidYearEmpty { year } => {
            format!("sơ kết 6 tháng năm {year} chưa chấm điểm nào: mọi đơn vị đều \"Chưa chấm\"")
        }
        CompareMsg::MidYearUnavailable { year, reason } => {
            format!("không mở được phiên sơ kết 6 tháng năm {year}: {reason}")
        }
        CompareMsg::Heading { bloc, year } => {
            format!("{bloc} · Tổng kết năm {year} so với Sơ kết 6 tháng")
        }
        CompareMsg::Progress { mid_year, year_end } => format!(
            "Đã chấm: sơ kết {}/{}, tổng kết {}/{}",
            mid_year.entered, mid_year.needed, year_end.entered, year_end.needed
        ),
        CompareMsg::PeriodOutOf { period, max } => {
            format!(
                "{} (tối đa {})",
                Lang::Vi.period(*period),
                Lang::Vi.dec(*max)
            )
        }
    }
}

fn en(m: &CompareMsg) -> String {
    match m {
        CompareMsg::NoEarlierPeriod => {
            "The mid-year review is the first of the year: no earlier period to compare with".into()
        }
        CompareMsg::OnlyYearEndWithMidYear => {
            "--compare only compares the year-end review with the mid-year \
             review of the same year: --period year-end --compare mid-year (the mid-year has no \
             earlier period)"
                .into()
        }
        CompareMsg::MidYearMissing { year, path } => format!(
            "there is no mid-year session for {year} (no folder {path}), so nothing to compare with"
        ),
        CompareMsg::MidYearEmpty { year } => {
            format!("the {year} mid-year review has no scores: every unit reads \"Not scored\"")
        }
        CompareMsg::MidYearUnavailable { year, reason } => {
            format!("cannot open the mid-year session of {year}: {reason}")
        }
        CompareMsg::Heading { bloc, year } => {
            format!("{bloc} · Year-end review {year} against the mid-year review")
        }
        CompareMsg::Progress { mid_year, year_end } => format!(
            "Entered: mid-year {}/{}, year-end {}/{}",
            mid_year.entered, mid_year.needed, year_end.entered, year_end.needed
        ),
        CompareMsg::PeriodOutOf { period, max } => {
            format!("{} (max {})", Lang::En.period(*period), Lang::En.dec(*max))
        }
    }
}

/// A change of total with its sign and two decimals: "+2,50", "−1,00" (a true minus), "0,00".
pub fn signed(lang: Lang, change: Decimal) -> String {
    let magnitude = lang.dec2(change.abs());
    if change.is_zero() {
        magnitude
    } else if change.is_sign_negative() {
        format!("−{magnitude}")
    } else {
        format!("+{magnitude}")
    }
}

/// Places gained or lost: "↑2", "↓1", "=" for the same place.
pub fn places(places: i64) -> String {
    match places {
        0 => "=".into(),
        p if p > 0 => format!("↑{p}"),
        p => format!("↓{}", p.unsigned_abs()),
    }
}

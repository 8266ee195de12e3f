//! The two reviews of the year.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Period {
    /// Sơ kết 6 tháng.
    MidYear,
    /// Tổng kết năm.
    YearEnd,
}

impl Period {
    pub const ALL: [Period; 2] = [Period::MidYear, Period::YearEnd];

    pub fn both() -> Vec<Period> {
        Self::ALL.to_vec()
    }

    /// The spelling used on the command line and in folder names.
    pub fn slug(self) -> &'static str {
        match self {
            Period::MidYear => "mid-year",
            Period::YearEnd => "year-end",
        }
    }

    /// Accepts `mid-year`/`year-end` and the Vietnamese `so-ket`/`tong-ket`.
    pub fn parse(text: &str) -> Option<Period> {
        match text.trim().to_lowercase().as_str() {
            "mid-year" | "midyear" | "so-ket" | "sơ-kết" | "sơ kết" => Some(Period::MidYear),
            "year-end" | "yearend" | "tong-ket" | "tổng-kết" | "tổng kết" => {
                Some(Period::YearEnd)
            }
            _ => None,
        }
    }
}

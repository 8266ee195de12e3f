//! The shape of the scheme's workbook, shared by the writer and the reader so that they cannot
//! drift apart: the sheets in the order offices lay a scale out, the headings of their columns
//! (the reader finds a column by its heading, so a column moved or added is still read), and
//! the words of every drop-down with the English and RON names also accepted on reading.

/// A sheet of the workbook and its columns' headings, first to last.
pub struct SheetShape {
    pub name: &'static str,
    pub columns: &'static [Column],
}

pub struct Column {
    pub heading: &'static str,
    pub width: f64,
    /// The words of the column's drop-down; empty for free text or a number.
    pub choices: &'static [Choice],
    /// What a number column takes, for Excel's validation.
    pub number: Number,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    No,
    /// A decimal figure (points, a step, a share).
    Decimal,
    /// A whole number from 1 (a level of the tree, a quota).
    Whole,
}

/// A word of a drop-down: as written in the template, then the other words read as the same.
pub struct Choice {
    pub word: &'static str,
    pub also: &'static [&'static str],
}

const fn choice(word: &'static str, also: &'static [&'static str]) -> Choice {
    Choice { word, also }
}

pub(crate) const fn text(heading: &'static str, width: f64) -> Column {
    Column {
        heading,
        width,
        choices: &[],
        number: Number::No,
    }
}

const fn decimal(heading: &'static str, width: f64) -> Column {
    Column {
        heading,
        width,
        choices: &[],
        number: Number::Decimal,
    }
}

const fn whole(heading: &'static str, width: f64) -> Column {
    Column {
        heading,
        width,
        choices: &[],
        number: Number::Whole,
    }
}

const fn pick(heading: &'static str, width: f64, choices: &'static [Choice]) -> Column {
    Column {
        heading,
        width,
        choices,
        number: Number::No,
    }
}

/// The index of `word` among `choices`, comparing without case and accepting the other words.
pub fn chosen(choices: &[Choice], word: &str) -> Option<usize> {
    let lower = word.trim().to_lowercase();
    choices.iter().position(|c| {
        c.word.to_lowercase() == lower || c.also.iter().any(|a| a.to_lowercase() == lower)
    })
}

pub const SCALES: &[Choice] = &[
    choice("Nhóm", &["Group", "Nhom"]),
    choice("Mức", &["Levels", "Định tính"]),
    choice("Đạt/Không đạt", &["MetOrNot", "Đạt / Không đạt"]),
    choice("Chấm trực tiếp", &["Free"]),
    choice("Theo số lần", &["PerOccurrence", "Chấm thẳng"]),
    choice("Theo chỉ tiêu", &["Target", "Định lượng"]),
];
pub const RULES: &[Choice] = &[
    choice("Tỷ lệ", &["Proportional", "Tỉ lệ"]),
    choice("Một nửa tại chỉ tiêu", &["HalfAtTarget"]),
];
pub const DIRECTIONS: &[Choice] = &[
    choice("Càng cao càng tốt", &["Higher"]),
    choice("Càng ít càng tốt", &["Lower"]),
];
pub const UNTARGETED: &[Choice] = &[
    choice("So với đơn vị tốt nhất", &["AgainstBest"]),
    choice("0 điểm", &["Zero", "0"]),
];
pub const PERIODS: &[Choice] = &[
    choice("Cả hai kỳ", &["Both", "Cả năm"]),
    choice("Chỉ tổng kết", &["YearEnd", "Tổng kết", "Cuối năm"]),
    choice("Chỉ sơ kết", &["MidYear", "Sơ kết", "Giữa năm"]),
];
pub const ADJUSTMENTS: &[Choice] = &[
    choice("Một lần", &["Once"]),
    choice("Mỗi lần", &["PerOccurrence", "Theo số lần"]),
    choice("Chấm trực tiếp", &["Free"]),
];
pub const BASES: &[Choice] = &[
    choice("Theo điểm", &["Points"]),
    choice("Theo tỷ lệ điểm tối đa", &["ShareOfMaximum"]),
    choice("Không xếp loại", &["Off"]),
];
pub const RANK_BY: &[Choice] = &[
    choice("Tổng điểm", &["Points"]),
    choice("Tỷ lệ trên nội dung áp dụng", &["ShareOfApplicable"]),
];
pub const YES_NO: &[Choice] = &[
    choice("Có", &["Yes", "x", "true"]),
    choice("Không", &["No", "false"]),
];
pub const BAND_LISTS: &[Choice] = &[
    choice("Cả hai kỳ", &["Both"]),
    choice("Chỉ sơ kết", &["MidYear", "Sơ kết"]),
    choice("Chỉ tổng kết", &["YearEnd", "Tổng kết"]),
];
pub const SIDES: &[Choice] = &[
    choice("Điểm thưởng", &["Bonus"]),
    choice("Điểm trừ", &["Penalty"]),
];
pub const QUOTA_KINDS: &[Choice] = &[
    choice("Đơn vị", &["Count", "units"]),
    choice("%", &["Percent", "phần trăm"]),
];
pub const ROUNDINGS: &[Choice] = &[
    choice("Làm tròn xuống", &["Down", "Xuống"]),
    choice("Làm tròn lên", &["Up", "Lên"]),
    choice("Làm tròn gần nhất", &["Nearest", "Gần nhất"]),
];
pub const VOTE_BASES: &[Choice] = &[
    choice("Thành viên có mặt", &["Present", "Có mặt"]),
    choice("Toàn khối", &["AllMembers"]),
];
pub const TIE_BREAKERS: &[Choice] = &[
    choice("Tổng điểm nhóm", &["GroupSubtotal"]),
    choice("Điểm tiêu chí", &["CriterionPoints"]),
    choice("Ít điểm trừ hơn", &["FewerPenalty"]),
    choice("Nhiều điểm thưởng hơn", &["MoreBonus"]),
];
pub const SECTION_PERIODS: &[Choice] = &[
    choice("Sơ kết", &["MidYear"]),
    choice("Tổng kết", &["YearEnd"]),
];

/// "Thông tin": one row per field, its label in column A and its value in column B.
pub const INFO: SheetShape = SheetShape {
    name: "Thông tin",
    columns: &[text("Mục", 34.0), text("Nội dung", 60.0)],
};
/// The rows of "Thông tin", by their label.
pub mod info {
    pub const ID: &str = "Mã thang điểm";
    pub const TITLE: &str = "Tên thang điểm";
    pub const VERSION: &str = "Phiên bản";
    pub const EFFECTIVE: &str = "Ngày hiệu lực";
    pub const LEGAL_BASIS: &str = "Căn cứ";
    pub const MID_YEAR_BASIS: &str = "Xếp loại kỳ sơ kết";
    pub const YEAR_END_BASIS: &str = "Xếp loại kỳ tổng kết";
    pub const RANK_BY: &str = "Xếp hạng theo";
    pub const BONUS_CAP: &str = "Tổng điểm thưởng tối đa";
    pub const PENALTY_CAP: &str = "Tổng điểm trừ tối đa";
    pub const ALL: [&str; 10] = [
        ID,
        TITLE,
        VERSION,
        EFFECTIVE,
        LEGAL_BASIS,
        MID_YEAR_BASIS,
        YEAR_END_BASIS,
        RANK_BY,
        BONUS_CAP,
        PENALTY_CAP,
    ];
}

pub const CRITERIA: SheetShape = SheetShape {
    name: "Tiêu chí",
    columns: &[
        whole("Cấp", 6.0),
        text("STT", 7.0),
        text("Mã", 10.0),
        text("Nội dung", 50.0),
        decimal("Điểm tối đa", 10.0),
        decimal("Trần nhóm", 9.0),
        pick("Cách chấm", 16.0, SCALES),
        text("Các mức (mã: tên = điểm)", 36.0),
        decimal("Bước", 7.0),
        decimal("Mỗi lần", 8.0),
        decimal("Sàn", 7.0),
        decimal("Trần", 7.0),
        decimal("Bắt đầu", 8.0),
        pick("Quy tắc chỉ tiêu", 20.0, RULES),
        pick("Chiều", 18.0, DIRECTIONS),
        pick("Đơn vị không giao chỉ tiêu", 22.0, UNTARGETED),
        pick("Kỳ chấm", 13.0, PERIODS),
        text("Hướng dẫn chấm", 50.0),
    ],
};
/// Columns of "Tiêu chí".
pub mod criteria {
    pub const LEVEL: u16 = 0;
    pub const LABEL: u16 = 1;
    pub const CODE: u16 = 2;
    pub const TITLE: u16 = 3;
    pub const MAX: u16 = 4;
    pub const CAP: u16 = 5;
    pub const SCALE: u16 = 6;
    pub const LEVELS: u16 = 7;
    pub const STEP: u16 = 8;
    pub const PER: u16 = 9;
    pub const FLOOR: u16 = 10;
    pub const CEILING: u16 = 11;
    pub const START: u16 = 12;
    pub const RULE: u16 = 13;
    pub const BETTER: u16 = 14;
    pub const UNTARGETED: u16 = 15;
    pub const PERIODS: u16 = 16;
    pub const GUIDANCE: u16 = 17;
}

const ADJUSTMENT_COLUMNS: &[Column] = &[
    text("STT", 7.0),
    text("Mã", 10.0),
    text("Nội dung", 50.0),
    pick("Cách tính", 16.0, ADJUSTMENTS),
    decimal("Điểm", 8.0),
    decimal("Bước", 7.0),
    decimal("Tối đa", 8.0),
    text("Thuộc nhóm", 11.0),
    pick("Kỳ chấm", 13.0, PERIODS),
    text("Hướng dẫn", 50.0),
];
pub const BONUS: SheetShape = SheetShape {
    name: "Điểm thưởng",
    columns: ADJUSTMENT_COLUMNS,
};
pub const PENALTY: SheetShape = SheetShape {
    name: "Điểm trừ",
    columns: ADJUSTMENT_COLUMNS,
};
/// Columns of "Điểm thưởng" and "Điểm trừ".
pub mod adjustment {
    pub const LABEL: u16 = 0;
    pub const CODE: u16 = 1;
    pub const TITLE: u16 = 2;
    pub const KIND: u16 = 3;
    pub const POINTS: u16 = 4;
    pub const STEP: u16 = 5;
    pub const CAP: u16 = 6;
    pub const GROUP: u16 = 7;
    pub const PERIODS: u16 = 8;
    pub const GUIDANCE: u16 = 9;
}

pub const GROUP_CAPS: SheetShape = SheetShape {
    name: "Tối đa theo nhóm",
    columns: &[
        pick("Loại", 14.0, SIDES),
        text("Nhóm", 10.0),
        decimal("Tối đa", 8.0),
    ],
};

pub const VETOES: SheetShape = SheetShape {
    name: "Điều kiện",
    columns: &[
        text("STT", 7.0),
        text("Mã", 10.0),
        text("Nội dung", 50.0),
        text("Không đạt thì xếp loại cao nhất", 16.0),
        pick("Kỳ chấm", 13.0, PERIODS),
        text("Hướng dẫn", 50.0),
    ],
};

pub const BANDS: SheetShape = SheetShape {
    name: "Xếp loại",
    columns: &[
        pick("Áp dụng cho", 14.0, BAND_LISTS),
        text("Mã", 12.0),
        text("Tên", 24.0),
        decimal("Từ (điểm hoặc %)", 10.0),
        pick("Tính cả mức này", 10.0, YES_NO),
        pick("Không vi phạm điều kiện", 12.0, YES_NO),
        decimal("Điểm trừ không quá (phần của điểm thưởng)", 16.0),
    ],
};

pub const TIES: SheetShape = SheetShape {
    name: "Xét đồng hạng",
    columns: &[pick("Cách xét", 22.0, TIE_BREAKERS), text("Mã", 10.0)],
};

pub const AWARDS: SheetShape = SheetShape {
    name: "Khen thưởng",
    columns: &[
        text("Mã", 14.0),
        text("Tên", 40.0),
        decimal("Số lượng", 9.0),
        pick("Tính theo", 9.0, QUOTA_KINDS),
        pick("Làm tròn", 16.0, ROUNDINGS),
        text("Xếp loại tối thiểu", 12.0),
        decimal("Tổng điểm tối thiểu", 10.0),
        pick("Loại đơn vị không đạt điều kiện", 12.0, YES_NO),
        decimal("Biểu quyết: tỷ lệ phiếu", 10.0),
        pick("Tính cả tỷ lệ này", 10.0, YES_NO),
        pick("Trên số", 16.0, VOTE_BASES),
    ],
};

pub const SECTIONS: SheetShape = SheetShape {
    name: "Phần viết",
    columns: &[
        pick("Kỳ", 10.0, SECTION_PERIODS),
        text("Mã", 14.0),
        text("Tiêu đề", 50.0),
        text("Gợi ý", 50.0),
        pick("Bắt buộc", 10.0, YES_NO),
    ],
};

/// Every sheet, in the workbook's order.
pub const SHEETS: [&SheetShape; 10] = [
    &INFO,
    &CRITERIA,
    &BONUS,
    &PENALTY,
    &GROUP_CAPS,
    &VETOES,
    &BANDS,
    &TIES,
    &AWARDS,
    &SECTIONS,
];

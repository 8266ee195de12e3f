//! The problems of a set-up workbook, in Vietnamese and English. Each language matches every
//! message exhaustively.

use crate::i18n::Lang;
use crate::model::validate::IssueKind;
use crate::store::workbook::WorkbookError;

#[derive(Debug, Clone, PartialEq)]
pub enum SetupMsg {
    /// The workbook as a whole could not be read.
    Workbook(WorkbookError),
    MissingSheet(&'static str),
    /// A column a value is needed from is not in the sheet's headings.
    MissingColumn(&'static str),
    /// A row of "Thông tin" that must be there.
    MissingInfo(&'static str),
    /// A cell that must hold something.
    Empty(&'static str),
    /// A row of an information sheet whose value is left empty.
    EmptyRow(&'static str),
    NotANumber(String),
    NotAWholeNumber(String),
    UnknownChoice {
        given: String,
        words: Vec<&'static str>,
    },
    BadDate(String),
    Formula(String),
    CellError(String),
    /// A line of a level list that is not `code: label = points`.
    BadLevel(String),
    /// A criterion above every group.
    OutsideGroup,
    /// A level of the tree more than one below the row above.
    LevelSkips {
        level: u32,
        above: u32,
    },
    /// Two rows given the same key, the first at the place named.
    RepeatedKey {
        key: String,
        first: String,
    },
    /// A problem the scheme's own checks found, at the cell it comes from.
    Issue(IssueKind),
}

impl SetupMsg {
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => vi(self, lang),
            Lang::En => en(self, lang),
        }
    }
}

/// A workbook that could not be read, said of a set-up workbook (a scheme's or a bloc's).
fn workbook(e: &WorkbookError, lang: Lang) -> String {
    let mib = |b: u64| b >> 20;
    match (lang, e) {
        (Lang::Vi, WorkbookError::Empty) => "tệp rỗng".into(),
        (Lang::Vi, WorkbookError::TooLarge { bytes, limit }) => format!(
            "tệp lớn {} MiB, quá giới hạn {} MiB của bảng tính thiết lập: không đọc",
            mib(*bytes),
            mib(*limit)
        ),
        (Lang::Vi, WorkbookError::NotXlsx(e)) => {
            format!("không phải tệp Excel (.xlsx) đọc được: {e}")
        }
        (Lang::Vi, WorkbookError::TooManyParts { parts, limit }) => {
            format!("tệp chứa {parts} phần, quá {limit} phần một bảng tính có thể có: không đọc")
        }
        (Lang::Vi, WorkbookError::InflatesTooFar { limit }) => format!(
            "tệp giải nén ra quá {} MiB, nhiều hơn mọi bảng tính thiết lập: không đọc tiếp",
            mib(*limit)
        ),
        (Lang::Vi, WorkbookError::Beyond { .. }) => {
            "ô này nằm ngoài các hàng và cột một bảng tính thiết lập dùng: không đọc tiếp".into()
        }
        (Lang::En, WorkbookError::Empty) => "the file is empty".into(),
        (Lang::En, WorkbookError::TooLarge { bytes, limit }) => format!(
            "the file is {} MiB, beyond the {} MiB a set-up workbook can be: not read",
            mib(*bytes),
            mib(*limit)
        ),
        (Lang::En, WorkbookError::NotXlsx(e)) => format!("not a readable Excel (.xlsx) file: {e}"),
        (Lang::En, WorkbookError::TooManyParts { parts, limit }) => format!(
            "the file holds {parts} parts, more than the {limit} a workbook can have: not read"
        ),
        (Lang::En, WorkbookError::InflatesTooFar { limit }) => format!(
            "the file inflates to more than {} MiB, more than any set-up workbook: not read further",
            mib(*limit)
        ),
        (Lang::En, WorkbookError::Beyond { .. }) => {
            "this cell lies beyond the rows and columns a set-up workbook uses: not read further"
                .into()
        }
    }
}

fn vi(m: &SetupMsg, lang: Lang) -> String {
    match m {
        SetupMsg::Workbook(e) => workbook(e, lang),
        SetupMsg::MissingSheet(s) => format!("thiếu trang tính \"{s}\""),
        SetupMsg::MissingColumn(c) => format!("thiếu cột \"{c}\" ở dòng tiêu đề"),
        SetupMsg::MissingInfo(r) => format!("thiếu dòng \"{r}\""),
        SetupMsg::Empty(c) => format!("cần ghi \"{c}\""),
        SetupMsg::EmptyRow(r) => format!("cần ghi {r}"),
        SetupMsg::NotANumber(t) => format!("\"{t}\" không phải là số"),
        SetupMsg::NotAWholeNumber(t) => format!("\"{t}\" không phải số nguyên dương"),
        SetupMsg::UnknownChoice { given, words } => {
            format!("\"{given}\" không có trong danh sách: {}", words.join(", "))
        }
        SetupMsg::BadDate(t) => format!("\"{t}\" không phải ngày (ngày/tháng/năm)"),
        SetupMsg::Formula(f) => format!("ô có công thức ={f}; hãy ghi giá trị"),
        SetupMsg::CellError(e) => format!("ô báo lỗi {e}"),
        SetupMsg::BadLevel(t) => {
            format!(
                "mức \"{t}\" không đúng dạng \"mã: tên = điểm\" (ví dụ \"HTT: Hoàn thành tốt = 8\")"
            )
        }
        SetupMsg::OutsideGroup => "tiêu chí phải nằm trong một nhóm (cấp 1 là nhóm)".into(),
        SetupMsg::LevelSkips { level, above } => {
            format!("cấp {level} ngay dưới cấp {above}: mỗi cấp chỉ sâu hơn dòng trên một bậc")
        }
        SetupMsg::RepeatedKey { key, first } => format!(
            "mã \"{key}\" trùng với dòng {first}; hãy ghi mã riêng hoặc số thứ tự khác nhau trong cùng nhóm"
        ),
        SetupMsg::Issue(kind) => lang.issue(kind),
    }
}

fn en(m: &SetupMsg, lang: Lang) -> String {
    match m {
        SetupMsg::Workbook(e) => workbook(e, lang),
        SetupMsg::MissingSheet(s) => format!("the sheet \"{s}\" is missing"),
        SetupMsg::MissingColumn(c) => format!("no column \"{c}\" in the headings"),
        SetupMsg::MissingInfo(r) => format!("the row \"{r}\" is missing"),
        SetupMsg::Empty(c) => format!("\"{c}\" must be filled in"),
        SetupMsg::EmptyRow(r) => format!("\"{r}\" must be filled in"),
        SetupMsg::NotANumber(t) => format!("\"{t}\" is not a number"),
        SetupMsg::NotAWholeNumber(t) => format!("\"{t}\" is not a whole number from 1"),
        SetupMsg::UnknownChoice { given, words } => {
            format!("\"{given}\" is not in the list: {}", words.join(", "))
        }
        SetupMsg::BadDate(t) => format!("\"{t}\" is not a date (day/month/year)"),
        SetupMsg::Formula(f) => format!("the cell holds a formula ={f}; write the value"),
        SetupMsg::CellError(e) => format!("the cell shows the error {e}"),
        SetupMsg::BadLevel(t) => format!(
            "the level \"{t}\" is not written \"code: name = points\" (e.g. \"HTT: Hoàn thành tốt = 8\")"
        ),
        SetupMsg::OutsideGroup => "a criterion must lie within a group (level 1 is a group)".into(),
        SetupMsg::LevelSkips { level, above } => format!(
            "level {level} right below level {above}: each row goes at most one level deeper than the row above"
        ),
        SetupMsg::RepeatedKey { key, first } => format!(
            "the code \"{key}\" is the same as on {first}; give each its own code, or different numbers within a group"
        ),
        SetupMsg::Issue(kind) => lang.issue(kind),
    }
}

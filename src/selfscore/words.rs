//! The words of units' self-scores: the form's texts, the readers' problems and the commands'
//! messages, in Vietnamese and English. Each language matches every message exhaustively.

use rust_decimal::Decimal;

use super::Place;
use crate::model::Period;
use crate::model::value::ValueError;

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq)]
pub enum SelfScoreMsg {
    // The form.
    SheetName,
    FormTitle,
    LabelBloc,
    LabelYear,
    LabelPeriod,
    LabelUnit,
    LabelScheme,
    LabelVersion,
    FormHelp,
    ColCode,
    ColTitle,
    ColGuidance,
    ColScale,
    ColMax,
    ColAnswer,
    ColEvidence,
    ColNote,
    SectionBonus,
    SectionPenalty,
    SectionVeto,
    TargetIs(Decimal),
    NoTarget,
    ChoiceMet,
    ChoiceNotMet,
    ChoiceYes,
    ChoiceNo,
    /// The title of Excel's refusal of an entry.
    RefusedTitle,
    PickFromList,
    EnterPoints {
        max: Option<Decimal>,
        step: Decimal,
    },
    EnterCount,
    EnterAchieved,

    // Places.
    LineNumber(usize),

    // Problems of a file.
    EmptyFile,
    NotXlsx(String),
    /// A form file larger than any form.
    FormTooLarge {
        bytes: u64,
        limit: u64,
    },
    /// More parts inside the zip than a form has.
    TooManyParts {
        parts: usize,
        limit: usize,
    },
    /// The parts inflate past the limit (a zip bomb, or not a form).
    InflatesTooFar {
        limit: u64,
    },
    /// A cell beyond the rows and columns a form has.
    CellBeyondForm,
    /// More rows than the largest bloc has cells.
    TooManyRows(usize),
    NotUtf8,
    NotAForm,
    ExtraSheet(String),
    MergedCells,
    Formula(String),
    TextNotNumber {
        item: String,
        text: String,
    },
    DateNotValue {
        item: String,
    },
    CellError(String),
    WrongBloc {
        found: String,
        expected: String,
    },
    WrongYear {
        found: i32,
        expected: i32,
    },
    BadYear(String),
    WrongPeriod {
        found: Period,
        expected: Period,
    },
    BadPeriod(String),
    WrongScheme {
        found: String,
        found_version: String,
        expected: String,
        expected_version: String,
    },
    NoUnit,
    UnknownUnit(String),
    UnknownItem(String),
    NotThisPeriod {
        item: String,
        period: Period,
    },
    GroupRow(String),
    NoItemOnRow,
    DuplicateItem {
        item: String,
        first: Place,
    },
    DuplicateUnitItem {
        unit: String,
        item: String,
        first: Place,
    },
    BadValue {
        item: String,
        error: ValueError,
    },
    CsvBadHeader,
    CsvColumns {
        expected: usize,
        found: usize,
    },
    CsvSyntax(String),
    RonSyntax(ron::Error),
    UnsupportedFile(String),

    // The commands.
    TemplateWritten(String),
    TemplateExists(String),
    TemplateUnknownUnit {
        unit: String,
        known: Vec<String>,
    },
    TemplateFailed(String),
    FileRefused(usize),
    SelfImported {
        unit: String,
        scored: usize,
        file: String,
    },
    SomeRefused {
        refused: usize,
        files: usize,
    },
}

impl SelfScoreMsg {
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => vi(self, lang),
            Lang::En => en(self, lang),
        }
    }
}

fn vi(m: &SelfScoreMsg, lang: Lang) -> String {
    use SelfScoreMsg as M;
    let d = |x: &Decimal| lang.dec(*x);
    match m {
        M::SheetName => "Tự chấm".into(),
        M::FormTitle => "PHIẾU TỰ CHẤM ĐIỂM THI ĐUA".into(),
        M::LabelBloc => "Khối".into(),
        M::LabelYear => "Năm".into(),
        M::LabelPeriod => "Kỳ".into(),
        M::LabelUnit => "Đơn vị".into(),
        M::LabelScheme => "Thang điểm".into(),
        M::LabelVersion => "Phiên bản".into(),
        M::FormHelp => {
            "Đơn vị chỉ điền các cột Tự chấm, Minh chứng và Ghi chú; để trống ô Tự chấm \
             của mục không tự chấm. Không sửa phần đầu phiếu, không thêm trang, không gộp ô, \
             không nhập công thức."
                .into()
        }
        M::ColCode => "Mã".into(),
        M::ColTitle => "Tiêu chí".into(),
        M::ColGuidance => "Hướng dẫn chấm".into(),
        M::ColScale => "Thang điểm".into(),
        M::ColMax => "Điểm tối đa".into(),
        M::ColAnswer => "Tự chấm".into(),
        M::ColEvidence => "Minh chứng (số, ngày văn bản)".into(),
        M::ColNote => "Ghi chú".into(),
        M::SectionBonus => "Điểm thưởng".into(),
        M::SectionPenalty => "Điểm trừ".into(),
        M::SectionVeto => "Điều kiện bắt buộc".into(),
        M::TargetIs(t) => format!("Chỉ tiêu được giao: {}", d(t)),
        M::NoTarget => "Chưa được giao chỉ tiêu: chấm so với đơn vị cao nhất".into(),
        M::ChoiceMet => "Đạt".into(),
        M::ChoiceNotMet => "Không đạt".into(),
        M::ChoiceYes => "Có".into(),
        M::ChoiceNo => "Không".into(),
        M::RefusedTitle => "Giá trị không hợp lệ".into(),
        M::PickFromList => "Hãy chọn một giá trị trong danh sách.".into(),
        M::EnterPoints {
            max: Some(max),
            step,
        } if !step.is_zero() => {
            format!("Hãy nhập số điểm từ 0 đến {}, bước {}.", d(max), d(step))
        }
        M::EnterPoints { max: Some(max), .. } => {
            format!("Hãy nhập số điểm từ 0 đến {}.", d(max))
        }
        M::EnterPoints { max: None, step } if !step.is_zero() => {
            format!("Hãy nhập số điểm không âm, bước {}.", d(step))
        }
        M::EnterPoints { max: None, .. } => "Hãy nhập số điểm không âm.".into(),
        M::EnterCount => "Hãy nhập số lần: số nguyên từ 0 trở lên.".into(),
        M::EnterAchieved => "Hãy nhập kết quả thực hiện: một số không âm.".into(),
        M::LineNumber(n) => format!("dòng {n}"),
        M::EmptyFile => "tệp rỗng".into(),
        M::FormTooLarge { bytes, limit } => format!(
            "tệp lớn {} MiB, quá giới hạn {} MiB của một mẫu tự chấm: không đọc",
            bytes >> 20,
            limit >> 20
        ),
        M::TooManyParts { parts, limit } => {
            format!("tệp chứa {parts} phần, quá {limit} phần một mẫu tự chấm có thể có: không đọc")
        }
        M::InflatesTooFar { limit } => format!(
            "tệp giải nén ra quá {} MiB, nhiều hơn mọi mẫu tự chấm: không đọc tiếp",
            limit >> 20
        ),
        M::TooManyRows(n) => format!(
            "tệp có hơn {n} dòng, nhiều hơn số ô của khối lớn nhất thidua hỗ trợ: không đọc tiếp"
        ),
        M::CellBeyondForm => {
            "ô này nằm ngoài các hàng và cột của mẫu tự chấm: tệp không phải mẫu, không đọc tiếp"
                .into()
        }
        M::NotXlsx(e) => format!("không phải tệp Excel (.xlsx) đọc được: {e}"),
        M::NotUtf8 => "tệp không phải văn bản UTF-8".into(),
        M::NotAForm => "không phải phiếu tự chấm: phần đầu phiếu không ghi khối và đơn vị".into(),
        M::ExtraSheet(name) => {
            format!("có trang thừa \"{name}\": phiếu tự chấm chỉ có một trang, hãy xóa trang này")
        }
        M::MergedCells => "có ô gộp, hãy bỏ gộp ô".into(),
        M::Formula(f) => format!("có công thức ={f}, hãy nhập giá trị"),
        M::TextNotNumber { item, text } => {
            format!("mục {item} cần nhập số, ô đang có chữ \"{text}\"")
        }
        M::DateNotValue { item } => {
            format!("mục {item}: ô đang là ngày tháng, hãy nhập số hoặc chọn giá trị")
        }
        M::CellError(e) => format!("ô báo lỗi {e}"),
        M::WrongBloc { found, expected } => {
            format!("Tệp dành cho khối {found}, không phải {expected}")
        }
        M::WrongYear { found, expected } => {
            format!("Tệp dành cho năm {found}, không phải {expected}")
        }
        M::BadYear(y) => format!("\"{y}\" không phải là năm"),
        M::WrongPeriod { found, expected } => format!(
            "Tệp dành cho kỳ {}, không phải {}",
            lang.period(*found).to_lowercase(),
            lang.period(*expected).to_lowercase()
        ),
        M::BadPeriod(p) => {
            format!("kỳ \"{p}\" không hợp lệ: cần mid-year (so-ket) hoặc year-end (tong-ket)")
        }
        M::WrongScheme {
            found,
            found_version,
            expected,
            expected_version,
        } => format!(
            "Tệp theo thang điểm {found} phiên bản {found_version}, không phải {expected} \
             phiên bản {expected_version}: hãy lập lại phiếu từ thang điểm hiện hành"
        ),
        M::NoUnit => "chưa ghi đơn vị".into(),
        M::UnknownUnit(u) => format!("không có đơn vị \"{u}\" trong khối"),
        M::UnknownItem(c) => format!("không có tiêu chí hay mục \"{c}\" trong thang điểm"),
        M::NotThisPeriod { item, period } => format!(
            "mục {item} không được chấm trong kỳ {}",
            lang.period(*period).to_lowercase()
        ),
        M::GroupRow(code) => {
            format!("dòng {code} là tên nhóm tiêu chí, không tự chấm ở dòng này")
        }
        M::NoItemOnRow => "dòng không có mã tiêu chí nhưng có nội dung tự chấm".into(),
        M::DuplicateItem { item, first } => {
            format!("mục {item} bị lặp, đã có ở {}", first.text(lang))
        }
        M::DuplicateUnitItem { unit, item, first } => {
            format!(
                "\"{unit}\" / \"{item}\" bị lặp, đã có ở {}",
                first.text(lang)
            )
        }
        M::BadValue { item, error } => format!("mục {item}: {}", lang.value_error(error)),
        M::CsvBadHeader => "dòng tiêu đề phải là: unit,criterion,value[,evidence[,note]] \
             (đơn vị,tiêu chí,giá trị[,minh chứng[,ghi chú]])"
            .into(),
        M::CsvColumns { expected, found } => {
            format!("cần từ 3 đến {expected} cột như dòng tiêu đề, có {found}")
        }
        M::CsvSyntax(e) => format!("tệp CSV không đọc được: {e}"),
        M::RonSyntax(e) => lang.syntax(e),
        M::UnsupportedFile(name) => {
            format!("không đọc được loại tệp {name}: cần tệp .xlsx, .csv hoặc .ron")
        }
        M::TemplateWritten(path) => format!("đã ghi phiếu tự chấm {path}"),
        M::TemplateExists(path) => {
            format!("tệp {path} đã có, không ghi đè; hãy xóa tệp đó hoặc chọn thư mục khác (--out)")
        }
        M::TemplateUnknownUnit { unit, known } => format!(
            "không có đơn vị \"{unit}\" trong khối; các đơn vị: {}",
            known.join(", ")
        ),
        M::TemplateFailed(e) => format!("không lập được phiếu tự chấm: {e}"),
        M::FileRefused(n) => {
            format!("không nhập tệp này: {n} lỗi, chưa lưu giá trị nào của tệp")
        }
        M::SelfImported { unit, scored, file } => {
            format!("đã nhập tự chấm của {unit}: {scored} mục (từ {file})")
        }
        M::SomeRefused { refused, files } => {
            format!("{refused} trong {files} tệp bị từ chối")
        }
    }
}

fn en(m: &SelfScoreMsg, lang: Lang) -> String {
    use SelfScoreMsg as M;
    let d = |x: &Decimal| lang.dec(*x);
    match m {
        M::SheetName => "Self-score".into(),
        M::FormTitle => "EMULATION SELF-SCORE FORM".into(),
        M::LabelBloc => "Bloc".into(),
        M::LabelYear => "Year".into(),
        M::LabelPeriod => "Review".into(),
        M::LabelUnit => "Unit".into(),
        M::LabelScheme => "Scheme".into(),
        M::LabelVersion => "Version".into(),
        M::FormHelp => "Fill in only the Self-score, Evidence and Note columns; leave the \
             Self-score cell blank for an item the unit does not score. Do not change the header, \
             add sheets, merge cells or enter formulas."
            .into(),
        M::ColCode => "Code".into(),
        M::ColTitle => "Criterion".into(),
        M::ColGuidance => "Guidance".into(),
        M::ColScale => "Scale".into(),
        M::ColMax => "Max points".into(),
        M::ColAnswer => "Self-score".into(),
        M::ColEvidence => "Evidence (document no., date)".into(),
        M::ColNote => "Note".into(),
        M::SectionBonus => "Bonus points".into(),
        M::SectionPenalty => "Penalty points".into(),
        M::SectionVeto => "Required conditions".into(),
        M::TargetIs(t) => format!("Target set: {}", d(t)),
        M::NoTarget => "No target set: scored against the best unit".into(),
        M::ChoiceMet => "Met".into(),
        M::ChoiceNotMet => "Not met".into(),
        M::ChoiceYes => "Yes".into(),
        M::ChoiceNo => "No".into(),
        M::RefusedTitle => "Value not accepted".into(),
        M::PickFromList => "Choose a value from the list.".into(),
        M::EnterPoints {
            max: Some(max),
            step,
        } if !step.is_zero() => {
            format!(
                "Enter points from 0 to {}, in steps of {}.",
                d(max),
                d(step)
            )
        }
        M::EnterPoints { max: Some(max), .. } => format!("Enter points from 0 to {}.", d(max)),
        M::EnterPoints { max: None, step } if !step.is_zero() => {
            format!("Enter points of 0 or more, in steps of {}.", d(step))
        }
        M::EnterPoints { max: None, .. } => "Enter points of 0 or more.".into(),
        M::EnterCount => "Enter a count: a whole number from 0.".into(),
        M::EnterAchieved => "Enter the achieved value: a number of 0 or more.".into(),
        M::LineNumber(n) => format!("line {n}"),
        M::EmptyFile => "the file is empty".into(),
        M::FormTooLarge { bytes, limit } => format!(
            "the file is {} MiB, beyond the {} MiB a self-score form can be: not read",
            bytes >> 20,
            limit >> 20
        ),
        M::TooManyParts { parts, limit } => format!(
            "the file holds {parts} parts, more than the {limit} a self-score form can have: not read"
        ),
        M::InflatesTooFar { limit } => format!(
            "the file inflates to more than {} MiB, more than any self-score form: not read further",
            limit >> 20
        ),
        M::TooManyRows(n) => format!(
            "the file has more than {n} rows, more than the cells of the largest bloc thidua supports: not read further"
        ),
        M::CellBeyondForm => {
            "this cell lies beyond the rows and columns of a self-score form: not a form, not read further"
                .into()
        }
        M::NotXlsx(e) => format!("not a readable Excel (.xlsx) file: {e}"),
        M::NotUtf8 => "the file is not UTF-8 text".into(),
        M::NotAForm => "not a self-score form: its header names no bloc and no unit".into(),
        M::ExtraSheet(name) => format!(
            "extra sheet \"{name}\": the self-score form has a single sheet, remove this one"
        ),
        M::MergedCells => "merged cells: unmerge them".into(),
        M::Formula(f) => format!("a formula ={f}: enter the value itself"),
        M::TextNotNumber { item, text } => {
            format!("item {item} needs a number, the cell holds the text \"{text}\"")
        }
        M::DateNotValue { item } => {
            format!("item {item}: the cell holds a date; enter a number or pick a value")
        }
        M::CellError(e) => format!("the cell shows the error {e}"),
        M::WrongBloc { found, expected } => {
            format!("The file is for bloc {found}, not {expected}")
        }
        M::WrongYear { found, expected } => {
            format!("The file is for the year {found}, not {expected}")
        }
        M::BadYear(y) => format!("\"{y}\" is not a year"),
        M::WrongPeriod { found, expected } => format!(
            "The file is for the {}, not the {}",
            lang.period(*found).to_lowercase(),
            lang.period(*expected).to_lowercase()
        ),
        M::BadPeriod(p) => {
            format!("unknown review \"{p}\": expected mid-year (so-ket) or year-end (tong-ket)")
        }
        M::WrongScheme {
            found,
            found_version,
            expected,
            expected_version,
        } => format!(
            "The file follows scheme {found} version {found_version}, not {expected} version \
             {expected_version}: make the form again from the current scheme"
        ),
        M::NoUnit => "no unit given".into(),
        M::UnknownUnit(u) => format!("no unit \"{u}\" in the bloc"),
        M::UnknownItem(c) => format!("no criterion or item \"{c}\" in the scheme"),
        M::NotThisPeriod { item, period } => format!(
            "item {item} is not scored in the {}",
            lang.period(*period).to_lowercase()
        ),
        M::GroupRow(code) => {
            format!("row {code} is a group of criteria, not scored on this row")
        }
        M::NoItemOnRow => "a row with no criterion code holds a self-score".into(),
        M::DuplicateItem { item, first } => {
            format!("item {item} is repeated, already at {}", first.text(lang))
        }
        M::DuplicateUnitItem { unit, item, first } => format!(
            "\"{unit}\" / \"{item}\" is repeated, already at {}",
            first.text(lang)
        ),
        M::BadValue { item, error } => format!("item {item}: {}", lang.value_error(error)),
        M::CsvBadHeader => "the header line must be: unit,criterion,value[,evidence[,note]] \
             (or đơn vị,tiêu chí,giá trị[,minh chứng[,ghi chú]])"
            .into(),
        M::CsvColumns { expected, found } => {
            format!("expected 3 to {expected} columns as in the header, found {found}")
        }
        M::CsvSyntax(e) => format!("unreadable CSV: {e}"),
        M::RonSyntax(e) => lang.syntax(e),
        M::UnsupportedFile(name) => {
            format!("cannot read the file type of {name}: expected .xlsx, .csv or .ron")
        }
        M::TemplateWritten(path) => format!("wrote the self-score form {path}"),
        M::TemplateExists(path) => format!(
            "{path} already exists and is not overwritten; remove it or choose another folder \
             (--out)"
        ),
        M::TemplateUnknownUnit { unit, known } => format!(
            "no unit \"{unit}\" in the bloc; its units: {}",
            known.join(", ")
        ),
        M::TemplateFailed(e) => format!("could not make the self-score form: {e}"),
        M::FileRefused(n) => {
            format!("file not imported: {n} problems, nothing of it stored")
        }
        M::SelfImported { unit, scored, file } => {
            format!("imported the self-scores of {unit}: {scored} items (from {file})")
        }
        M::SomeRefused { refused, files } => format!("{refused} of {files} files refused"),
    }
}

//! The fixed words of the ward's screen, in both languages.

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WardText {
    /// The screen's name, in the help's title.
    Screen,
    Title,
    Bloc,
    Files,
    NoFiles,
    KeyChooseBloc,
    KeyRecheck,
    KeyPaper,
    KeyHelp,
    /// The paper check's field: what to type.
    PaperTitle,
    KeyConfirmPaper,
    NothingDue,
    Rechecked,
    /// How to write the city table, from the terminal.
    TableHint,
}

impl WardText {
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => match self {
                WardText::Screen => "Tiếp nhận báo cáo",
                WardText::Title => "Tiếp nhận báo cáo các khối năm",
                WardText::Bloc => "Khối",
                WardText::Files => "Tệp đã nhận",
                WardText::NoFiles => "Chưa có tệp nào của khối trong hộp thư đến.",
                WardText::KeyChooseBloc => "chọn khối",
                WardText::KeyRecheck => "kiểm tra lại hộp thư",
                WardText::KeyPaper => "đối chiếu bản giấy",
                WardText::KeyHelp => "các phím",
                WardText::PaperTitle => "Đối chiếu bản giấy",
                WardText::KeyConfirmPaper => "đối chiếu",
                WardText::NothingDue => {
                    "Khối này không có báo cáo chính thức nào chờ đối chiếu bản giấy."
                }
                WardText::Rechecked => "Đã kiểm tra lại hộp thư đến.",
                WardText::TableHint => {
                    "Bảng tổng hợp: thidua ward table --period mid-year|year-end"
                }
            },
            Lang::En => match self {
                WardText::Screen => "Reports received",
                WardText::Title => "Reports received from the blocs for",
                WardText::Bloc => "Bloc",
                WardText::Files => "Files received",
                WardText::NoFiles => "No file of this bloc in the inbox yet.",
                WardText::KeyChooseBloc => "choose a bloc",
                WardText::KeyRecheck => "check the inbox again",
                WardText::KeyPaper => "paper check",
                WardText::KeyHelp => "keys",
                WardText::PaperTitle => "Paper check",
                WardText::KeyConfirmPaper => "compare",
                WardText::NothingDue => "This bloc has no final report awaiting a paper check.",
                WardText::Rechecked => "Checked the inbox again.",
                WardText::TableHint => "City table: thidua ward table --period mid-year|year-end",
            },
        }
    }
}

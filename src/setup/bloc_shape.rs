//! The shape of a bloc's workbook, shared by its writer and reader: the bloc's details, its
//! members, the covenant targets as a sheet of units × target criteria, and what does not apply
//! to each unit.

use super::shape::{SheetShape, text};

/// "Thông tin khối": one row per field, its label in column A and its value in column B.
pub const INFO: SheetShape = SheetShape {
    name: "Thông tin khối",
    columns: &[text("Mục", 30.0), text("Nội dung", 60.0)],
};

/// The rows of "Thông tin khối", by their label.
pub mod info {
    pub const ID: &str = "Mã khối";
    pub const NAME: &str = "Tên khối";
    pub const YEAR: &str = "Năm";
    pub const PARENT_BODY: &str = "Cơ quan cấp trên";
    pub const PLACE: &str = "Địa danh";
    pub const NUMBER_SUFFIX: &str = "Ký hiệu báo cáo";
    pub const SCHEME: &str = "Mã thang điểm";
    pub const HEAD: &str = "Khối trưởng";
    pub const DEPUTY: &str = "Khối phó";
    pub const SIGNER: &str = "Người ký";
    pub const SIGNER_POST: &str = "Chức vụ người ký";
    pub const RECIPIENTS: &str = "Nơi nhận (mỗi dòng một nơi)";
    pub const ALL: [&str; 12] = [
        ID,
        NAME,
        YEAR,
        PARENT_BODY,
        PLACE,
        NUMBER_SUFFIX,
        SCHEME,
        HEAD,
        DEPUTY,
        SIGNER,
        SIGNER_POST,
        RECIPIENTS,
    ];
    /// The rows a bloc cannot do without.
    pub const REQUIRED: [&str; 9] = [
        ID,
        NAME,
        YEAR,
        PARENT_BODY,
        PLACE,
        NUMBER_SUFFIX,
        SCHEME,
        HEAD,
        SIGNER,
    ];
}

pub const MEMBERS: SheetShape = SheetShape {
    name: "Thành viên",
    columns: &[
        text("Mã đơn vị", 18.0),
        text("Tên đầy đủ", 50.0),
        text("Tên ngắn", 20.0),
    ],
};

/// "Chỉ tiêu": the first heading row names each target criterion by its code, the second
/// gives its number and title for the reader; then one row per unit. A cell holds the unit's
/// target, or "KAD" where the criterion does not apply to it.
pub const TARGETS: SheetShape = SheetShape {
    name: "Chỉ tiêu",
    columns: &[text("Mã đơn vị", 18.0), text("Tên ngắn", 20.0)],
};
/// The rows above the units in "Chỉ tiêu".
pub const TARGET_HEADING_ROWS: u32 = 2;
/// The words read as "does not apply" in a target cell.
pub const NOT_APPLICABLE_WORDS: [&str; 4] = ["kad", "n/a", "không áp dụng", "khong ap dung"];

pub const NOT_APPLICABLE: SheetShape = SheetShape {
    name: "Không áp dụng",
    columns: &[
        text("Mã đơn vị", 18.0),
        text(
            "Mục không áp dụng (mã tiêu chí hoặc nhóm, cách nhau bởi dấu phẩy)",
            50.0,
        ),
    ],
};

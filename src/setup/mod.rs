//! A bloc set up without writing RON: its scheme kept in the workbook offices already use,
//! written from a scheme (`scheme_book`) and read back into one (`scheme_read`), then written
//! as a readable `scoring/<id>.ron` (`ron_text`).

pub mod bloc_book;
pub mod bloc_read;
pub mod bloc_shape;
mod reader;
pub mod ron_text;
pub mod scheme_book;
pub mod scheme_read;
pub mod shape;
pub mod words;
mod writer;

/// The sample scheme, offered as the start of a new one.
pub const SAMPLE_SCHEME: &str = include_str!("../../scoring/khoi-phuong-2026.ron");

/// The sample scheme's workbook, for a newcomer to edit into their own.
pub fn sample_workbook() -> Result<Vec<u8>, String> {
    let source = crate::store::Source::from_text("scoring/khoi-phuong-2026.ron", SAMPLE_SCHEME);
    let scheme = crate::store::load::parse_scheme(&source)
        .map_err(|p| format!("{} problems in the sample scheme", p.len()))?;
    scheme_book::workbook(&scheme).map_err(|e| e.to_string())
}

//! A bloc set up without writing RON: its scheme kept in the workbook offices already use,
//! written from a scheme (`scheme_book`) and read back into one (`scheme_read`), then written
//! as a readable `scoring/<id>.ron` (`ron_text`).

mod reader;
pub mod ron_text;
pub mod scheme_book;
pub mod scheme_read;
pub mod shape;
pub mod words;

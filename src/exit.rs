//! The program's exit codes, the same for every command and for the screen: 0 fine, 1 the
//! input is invalid or the change refused, 2 bad usage or a file or the disk failed.

pub const INVALID: u8 = 1;
pub const USAGE: u8 = 2;

//! What the commands print: the standard and error outputs, ending quietly when their reader
//! has gone, and the refusals of a file, capped.

use crate::i18n::{Lang, Msg};

use super::{INVALID, USAGE};
use crate::store::LoadError;
use crate::store::load::render_problem;

/// Writes to the standard output. When the reader has gone (`thidua log | head`), the program
/// ends quietly, as command-line tools do, instead of stopping on the failed write.
pub fn write_out(args: std::fmt::Arguments) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_fmt(args).and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        // Anything else (a full disk behind a redirection) is said once, on the error output.
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(i32::from(USAGE));
        }
    }
}

/// Writes to the error output; when the reader has gone, the program ends quietly too.
pub fn write_err(args: std::fmt::Arguments) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    if let Err(e) = err.write_fmt(args).and_then(|()| err.flush())
        && e.kind() == std::io::ErrorKind::BrokenPipe
    {
        std::process::exit(0);
    }
}

/// `print!` through `write_out`.
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::write_out(format_args!($($arg)*)) };
}

/// `println!` through `write_out`.
macro_rules! outln {
    () => { $crate::cli::write_out(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::write_out(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `eprint!` through `write_err`.
macro_rules! err {
    ($($arg:tt)*) => { $crate::cli::write_err(format_args!($($arg)*)) };
}

/// `eprintln!` through `write_err`.
macro_rules! errln {
    () => { $crate::cli::write_err(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::write_err(format_args!("{}\n", format_args!($($arg)*))) };
}

pub(crate) use {errln, out, outln};

/// Prints the first `limits::MAX_PROBLEMS_SHOWN` problems (each already worded, on its own
/// lines) to the error output, then how many more there are.
pub fn print_problems(lang: Lang, problems: impl Iterator<Item = String>) {
    let mut more = 0;
    for (n, p) in problems.enumerate() {
        if n < crate::model::limits::MAX_PROBLEMS_SHOWN {
            // A problem quotes its file: never more of it than a few lines' worth.
            let p = crate::model::text::clip_to(&p, 10 * crate::model::text::QUOTE_CHARS);
            let line = if p.ends_with('\n') { p } else { p + "\n" };
            err!("{line}");
        } else {
            more += 1;
        }
    }
    if more > 0 {
        errln!("{}", lang.msg(&Msg::MoreProblems(more)));
    }
}

/// Prints a load error and returns the exit code it means.
pub fn report_load_error(lang: Lang, e: &LoadError) -> u8 {
    match e {
        LoadError::Io { path, error } => {
            errln!(
                "{}",
                lang.msg(&Msg::CannotRead {
                    path: path.display().to_string(),
                    error: error.to_string(),
                })
            );
            USAGE
        }
        LoadError::Input(e) => {
            errln!("{}", lang.msg(&e.message()));
            USAGE
        }
        LoadError::Problems(problems) => {
            print_problems(lang, problems.iter().map(|p| render_problem(lang, p)));
            errln!("{}", lang.msg(&Msg::ProblemsFound(problems.len())));
            INVALID
        }
    }
}

/// The date to print on a document: `--date` as given, or today; the exit code when it does not
/// read as a date.
pub fn document_date(lang: Lang, given: Option<&str>) -> Result<chrono::NaiveDate, u8> {
    match given.map(crate::model::numbering::date) {
        None => Ok(crate::store::records::now().date_naive()),
        Some(Ok(d)) => Ok(d),
        Some(Err(e)) => {
            errln!("{}", lang.msg(&Msg::Detail(e)));
            Err(USAGE)
        }
    }
}

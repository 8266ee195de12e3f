use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    thidua::cli::run(thidua::cli::Cli::parse())
}

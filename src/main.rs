//! The `actorgraph` binary: hands the command line and the standard streams to the
//! library and exits with the status it returns.

use std::io;
use std::process::ExitCode;

fn main() -> ExitCode {
    let code = actorgraph::run(
        std::env::args_os(),
        &mut io::stdout().lock(),
        &mut io::stderr().lock(),
    );
    ExitCode::from(code)
}

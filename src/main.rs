//! The `newsmap` binary: parses the command line and hands over to the library.

use clap::Parser;
use newsmap::cli::{self, Cli, Command};

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Lookup {
            name,
            limit,
            format,
        }) => cli::lookup(&name, limit, format),
        Some(Command::Geoparse {
            format,
            published,
            files,
        }) => cli::geoparse(&files, published, format),
        None => {
            eprintln!("The viewer is not built yet; try `newsmap geoparse FILE`.");
            cli::EXIT_RUNTIME
        }
    };
    std::process::exit(code);
}

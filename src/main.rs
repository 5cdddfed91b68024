//! The `newsmap` binary: parses the command line and hands over to the library.

use clap::Parser;
use newsmap::cli::{self, Cli, Command};

fn main() {
    newsmap::app::mark_process_start();
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
        Some(Command::Render {
            out,
            size,
            view,
            title,
            theme,
            basemap,
            session,
            files,
        }) => cli::render(cli::RenderArgs {
            out,
            size,
            view,
            title,
            theme,
            basemap,
            session,
            files,
        }),
        Some(Command::SessionStress { file, count }) => cli::session_stress(&file, count),
        None => cli::viewer(cli.files, cli.session, &cli.basemap),
    };
    std::process::exit(code);
}

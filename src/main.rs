//! The `newsmap` binary: parses the command line and hands over to the library.

use clap::Parser;
use newsmap::cli::{self, Cli, Command};

fn main() {
    newsmap::app::mark_process_start();
    let cli = Cli::parse();
    if matches!(cli.command, Some(Command::Render { .. })) {
        quiet_vulkan_device_selection();
    }
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

/// `newsmap render` draws with the CPU rasteriser it picks itself, so Mesa's Vulkan
/// device-selection layer, which only puts the desktop's GPU first, has nothing to do. To find that
/// GPU it connects to the Wayland and X servers, and with no desktop session libwayland prints
/// "error: XDG_RUNTIME_DIR is invalid or not set in the environment" twice. The layer's own
/// switch turns it off, unless the user set that switch or asked the layer for a device.
fn quiet_vulkan_device_selection() {
    if std::env::var_os("NODEVICE_SELECT").is_some()
        || std::env::var_os("MESA_VK_DEVICE_SELECT").is_some()
    {
        return;
    }
    // SAFETY: called from `main` before any thread is started: nothing else reads or writes the
    // environment at the same time.
    unsafe { std::env::set_var("NODEVICE_SELECT", "1") };
}

//! The `ssgr` binary: parses the command line and hands each subcommand to
//! the library crates. Glue only: no extraction, storage or query logic here.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: query evaluation and
/// extraction allocate many small short-lived objects, and glibc's malloc
/// and free were about 13 % of the server's CPU profile.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use crate::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A server logs its requests by default; the other commands only warn.
    let default_level = if matches!(cli.command, Command::Serve(_)) { "info" } else { "warn" };
    let filter = tracing_subscriber::EnvFilter::try_from_env("SSGR_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_level));
    // Colour only on a terminal: a log file or journal gets plain text.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt().with_env_filter(filter).with_ansi(ansi).with_writer(std::io::stderr).init();
    let result = match cli.command {
        Command::Build(args) => commands::build::run(&args),
        Command::Extract(args) => commands::extract::run(&args),
        Command::Query(args) => commands::query::run(&args),
        Command::Explain(args) => commands::explain::run(&args),
        Command::Serve(args) => commands::serve::run(&args),
        Command::Analyze(args) => commands::analyze::run(&args),
        Command::Link(args) => commands::link::run(&args),
        Command::Export(args) => commands::export::run(&args),
        Command::Push(args) => commands::push::run(&args),
    };
    match result {
        Ok(status) => status.into(),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether the error is a closed stdout (`ssgr query … | head`): not a failure.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|cause| cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}

//! `ossbatch-proxy`: see `--help`.

use clap::Parser;
use ossbatch_proxy::{serve, Config, ProxyState};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        // Colour codes only for a person at a terminal, not in collected logs.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let config = Config::parse();
    let state = match ProxyState::new(config.clone()) {
        Ok(state) => state,
        Err(error) => {
            eprintln!("ossbatch-proxy: {error}");
            return std::process::ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(config.listen).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!(
                "ossbatch-proxy: cannot listen on {}: {error}",
                config.listen
            );
            return std::process::ExitCode::from(2);
        }
    };
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    tracing::info!(
        "ossbatch-proxy listening on http://{address}/ (regions: {}; origins: {})",
        config.regions().join(", "),
        config.origins().join(", ")
    );
    if config.static_dir.is_some() {
        println!("ossbatch builder: http://{address}/");
    }
    tokio::select! {
        result = serve(listener, state) => {
            if let Err(error) = result {
                eprintln!("ossbatch-proxy: {error}");
                return std::process::ExitCode::FAILURE;
            }
        }
        _ = tokio::signal::ctrl_c() => {}
    }
    std::process::ExitCode::SUCCESS
}

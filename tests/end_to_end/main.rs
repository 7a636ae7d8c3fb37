mod api;
mod benchmarks;
mod breaks;
mod checker;
mod cli;
mod constraints;
mod hardening;
mod priorities;
mod properties;
mod replan;
mod report;
mod roads;
mod rules;
mod strategies;
mod supply;
mod validation;
mod waits;
mod windows;

/// A scenario folder in a temporary directory with the given files.
pub(crate) fn folder(sites: &str, orders: &str, fleet: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let write =
        |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("written");
    write("sites.csv", sites);
    write("orders.csv", orders);
    write("fleet.csv", fleet);
    dir
}

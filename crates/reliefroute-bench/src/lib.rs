//! Benchmark instances for reliefroute: readers for the classic formats, best-known tables
//! and benchmark rows.
//!
//! This crate sits beside the core library (as `vrp-scientific` sits beside `vrp-core`): the
//! core plans relief scenarios and knows nothing of benchmark files; this crate maps the
//! Solomon VRPTW and VRPLIB instances (CVRPLIB X and XXL, Gehring-Homberger VRPTW) onto
//! ordinary [`reliefroute::Scenario`]s, reads the `bks.csv` best-known tables kept beside
//! them, runs strategies on them with the independent checker, one [`BenchRow`] per
//! instance, and writes and reads solutions in the VRPLIB `.sol` format ([`Solution`]).
//!
//! ```
//! use std::path::Path;
//! use reliefroute::{strategy_by_name, Budget};
//! use reliefroute_bench::{bench_instance, read_best_known, BksColumn};
//!
//! let dir = Path::new("../../benches/data/solomon");
//! let best_known = read_best_known(dir, BksColumn::Dimacs)?;
//! let regret = strategy_by_name("regret").expect("a built-in strategy");
//! let row = bench_instance(
//!     &dir.join("C101.txt"),
//!     BksColumn::Dimacs,
//!     &best_known,
//!     regret.as_ref(),
//!     &Budget::default(),
//!     None,
//! )?;
//! assert!(row.feasible);
//! assert!(row.gap_percent.is_some());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod read;
mod report;
mod solution;

pub use read::{
    read_benchmark, read_best_known, read_solomon, read_vrplib, BenchmarkError, BestKnown,
    BksColumn,
};
pub use report::{
    bench_instance, bench_run, benchmark_files, instance_name, BenchRow, BenchRun, BenchSummary,
    BKS_TOLERANCE_PERCENT,
};
pub use solution::{read_solution, Solution};

//! Criterion benchmarks of the strategies: each constructive strategy on Solomon C101 and
//! R101, CVRPLIB X-n101-k25 and the Panzhihua sample, plus `search` with a 0.2 s budget on
//! R101.
//!
//! Run with `cargo bench -p reliefroute-tests --bench strategies`; add a filter such as
//! `-- regret` to time one strategy. The travel matrix is built once per instance, outside
//! the timed part, so the numbers are `plan` alone (problem preparation included).

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use reliefroute::{load_scenario, plan, strategy_by_name, Budget, Scenario, TravelMatrix};
use reliefroute_bench::{read_benchmark, BksColumn};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../benches/data");
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/panzhihua");

/// The strategies that build a plan in one pass (they ignore the time budget).
const CONSTRUCTIVE: [&str; 5] = ["single", "nearest", "sweep", "savings", "regret"];

fn benchmark(relative: &str) -> Scenario {
    let path = Path::new(DATA).join(relative);
    read_benchmark(&path, BksColumn::Dimacs).unwrap_or_else(|e| panic!("{e}"))
}

/// The instances, by the name shown in the report.
fn instances() -> Vec<(&'static str, Scenario)> {
    vec![
        ("C101", benchmark("solomon/C101.txt")),
        ("R101", benchmark("solomon/R101.txt")),
        ("X-n101-k25", benchmark("cvrplib_x/X-n101-k25.vrp")),
        (
            "panzhihua",
            load_scenario(Path::new(SAMPLE)).unwrap_or_else(|e| panic!("{e}")),
        ),
    ]
}

fn constructive(c: &mut Criterion) {
    let budget = Budget::new(0.0, 1, 1);
    let mut group = c.benchmark_group("constructive");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for (name, scenario) in instances() {
        let matrix = TravelMatrix::straight_line(&scenario);
        for strategy_name in CONSTRUCTIVE {
            let strategy = strategy_by_name(strategy_name).expect("a built-in strategy");
            group.bench_with_input(
                BenchmarkId::new(strategy_name, name),
                &scenario,
                |b, scenario| b.iter(|| plan(scenario, &matrix, strategy.as_ref(), &budget)),
            );
        }
    }
    group.finish();
}

fn search(c: &mut Criterion) {
    let scenario = benchmark("solomon/R101.txt");
    let matrix = TravelMatrix::straight_line(&scenario);
    let strategy = strategy_by_name("search").expect("a built-in strategy");
    let budget = Budget::new(0.2, 1, 1);
    let mut group = c.benchmark_group("search");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_secs(3));
    group.bench_function(BenchmarkId::new("search-0.2s", "R101"), |b| {
        b.iter(|| plan(&scenario, &matrix, strategy.as_ref(), &budget))
    });
    group.finish();
}

criterion_group!(benches, constructive, search);
criterion_main!(benches);

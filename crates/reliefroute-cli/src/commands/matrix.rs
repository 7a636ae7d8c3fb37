//! `reliefroute matrix`: builds a scenario's travel matrix and writes it as CSV.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use reliefroute::{write_file_atomic, MatrixMethod, TravelMatrix};

/// `reliefroute matrix`: builds, times and writes the matrix, and prints what users need to
/// trust the network (kept and dropped roads, closures, snap distances, unreachable pairs).
pub fn run(dir: &Path, out: Option<PathBuf>, method: MatrixMethod) -> Result<()> {
    let scenario = super::load(dir)?;
    let started = Instant::now();
    let matrix = TravelMatrix::for_scenario_with(&scenario, method)?;
    let total = started.elapsed().as_secs_f64();
    let out = out.unwrap_or_else(|| dir.join("out").join("matrix.csv"));
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    write_file_atomic(&out, matrix.to_csv(&scenario).as_bytes())
        .with_context(|| format!("writing {}", out.display()))?;
    let n = scenario.sites.len();
    match matrix.road_report() {
        None => println!(
            "{}: straight-line travel ({} sites, {} profiles); scenario.toml names no road network",
            scenario.name,
            n,
            matrix.profile_count()
        ),
        Some(r) => {
            println!(
                "{}: road network of {} points and {} directed segments; closures: {} areas, {} lines",
                scenario.name, r.graph_nodes, r.graph_edges, r.closures.0, r.closures.1
            );
            for c in &r.classes {
                println!(
                    "  {:<5} kept {} nodes, {} edges (largest strongly connected part); dropped {} nodes, {} edges; closed {} edges",
                    c.class.as_str(),
                    c.nodes,
                    c.edges,
                    c.dropped_nodes,
                    c.dropped_edges,
                    c.closed_edges
                );
                let snaps: Vec<_> = r.snaps.iter().filter(|s| s.class == c.class).collect();
                let mean = snaps.iter().map(|s| s.road_m).sum::<f64>() / snaps.len().max(1) as f64;
                if let Some(worst) = snaps.iter().max_by(|a, b| a.road_m.total_cmp(&b.road_m)) {
                    println!(
                        "        snap distance: mean {mean:.1} m, max {:.1} m (site {})",
                        worst.road_m, scenario.sites[worst.site].id
                    );
                }
            }
            let closed: Vec<&str> = r
                .snaps
                .iter()
                .filter(|s| s.closed)
                .map(|s| scenario.sites[s.site].id.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            if !closed.is_empty() {
                println!("  sites inside closed areas: {}", closed.join(", "));
            }
            println!(
                "  {} sites, {} profiles, {} unreachable ordered pairs; method {}",
                n,
                matrix.profile_count(),
                r.unreachable_pairs,
                r.method.map_or("auto", |m| m.as_str())
            );
            for warning in &r.warnings {
                println!("  warning: {warning}");
            }
            if r.hierarchies_built + r.hierarchies_loaded > 0 {
                println!(
                    "  contraction hierarchies: {} built, {} read from .reliefroute-cache",
                    r.hierarchies_built, r.hierarchies_loaded
                );
            }
            println!(
                "  load {:.3} s, prepare {:.3} s, shortest paths {:.3} s, total {total:.3} s",
                r.load_s, r.prepare_s, r.matrix_s
            );
        }
    }
    println!("wrote {}", out.display());
    Ok(())
}

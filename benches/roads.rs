//! Road matrices at scale on a synthetic 200,000-node city (a perturbed grid with arterials,
//! one-way streets and a river crossed by five bridges).
//!
//! `cargo bench --bench roads` first prints one-shot figures (graph load from CSV, largest
//! strongly connected part and snapping index, contraction, writing the hierarchy to a cache
//! file and reading it back, a 1,000 x 1,000 matrix with contraction hierarchies and with
//! Dijkstra only, peak memory), then runs criterion on the matrix queries. Set `ROADS_NODES`
//! to change the city size, `ROADS_DIJKSTRA_ROWS` to time Dijkstra on fewer source rows
//! (default all 1,000), and `RAYON_NUM_THREADS` to change the number of threads.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};
use reliefroute::roads::synthetic::SyntheticCity;
use reliefroute::roads::{
    many_to_many_dijkstra, ClassNetwork, Closures, ContractionHierarchy, RoadGraph, RoutingGraph,
    VehicleClass,
};

/// Peak resident memory of this process in MiB (Linux), if known.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU seconds (user + system, all threads) this process has used so far (Linux, 100 clock
/// ticks a second), if known: on a shared machine the wall time alone misleads.
fn cpu_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Writes the graph as `nodes.csv` + `edges.csv` (one row per directed segment, one-way).
fn write_csv(graph: &RoadGraph, dir: &std::path::Path) {
    let g = &graph.graph;
    let mut nodes = String::from("id,lat,lon\n");
    for n in g.node_indices() {
        let _ = writeln!(nodes, "{},{:.7},{:.7}", n.index(), g[n].lat, g[n].lon);
    }
    let mut edges = String::from("from,to,highway,maxspeed,oneway,length_m\n");
    for e in g.edge_indices() {
        let (a, b) = g.edge_endpoints(e).expect("an edge");
        let w = g[e];
        let car = w.speed(VehicleClass::Car);
        let highway = if car >= 50.0 {
            "primary"
        } else {
            "residential"
        };
        let _ = writeln!(
            edges,
            "{},{},{highway},{car},yes,{:.2}",
            a.index(),
            b.index(),
            w.length_m
        );
    }
    std::fs::write(dir.join("nodes.csv"), nodes).expect("write nodes.csv");
    std::fs::write(dir.join("edges.csv"), edges).expect("write edges.csv");
}

struct Setup {
    routing: RoutingGraph,
    ch: ContractionHierarchy,
    sites: Vec<u32>,
}

fn setup() -> Setup {
    let nodes: usize = std::env::var("ROADS_NODES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let threads = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&t: &usize| t > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let t = Instant::now();
    let city = SyntheticCity::with_nodes(nodes).build();
    let generate_s = t.elapsed().as_secs_f64();
    let dir = tempfile::tempdir().expect("temp dir");
    write_csv(&city, dir.path());
    drop(city);
    let t = Instant::now();
    let graph = RoadGraph::from_csv(&dir.path().join("nodes.csv"), &dir.path().join("edges.csv"))
        .expect("the synthetic city loads");
    let load_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let net = ClassNetwork::new(&graph, VehicleClass::Car, &Closures::none()).expect("roads");
    let scc_s = t.elapsed().as_secs_f64();
    let routing = net.routing(50.0);
    // 1,000 sites spread over the city (deterministic).
    let n = net.node_count() as u64;
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let sites: Vec<u32> = (0..1000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n) as u32
        })
        .collect();
    let t = Instant::now();
    let cpu = cpu_s();
    let ch = ContractionHierarchy::new(&routing);
    let contract_s = t.elapsed().as_secs_f64();
    let contract_cpu = cpu.zip(cpu_s()).map_or(f64::NAN, |(a, b)| b - a);
    // The cache: the first call builds and writes, the second reads.
    let cache = dir.path().join("city.ch");
    let t = Instant::now();
    let (built, loaded) = ContractionHierarchy::load_or_build(&routing, &cache);
    let cold_s = t.elapsed().as_secs_f64();
    assert!(!loaded && built == ch, "the contraction is deterministic");
    let t = Instant::now();
    let (warm, loaded) = ContractionHierarchy::load_or_build(&routing, &cache);
    let warm_s = t.elapsed().as_secs_f64();
    assert!(
        loaded && warm == ch,
        "the cached hierarchy reads back equal"
    );
    let cache_mib = std::fs::metadata(&cache).map_or(0.0, |m| m.len() as f64 / 1048576.0);
    drop((built, warm));
    let t = Instant::now();
    let fast = ch.many_to_many(&sites, &sites);
    let ch_s = t.elapsed().as_secs_f64();
    let rows: usize = std::env::var("ROADS_DIJKSTRA_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(sites.len())
        .min(sites.len());
    let t = Instant::now();
    let slow = many_to_many_dijkstra(&routing, &sites[..rows], &sites);
    let dijkstra_s = t.elapsed().as_secs_f64() * sites.len() as f64 / rows.max(1) as f64;
    assert_eq!(
        fast[..slow.len()],
        slow[..],
        "contraction hierarchies and Dijkstra disagree"
    );
    println!(
        "roads: synthetic city {} nodes, {} directed edges (kept {} nodes in the largest SCC, \
         dropped {}); {threads} threads",
        graph.node_count(),
        graph.edge_count(),
        net.node_count(),
        net.dropped_nodes
    );
    println!("roads: generate {generate_s:.2} s; load from CSV {load_s:.2} s; SCC + snap index {scc_s:.2} s");
    println!(
        "roads: contraction {contract_s:.2} s, {contract_cpu:.2} CPU s ({} shortcuts); cache: \
         build and write {cold_s:.2} s, read {warm_s:.3} s ({cache_mib:.0} MiB)",
        ch.shortcut_count()
    );
    println!(
        "roads: 1000x1000 matrix: CH {ch_s:.3} s, Dijkstra only {dijkstra_s:.2} s{} (x{:.0}); \
         CH incl. contraction {:.2} s, incl. reading the cache {:.2} s",
        if rows < sites.len() {
            format!(" (extrapolated from {rows} rows)")
        } else {
            String::new()
        },
        dijkstra_s / ch_s,
        contract_s + ch_s,
        warm_s + ch_s
    );
    if let Some(peak) = peak_mib() {
        println!("roads: peak resident memory {peak:.0} MiB");
    }
    Setup { routing, ch, sites }
}

fn matrices(c: &mut Criterion) {
    let s = setup();
    let mut group = c.benchmark_group("road_matrix_200k");
    group.sample_size(10);
    group.bench_function("ch_1000x1000", |b| {
        b.iter(|| black_box(s.ch.many_to_many(&s.sites, &s.sites)))
    });
    group.bench_function("dijkstra_50x1000", |b| {
        b.iter(|| black_box(many_to_many_dijkstra(&s.routing, &s.sites[..50], &s.sites)))
    });
    group.finish();
}

criterion_group!(benches, matrices);
criterion_main!(benches);

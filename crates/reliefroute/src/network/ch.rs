//! Contraction hierarchies and bucket-based many-to-many queries (Geisberger et al. 2008;
//! Knopp et al. 2007), for travel matrices of thousands of sites on a city graph.
//!
//! Preprocessing contracts nodes one by one in the order of a lazily updated priority (edge
//! difference plus contracted neighbours), adding a shortcut `u -> x` for a contracted `v`
//! unless a bounded witness search finds a path `u -> x` avoiding `v` that is no longer. A
//! matrix query then runs one upward search backwards from each target, storing
//! `(target, distance)` in a bucket at every node it settles, and one upward search forwards
//! from each source, scanning the buckets of the nodes it settles. Both searches use
//! stall-on-demand. Weights are the packed (time, length) weights of [`RoutingGraph`], so the
//! results equal Dijkstra's exactly.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rayon::prelude::*;

use super::routing::{RoutingGraph, NO_PATH};

/// How many nodes a witness search may settle before it gives up (and a shortcut is added).
const WITNESS_SETTLED: usize = 120;

/// A contraction hierarchy of a [`RoutingGraph`].
#[derive(Debug, Clone)]
pub struct ContractionHierarchy {
    rank: Vec<u32>,
    /// Upward edges `v -> w` (rank of `w` above `v`), by `v`.
    up: Csr,
    /// Upward edges reversed: for `v`, the edges `u -> v` with `u` ranked above `v`, by `v`.
    down: Csr,
    shortcuts: usize,
}

#[derive(Debug, Clone, Default)]
struct Csr {
    first: Vec<u32>,
    head: Vec<u32>,
    weight: Vec<u64>,
}

impl Csr {
    fn from_lists(lists: &[Vec<(u32, u64)>]) -> Csr {
        let mut csr = Csr {
            first: Vec::with_capacity(lists.len() + 1),
            ..Csr::default()
        };
        csr.first.push(0);
        for list in lists {
            for &(h, w) in list {
                csr.head.push(h);
                csr.weight.push(w);
            }
            csr.first.push(csr.head.len() as u32);
        }
        csr
    }

    #[inline]
    fn edges(&self, v: u32) -> impl Iterator<Item = (u32, u64)> + '_ {
        let (s, e) = (
            self.first[v as usize] as usize,
            self.first[v as usize + 1] as usize,
        );
        self.head[s..e]
            .iter()
            .copied()
            .zip(self.weight[s..e].iter().copied())
    }
}

/// Inserts or lowers the edge to `to` in an adjacency list.
fn upsert(list: &mut Vec<(u32, u64)>, to: u32, w: u64) {
    match list.iter_mut().find(|e| e.0 == to) {
        Some(e) => e.1 = e.1.min(w),
        None => list.push((to, w)),
    }
}

struct Witness {
    dist: Vec<u64>,
    touched: Vec<u32>,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
}

impl Witness {
    /// Bounded Dijkstra from `source` over uncontracted nodes, skipping `avoid`.
    fn run(
        &mut self,
        out: &[Vec<(u32, u64)>],
        contracted: &[bool],
        source: u32,
        avoid: u32,
        limit: u64,
    ) {
        for &v in &self.touched {
            self.dist[v as usize] = NO_PATH;
        }
        self.touched.clear();
        self.heap.clear();
        self.dist[source as usize] = 0;
        self.touched.push(source);
        self.heap.push(Reverse((0, source)));
        let mut settled = 0;
        while let Some(Reverse((d, v))) = self.heap.pop() {
            if d > self.dist[v as usize] {
                continue;
            }
            settled += 1;
            if d > limit || settled > WITNESS_SETTLED {
                break;
            }
            for &(w, weight) in &out[v as usize] {
                if w == avoid || contracted[w as usize] {
                    continue;
                }
                let nd = d + weight;
                if nd < self.dist[w as usize] {
                    if self.dist[w as usize] == NO_PATH {
                        self.touched.push(w);
                    }
                    self.dist[w as usize] = nd;
                    self.heap.push(Reverse((nd, w)));
                }
            }
        }
    }
}

struct Builder {
    out: Vec<Vec<(u32, u64)>>,
    inc: Vec<Vec<(u32, u64)>>,
    contracted: Vec<bool>,
    depth: Vec<u32>,
    witness: Witness,
}

impl Builder {
    /// The shortcuts contracting `v` needs now.
    fn shortcuts(&mut self, v: u32, found: &mut Vec<(u32, u32, u64)>) {
        found.clear();
        let ins: Vec<(u32, u64)> = self.inc[v as usize]
            .iter()
            .copied()
            .filter(|&(u, _)| !self.contracted[u as usize] && u != v)
            .collect();
        let outs: Vec<(u32, u64)> = self.out[v as usize]
            .iter()
            .copied()
            .filter(|&(x, _)| !self.contracted[x as usize] && x != v)
            .collect();
        if outs.is_empty() {
            return;
        }
        let max_out = outs.iter().map(|e| e.1).max().unwrap_or(0);
        for &(u, w_in) in &ins {
            self.witness
                .run(&self.out, &self.contracted, u, v, w_in + max_out);
            for &(x, w_out) in &outs {
                if x == u {
                    continue;
                }
                let via = w_in + w_out;
                if self.witness.dist[x as usize] > via {
                    found.push((u, x, via));
                }
            }
        }
    }

    fn priority(&mut self, v: u32, scratch: &mut Vec<(u32, u32, u64)>) -> i64 {
        self.shortcuts(v, scratch);
        let degree = self.out[v as usize]
            .iter()
            .filter(|e| !self.contracted[e.0 as usize])
            .count()
            + self.inc[v as usize]
                .iter()
                .filter(|e| !self.contracted[e.0 as usize])
                .count();
        2 * scratch.len() as i64 - degree as i64 + i64::from(self.depth[v as usize])
    }
}

impl ContractionHierarchy {
    /// Contracts `g`. Complexity: roughly linear in the graph for road-like graphs; a
    /// 200,000-node synthetic city takes a few seconds (see `benches/RESULTS.md`).
    pub fn new(g: &RoutingGraph) -> ContractionHierarchy {
        let n = g.node_count();
        let mut out = vec![Vec::new(); n];
        let mut inc = vec![Vec::new(); n];
        for v in 0..n as u32 {
            for (w, weight) in g.out(v) {
                if w != v {
                    upsert(&mut out[v as usize], w, weight);
                    upsert(&mut inc[w as usize], v, weight);
                }
            }
        }
        let mut b = Builder {
            out,
            inc,
            contracted: vec![false; n],
            depth: vec![0; n],
            witness: Witness {
                dist: vec![NO_PATH; n],
                touched: Vec::new(),
                heap: BinaryHeap::new(),
            },
        };
        let mut scratch = Vec::new();
        let mut queue: BinaryHeap<Reverse<(i64, u32)>> = (0..n as u32)
            .map(|v| Reverse((b.priority(v, &mut scratch), v)))
            .collect();
        let mut rank = vec![0u32; n];
        let mut up: Vec<Vec<(u32, u64)>> = vec![Vec::new(); n];
        let mut down: Vec<Vec<(u32, u64)>> = vec![Vec::new(); n];
        let mut next_rank = 0u32;
        let mut shortcuts = 0;
        while let Some(Reverse((_, v))) = queue.pop() {
            if b.contracted[v as usize] {
                continue;
            }
            let p = b.priority(v, &mut scratch);
            if let Some(&Reverse((top, _))) = queue.peek() {
                if p > top {
                    queue.push(Reverse((p, v)));
                    continue;
                }
            }
            // Contract v with the shortcuts just computed.
            for &(u, x, w) in &scratch {
                upsert(&mut b.out[u as usize], x, w);
                upsert(&mut b.inc[x as usize], u, w);
                shortcuts += 1;
            }
            b.contracted[v as usize] = true;
            rank[v as usize] = next_rank;
            next_rank += 1;
            // Every remaining neighbour ranks above v: v's edges are final. Move them out of
            // the working graph so that adjacency lists stay short.
            let outs = std::mem::take(&mut b.out[v as usize]);
            let ins = std::mem::take(&mut b.inc[v as usize]);
            let depth = b.depth[v as usize] + 1;
            for &(w, _) in &outs {
                b.inc[w as usize].retain(|e| e.0 != v);
                b.depth[w as usize] = b.depth[w as usize].max(depth);
            }
            for &(u, _) in &ins {
                b.out[u as usize].retain(|e| e.0 != v);
                b.depth[u as usize] = b.depth[u as usize].max(depth);
            }
            up[v as usize] = outs;
            down[v as usize] = ins;
        }
        ContractionHierarchy {
            rank,
            up: Csr::from_lists(&up),
            down: Csr::from_lists(&down),
            shortcuts,
        }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.rank.len()
    }

    /// Number of shortcuts added by the contraction.
    pub fn shortcut_count(&self) -> usize {
        self.shortcuts
    }

    /// Packed weights of the shortest paths from every source to every target (row-major,
    /// [`NO_PATH`] where none): bucket-based many-to-many, both phases in parallel.
    pub fn many_to_many(&self, sources: &[u32], targets: &[u32]) -> Vec<u64> {
        let n = self.node_count();
        let mut out = vec![NO_PATH; sources.len() * targets.len()];
        if targets.is_empty() || sources.is_empty() {
            return out;
        }
        // Backward phase: the settled nodes of each target's upward search.
        let spaces: Vec<Vec<(u32, u64)>> = targets
            .par_iter()
            .map_init(
                || Upward::new(n),
                |search, &t| search.run(t, &self.down, &self.up),
            )
            .collect();
        let mut first = vec![0u32; n + 1];
        for space in &spaces {
            for &(v, _) in space {
                first[v as usize + 1] += 1;
            }
        }
        for i in 0..n {
            first[i + 1] += first[i];
        }
        let total = first[n] as usize;
        let mut fill = first.clone();
        let mut bucket = vec![(0u32, 0u64); total];
        for (t, space) in spaces.iter().enumerate() {
            for &(v, d) in space {
                let slot = fill[v as usize] as usize;
                fill[v as usize] += 1;
                bucket[slot] = (t as u32, d);
            }
        }
        drop(spaces);
        // Forward phase: each source scans the buckets of its upward search space.
        out.par_chunks_mut(targets.len())
            .zip(sources.par_iter())
            .for_each_init(
                || Upward::new(n),
                |search, (row, &s)| {
                    for (v, d) in search.run(s, &self.up, &self.down) {
                        let (a, b) = (first[v as usize] as usize, first[v as usize + 1] as usize);
                        for &(t, d2) in &bucket[a..b] {
                            let cell = &mut row[t as usize];
                            let via = d + d2;
                            if via < *cell {
                                *cell = via;
                            }
                        }
                    }
                },
            );
        out
    }
}

/// An upward search with stall-on-demand.
struct Upward {
    dist: Vec<u64>,
    touched: Vec<u32>,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
}

impl Upward {
    fn new(n: usize) -> Upward {
        Upward {
            dist: vec![NO_PATH; n],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    /// Settled, unstalled nodes and their distances, searching along `forward` and stalling
    /// through `stall` (the opposite direction's upward edges).
    fn run(&mut self, source: u32, forward: &Csr, stall: &Csr) -> Vec<(u32, u64)> {
        for &v in &self.touched {
            self.dist[v as usize] = NO_PATH;
        }
        self.touched.clear();
        self.heap.clear();
        self.dist[source as usize] = 0;
        self.touched.push(source);
        self.heap.push(Reverse((0, source)));
        let mut settled = Vec::new();
        while let Some(Reverse((d, v))) = self.heap.pop() {
            if d > self.dist[v as usize] {
                continue;
            }
            // Stall-on-demand: a higher node reaches v more cheaply, so v's distance is not
            // exact and nothing above it needs to be reached through it.
            if stall
                .edges(v)
                .any(|(u, w)| self.dist[u as usize].saturating_add(w) < d)
            {
                continue;
            }
            settled.push((v, d));
            for (w, weight) in forward.edges(v) {
                let nd = d + weight;
                if nd < self.dist[w as usize] {
                    if self.dist[w as usize] == NO_PATH {
                        self.touched.push(w);
                    }
                    self.dist[w as usize] = nd;
                    self.heap.push(Reverse((nd, w)));
                }
            }
        }
        settled
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::dijkstra::many_to_many_dijkstra;

    /// A random sparse directed graph with some one-way arcs and unreachable parts.
    fn random_graph(n: u32, seed: u64) -> RoutingGraph {
        let mut state = seed;
        let mut next = move |m: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % m
        };
        let mut arcs = Vec::new();
        for v in 0..n {
            for _ in 0..3 {
                let w = next(u64::from(n)) as u32;
                let s = 1.0 + next(100) as f64;
                let m = 10.0 + next(1000) as f64;
                arcs.push((v, w, s, m));
                if next(4) > 0 {
                    arcs.push((w, v, s, m));
                }
            }
        }
        RoutingGraph::from_arcs(n as usize + 5, &arcs)
    }

    #[test]
    fn equals_dijkstra_on_random_graphs() {
        for seed in 1..6 {
            let g = random_graph(400, seed * 7919);
            let ch = ContractionHierarchy::new(&g);
            let nodes: Vec<u32> = (0..g.node_count() as u32).step_by(7).collect();
            let a = ch.many_to_many(&nodes, &nodes);
            let b = many_to_many_dijkstra(&g, &nodes, &nodes);
            assert_eq!(a, b, "seed {seed}");
        }
    }
}

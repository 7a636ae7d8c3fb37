//! Dijkstra's algorithm on a [`RoutingGraph`]: one source to many targets, and single paths.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rayon::prelude::*;

use super::routing::{RoutingGraph, NO_PATH};

/// Reusable search state: distances with a list of touched nodes to reset cheaply.
pub(crate) struct Search {
    dist: Vec<u64>,
    parent: Vec<u32>,
    touched: Vec<u32>,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
}

impl Search {
    pub(crate) fn new(nodes: usize) -> Search {
        Search {
            dist: vec![NO_PATH; nodes],
            parent: vec![u32::MAX; nodes],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    fn reset(&mut self) {
        for &v in &self.touched {
            self.dist[v as usize] = NO_PATH;
            self.parent[v as usize] = u32::MAX;
        }
        self.touched.clear();
        self.heap.clear();
    }

    /// Runs from `source` until every node flagged in `is_target` (counted by `targets`) is
    /// settled, or the graph is exhausted. Distances stay readable in `self.dist`.
    fn run(&mut self, g: &RoutingGraph, source: u32, is_target: &[bool], targets: usize) {
        self.run_from(g, &[(source, 0)], is_target, targets);
    }

    /// As [`Search::run`], from several sources, each starting at its own distance.
    fn run_from(
        &mut self,
        g: &RoutingGraph,
        sources: &[(u32, u64)],
        is_target: &[bool],
        mut targets: usize,
    ) {
        self.reset();
        for &(source, d) in sources {
            if d < self.dist[source as usize] {
                if self.dist[source as usize] == NO_PATH {
                    self.touched.push(source);
                }
                self.dist[source as usize] = d;
                self.heap.push(Reverse((d, source)));
            }
        }
        while let Some(Reverse((d, v))) = self.heap.pop() {
            if d > self.dist[v as usize] {
                continue;
            }
            if is_target[v as usize] {
                targets -= 1;
                if targets == 0 {
                    break;
                }
            }
            for (w, weight) in g.out(v) {
                let nd = d + weight;
                let slot = &mut self.dist[w as usize];
                if nd < *slot {
                    if *slot == NO_PATH {
                        self.touched.push(w);
                    }
                    *slot = nd;
                    self.parent[w as usize] = v;
                    self.heap.push(Reverse((nd, w)));
                }
            }
        }
    }
}

/// Packed weights of the shortest paths from every source to every target (row-major,
/// `sources.len() x targets.len()`, `u64::MAX` where none), one Dijkstra per source, sources
/// in parallel.
pub fn many_to_many_dijkstra(g: &RoutingGraph, sources: &[u32], targets: &[u32]) -> Vec<u64> {
    let n = g.node_count();
    let mut is_target = vec![false; n];
    let mut distinct = 0;
    for &t in targets {
        if !std::mem::replace(&mut is_target[t as usize], true) {
            distinct += 1;
        }
    }
    let mut out = vec![NO_PATH; sources.len() * targets.len()];
    if targets.is_empty() {
        return out;
    }
    out.par_chunks_mut(targets.len())
        .zip(sources.par_iter())
        .for_each_init(
            || Search::new(n),
            |search, (row, &s)| {
                search.run(g, s, &is_target, distinct);
                for (cell, &t) in row.iter_mut().zip(targets) {
                    *cell = search.dist[t as usize];
                }
            },
        );
    out
}

/// The nodes of a shortest path from `source` to `target`, both included; `None` if there is
/// no path.
pub fn shortest_path(g: &RoutingGraph, source: u32, target: u32) -> Option<Vec<u32>> {
    let n = g.node_count();
    let mut is_target = vec![false; n];
    is_target[target as usize] = true;
    let mut search = Search::new(n);
    search.run(g, source, &is_target, 1);
    if search.dist[target as usize] == NO_PATH {
        return None;
    }
    let mut path = vec![target];
    let mut v = target;
    while v != source {
        v = search.parent[v as usize];
        path.push(v);
    }
    path.reverse();
    Some(path)
}

/// The shortest path from any of `sources` (a node and the weight of reaching it) to any of
/// `targets` (a node and the weight of going on from it): its total weight and its nodes.
/// `None` if no target can be reached.
pub(crate) fn best_path(
    g: &RoutingGraph,
    sources: &[(u32, u64)],
    targets: &[(u32, u64)],
) -> Option<(u64, Vec<u32>)> {
    let mut is_target = vec![false; g.node_count()];
    let mut distinct = 0;
    for &(t, _) in targets {
        if !std::mem::replace(&mut is_target[t as usize], true) {
            distinct += 1;
        }
    }
    let mut search = Search::new(g.node_count());
    search.run_from(g, sources, &is_target, distinct);
    let (total, end) = targets
        .iter()
        .filter(|&&(t, _)| search.dist[t as usize] != NO_PATH)
        .map(|&(t, w)| (search.dist[t as usize] + w, t))
        .min()?;
    let mut path = vec![end];
    let mut v = end;
    while search.parent[v as usize] != u32::MAX {
        v = search.parent[v as usize];
        path.push(v);
    }
    path.reverse();
    Some((total, path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::travel::routing::{length_dm, pack, time_ms};

    #[test]
    fn small_graph() {
        // 0 -> 1 -> 2, 0 -> 2 slow, 3 isolated.
        let g = RoutingGraph::from_arcs(
            4,
            &[
                (0, 1, 1.0, 10.0),
                (1, 2, 1.0, 10.0),
                (0, 2, 5.0, 5.0),
                (2, 0, 1.0, 1.0),
            ],
        );
        let m = many_to_many_dijkstra(&g, &[0, 2], &[2, 3, 0]);
        assert_eq!(time_ms(m[0]), 2000);
        assert_eq!(length_dm(m[0]), 200);
        assert_eq!(m[1], NO_PATH);
        assert_eq!(m[2], 0);
        assert_eq!(time_ms(m[5]), 1000);
        assert_eq!(shortest_path(&g, 0, 2), Some(vec![0, 1, 2]));
        assert_eq!(shortest_path(&g, 0, 3), None);
        // From 1 (after 5 s) or 2 (after 0.5 s) to 0 (then 1 s more) or 1: 2 -> 0 -> 1.
        let (w, path) =
            best_path(&g, &[(1, pack(5000, 0)), (2, pack(500, 0))], &[(1, 0)]).expect("a path");
        assert_eq!((time_ms(w), path), (2500, vec![2, 0, 1]));
        let (w, path) =
            best_path(&g, &[(0, 0)], &[(2, pack(100, 0)), (1, pack(1500, 0))]).expect("a path");
        assert_eq!((time_ms(w), path), (2100, vec![0, 1, 2]));
        assert_eq!(best_path(&g, &[(0, 0)], &[(3, 0)]), None);
    }
}

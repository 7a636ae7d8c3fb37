//! Contraction hierarchies and bucket-based many-to-many queries (Geisberger et al. 2008;
//! Knopp et al. 2007), for travel matrices of thousands of sites on a city graph.
//!
//! Preprocessing contracts nodes in rounds, in the order of a lazily refreshed priority (edge
//! difference, contracted neighbours and level), adding a shortcut `u -> x` for a contracted
//! `v` unless a witness search (bounded by the shortcut's weight and a number of settled
//! nodes) finds a path `u -> x` avoiding `v` that is no longer. Each round contracts an
//! independent set of nodes in parallel, deterministically (see [`ContractionHierarchy::new`]).
//! A built hierarchy can be kept in a file and reused ([`ContractionHierarchy::load_or_build`]).
//! A matrix query then runs one upward search backwards from each target, storing
//! `(target, distance)` in a bucket at every node it settles, and one upward search forwards
//! from each source, scanning the buckets of the nodes it settles. Both searches use
//! stall-on-demand. Weights are the packed (time, length) weights of [`RoutingGraph`], so the
//! results equal Dijkstra's exactly.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;

use super::routing::{RoutingGraph, NO_PATH};

/// A contraction hierarchy of a [`RoutingGraph`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractionHierarchy {
    rank: Vec<u32>,
    /// Upward edges `v -> w` (rank of `w` above `v`), by `v`.
    up: Csr,
    /// Upward edges reversed: for `v`, the edges `u -> v` with `u` ranked above `v`, by `v`.
    down: Csr,
    shortcuts: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

/// Inserts or lowers the edge to `to` in an adjacency list; `true` if the edge is new.
fn upsert(list: &mut Vec<(u32, u64)>, to: u32, w: u64) -> bool {
    match list.iter_mut().find(|e| e.0 == to) {
        Some(e) => {
            e.1 = e.1.min(w);
            false
        }
        None => {
            list.push((to, w));
            true
        }
    }
}

/// What a witness search knows of a node: its distance, valid only when `stamp` is the
/// current search's (so nothing is cleared between searches), and whether it is a target of
/// the current contraction (`target` equal to the current contraction's mark).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    dist: u64,
    stamp: u32,
    target: u32,
}

/// The buffers of witness searches, reused from search to search.
struct Witness {
    slots: Vec<Slot>,
    search: u32,
    mark: u32,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
    ins: Vec<(u32, u64)>,
    outs: Vec<(u32, u64)>,
}

impl Witness {
    fn new(n: usize) -> Witness {
        Witness {
            slots: vec![Slot::default(); n],
            search: 0,
            mark: 0,
            heap: BinaryHeap::new(),
            ins: Vec::new(),
            outs: Vec::new(),
        }
    }

    #[inline]
    fn dist(&self, v: u32) -> u64 {
        let slot = &self.slots[v as usize];
        if slot.stamp == self.search {
            slot.dist
        } else {
            NO_PATH
        }
    }

    /// Dijkstra from `source` over the working graph, skipping `avoid` and the nodes of the
    /// round being contracted, until every node closer than `limit` is settled, every
    /// target (node of `self.outs`) is, or `settle_limit` nodes are. Tentative distances
    /// are lengths of real paths, so any distance read afterwards is a valid witness.
    fn run(&mut self, graph: &Working, source: u32, avoid: u32, limit: u64, settle_limit: usize) {
        self.search = self.search.wrapping_add(1);
        if self.search == 0 {
            self.slots.iter_mut().for_each(|s| s.stamp = 0);
            self.search = 1;
        }
        self.heap.clear();
        let slot = &mut self.slots[source as usize];
        slot.dist = 0;
        slot.stamp = self.search;
        self.heap.push(Reverse((0, source)));
        let mut settled = 0;
        let mut targets_left = self.outs.len();
        while let Some(Reverse((d, v))) = self.heap.pop() {
            let slot = self.slots[v as usize];
            if d > slot.dist {
                continue;
            }
            if d > limit || settled >= settle_limit {
                break;
            }
            settled += 1;
            if slot.target == self.mark {
                targets_left -= 1;
                if targets_left == 0 {
                    break;
                }
            }
            for &(w, weight) in &graph.out[v as usize] {
                if w == avoid || graph.in_round[w as usize] {
                    continue;
                }
                let nd = d + weight;
                let slot = &mut self.slots[w as usize];
                if slot.stamp != self.search || nd < slot.dist {
                    slot.dist = nd;
                    slot.stamp = self.search;
                    self.heap.push(Reverse((nd, w)));
                }
            }
        }
    }

    /// The shortcuts `u -> x` that contracting `v` needs, appended to `found`, with witness
    /// searches settling at most `settle_limit` nodes each.
    fn shortcuts(
        &mut self,
        graph: &Working,
        v: u32,
        settle_limit: usize,
        found: &mut Vec<Shortcut>,
    ) {
        self.ins.clear();
        self.ins.extend(graph.inc[v as usize].iter().copied());
        self.outs.clear();
        self.outs.extend(graph.out[v as usize].iter().copied());
        if self.outs.is_empty() {
            return;
        }
        self.mark = self.mark.wrapping_add(1);
        if self.mark == 0 {
            self.slots.iter_mut().for_each(|s| s.target = 0);
            self.mark = 1;
        }
        for &(x, _) in &self.outs {
            self.slots[x as usize].target = self.mark;
        }
        for i in 0..self.ins.len() {
            let (u, w_in) = self.ins[i];
            let max_out = self.outs.iter().filter(|e| e.0 != u).map(|e| e.1).max();
            let Some(max_out) = max_out else { continue };
            self.run(graph, u, v, w_in + max_out, settle_limit);
            for &(x, w_out) in &self.outs {
                let via = w_in + w_out;
                if x != u && self.dist(x) > via {
                    found.push((u, x, via));
                }
            }
        }
    }
}

/// A shortcut `(from, to, weight)`.
type Shortcut = (u32, u32, u64);

/// Nodes settled by a witness search when estimating the initial priorities.
const SETTLE_ESTIMATE: usize = 40;
/// Nodes settled by a witness search when evaluating a candidate of a round (more searching,
/// fewer shortcuts).
const SETTLE_CONTRACT: usize = 500;

/// The graph of the nodes not contracted yet, with the edges and shortcuts between them.
struct Working {
    out: Vec<Vec<(u32, u64)>>,
    inc: Vec<Vec<(u32, u64)>>,
    /// The candidates of the current round (witness searches avoid them).
    in_round: Vec<bool>,
    /// Contracted neighbours of each node.
    deleted: Vec<u32>,
    /// Level: one more than the highest level of a contracted neighbour.
    level: Vec<u32>,
}

impl Working {
    /// Priority of contracting `v` now (lower first): eight times the edge difference (the
    /// shortcuts it needs minus the edges it removes), plus twice the contracted neighbours,
    /// plus the level.
    fn priority(&self, v: u32, witness: &mut Witness, scratch: &mut Vec<Shortcut>) -> i64 {
        scratch.clear();
        witness.shortcuts(self, v, SETTLE_ESTIMATE, scratch);
        self.priority_with(v, scratch.len())
    }

    /// The priority of `v` if contracting it needs `shortcuts` shortcuts.
    fn priority_with(&self, v: u32, shortcuts: usize) -> i64 {
        let added = shortcuts as i64;
        let removed = (self.out[v as usize].len() + self.inc[v as usize].len()) as i64;
        8 * (added - removed)
            + 2 * i64::from(self.deleted[v as usize])
            + i64::from(self.level[v as usize])
    }
}

/// Per-thread witness buffers for the parallel phases, indexed by rayon thread.
struct Pool(Vec<Mutex<(Witness, Vec<Shortcut>)>>);

impl Pool {
    fn new(n: usize) -> Pool {
        let threads = rayon::current_num_threads().max(1);
        Pool(
            (0..threads)
                .map(|_| Mutex::new((Witness::new(n), Vec::new())))
                .collect(),
        )
    }

    /// Runs `f` with this thread's buffers.
    fn with<R>(&self, f: impl FnOnce(&mut Witness, &mut Vec<Shortcut>) -> R) -> R {
        let slot = rayon::current_thread_index().unwrap_or(0) % self.0.len();
        let mut guard = self.0[slot].lock().unwrap_or_else(|e| e.into_inner());
        let (witness, scratch) = &mut *guard;
        f(witness, scratch)
    }
}

impl ContractionHierarchy {
    /// Contracts `g`.
    ///
    /// Rounds contract an independent set of nodes. The candidates of a round are the nodes
    /// whose priority (with ties broken by node id) is lower than every remaining
    /// neighbour's; priorities are left stale when a neighbour is contracted, and refreshed
    /// when their node becomes a candidate: the candidates are evaluated in parallel, with
    /// witness searches that avoid every candidate, which yields both their fresh priority
    /// and the shortcuts their contraction needs. The round is the candidates that are still
    /// local minima (at least the lowest one); their shortcuts are applied in node order. The
    /// result is the same for any number of threads. The 200,704-node synthetic city of
    /// `benches/roads.rs` takes about 11 CPU seconds (see `benches/RESULTS.md`);
    /// [`ContractionHierarchy::load_or_build`] keeps the result.
    pub fn new(g: &RoutingGraph) -> ContractionHierarchy {
        let n = g.node_count();
        let mut work = Working {
            out: vec![Vec::new(); n],
            inc: vec![Vec::new(); n],
            in_round: vec![false; n],
            deleted: vec![0; n],
            level: vec![0; n],
        };
        for v in 0..n as u32 {
            for (w, weight) in g.out(v) {
                if w != v {
                    upsert(&mut work.out[v as usize], w, weight);
                    upsert(&mut work.inc[w as usize], v, weight);
                }
            }
        }
        let pool = Pool::new(n);
        let mut priority: Vec<i64> = (0..n as u32)
            .into_par_iter()
            .with_min_len(256)
            .map(|v| pool.with(|witness, scratch| work.priority(v, witness, scratch)))
            .collect();
        let mut rank = vec![u32::MAX; n];
        let mut up: Vec<Vec<(u32, u64)>> = vec![Vec::new(); n];
        let mut down: Vec<Vec<(u32, u64)>> = vec![Vec::new(); n];
        let mut remaining: Vec<u32> = (0..n as u32).collect();
        let mut next_rank = 0u32;
        let mut shortcuts = 0;
        let mut seen = vec![false; n];
        while !remaining.is_empty() {
            // Candidates: the local minima of the (possibly stale) priorities. Each is
            // evaluated afresh with witness searches avoiding every candidate, which gives both
            // its current priority and the shortcuts contracting it needs (avoiding more nodes
            // than will be contracted only adds shortcuts, so they stay valid). The round is
            // the candidates still minima under the fresh priorities, or at least the lowest.
            let is_minimum = |v: u32, priority: &[i64]| {
                let k = (priority[v as usize], v);
                work.out[v as usize]
                    .iter()
                    .chain(&work.inc[v as usize])
                    .all(|e| k < (priority[e.0 as usize], e.0))
            };
            let candidates: Vec<u32> = remaining
                .par_iter()
                .with_min_len(1024)
                .copied()
                .filter(|&v| is_minimum(v, &priority))
                .collect();
            for &v in &candidates {
                work.in_round[v as usize] = true;
            }
            let evaluated: Vec<(i64, Vec<Shortcut>)> = candidates
                .par_iter()
                .with_min_len(64)
                .map(|&v| {
                    pool.with(|witness, _| {
                        let mut found = Vec::new();
                        witness.shortcuts(&work, v, SETTLE_CONTRACT, &mut found);
                        (work.priority_with(v, found.len()), found)
                    })
                })
                .collect();
            for &v in &candidates {
                work.in_round[v as usize] = false;
            }
            for (&v, (p, _)) in candidates.iter().zip(&evaluated) {
                priority[v as usize] = *p;
            }
            let mut round: Vec<(u32, Vec<Shortcut>)> = candidates
                .iter()
                .zip(evaluated)
                .filter(|(&v, _)| is_minimum(v, &priority))
                .map(|(&v, (_, found))| (v, found))
                .collect();
            if round.is_empty() {
                // Cannot happen often, but guarantees progress: the lowest candidate alone.
                let lowest = candidates
                    .iter()
                    .copied()
                    .min_by_key(|&v| (priority[v as usize], v));
                if let Some(v) = lowest {
                    let mut found = Vec::new();
                    pool.with(|witness, _| {
                        witness.shortcuts(&work, v, SETTLE_CONTRACT, &mut found)
                    });
                    round.push((v, found));
                }
            }
            for (v, found) in &round {
                let v = *v;
                rank[v as usize] = next_rank;
                next_rank += 1;
                // Every neighbour ranks above v: v's edges are final. Move them out of the
                // working graph so that adjacency lists stay short.
                let outs = std::mem::take(&mut work.out[v as usize]);
                let ins = std::mem::take(&mut work.inc[v as usize]);
                let level = work.level[v as usize] + 1;
                for &(w, _) in &outs {
                    work.inc[w as usize].retain(|e| e.0 != v);
                }
                for &(u, _) in &ins {
                    work.out[u as usize].retain(|e| e.0 != v);
                }
                for &(w, _) in outs.iter().chain(&ins) {
                    if !std::mem::replace(&mut seen[w as usize], true) {
                        work.deleted[w as usize] += 1;
                        work.level[w as usize] = work.level[w as usize].max(level);
                    }
                }
                for &(w, _) in outs.iter().chain(&ins) {
                    seen[w as usize] = false;
                }
                up[v as usize] = outs;
                down[v as usize] = ins;
                for &(u, x, w) in found {
                    if upsert(&mut work.out[u as usize], x, w) {
                        shortcuts += 1;
                    }
                    upsert(&mut work.inc[x as usize], u, w);
                }
            }
            remaining.retain(|&v| rank[v as usize] == u32::MAX);
        }
        ContractionHierarchy {
            rank,
            up: Csr::from_lists(&up),
            down: Csr::from_lists(&down),
            shortcuts,
        }
    }

    /// The hierarchy of `g` kept in the file `path`, or, when that file is missing,
    /// unreadable, corrupt, of another format version or made for another graph (its key is
    /// a hash of the nodes, edges and weights of `g`, so of the network, the vehicle profile
    /// and the closures), a newly built one, which is then written to `path` (a failure to
    /// write only costs the next run the time to build it again). Returns the hierarchy and
    /// whether it was read from the file.
    pub fn load_or_build(g: &RoutingGraph, path: &Path) -> (ContractionHierarchy, bool) {
        let key = graph_key(g);
        let loaded = std::fs::read(path)
            .ok()
            .and_then(|bytes| ContractionHierarchy::from_bytes(&bytes, key, g.node_count()));
        if let Some(ch) = loaded {
            return (ch, true);
        }
        let ch = ContractionHierarchy::new(g);
        let _ = write_atomically(path, &ch.to_bytes(key));
        (ch, false)
    }

    /// The file contents: magic, format version, key, sizes, arrays, then a checksum of all
    /// that precedes it. Numbers are little-endian.
    fn to_bytes(&self, key: u64) -> Vec<u8> {
        let csr_len = |c: &Csr| 8 + 4 * c.first.len() + 12 * c.head.len();
        let mut out =
            Vec::with_capacity(48 + 4 * self.rank.len() + csr_len(&self.up) + csr_len(&self.down));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FILE_VERSION.to_le_bytes());
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&(self.rank.len() as u64).to_le_bytes());
        out.extend_from_slice(&(self.shortcuts as u64).to_le_bytes());
        self.rank
            .iter()
            .for_each(|r| out.extend_from_slice(&r.to_le_bytes()));
        for c in [&self.up, &self.down] {
            out.extend_from_slice(&(c.head.len() as u64).to_le_bytes());
            c.first
                .iter()
                .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
            c.head
                .iter()
                .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
            c.weight
                .iter()
                .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
        }
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads [`ContractionHierarchy::to_bytes`]; `None` unless everything checks out: the
    /// magic, version, key, node count, checksum and the consistency of every array.
    fn from_bytes(bytes: &[u8], key: u64, nodes: usize) -> Option<ContractionHierarchy> {
        let (body, sum) = bytes.split_at(bytes.len().checked_sub(8)?);
        if checksum(body) != u64::from_le_bytes(sum.try_into().ok()?) {
            return None;
        }
        let mut r = Reader(body);
        if r.take(MAGIC.len())? != MAGIC
            || r.u32()? != FILE_VERSION
            || r.u64()? != key
            || r.u64()? != nodes as u64
        {
            return None;
        }
        let shortcuts = usize::try_from(r.u64()?).ok()?;
        let rank = r.u32s(nodes)?;
        if rank.iter().any(|&x| x as usize >= nodes) {
            return None;
        }
        let mut csr = || -> Option<Csr> {
            let len = usize::try_from(r.u64()?).ok()?;
            let first = r.u32s(nodes + 1)?;
            let head = r.u32s(len)?;
            let weight = r.u64s(len)?;
            let ok = first[0] == 0
                && first.windows(2).all(|w| w[0] <= w[1])
                && first[nodes] as usize == len
                && head.iter().all(|&h| (h as usize) < nodes);
            ok.then_some(Csr {
                first,
                head,
                weight,
            })
        };
        let up = csr()?;
        let down = csr()?;
        r.0.is_empty().then_some(ContractionHierarchy {
            rank,
            up,
            down,
            shortcuts,
        })
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
    /// `u64::MAX` where none): bucket-based many-to-many, both phases in parallel.
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

/// The first bytes of a hierarchy file.
const MAGIC: &[u8; 8] = b"RRCH\x00\x00\x00\x01";
/// The format version of hierarchy files (and of the contraction: files written by another
/// version are rebuilt).
const FILE_VERSION: u32 = 2;

/// A 64-bit FNV-1a hash over 8-byte words, stable across machines and Rust versions.
fn fnv(words: impl IntoIterator<Item = u64>) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    for w in words {
        h = (h ^ w).wrapping_mul(0x0000_0100_0000_01b3);
        h ^= h >> 29;
    }
    h
}

/// The checksum of a file body: [`fnv`] over its bytes in 8-byte words (the last one padded
/// with zeros), then its length.
fn checksum(bytes: &[u8]) -> u64 {
    let chunks = bytes.chunks(8).map(|c| {
        let mut word = [0u8; 8];
        word[..c.len()].copy_from_slice(c);
        u64::from_le_bytes(word)
    });
    fnv(chunks.chain([bytes.len() as u64]))
}

/// The key of a graph in hierarchy files: a hash of its format version, nodes, edges and
/// weights.
fn graph_key(g: &RoutingGraph) -> u64 {
    fnv([u64::from(FILE_VERSION), g.node_count() as u64]
        .into_iter()
        .chain(g.first_out.iter().map(|&x| u64::from(x)))
        .chain(g.head.iter().map(|&x| u64::from(x)))
        .chain(g.weight.iter().copied()))
}

/// Writes `bytes` to a temporary file beside `path`, then renames it to `path`, so that a
/// reader never sees a half-written file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp{}", std::process::id()));
    let tmp = path.with_file_name(name);
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// A cursor over little-endian numbers; every read is `None` past the end.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn u32s(&mut self, n: usize) -> Option<Vec<u32>> {
        let bytes = self.take(n.checked_mul(4)?)?;
        Some(
            bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }

    fn u64s(&mut self, n: usize) -> Option<Vec<u64>> {
        let bytes = self.take(n.checked_mul(8)?)?;
        Some(
            bytes
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
                .collect(),
        )
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
    use crate::travel::dijkstra::many_to_many_dijkstra;

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

    /// `count` pseudo-random nodes of a graph of `n` nodes.
    fn random_nodes(n: usize, count: usize, seed: u64) -> Vec<u32> {
        let mut state = seed | 1;
        (0..count)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state % n as u64) as u32
            })
            .collect()
    }

    #[test]
    fn equals_dijkstra_on_a_synthetic_city_with_and_without_closures() {
        use crate::travel::synthetic::SyntheticCity;
        use crate::travel::{ClassNetwork, Closures, VehicleClass};
        use geo::{LineString, Polygon};
        let city = SyntheticCity {
            columns: 40,
            rows: 40,
            bridges: 2,
            ..SyntheticCity::with_nodes(1600)
        };
        let graph = city.build();
        // A closed square of about 600 m around the centre, cutting the river's bridges.
        let (lon, lat, dx, dy) = (101.72, 26.58, 0.003, 0.0027);
        let mut closed = Closures::none();
        closed.add_area(Polygon::new(
            LineString::from(vec![
                (lon - dx, lat - dy),
                (lon + dx, lat - dy),
                (lon + dx, lat + dy),
                (lon - dx, lat + dy),
                (lon - dx, lat - dy),
            ]),
            vec![],
        ));
        for (closures, class) in [
            (Closures::none(), VehicleClass::Car),
            (closed.clone(), VehicleClass::Car),
            (closed, VehicleClass::Rider),
        ] {
            let net = ClassNetwork::new(&graph, class, &closures).expect("roads");
            let g = net.routing(25.0);
            let nodes = random_nodes(g.node_count(), 80, 0x9e37_79b9);
            let ch = ContractionHierarchy::new(&g);
            let fast = ch.many_to_many(&nodes, &nodes);
            let slow = many_to_many_dijkstra(&g, &nodes, &nodes);
            assert_eq!(fast, slow, "{} closed edges", net.closed_edges);
            let unreachable = slow.iter().filter(|&&w| w == NO_PATH).count();
            assert_eq!(net.closed_edges == 0, unreachable == 0);
        }
    }

    #[test]
    fn the_same_hierarchy_on_one_or_two_threads() {
        let g = random_graph(1000, 12345);
        let on = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool")
                .install(|| ContractionHierarchy::new(&g))
        };
        let one = on(1);
        assert_eq!(one, on(2));
        assert!(one.shortcut_count() > 0);
    }

    #[test]
    fn the_cache_is_reused_and_rebuilt_when_stale_or_corrupt() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("graph.ch");
        let g = random_graph(500, 99);
        let (built, loaded) = ContractionHierarchy::load_or_build(&g, &path);
        assert!(!loaded && path.exists());
        let (read, loaded) = ContractionHierarchy::load_or_build(&g, &path);
        assert!(loaded);
        assert_eq!(read, built);
        let nodes: Vec<u32> = (0..g.node_count() as u32).step_by(5).collect();
        assert_eq!(
            read.many_to_many(&nodes, &nodes),
            many_to_many_dijkstra(&g, &nodes, &nodes)
        );
        // Another graph (another profile or closures) with the same file: rebuilt.
        let other = random_graph(500, 100);
        let (rebuilt, loaded) = ContractionHierarchy::load_or_build(&other, &path);
        assert!(!loaded);
        assert_eq!(rebuilt, ContractionHierarchy::new(&other));
        assert!(ContractionHierarchy::load_or_build(&other, &path).1);
        // Corrupt, truncated, empty or foreign files: rebuilt, never a panic.
        let good = std::fs::read(&path).expect("the cache file");
        let mut flipped = good.clone();
        flipped[good.len() / 2] ^= 0x10;
        for bad in [
            flipped,
            good[..good.len() - 1].to_vec(),
            good[..good.len() / 3].to_vec(),
            Vec::new(),
            b"not a hierarchy".to_vec(),
        ] {
            std::fs::write(&path, &bad).expect("write");
            let (ch, loaded) = ContractionHierarchy::load_or_build(&other, &path);
            assert!(!loaded);
            assert_eq!(ch, rebuilt);
            assert_eq!(std::fs::read(&path).expect("rewritten"), good);
        }
        // An unwritable place: built, not cached, no error.
        let nowhere = dir.path().join("missing").join("graph.ch");
        let (ch, loaded) = ContractionHierarchy::load_or_build(&g, &nowhere);
        assert!(!loaded && !nowhere.exists());
        assert_eq!(ch, built);
    }
}

//! The solver's tuning constants, in one place, each with what it does and what measured it.

/// Tuning constants of the solver (see [`PARAMS`] for the values in use).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Params {
    /// Work units budgeted per second, a little less than the reference machine (2-core CI
    /// kind, one thread) does in a second. Recalibrated on 2026-12-02 when the evaluation core
    /// replaced exact route walks (moves and insertions cost fewer units, each unit a little
    /// more time): on six Solomon and four CVRPLIB X instances at 5 s, the same budget took
    /// 1.24 and 1.51 times the old build's CPU time, hence 50e6 / 1.35. Raised on 2026-12-02
    /// to 43e6 (37e6 times 1.167) when the inserter's caches became lazy: the same plans
    /// took 1.167 times fewer instructions of search on ten Solomon instances (callgrind, see
    /// benches/RESULTS.md). Set on 2026-12-02 to 42.2e6 (43e6 / 1.019) when the
    /// inserter's scan began to drop positions by their start times (those positions no
    /// longer cost a unit each, so an iteration costs fewer units) and to read a trip's
    /// orders from one array: on the ten Solomon instances a unit then took 1.9% more
    /// instructions. Larger instances do fewer units per
    /// second, so there the wall clock, when on, often ends the search.
    pub work_per_second: f64,
    /// Average number of jobs removed per ruin (SISR's c̄).
    pub avg_removed: f64,
    /// Where most orders have windows, from [`Params::long_timed_jobs`] orders on, the
    /// least share of a mean trip's orders a ruin removes on average
    /// (`search::sisr::avg_removed`: c̄ is the larger of [`Params::avg_removed`] and this
    /// times the mean trip length, so trips of twenty orders or fewer keep ten). Measured on 2026-12-03 on Gehring-Homberger's class 2 at
    /// 400 to 800 customers (9 instances, 10 s `--reproducible`, one thread, with
    /// [`Params::timed_size_exponent`]): mean gap over seeds 1, 2 and 3 2.135% -> 1.741%
    /// (2.348 -> 1.832, 1.533 -> 1.876, 2.525 -> 1.514). Dropped: the longest string a
    /// half trip too (L^max = max(10, len / 2), and c̄ as here): 2.031% and 2.325% on seeds 1
    /// and 2; L^max alone 2.583% (seed 1); L^max and c̄ a whole trip: 2.326% (seed 1).
    pub removed_per_trip: f64,
    /// Longest string removed from one trip (SISR's L^max).
    pub max_string: f64,
    /// Work units charged for an iteration's own bookkeeping.
    pub iteration_work: u64,
    /// Most previously unassigned jobs retried per recreate, besides the ruined ones: jobs no
    /// courier can take would otherwise be priced against every route in every iteration.
    pub retried_unassigned: usize,
    /// From this many jobs on, the local search after a new best starts from the changed
    /// vehicles only (see `LocalSearch::run_from`).
    pub queue_ls_jobs: usize,
    /// Chance that a ruin removes a whole courier's route instead of strings, where
    /// `search::sisr::route_ruin` allows it.
    pub route_ruin: f64,
    /// Under `distance`, the fewest orders (most with windows) for which ruins remove whole
    /// routes too. Measured on Gehring-Homberger at 10 s (`--reproducible`, 6 instances per
    /// size): better at 600 and 800 customers (mean gap 2.705% -> 2.167%, 4.583% ->
    /// 3.377%: C2_8_2 went from 31 vehicles and 11.988% to 26 and 4.005%), worse at 200
    /// (0.372% -> 0.682%), 400 (1.652% -> 1.774%) and on Solomon's 100 (0.099% -> 0.132%).
    pub route_ruin_jobs: usize,
    /// Chance of skipping a candidate position during recreate.
    pub blink_rate: f64,
    /// Points at which the search reports progress and checks on its chains.
    pub steps: u64,
    /// Chains run independently until this step (half the budget), then exchange their best
    /// plans every `exchange_every` steps. Measured on Solomon R2 and RC2 (19 instances, 10 s,
    /// 2 threads): 0.179% mean gap, against 0.281% when exchanging every fifth step from the
    /// start (the chains then converge on one basin).
    pub exchange_from: u64,
    /// Steps between exchanges from `exchange_from` on (every tenth of the budget).
    pub exchange_every: u64,
    /// Work each chain gets at least, per job. A budget holding several times this runs several
    /// chains per thread: one annealing run stalls in its basin on long routes, while independent
    /// chains do not stall together. Measured on Solomon at 60 s (one thread): six chains of 10 s
    /// give 0.087% mean gap, one chain of 60 s 0.150% (R2: 0.207% against 0.307%). Scaled
    /// with `work_per_second` (5e6 at 50e6 units per second), so that a chain still gets
    /// about 10 s of a Solomon instance (4.22e6 at 42.2e6).
    pub chain_work_per_job: u64,
    /// Most chains per thread.
    pub max_chains_per_thread: u64,
    /// From this many jobs on, insertion tries the vehicles near a job before all vehicles.
    /// Measured: on Solomon (100 jobs) trying every vehicle finds better plans (mean gap 0.40%
    /// against 0.97% on eight instances at 2 s); on 10,000 jobs and 300 couriers the full scan
    /// leaves the search too few iterations.
    pub granular_jobs: usize,
    /// How many nearest jobs each job keeps as neighbours for granular search.
    pub neighbours: usize,
    /// Share of the jobs that, left out by the construction's pass over near couriers, marks
    /// the fleet as short (see `insertion::greedy_until`). Measured on a 10,000-order city: 150
    /// couriers left 30% and served more without a pass over every courier, 210 left 16%
    /// and served about as many, 300 left 7% and needed it for a plan as good as before.
    pub short_fleet: f64,
    /// From this many jobs on, the search may start from `nearest`'s batches when the fleet
    /// is short (see `search::start`). Measured on overloaded relief cities (one thread,
    /// priority weight served): 20,000 orders 25,438 against 24,587 to 24,813 before (60 s);
    /// 10,000 orders 12,500 against 12,383 (`--reproducible --seconds 15`); 2,000 orders
    /// worse (2,349 and 2,366 against 2,360 and 2,375 with seeds 1 and 2, `--reproducible
    /// --seconds 60`).
    pub nearest_start_jobs: usize,
    /// Jobs priced per job before the exact neighbour search may stop early.
    pub prefilter: usize,
    /// Annealing temperature at the start and at the end of a chain, in units of the mean
    /// arc length (times `min(1, 100 / jobs)`: colder on larger problems, where a hot walk
    /// has too few iterations to come back; X-n1001 went from 5.04% to 3.53% at 10 s).
    pub start_temperature: f64,
    pub end_temperature: f64,
    /// Where most orders have windows, from [`Params::long_timed_jobs`] orders on, the
    /// temperature falls with size as `(100 / jobs)` to this power instead of `100 / jobs`
    /// (see `search::sisr::size_scale`). Measured on 2026-12-03 on Gehring-Homberger's 18 instances of
    /// 400 to 800 customers at 10 s (`--reproducible`, one thread): mean gap over seeds 1
    /// and 2 from 2.334% to 1.870% (class 1 2.048/2.057% -> 1.828/1.770%, class 2
    /// 2.731/2.500% -> 2.348/1.533%); a flat three times warmer gave 2.029%, five times
    /// 2.123% on class 2 (seed 1), eight 2.553%: the linear fall left the chains frozen in
    /// their basin from 40% of the budget on (C2_8_2 gave the same plan by the clock in
    /// 10 s as with the work budget's 3.7 s).
    pub timed_size_exponent: f64,
    /// The fewest orders (most with windows) for which the chains anneal warmer
    /// ([`Params::timed_size_exponent`]) and ruin by the trips' length
    /// ([`Params::removed_per_trip`]). Measured on 2026-12-03 on Gehring-Homberger at 10 s,
    /// one thread: both rules won at 600 and 800 customers with the work budget
    /// (`--reproducible`, seeds 1 and 2) and by the clock (class 2, seed 1: 1.656% -> 1.560%
    /// at 600, 3.371% -> 1.497% at 800); at 400 they won with the work budget (1.528% ->
    /// 1.326%, 1.754% -> 1.651% on seeds 1 and 2) but lost by the clock, which does about
    /// three times that work there (class 2: 0.957% -> 1.721% on seed 1, 1.073% -> 1.638% on
    /// seed 2: R2_4_2 fell to 15 couriers against the best known's 18); at 200 they lost with
    /// the work budget (0.298% -> 0.687%, 0.586% -> 0.725%). Warm chains with much work per
    /// order drop couriers that shorter plans keep.
    pub long_timed_jobs: usize,
    /// `search` runs the genetic search on problems with time windows up to this many
    /// orders (see `search::strategy::genetic_wins`): measured stronger on Solomon (100
    /// customers) and relief cities of 60 and 120 orders, weaker on Gehring-Homberger's
    /// 200 to 800 customers and on relief cities of 250 and 500 orders (at 200 no longer
    /// with a budget of a few seconds: see [`Params::genetic_long_jobs`]).
    pub genetic_jobs: usize,
    /// `search` also runs the genetic search on problems with time windows of up to this
    /// many orders when the budget gives each order at least
    /// [`Params::genetic_seconds_per_job`] seconds: once its prices doubled when no child
    /// kept a rule (2026-12-03), `genetic` beat the chains on Gehring-Homberger's six
    /// instances of 200 customers by the clock, seed 1: 0.691% -> 0.130% at 10 s (seed 2: 0.591% -> 0.053%),
    /// 0.784% -> 0.300% at 5 s, but not at 3 s (0.973% against 1.050%) nor at 1 s (1.294%
    /// against 2.742%). At 400 customers the chains still win at 10 s (1.162% against
    /// 2.415%), and at the relief city of 250 orders the two are level (734.9 km against
    /// 738.0, seeds 1-4), so the chains keep them.
    pub genetic_long_jobs: usize,
    /// Seconds of budget per order from which problems of up to
    /// [`Params::genetic_long_jobs`] orders go to the genetic search (between the 3 s and
    /// 5 s measured at 200 customers).
    pub genetic_seconds_per_job: f64,
    /// `search` runs the genetic search on problems where most orders have no time window
    /// up to this many orders: measured on 2026-12-02, once `genetic` educated its children
    /// with SWAP*, on CVRPLIB X at 10 s: 101 to 200 customers 0.344% mean gap against the
    /// chains' 0.436% (22 instances, 14 better, 7 worse); 251 customers a tie (0.936%
    /// against 0.897%), 300 and more weaker (1.006% against 0.708% at 200-499 customers).
    pub genetic_untimed_jobs: usize,
    /// `genetic`: the population's size after survivor selection (PyVRP's min_pop_size).
    pub population: usize,
    /// `genetic`: offspring added before survivor selection (PyVRP's generation_size).
    pub generation: usize,
    /// `genetic`: how many of the cheapest plans the biased fitness protects (nb_elite).
    pub elite: usize,
    /// `genetic`: how many nearest plans a plan's diversity is measured against (nb_close).
    pub close: usize,
    /// `genetic`: annealing work per job spent on each plan of the first population, from
    /// the construction with its own seed (less when the budget is short: the first
    /// population takes at most a quarter of it). 20,000 before the penalised search; with
    /// it, on CVRPLIB X's 21 instances of 100-199 customers at 10 s (`--reproducible`):
    /// 0.494% mean gap at 20,000, 0.416% at 5,000, 0.417% at 1,000 (more children).
    pub seed_work_per_job: u64,
    /// `genetic`: annealing work per job spent educating each feasible child after its
    /// local search (0: local search only). 5,000 before the penalised search; with it, on
    /// eight CVRPLIB X instances of 101 to 195 customers at 10 s (`--reproducible`): 0.699%
    /// mean gap with 5,000 against 0.279% with none (more children).
    pub education_work_per_job: u64,
    /// `genetic`: work charged per neighbour pair its local searches try (see
    /// `LocalSearch::pairs`), so that its work units take about as long as the search's.
    /// Measured on R101 at 2 s: without it `genetic` took 2.36 s of CPU to the search's
    /// 1.77 s, a quarter of it in local search moves rejected by distance (1.95 million pairs
    /// tried); 12 units a pair charge the 0.59 s.
    /// Lowered to 8 on 2026-12-02 once the penalised local search skipped unchanged pairs
    /// and most overloaded moves cheaply: on eight X instances at 10 s, `genetic` took 67.4 s
    /// of CPU at 9 units and 80.2 s at 7, `search` 75.3 s.
    pub pair_work: u64,
    /// `genetic`: the share of children that should keep each priced rule (capacity,
    /// times) after their first local search; the prices follow (Vidal's HGS: 0.2).
    pub feasible_share: f64,
    /// `genetic`: children between two adjustments of the prices (HGS: 100).
    pub penalty_every: usize,
    /// `genetic`: the share of children breaking a rule that are repaired by a second local
    /// search with the prices times [`Params::repair_penalty`] (HGS: half, 10 times).
    pub repair_share: f64,
    pub repair_penalty: f64,
    /// `genetic`: how many of each job's nearest neighbours its local search tries on each
    /// child (HGS: 20). Measured on eight CVRPLIB X instances of 101 to 195 customers at
    /// 10 s (`--reproducible`, penalised search, no annealing in education): 0.642% mean
    /// gap with 20 against 0.903% with all 40 (twice the children).
    pub genetic_neighbours: usize,
    /// SWAP*: work charged per pair of orders of two trips it ranks (see
    /// `search::operators::swap_star`; plus one per order). Measured honest on 2026-12-02:
    /// `genetic` with SWAP* took 245.7 s of CPU on CVRPLIB X's 28 instances at 10 s
    /// `--reproducible`, 251.0 s without.
    pub swap_star_work: u64,
    /// `genetic` on plain capacitated problems (see `search::genetic::giant_tour`): the
    /// share of children made by HGS's order crossover and Split rather than SREX.
    /// Measured on 2026-12-03 with `search` on CVRPLIB X's 22 instances of 101 to 200
    /// customers at 3 s (`--reproducible`, one thread), mean gap on seeds 1 and 2: SREX
    /// alone (main) 0.940% and 0.920%, half and half 0.885% and 0.746%, OX alone 0.803%
    /// and 0.812%.
    pub ox_share: f64,
    /// Split (`search::genetic::giant_tour`): how far over capacity a trip it tries may be,
    /// as a share of a courier's capacity; longer trips are not tried (HGS's half, not
    /// measured here).
    pub split_excess: f64,
    /// The local search's whole-trip moves (`search::operators::trip_moves`) run on fleets
    /// of at most this many couriers: a pass prices every pair of couriers. Set above the
    /// relief cities of 500 orders (30 couriers); larger fleets not measured.
    pub trip_moves_max_couriers: usize,
}

/// The values the solver runs with.
pub(crate) const PARAMS: Params = Params {
    work_per_second: 42.2e6,
    avg_removed: 10.0,
    max_string: 10.0,
    removed_per_trip: 0.5,
    iteration_work: 10,
    retried_unassigned: 20,
    queue_ls_jobs: 500,
    route_ruin: 0.1,
    route_ruin_jobs: 500,
    blink_rate: 0.01,
    steps: 100,
    exchange_from: 50,
    exchange_every: 10,
    chain_work_per_job: 4_220_000,
    max_chains_per_thread: 8,
    granular_jobs: 2000,
    neighbours: 40,
    short_fleet: 0.1,
    nearest_start_jobs: 5000,
    prefilter: 200,
    start_temperature: 3.0,
    end_temperature: 0.03,
    timed_size_exponent: 0.5,
    long_timed_jobs: 500,
    genetic_jobs: 150,
    genetic_long_jobs: 200,
    genetic_seconds_per_job: 0.02,
    genetic_untimed_jobs: 200,
    population: 25,
    generation: 40,
    elite: 4,
    close: 5,
    seed_work_per_job: 5_000,
    education_work_per_job: 0,
    pair_work: 8,
    feasible_share: 0.2,
    penalty_every: 100,
    repair_share: 0.5,
    repair_penalty: 10.0,
    genetic_neighbours: 20,
    swap_star_work: 3,
    ox_share: 1.0,
    split_excess: 0.5,
    trip_moves_max_couriers: 40,
};

//! The solver's working solution: per vehicle, a list of trips of job indices.

/// One load from a kitchen: the orders (jobs, to the solver) in visiting order.
#[derive(Debug, PartialEq, Eq, Default)]
pub struct Trip {
    /// Site index of the kitchen.
    pub kitchen: usize,
    /// Job (order) indices in visiting order, at least one in a finished solution.
    pub jobs: Vec<usize>,
}

impl Clone for Trip {
    fn clone(&self) -> Trip {
        Trip {
            kitchen: self.kitchen,
            jobs: self.jobs.clone(),
        }
    }

    /// Reuses `self`'s job buffer: the search copies trips into scratch space constantly.
    fn clone_from(&mut self, source: &Trip) {
        self.kitchen = source.kitchen;
        self.jobs.clone_from(&source.jobs);
    }
}

/// A strategy's answer before timing: which trips each courier makes, and what is left.
#[derive(Debug, PartialEq, Default)]
pub struct Routes {
    /// Per courier (indexed like the fleet), its trips in time order; empty if unused.
    pub trips: Vec<Vec<Trip>>,
    /// Orders (job indices, equal to order indices) not served.
    pub unassigned: Vec<usize>,
}

impl Clone for Routes {
    fn clone(&self) -> Routes {
        Routes {
            trips: self.trips.clone(),
            unassigned: self.unassigned.clone(),
        }
    }

    /// Reuses `self`'s buffers: the search keeps copies of its best solution.
    fn clone_from(&mut self, source: &Routes) {
        self.trips.clone_from(&source.trips);
        self.unassigned.clone_from(&source.unassigned);
    }
}

impl Routes {
    /// A solution with every one of `vehicles` couriers idle and every one of `jobs` orders
    /// unassigned.
    pub fn empty(vehicles: usize, jobs: usize) -> Routes {
        Routes {
            trips: vec![Vec::new(); vehicles],
            unassigned: (0..jobs).collect(),
        }
    }

    /// Every job in a trip or unassigned, sorted: `0..jobs` exactly when each is there once.
    #[cfg(test)]
    pub(crate) fn every_job(&self) -> Vec<usize> {
        let trips = self.trips.iter().flatten();
        let mut jobs: Vec<usize> = trips.flat_map(|t| t.jobs.iter().copied()).collect();
        jobs.extend(&self.unassigned);
        jobs.sort_unstable();
        jobs
    }
}

/// Work units of evaluating a vehicle's trips: its stops plus a fixed overhead for copying
/// and setting up, so that short and long routes cost about their real time.
pub(crate) fn evaluation_work(trips: &[Trip]) -> u64 {
    EVALUATION_OVERHEAD + trips.iter().map(|t| t.jobs.len() as u64 + 1).sum::<u64>()
}

/// Work units charged per evaluation on top of its stops.
const EVALUATION_OVERHEAD: u64 = 10;

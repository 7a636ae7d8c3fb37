//! Travel between sites: the dense time and distance matrices every strategy reads.

mod matrix;

pub use matrix::TravelMatrix;

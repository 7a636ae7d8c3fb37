//! The errors a scenario folder can produce: one [`InputError`] per problem, gathered in a
//! [`ScenarioError`]. They are defined in the model layer, because
//! [`ScenarioBuilder`](crate::model::ScenarioBuilder) returns them too.

pub use crate::model::{InputError, ScenarioError};

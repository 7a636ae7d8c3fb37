mod benchmarks;
mod checker;
mod cli;
mod constraints;
mod strategies;
mod validation;

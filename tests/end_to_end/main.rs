mod api;
mod benchmarks;
mod checker;
mod cli;
mod constraints;
mod roads;
mod strategies;
mod validation;

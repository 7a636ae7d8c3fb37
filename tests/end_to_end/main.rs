mod benchmarks;
mod checker;
mod cli;
mod constraints;
mod report;
mod roads;
mod strategies;
mod validation;

mod benchmarks;
mod checker;
mod cli;
mod constraints;
mod hardening;
mod roads;
mod strategies;
mod validation;

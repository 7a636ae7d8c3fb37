mod benchmarks;
mod checker;
mod validation;

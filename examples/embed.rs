//! Embedding reliefroute: plan the sample scenario, check the plan, print each courier's day.
//! Run with `cargo run --example embed` from the workspace root.
use std::{error::Error, path::Path};

use reliefroute::{check_plan, format_minutes, load_scenario, plan, strategy_by_name};
use reliefroute::{summary_table, Budget, TravelMatrix};

fn main() -> Result<(), Box<dyn Error>> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/panzhihua"
    ));
    let scenario = load_scenario(dir)?;
    let matrix = TravelMatrix::straight_line(&scenario);
    let strategy = strategy_by_name("regret").ok_or("no strategy called regret")?;
    let plan = plan(&scenario, &matrix, strategy.as_ref(), &Budget::default());
    if let Err(violations) = check_plan(&scenario, &matrix, &plan) {
        return Err(format!("plan rejected: {}", violations[0]).into());
    }
    for route in &plan.routes {
        let id = &scenario.fleet[route.vehicle].id;
        println!("{id}: {} trips", route.trips.len());
        for (t, trip) in route.trips.iter().enumerate() {
            let at = |site: usize, min: f64| {
                format!("{} {}", scenario.sites[site].id, format_minutes(min))
            };
            let stops: Vec<String> = trip.stops.iter().map(|s| at(s.site, s.start_min)).collect();
            println!(
                "  trip {}: {} -> {}",
                t + 1,
                at(trip.kitchen, trip.depart_min),
                stops.join(", ")
            );
        }
    }
    print!("{}", summary_table(&scenario, &plan));
    Ok(())
}

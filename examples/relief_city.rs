//! Writes a large generated relief scenario folder, for the scale benchmark of `search`.
//!
//! ```text
//! cargo run --release -p reliefroute-tests --example relief_city -- target/relief-10k
//! cargo run --release -p reliefroute-tests --example relief_city -- DIR ORDERS KITCHENS COURIERS [rules] [seed=N]
//! ```
//!
//! With `rules`, the day has the relief rules on top: every fourth care home is a mountain
//! village only cars reach (`requires=car`), every courier owes a half-hour break between
//! 13:00 and 15:00, and each kitchen cooks its meal boxes at a limited rate (`supply.csv`:
//! each meal's boxes, plus 5%, made evenly from two hours before the first batch is ready to
//! half an hour after the last).
//!
//! The defaults are the issue's benchmark: 10,000 orders, 5 kitchens, 300 couriers, in a city
//! of about 24 x 18 km (centred on Wuhan's coordinates; the places are invented). Per 10,000
//! orders: 1,000 road checkpoints and 700 sanitation posts get lunch and dinner meal boxes
//! (hot food: 45 minutes from kitchen to handover, cooked at the nearest kitchen), 6,100
//! medical workers' households get a vegetable parcel in a morning or afternoon round from
//! any kitchen, and 500 care homes and villages get mask packs. The fleet is 3/4 e-bike
//! riders, 1/4 cars, spread evenly over the kitchens. Deterministic: a fixed seed (or `seed=N`
//! for another city of the same kind), so the same arguments write the same files.

use std::fmt::Write as _;
use std::path::PathBuf;

use reliefroute::strategies::Rng;

/// The generator's seed unless `seed=N` is given: the benchmark cities of issues 13 and 14.
const DEFAULT_SEED: u64 = 20_261_129;
/// Centre of the city (lat, lon).
const CENTRE: (f64, f64) = (30.59, 114.30);
/// Half height of the city in degrees of latitude (about 9 km).
const HALF_LAT: f64 = 0.08;
/// Half width of the city in degrees of longitude (about 11.5 km at 30.6 N).
const HALF_LON: f64 = 0.12;

/// Uniform integer in `lo..=hi`, from the library's seeded generator (so the files do not
/// depend on a crate version).
fn range(rng: &mut Rng, lo: u64, hi: u64) -> u64 {
    lo + rng.below((hi - lo + 1) as usize) as u64
}

/// A uniformly random point of the city.
fn place(rng: &mut Rng) -> (f64, f64) {
    (
        CENTRE.0 + (rng.unit() * 2.0 - 1.0) * HALF_LAT,
        CENTRE.1 + (rng.unit() * 2.0 - 1.0) * HALF_LON,
    )
}

/// Squared degree distance, corrected for longitude shrinkage: enough to pick a nearest kitchen.
fn near(a: (f64, f64), b: (f64, f64)) -> f64 {
    let dy = a.0 - b.0;
    let dx = (a.1 - b.1) * CENTRE.0.to_radians().cos();
    dx * dx + dy * dy
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        return Err("usage: relief_city DIR [ORDERS KITCHENS COURIERS [rules] [seed=N]]".into());
    };
    let number = |i: usize, default: usize| -> Result<usize, String> {
        args.get(i).map_or(Ok(default), |s| {
            s.parse()
                .map_err(|_| format!("argument {i}: expected a whole number, got {s:?}"))
        })
    };
    let orders_wanted = number(1, 10_000)?;
    let kitchen_count = number(2, 5)?.max(1);
    let couriers = number(3, 300)?.max(1);
    let mut rules = false;
    let mut seed = DEFAULT_SEED;
    for (i, extra) in args.iter().enumerate().skip(4) {
        if extra == "rules" {
            rules = true;
        } else if let Some(n) = extra.strip_prefix("seed=") {
            seed = n.parse().map_err(|_| {
                format!("argument {i}: expected `seed=` and a whole number, got {extra:?}")
            })?;
        } else {
            return Err(
                format!("argument {i}: expected `rules` or `seed=N`, got {extra:?}").into(),
            );
        }
    }
    // Meal boxes per kitchen and meal (lunch, dinner), for the kitchens' output.
    let mut boxes = vec![[0u64; 2]; kitchen_count];
    let mut rng = Rng::new(seed);

    // Kitchens on a ring around the centre, plus one in the middle when there are five or more.
    let kitchens: Vec<(f64, f64)> = (0..kitchen_count)
        .map(|k| {
            if kitchen_count >= 5 && k == kitchen_count - 1 {
                return CENTRE;
            }
            let ring = if kitchen_count >= 5 {
                kitchen_count - 1
            } else {
                kitchen_count
            };
            let angle = std::f64::consts::TAU * k as f64 / ring as f64 + 0.4;
            (
                CENTRE.0 + 0.5 * HALF_LAT * angle.sin(),
                CENTRE.1 + 0.5 * HALF_LON * angle.cos(),
            )
        })
        .collect();
    let nearest_kitchen = |p: (f64, f64)| {
        (0..kitchens.len())
            .min_by(|&a, &b| near(p, kitchens[a]).total_cmp(&near(p, kitchens[b])))
            .unwrap_or(0)
    };

    let mut sites = String::from("id,kind,name,lat,lon,service_min,open,close,requires\n");
    let mut orders =
        String::from("id,site,item,quantity,earliest,latest,kitchen,ready,max_ride_min,priority\n");
    for (k, (lat, lon)) in kitchens.iter().enumerate() {
        writeln!(
            sites,
            "K{},kitchen,Volunteer kitchen {},{lat:.5},{lon:.5},5,08:30,21:00,",
            k + 1,
            k + 1
        )?;
    }
    // Shares per 10,000 orders: checkpoints and posts have two orders (lunch, dinner) each.
    let checkpoints = orders_wanted / 10;
    let posts = orders_wanted * 7 / 100;
    let care_homes = orders_wanted / 20;
    let households = orders_wanted.saturating_sub(2 * checkpoints + 2 * posts + care_homes);
    let mut order_count = 0;
    // Kitchens cook in three batches per meal: (ready, earliest, latest) handover.
    let meals = [
        (
            "L",
            [
                ("10:30", "11:00", "12:00"),
                ("11:00", "11:30", "12:30"),
                ("11:30", "12:00", "13:00"),
            ],
        ),
        (
            "D",
            [
                ("16:30", "17:00", "18:00"),
                ("17:00", "17:30", "18:30"),
                ("17:30", "18:00", "19:00"),
            ],
        ),
    ];
    for (prefix, kind, label, count) in [
        ("CP", "checkpoint", "Road checkpoint", checkpoints),
        ("SP", "sanitation_post", "Sanitation crew post", posts),
    ] {
        for n in 1..=count {
            let p = place(&mut rng);
            let id = format!("{prefix}{n:04}");
            writeln!(sites, "{id},{kind},{label} {n},{:.5},{:.5},3,,,", p.0, p.1)?;
            let kitchen = nearest_kitchen(p) + 1;
            for (m, (meal, batches)) in meals.iter().enumerate() {
                let (ready, earliest, latest) = batches[range(&mut rng, 0, 2) as usize];
                let quantity = range(&mut rng, 1, 5);
                boxes[kitchen - 1][m] += quantity;
                writeln!(
                    orders,
                    "{id}-{meal},{id},meal_box,{quantity},{earliest},{latest},K{kitchen},{ready},45,2"
                )?;
                order_count += 1;
            }
        }
    }
    let rounds = [("09:30", "12:00"), ("14:00", "17:30")];
    for n in 1..=households {
        let p = place(&mut rng);
        let id = format!("H{n:05}");
        writeln!(
            sites,
            "{id},household,Medical worker household {n},{:.5},{:.5},2,,,",
            p.0, p.1
        )?;
        let (earliest, latest) = rounds[range(&mut rng, 0, 1) as usize];
        writeln!(
            orders,
            "{id}-V,{id},veg_parcel,1,{earliest},{latest},,08:30,,1"
        )?;
        order_count += 1;
    }
    for n in 1..=care_homes {
        let p = place(&mut rng);
        let id = format!("CH{n:04}");
        let requires = if rules && n % 4 == 0 { "car" } else { "" };
        writeln!(
            sites,
            "{id},care_home,Care home or village {n},{:.5},{:.5},5,08:00,18:00,{requires}",
            p.0, p.1
        )?;
        let quantity = range(&mut rng, 10, 40);
        writeln!(
            orders,
            "{id}-M,{id},mask_pack,{quantity},09:00,17:00,,08:30,,3"
        )?;
        order_count += 1;
    }

    let mut fleet =
        String::from("id,kind,base,capacity,shift_start,shift_end,speed_kmh,max_trips,breaks\n");
    let rest = if rules { "13:00-15:00/30" } else { "" };
    for c in 0..couriers {
        let base = c % kitchens.len() + 1;
        if c % 4 == 3 {
            writeln!(
                fleet,
                "C{c:03},car,K{base},meal_box:40 veg_parcel:20 mask_pack:120,08:30,20:30,30,16,{rest}"
            )?;
        } else {
            writeln!(
                fleet,
                "R{c:03},rider,K{base},meal_box:12 veg_parcel:8 mask_pack:40,08:30,20:30,15,16,{rest}"
            )?;
        }
    }
    if rules {
        // Each meal's boxes plus 5%, made evenly from two hours before the first batch is
        // ready to half an hour after the last.
        let mut supply = String::from("kitchen,item,from,to,quantity\n");
        for (k, meals) in boxes.iter().enumerate() {
            for (quantity, (from, to)) in meals.iter().zip([("08:30", "12:00"), ("14:30", "18:00")])
            {
                let made = quantity + quantity.div_ceil(20);
                writeln!(supply, "K{},meal_box,{from},{to},{made}", k + 1)?;
            }
        }
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("supply.csv"), supply)?;
    }

    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("sites.csv"), sites)?;
    std::fs::write(dir.join("orders.csv"), orders)?;
    std::fs::write(dir.join("fleet.csv"), fleet)?;
    std::fs::write(
        dir.join("scenario.toml"),
        format!(
            "name = \"Generated relief city: {order_count} orders, {kitchen_count} kitchens, \
             {couriers} couriers\"\n\n[network]\ndetour_factor = 1.3\n\n[solver]\n\
             strategy = \"search\"\nseconds = 55\nseed = 1\n"
        ),
    )?;
    println!(
        "wrote {}: {} sites, {order_count} orders, {couriers} couriers",
        dir.display(),
        kitchens.len() + checkpoints + posts + households + care_homes
    );
    Ok(())
}

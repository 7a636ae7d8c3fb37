//! Building a [`Scenario`] in code, with the same validation as the CSV reader.
//!
//! Sites, items, orders and couriers are added by id, and refer to each other by id as the
//! CSV files do; [`ScenarioBuilder::build`] checks every rule of [`rules`](super::rules) and
//! returns every problem found in one [`ScenarioError`].

use std::collections::{HashMap, HashSet};

use geo::Coord;

use super::error::{InputError, ScenarioError};
use super::rules::{self, NumberRule, SiteRole, Sources};
use super::time::{format_minutes, Break, TimeWindow};
use super::{
    NetworkSettings, Order, Scenario, Site, SiteKind, SolverSettings, Supply, TravelModel, Vehicle,
};

/// Where a built scenario's sites and couriers come from, for messages.
const BUILT: Sources = Sources {
    sites: "the scenario's sites",
    fleet: "the fleet",
};

/// The parts of a built scenario, as [`InputError::file`] names them.
const SITES: &str = "sites";
const ORDERS: &str = "orders";
const FLEET: &str = "fleet";
const SUPPLY: &str = "supply";

impl Site {
    /// A site open all day with no service time, named by its id.
    pub fn new(id: impl Into<String>, kind: SiteKind, location: Coord<f64>) -> Site {
        let id = id.into();
        Site {
            name: id.clone(),
            id,
            kind,
            location,
            service_min: 0.0,
            hours: TimeWindow::ALWAYS,
            requires: Vec::new(),
            max_wait_min: None,
            extra: Vec::new(),
        }
    }

    /// The same site requiring `skill` of every courier serving an order there (add one
    /// call per skill).
    pub fn with_requires(mut self, skill: impl Into<String>) -> Site {
        self.requires.push(skill.into());
        self
    }

    /// The same site with a column the planner does not use, carried to `routes.csv`.
    pub fn with_extra(mut self, name: impl Into<String>, value: impl Into<String>) -> Site {
        self.extra.push((name.into(), value.into()));
        self
    }

    /// The same site with a human-readable name.
    pub fn with_name(mut self, name: impl Into<String>) -> Site {
        self.name = name.into();
        self
    }

    /// The same site with `minutes` of service per visit.
    pub fn with_service(mut self, minutes: f64) -> Site {
        self.service_min = minutes;
        self
    }

    /// The same site where a courier waits at most `minutes` at the door (see
    /// [`Site::max_wait_min`]).
    pub fn with_max_wait(mut self, minutes: f64) -> Site {
        self.max_wait_min = Some(minutes);
        self
    }

    /// The same site open from `open` to `close` (minutes after midnight).
    pub fn with_hours(mut self, open: f64, close: f64) -> Site {
        self.hours = TimeWindow::new(open, close);
        self
    }
}

/// An order to add to a [`ScenarioBuilder`], referring to its site, item and kitchen by id
/// (the columns of `orders.csv`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct OrderSpec {
    /// The order id, unique among orders.
    pub id: String,
    /// The id of the receiving site (not a kitchen).
    pub site: String,
    /// The item name.
    pub item: String,
    /// Units, at least 1.
    pub quantity: u32,
    /// When it may be handed over; all day by default.
    pub window: TimeWindow,
    /// Alternative windows, handed over within one of them; none by default (then
    /// `window` applies). Given, they leave `window` at its default.
    pub windows: Vec<TimeWindow>,
    /// The id of the kitchen that must load it; any kitchen by default.
    pub kitchen: Option<String>,
    /// Minute from which it is ready at the kitchen; 0 by default.
    pub ready: f64,
    /// Freshness limit in minutes from leaving the kitchen; none by default.
    pub max_ride_min: Option<f64>,
    /// Importance, 1 by default; 0 marks an optional order.
    pub priority: u32,
    /// Skills the courier must have; none by default.
    pub requires: Vec<String>,
    /// The id of the courier that must carry it; any courier by default.
    pub courier: Option<String>,
    /// Columns the planner does not use (name, value), carried to `routes.csv`.
    pub extra: Vec<(String, String)>,
}

impl OrderSpec {
    /// `quantity` units of `item` for the site `site`, with every optional part at its
    /// default.
    pub fn new(
        id: impl Into<String>,
        site: impl Into<String>,
        item: impl Into<String>,
        quantity: u32,
    ) -> OrderSpec {
        OrderSpec {
            id: id.into(),
            site: site.into(),
            item: item.into(),
            quantity,
            window: TimeWindow::ALWAYS,
            windows: Vec::new(),
            kitchen: None,
            ready: 0.0,
            max_ride_min: None,
            priority: 1,
            requires: Vec::new(),
            courier: None,
            extra: Vec::new(),
        }
    }

    /// Needs a courier with `skill` (a courier's kind counts; add one call per skill).
    pub fn requires(mut self, skill: impl Into<String>) -> OrderSpec {
        self.requires.push(skill.into());
        self
    }

    /// Goes with the courier with this id, or stays unassigned with the reason.
    pub fn courier(mut self, courier: impl Into<String>) -> OrderSpec {
        self.courier = Some(courier.into());
        self
    }

    /// Carries a column the planner does not use to `routes.csv`.
    pub fn extra(mut self, name: impl Into<String>, value: impl Into<String>) -> OrderSpec {
        self.extra.push((name.into(), value.into()));
        self
    }

    /// Handover between `earliest` and `latest` (minutes after midnight).
    pub fn window(mut self, earliest: f64, latest: f64) -> OrderSpec {
        self.window = TimeWindow::new(earliest, latest);
        self
    }

    /// May also be handed over between `earliest` and `latest` (minutes after midnight): the
    /// plan serves one of the windows so given (add one call per window, in time order, and
    /// no [`OrderSpec::window`]).
    pub fn or_window(mut self, earliest: f64, latest: f64) -> OrderSpec {
        self.windows.push(TimeWindow::new(earliest, latest));
        self
    }

    /// Loaded at the kitchen with this id only.
    pub fn kitchen(mut self, kitchen: impl Into<String>) -> OrderSpec {
        self.kitchen = Some(kitchen.into());
        self
    }

    /// Ready at the kitchen from minute `ready`.
    pub fn ready(mut self, ready: f64) -> OrderSpec {
        self.ready = ready;
        self
    }

    /// At most `minutes` from leaving the kitchen to handover.
    pub fn max_ride_min(mut self, minutes: f64) -> OrderSpec {
        self.max_ride_min = Some(minutes);
        self
    }

    /// Importance (higher is more important; 0: optional, served only where it costs
    /// little).
    pub fn priority(mut self, priority: u32) -> OrderSpec {
        self.priority = priority;
        self
    }
}

/// A courier to add to a [`ScenarioBuilder`], referring to its base kitchen and items by id
/// (the columns of `fleet.csv`); it becomes a [`Vehicle`] of [`Scenario::fleet`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CourierSpec {
    /// The courier id, unique in the fleet.
    pub id: String,
    /// Free-form kind such as `rider` or `car`; `vehicle` by default.
    pub kind: String,
    /// The id of the kitchen where the shift starts and ends.
    pub base: String,
    /// Units per item name it can carry; at least one item.
    pub capacity: Vec<(String, u32)>,
    /// When the courier is on duty; all day by default.
    pub shift: TimeWindow,
    /// Average speed in km/h, above 0.
    pub speed_kmh: f64,
    /// Trips per shift, at least 1; 1 by default.
    pub max_trips: u32,
    /// Skills besides its kind; none by default.
    pub skills: Vec<String>,
    /// Rest breaks owed, in time order; none by default.
    pub breaks: Vec<Break>,
    /// Longest working day in minutes; no limit by default.
    pub max_work_min: Option<f64>,
    /// Columns the planner does not use (name, value), carried to `routes.csv`.
    pub extra: Vec<(String, String)>,
}

impl CourierSpec {
    /// A courier based at the kitchen `base`, riding at `speed_kmh`; give it capacity with
    /// [`CourierSpec::capacity`].
    pub fn new(id: impl Into<String>, base: impl Into<String>, speed_kmh: f64) -> CourierSpec {
        CourierSpec {
            id: id.into(),
            kind: "vehicle".to_string(),
            base: base.into(),
            capacity: Vec::new(),
            shift: TimeWindow::ALWAYS,
            speed_kmh,
            max_trips: 1,
            skills: Vec::new(),
            breaks: Vec::new(),
            max_work_min: None,
            extra: Vec::new(),
        }
    }

    /// Owes a break of `minutes` within `from`..`to` (minutes after midnight; add one call
    /// per break, in time order).
    pub fn rest(mut self, from: f64, to: f64, minutes: f64) -> CourierSpec {
        self.breaks.push(Break {
            span: TimeWindow::new(from, to),
            minutes,
        });
        self
    }

    /// Works at most `minutes` from leaving its base to being back.
    pub fn max_work(mut self, minutes: f64) -> CourierSpec {
        self.max_work_min = Some(minutes);
        self
    }

    /// Has `skill` (add one call per skill; its kind counts as one already).
    pub fn skill(mut self, skill: impl Into<String>) -> CourierSpec {
        self.skills.push(skill.into());
        self
    }

    /// Carries a column the planner does not use to `routes.csv`.
    pub fn extra(mut self, name: impl Into<String>, value: impl Into<String>) -> CourierSpec {
        self.extra.push((name.into(), value.into()));
        self
    }

    /// Can carry `units` of `item` (add one call per item).
    pub fn capacity(mut self, item: impl Into<String>, units: u32) -> CourierSpec {
        self.capacity.push((item.into(), units));
        self
    }

    /// Of this kind (`rider`, `car`, ...).
    pub fn kind(mut self, kind: impl Into<String>) -> CourierSpec {
        self.kind = kind.into();
        self
    }

    /// On duty from `start` to `end` (minutes after midnight).
    pub fn shift(mut self, start: f64, end: f64) -> CourierSpec {
        self.shift = TimeWindow::new(start, end);
        self
    }

    /// May make up to `trips` trips in the shift.
    pub fn max_trips(mut self, trips: u32) -> CourierSpec {
        self.max_trips = trips;
        self
    }
}

/// A kitchen's output of one item over a period, to add to a [`ScenarioBuilder`] (a row of
/// `supply.csv`); it becomes a [`Supply`] of [`Scenario::supply`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SupplySpec {
    /// The id of the kitchen making it.
    pub kitchen: String,
    /// The item name.
    pub item: String,
    /// When the units are made, evenly over the period.
    pub period: TimeWindow,
    /// Units made over the period.
    pub quantity: u32,
}

impl SupplySpec {
    /// `quantity` units of `item` made at `kitchen` evenly from `from` to `to` (minutes
    /// after midnight; all at `from` when equal).
    pub fn new(
        kitchen: impl Into<String>,
        item: impl Into<String>,
        from: f64,
        to: f64,
        quantity: u32,
    ) -> SupplySpec {
        SupplySpec {
            kitchen: kitchen.into(),
            item: item.into(),
            period: TimeWindow::new(from, to),
            quantity,
        }
    }
}

/// Builds a [`Scenario`] in code and validates it as [`load_scenario`](crate::load_scenario)
/// validates a folder: unique ids, references that exist and are of the right kind, items
/// some courier can carry, windows in order, quantities, speeds, trips and priorities in
/// range.
///
/// Items are numbered in first-seen order: those added with [`ScenarioBuilder::item`], then
/// those in courier capacities (in fleet order), then those only orders mention. Sites,
/// orders and couriers keep the order they were added in.
#[derive(Debug, Clone, Default)]
pub struct ScenarioBuilder {
    name: String,
    items: Vec<String>,
    sites: Vec<Site>,
    orders: Vec<OrderSpec>,
    fleet: Vec<CourierSpec>,
    supply: Vec<SupplySpec>,
    travel: TravelModel,
    network: Option<NetworkSettings>,
    solver: SolverSettings,
    max_wait_min: Option<f64>,
}

impl Scenario {
    /// A builder for a scenario called `name` (see [`ScenarioBuilder`]).
    pub fn builder(name: impl Into<String>) -> ScenarioBuilder {
        ScenarioBuilder::new(name)
    }
}

impl ScenarioBuilder {
    /// An empty scenario called `name`, travelling in straight lines over lon/lat.
    pub fn new(name: impl Into<String>) -> ScenarioBuilder {
        ScenarioBuilder {
            name: name.into(),
            ..ScenarioBuilder::default()
        }
    }

    /// Adds a site (a kitchen, or a place receiving orders).
    pub fn site(mut self, site: Site) -> ScenarioBuilder {
        self.sites.push(site);
        self
    }

    /// Declares an item, fixing its index before the items couriers and orders mention.
    pub fn item(mut self, name: impl Into<String>) -> ScenarioBuilder {
        let name = name.into();
        if !self.items.contains(&name) {
            self.items.push(name);
        }
        self
    }

    /// Adds an order.
    pub fn order(mut self, order: OrderSpec) -> ScenarioBuilder {
        self.orders.push(order);
        self
    }

    /// Adds a courier to the fleet.
    pub fn courier(mut self, courier: CourierSpec) -> ScenarioBuilder {
        self.fleet.push(courier);
        self
    }

    /// Adds a kitchen's output of an item over a period (kitchens and items without any
    /// are unlimited).
    pub fn supply(mut self, supply: SupplySpec) -> ScenarioBuilder {
        self.supply.push(supply);
        self
    }

    /// How travel is measured without roads (great-circle over lon/lat by default; with
    /// [`TravelModel::Planar`] locations are plain plane coordinates, not checked as degrees).
    pub fn travel(mut self, travel: TravelModel) -> ScenarioBuilder {
        self.travel = travel;
        self
    }

    /// The road network to travel on.
    pub fn network(mut self, network: NetworkSettings) -> ScenarioBuilder {
        self.network = Some(network);
        self
    }

    /// The longest wait at the door of every site that sets none of its own (see
    /// [`Site::max_wait_min`]; `[sites] max_wait_min` in `scenario.toml`).
    pub fn max_wait_min(mut self, minutes: f64) -> ScenarioBuilder {
        self.max_wait_min = Some(minutes);
        self
    }

    /// Defaults for the solver (strategy, budget, seed, objective).
    pub fn solver(mut self, solver: SolverSettings) -> ScenarioBuilder {
        self.solver = solver;
        self
    }

    /// Validates everything and builds the scenario.
    ///
    /// # Errors
    ///
    /// A [`ScenarioError`] listing every problem: sites first, then orders, then the fleet,
    /// then the supply, each in the order added (see [`InputError`] for how they are located).
    pub fn build(self) -> Result<Scenario, ScenarioError> {
        let mut site_errors = Vec::new();
        let mut order_errors = Vec::new();
        let mut fleet_errors = Vec::new();

        let planar = matches!(self.travel, TravelModel::Planar(_));
        let mut site_index: HashMap<&str, usize> = HashMap::new();
        for (i, site) in self.sites.iter().enumerate() {
            let mut at = Place::new(SITES, i, &mut site_errors);
            at.id(&site.id, "site", &mut site_index, i);
            let (x, y) = (site.location.x, site.location.y);
            if planar {
                for (column, v) in [("x", x), ("y", y)] {
                    if !v.is_finite() {
                        at.error(column, v, "is not a number; expected a finite coordinate");
                    }
                }
            } else {
                at.number("lat", y, rules::LATITUDE);
                at.number("lon", x, rules::LONGITUDE);
            }
            at.number("service_min", site.service_min, rules::SERVICE_MIN);
            at.window(("open", "close"), site.hours);
            at.skills("requires", &site.requires);
            if let Some(minutes) = site.max_wait_min {
                at.number("max_wait_min", minutes, rules::MAX_WAIT_MIN);
            }
        }
        if let Some(minutes) = self.max_wait_min.filter(|&m| !rules::MAX_WAIT_MIN.holds(m)) {
            site_errors.push(
                InputError::new(
                    SITES,
                    format!(
                        "default waiting limit is out of range; expected {}",
                        rules::MAX_WAIT_MIN.expected
                    ),
                )
                .with_column("max_wait_min")
                .with_value(minutes.to_string()),
            );
        }
        if self.sites.is_empty() {
            site_errors.push(InputError::new(
                SITES,
                "has no sites; expected at least one kitchen",
            ));
        }
        let find = |id: &str, role: SiteRole| -> Result<usize, String> {
            let &s = site_index.get(id).ok_or_else(|| role.unknown(BUILT))?;
            role.check(&self.sites[s].kind).map(|()| s)
        };

        let mut courier_index: HashMap<&str, usize> = HashMap::new();
        let mut carriable: Option<HashSet<&str>> = Some(HashSet::new());
        for (i, courier) in self.fleet.iter().enumerate() {
            let mut at = Place::new(FLEET, i, &mut fleet_errors);
            at.id(&courier.id, "vehicle", &mut courier_index, i);
            if let Err(message) = find(&courier.base, SiteRole::Base) {
                at.push("base", Some(&courier.base), message);
            }
            let mut problems = Vec::new();
            let mut seen: Vec<&str> = Vec::new();
            for (item, _) in &courier.capacity {
                if item.is_empty() {
                    problems.push("an item has no name".to_string());
                } else if seen.contains(&item.as_str()) {
                    problems.push(rules::duplicate_item(item));
                } else {
                    seen.push(item);
                }
            }
            if courier.capacity.is_empty() {
                problems.push(rules::NO_CAPACITY.to_string());
            }
            let text = courier
                .capacity
                .iter()
                .map(|(item, units)| format!("{item}:{units}"))
                .collect::<Vec<_>>()
                .join(" ");
            for problem in &problems {
                let message = format!(
                    "is not a valid capacity: {problem}; {}",
                    rules::CAPACITY_EXPECTED
                );
                at.push("capacity", Some(&text), message);
            }
            match (&mut carriable, problems.is_empty()) {
                (Some(set), true) => set.extend(
                    courier
                        .capacity
                        .iter()
                        .filter(|(_, units)| *units > 0)
                        .map(|(item, _)| item.as_str()),
                ),
                (carriable, _) => *carriable = None,
            }
            at.window(("shift_start", "shift_end"), courier.shift);
            at.number("speed_kmh", courier.speed_kmh, rules::SPEED_KMH);
            at.count("max_trips", courier.max_trips, rules::MAX_TRIPS);
            at.skills("skills", &courier.skills);
            for problem in rules::break_problems(&courier.breaks) {
                let text = courier
                    .breaks
                    .iter()
                    .map(|b| b.to_string())
                    .collect::<Vec<_>>();
                let message = format!("{problem}; {}", rules::BREAKS_EXPECTED);
                at.push("breaks", Some(&text.join(" ")), message);
            }
            if let Some(minutes) = courier.max_work_min {
                at.number("max_work_min", minutes, rules::MAX_WORK_MIN);
            }
        }
        if self.fleet.is_empty() {
            fleet_errors.push(InputError::new(
                FLEET,
                "has no couriers; expected at least one courier",
            ));
        }

        let mut order_index: HashMap<&str, usize> = HashMap::new();
        for (i, order) in self.orders.iter().enumerate() {
            let mut at = Place::new(ORDERS, i, &mut order_errors);
            at.id(&order.id, "order", &mut order_index, i);
            if let Err(message) = find(&order.site, SiteRole::Receiver) {
                at.push("site", Some(&order.site), message);
            }
            if order.item.is_empty() {
                at.push(
                    "item",
                    None,
                    "missing value; expected an item name such as meal_box",
                );
            } else if carriable
                .as_ref()
                .is_some_and(|set| !set.contains(order.item.as_str()))
            {
                at.push("item", None, rules::not_carriable(&order.item, BUILT));
            }
            at.count("quantity", order.quantity, rules::QUANTITY);
            at.window(("earliest", "latest"), order.window);
            at.windows(order);
            if let Some(kitchen) = &order.kitchen {
                if let Err(message) = find(kitchen, SiteRole::Kitchen) {
                    at.push("kitchen", Some(kitchen), message);
                }
            }
            if !(order.ready.is_finite() && order.ready >= 0.0) {
                let message = format!("is not a time; {}", rules::TIME_EXPECTED);
                at.error("ready", order.ready, message);
            }
            if let Some(limit) = order.max_ride_min {
                at.number("max_ride_min", limit, rules::MAX_RIDE_MIN);
            }
            at.count("priority", order.priority, rules::PRIORITY);
            at.skills("requires", &order.requires);
            if let Some(courier) = &order.courier {
                if !courier_index.contains_key(courier.as_str()) {
                    at.push("courier", Some(courier), rules::unknown_courier(BUILT));
                }
            }
        }
        let required: HashSet<&str> = (self.orders.iter().flat_map(|o| &o.requires))
            .chain(self.sites.iter().flat_map(|s| &s.requires))
            .map(String::as_str)
            .collect();
        if required.len() > rules::MAX_SKILLS {
            order_errors.push(
                InputError::new(ORDERS, rules::too_many_skills(required.len()))
                    .with_column("requires"),
            );
        }

        let mut supply_errors = Vec::new();
        let known_items: HashSet<&str> = (self.items.iter().map(String::as_str))
            .chain(
                self.fleet
                    .iter()
                    .flat_map(|c| c.capacity.iter().map(|(i, _)| i.as_str())),
            )
            .chain(self.orders.iter().map(|o| o.item.as_str()))
            .collect();
        for (i, supply) in self.supply.iter().enumerate() {
            let mut at = Place::new(SUPPLY, i, &mut supply_errors);
            if let Err(message) = find(&supply.kitchen, SiteRole::Producer) {
                at.push("kitchen", Some(&supply.kitchen), message);
            }
            if !known_items.contains(supply.item.as_str()) {
                let message = rules::unknown_supply_item(&supply.item, BUILT);
                at.push("item", Some(&supply.item), message);
            }
            at.window(("from", "to"), supply.period);
        }

        let mut errors = site_errors;
        errors.append(&mut order_errors);
        errors.append(&mut fleet_errors);
        errors.append(&mut supply_errors);
        if !errors.is_empty() {
            return Err(ScenarioError::new(errors));
        }
        Ok(self.assemble())
    }

    /// The scenario, once every rule holds.
    fn assemble(self) -> Scenario {
        let site_index: HashMap<&str, usize> = (self.sites.iter().enumerate())
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut items = self.items.clone();
        let names = self
            .fleet
            .iter()
            .flat_map(|c| c.capacity.iter().map(|(item, _)| item))
            .chain(self.orders.iter().map(|o| &o.item));
        for name in names {
            if !items.contains(name) {
                items.push(name.clone());
            }
        }
        let item = |name: &str| items.iter().position(|i| i == name).unwrap_or(0);
        let site = |id: &str| site_index.get(id).copied().unwrap_or(0);
        let fleet = self
            .fleet
            .iter()
            .map(|c| {
                let mut capacity = vec![0; items.len()];
                for (name, units) in &c.capacity {
                    capacity[item(name)] = *units;
                }
                Vehicle {
                    id: c.id.clone(),
                    kind: c.kind.clone(),
                    base: site(&c.base),
                    capacity,
                    shift: c.shift,
                    speed_kmh: c.speed_kmh,
                    max_trips: c.max_trips,
                    breaks: c.breaks.clone(),
                    max_work_min: c.max_work_min,
                    skills: c.skills.clone(),
                    extra: c.extra.clone(),
                }
            })
            .collect();
        let orders = self
            .orders
            .iter()
            .map(|o| Order {
                id: o.id.clone(),
                site: site(&o.site),
                item: item(&o.item),
                quantity: o.quantity,
                window: rules::windows_span(&o.windows).unwrap_or(o.window),
                windows: o.windows.clone(),
                kitchen: o.kitchen.as_deref().map(site),
                ready: o.ready,
                max_ride_min: o.max_ride_min,
                priority: o.priority,
                requires: o.requires.clone(),
                courier: (o.courier.as_deref())
                    .and_then(|c| self.fleet.iter().position(|f| f.id == c)),
                extra: o.extra.clone(),
            })
            .collect();
        let supply = (self.supply.iter())
            .map(|s| Supply {
                kitchen: site(&s.kitchen),
                item: item(&s.item),
                period: s.period,
                quantity: s.quantity,
            })
            .collect();
        let sites = (self.sites.into_iter())
            .map(|site| Site {
                max_wait_min: rules::site_max_wait(site.max_wait_min, self.max_wait_min),
                ..site
            })
            .collect();
        Scenario {
            name: self.name,
            sites,
            items,
            orders,
            fleet,
            travel: self.travel,
            network: self.network,
            solver: self.solver,
            supply,
        }
    }
}

/// One entry being checked: its part, its 1-based position, and where problems go.
struct Place<'e> {
    part: &'static str,
    line: usize,
    errors: &'e mut Vec<InputError>,
}

impl<'e> Place<'e> {
    fn new(part: &'static str, index: usize, errors: &'e mut Vec<InputError>) -> Place<'e> {
        Place {
            part,
            line: index + 1,
            errors,
        }
    }

    fn push(&mut self, column: &str, value: Option<&str>, message: impl Into<String>) {
        let mut error = InputError::new(self.part, message)
            .with_line(self.line)
            .with_column(column);
        if let Some(value) = value {
            error = error.with_value(value);
        }
        self.errors.push(error);
    }

    fn error(&mut self, column: &str, value: f64, message: impl Into<String>) {
        self.push(column, Some(&value.to_string()), message);
    }

    /// Checks an id: not empty, not used before in this part.
    fn id<'a>(
        &mut self,
        id: &'a str,
        what: &str,
        seen: &mut HashMap<&'a str, usize>,
        index: usize,
    ) {
        if id.is_empty() {
            self.push("id", None, format!("missing value; expected a {what} id"));
        } else if let Some(first) = seen.get(id) {
            let message = rules::duplicate_id(what, &format!("entry {}", first + 1));
            self.push("id", Some(id), message);
        } else {
            seen.insert(id, index);
        }
    }

    fn number(&mut self, column: &str, v: f64, rule: NumberRule) {
        if !v.is_finite() {
            let message = format!("is not a number; expected {}", rule.expected);
            self.error(column, v, message);
        } else if !rule.holds(v) {
            let message = format!("is out of range; expected {}", rule.expected);
            self.error(column, v, message);
        }
    }

    fn count(&mut self, column: &str, v: u32, rule: rules::CountRule) {
        if v < rule.min {
            let message = format!("is out of range; expected {}", rule.expected);
            self.push(column, Some(&v.to_string()), message);
        }
    }

    /// Checks a list of skills: each one word.
    fn skills(&mut self, column: &str, skills: &[String]) {
        for skill in skills {
            if let Some(problem) = rules::skill_problem(skill) {
                let message = format!("{problem}; {}", rules::SKILLS_EXPECTED);
                self.push(column, Some(skill), message);
            }
        }
    }

    /// Checks an order's alternative windows by the reader's rules, and that they come
    /// without `earliest`/`latest` (reported on `earliest`).
    fn windows(&mut self, order: &OrderSpec) {
        if order.windows.is_empty() {
            return;
        }
        let text = || {
            let all: Vec<String> = order.windows.iter().map(|w| w.to_string()).collect();
            all.join(" ")
        };
        for problem in rules::windows_problems(&order.windows) {
            let message = format!("{problem}; {}", rules::WINDOWS_EXPECTED);
            self.push("windows", Some(&text()), message);
        }
        if order.window != TimeWindow::ALWAYS {
            self.push(
                "earliest",
                Some(&order.window.to_string()),
                rules::WINDOWS_AND_BOUNDS,
            );
        }
    }

    fn window(&mut self, (start_column, end_column): (&str, &str), window: TimeWindow) {
        let time = format!("is not a time; {}", rules::TIME_EXPECTED);
        let start_ok = window.start.is_finite() && window.start >= 0.0;
        if !start_ok {
            self.error(start_column, window.start, time.clone());
        }
        if window.end.is_nan() || window.end < 0.0 {
            self.error(end_column, window.end, time);
        } else if start_ok && !rules::window_in_order(window.start, window.end) {
            let message = rules::window_out_of_order(start_column, &format_minutes(window.start));
            self.push(end_column, Some(&format_minutes(window.end)), message);
        }
    }
}

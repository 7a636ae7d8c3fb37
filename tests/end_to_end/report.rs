//! `report.html` and `compare.html`: structure and escaping of the HTML string, and the
//! samples rendered, screenshotted and printed by headless Chromium.
//!
//! The browser test needs Chromium (`/usr/bin/chromium`, Debian package `chromium`; or set
//! `RELIEFROUTE_CHROMIUM` to a binary). Without it, it prints `SKIPPED: chromium not found` to
//! stderr and passes. With `pdftotext` (Debian package `poppler-utils`) it also checks that
//! every courier's manifest starts a page of the PDF. `RELIEFROUTE_UPDATE_DOCS=1` copies the
//! screenshots to `docs/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use reliefroute::{
    compare_html, load_scenario, plan, report_html, run_checked, strategy_by_name,
    write_outputs_on, Budget, Plan, Scenario, TravelMatrix, UnassignedReason,
};
use serde_json::Value;

const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/panzhihua");
const MONACO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/monaco");
const PBF: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../benches/data/osm/monaco.osm.pbf"
);

/// A scenario folder planned with its own strategy (short budget).
struct Planned {
    scenario: Scenario,
    matrix: TravelMatrix,
    plan: Plan,
}

fn planned(dir: &Path) -> Planned {
    let scenario = load_scenario(dir).expect("a valid scenario");
    let matrix = TravelMatrix::for_scenario(&scenario).expect("a matrix");
    let name = scenario.solver.strategy.clone().unwrap_or("regret".into());
    let strategy = strategy_by_name(&name).expect("a built-in strategy");
    let plan = plan(
        &scenario,
        &matrix,
        strategy.as_ref(),
        &Budget::new(0.5, 1, 1),
    );
    Planned {
        scenario,
        matrix,
        plan,
    }
}

/// A copy of the Monaco sample planning with its closures file (the extract copied along,
/// so that hierarchy caches stay in the temporary folder).
fn monaco_with_closures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["sites.csv", "orders.csv", "fleet.csv", "closures.geojson"] {
        std::fs::copy(Path::new(MONACO).join(name), dir.path().join(name)).expect("copy");
    }
    std::fs::copy(PBF, dir.path().join("monaco.osm.pbf")).expect("copy the extract");
    let toml = std::fs::read_to_string(Path::new(MONACO).join("scenario.toml"))
        .expect("toml")
        .replace(
            "file = \"../../benches/data/osm/monaco.osm.pbf\"",
            "file = \"monaco.osm.pbf\"\nclosures = \"closures.geojson\"",
        );
    std::fs::write(dir.path().join("scenario.toml"), toml).expect("write toml");
    dir
}

/// The HTML of a courier's manifest section (it holds no nested sections).
fn manifest_of<'a>(html: &'a str, courier: &str) -> Option<&'a str> {
    let start = html.find(&format!(
        "<section class=\"manifest\" id=\"manifest-{courier}\" data-courier=\"{courier}\">"
    ))?;
    let rest = &html[start..];
    Some(&rest[..rest.find("</section>")?])
}

/// What every report must satisfy, whatever the plan.
fn assert_report_structure(p: &Planned, html: &str) {
    let trips: usize = p.plan.routes.iter().map(|r| r.trips.len()).sum();
    assert_eq!(html.matches("<path class=\"trip\"").count(), trips);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for route in &p.plan.routes {
        let vehicle = &p.scenario.fleet[route.vehicle];
        let id = &vehicle.id;
        let on_map = format!("<path class=\"trip\" data-courier=\"{id}\"");
        assert_eq!(html.matches(&on_map).count(), route.trips.len(), "{id}");
        let manifest = manifest_of(html, id).unwrap_or_else(|| panic!("manifest of {id}"));
        assert!(manifest.contains(&format!("Manifest: courier {id}")));
        // Every stop of the courier is a row with its site name and a tick box.
        let stops: usize = route.trips.iter().map(|t| t.stops.len()).sum();
        assert_eq!(
            manifest.matches("<td class=\"tick\">").count(),
            stops,
            "{id}"
        );
        for stop in route.trips.iter().flat_map(|t| &t.stops) {
            for &o in &stop.orders {
                assert!(manifest.contains(&p.scenario.orders[o].id));
            }
        }
        assert!(manifest.contains("<svg class=\"sketch\""));
        // One timeline row per courier.
        assert!(html.contains(&format!("<g class=\"row\" data-courier=\"{id}\">")));
    }
    assert_eq!(
        html.matches("<section class=\"manifest\"").count(),
        p.plan.routes.len()
    );
    // A prep sheet per kitchen with departures, and its departures listed.
    for k in p.scenario.kitchens() {
        let departures = p
            .plan
            .routes
            .iter()
            .flat_map(|r| &r.trips)
            .filter(|t| t.kitchen == k)
            .count();
        let id = &p.scenario.sites[k].id;
        assert_eq!(
            html.contains(&format!("<section class=\"prep\" id=\"prep-{id}\">")),
            departures > 0,
            "{id}"
        );
    }
    for entry in &p.plan.unassigned {
        let order = &p.scenario.orders[entry.order];
        let row = format!("<tr class=\"unassigned-order\"><td>{}</td>", order.id);
        let at = html
            .find(&row)
            .unwrap_or_else(|| panic!("{} listed", order.id));
        let end = at + html[at..].find("</tr>").expect("end of row");
        assert!(html[at..end].contains(&entry.reason.to_string()));
    }
    assert_no_external_references(html);
    assert!(html.contains("@media print"));
    assert!(html.contains("break-before: page"));
}

/// Nothing is fetched: the only URL is the SVG namespace.
fn assert_no_external_references(html: &str) {
    let cleaned = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!cleaned.contains("http://"), "an http:// reference");
    assert!(!cleaned.contains("https://"), "an https:// reference");
    for tag in ["<link", "<img", "<iframe", "src=", "@import", "url("] {
        assert!(!cleaned.contains(tag), "{tag} in the report");
    }
}

#[test]
fn sample_report_has_a_path_per_trip_a_manifest_per_courier_and_no_external_references() {
    let p = planned(Path::new(SAMPLE));
    assert!(!p.plan.routes.is_empty());
    let html = report_html(&p.scenario, &p.matrix, &p.plan);
    assert_report_structure(&p, &html);
    // Deterministic, and what `plan` writes.
    assert_eq!(html, report_html(&p.scenario, &p.matrix, &p.plan));
    let out = tempfile::tempdir().expect("temp dir");
    let written = write_outputs_on(out.path(), &p.scenario, &p.matrix, &p.plan).expect("write");
    assert!(written.iter().any(|f| f.ends_with("report.html")));
    let file = std::fs::read_to_string(out.path().join("report.html")).expect("report.html");
    assert_eq!(file, html);
    // Straight legs: no street base map, no closures.
    assert!(!html.contains("<g class=\"streets\">"));
    assert!(!html.contains("class=\"closure-area\""));
    // The summary's spread of work.
    assert!(html.contains("<h3>Work per courier</h3>"));
    // plan.geojson: one colour per courier, as on the map.
    let geo: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("plan.geojson")).unwrap())
            .unwrap();
    for f in geo["features"].as_array().unwrap() {
        let props = &f["properties"];
        match props["role"].as_str().unwrap() {
            "trip" => {
                let colour = props["stroke"].as_str().expect("stroke");
                let v = p
                    .scenario
                    .fleet
                    .iter()
                    .position(|v| v.id == props["vehicle"])
                    .unwrap();
                assert_eq!(colour, reliefroute::courier_colour(v));
                assert!(html.contains(&format!("stroke=\"{colour}\"")));
            }
            "stop" | "kitchen" | "unassigned" => {
                assert!(props["marker-color"].as_str().unwrap().starts_with('#'));
                assert!(props["marker-symbol"].is_string());
            }
            other => panic!("unexpected role {other}"),
        }
    }
}

#[test]
fn monaco_report_draws_roads_closures_and_unassigned_orders_with_reasons() {
    let dir = monaco_with_closures();
    let p = planned(dir.path());
    assert!(!p.plan.unassigned.is_empty(), "the closure cuts a stop off");
    assert!(p
        .plan
        .unassigned
        .iter()
        .all(|u| u.reason == UnassignedReason::UnreachableClosedArea));
    let html = report_html(&p.scenario, &p.matrix, &p.plan);
    assert_report_structure(&p, &html);
    assert!(html.contains("<g class=\"streets\"><path d=\"M"));
    assert!(html.contains("<path class=\"closure-area\""));
    assert!(html.contains("trips follow the road network"));
    // Road geometry: a trip's path has many more points than its stops.
    let first = html.find("<path class=\"trip\"").unwrap();
    let d_at = first + html[first..].find(" d=\"").unwrap();
    let d = &html[d_at..d_at + html[d_at..].find("\">").unwrap()];
    let stops = p.plan.routes[0].trips[0].stops.len();
    assert!(d.matches('L').count() > 4 * (stops + 1), "{d}");
    // Each cut-off site gets a red cross on the map with its orders and reasons.
    let mut sites: Vec<usize> = p
        .plan
        .unassigned
        .iter()
        .map(|u| p.scenario.orders[u.order].site)
        .collect();
    sites.sort_unstable();
    sites.dedup();
    assert_eq!(html.matches("<g class=\"unassigned\"").count(), sites.len());
    for &s in &sites {
        let id = &p.scenario.sites[s].id;
        let at = html
            .find(&format!("<g class=\"unassigned\" data-site=\"{id}\""))
            .unwrap_or_else(|| panic!("a cross for {id}"));
        let title = &html[at..at + html[at..].find("</title>").unwrap()];
        assert!(title.contains("NOT SERVED"));
        assert!(title.contains("unreachable: closed area"));
    }
    // plan.geojson: the closure as a feature.
    let geo = reliefroute::plan_to_geojson_on(&p.scenario, &p.matrix, &p.plan);
    let closures: Vec<&Value> = geo["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["properties"]["role"] == "closure")
        .collect();
    assert_eq!(closures.len(), 1);
    assert_eq!(closures[0]["geometry"]["type"], "Polygon");
    assert!(closures[0]["properties"]["fill"].is_string());
}

#[test]
fn every_user_string_is_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["orders.csv", "scenario.toml"] {
        std::fs::copy(Path::new(SAMPLE).join(name), dir.path().join(name)).expect("copy");
    }
    let evil_name = r#"<script>alert("x")</script> & 'Bing' <kitchen>"#;
    let sites = std::fs::read_to_string(Path::new(SAMPLE).join("sites.csv"))
        .unwrap()
        .replace(
            "Bingcaogang community kitchen (Dong district)",
            &format!("\"{}\"", evil_name.replace('"', "\"\"")),
        );
    std::fs::write(dir.path().join("sites.csv"), sites).unwrap();
    let fleet = std::fs::read_to_string(Path::new(SAMPLE).join("fleet.csv"))
        .unwrap()
        .replace("C01,", "\"C<01>&\"\"\",");
    std::fs::write(dir.path().join("fleet.csv"), fleet).unwrap();
    let p = planned(dir.path());
    assert!(p.scenario.fleet.iter().any(|v| v.id == "C<01>&\""));
    let html = report_html(&p.scenario, &p.matrix, &p.plan);
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<kitchen>"));
    assert!(!html.contains("C<01>"));
    assert!(html.contains(
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Bing&#39; &lt;kitchen&gt;"
    ));
    assert!(html.contains("C&lt;01&gt;&amp;&quot;"));
    // Exactly one script element: the report's own.
    assert_eq!(html.matches("<script>").count(), 1);
    // The courier's manifest anchor is an id without markup characters.
    if p.plan
        .routes
        .iter()
        .any(|r| p.scenario.fleet[r.vehicle].id == "C<01>&\"")
    {
        assert!(html.contains("id=\"manifest-C.3c.01.3e..26..22.\""));
    }
}

#[test]
fn compare_html_has_a_bar_per_strategy_and_measure() {
    let scenario = load_scenario(Path::new(SAMPLE)).expect("valid");
    let matrix = TravelMatrix::straight_line(&scenario);
    let runs: Vec<_> = ["single", "nearest", "regret"]
        .iter()
        .map(|n| {
            let s = strategy_by_name(n).unwrap();
            run_checked(&scenario, &matrix, s.as_ref(), &Budget::new(0.2, 1, 1))
        })
        .collect();
    let html = compare_html(&scenario, &runs);
    assert_eq!(html.matches("<rect class=\"bar\"").count(), 6 * runs.len());
    for title in [
        "Orders served",
        "Couriers",
        "Trips",
        "Distance (km)",
        "Working time (h:mm)",
        "Time taken (s)",
    ] {
        assert!(
            html.contains(&format!("<figcaption><b>{title}</b>")),
            "{title}"
        );
    }
    assert_no_external_references(&html);
}

// ---------------------------------------------------------------------------------------------
// Headless Chromium

/// The Chromium binary: `RELIEFROUTE_CHROMIUM`, else `chromium` or `chromium-browser` on the
/// path (`/usr/bin/chromium` on Debian).
fn chromium() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = match std::env::var_os("RELIEFROUTE_CHROMIUM") {
        Some(path) => vec![PathBuf::from(path)],
        None => ["/usr/bin/chromium", "chromium", "chromium-browser"]
            .iter()
            .map(PathBuf::from)
            .collect(),
    };
    candidates.into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Runs headless Chromium on `page` with `args`, killing it after two minutes. Returns stdout.
fn run_chromium(binary: &Path, page: &Path, args: &[String]) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let mut child = Command::new(binary)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let stderr = child.stderr.take().expect("stderr");
    let errors = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            let err = errors.join().unwrap_or_default();
            assert!(status.success(), "chromium failed ({status}):\n{err}");
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium took more than 120 s on {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap_or_default()
}

/// Decodes an RGB(A) PNG: width, height and the pixels as RGB.
fn decode_png(path: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let decoder = png::Decoder::new(std::fs::File::open(path).expect("screenshot"));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let step = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let pixels = buf[..info.buffer_size()]
        .chunks_exact(step)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    (info.width, info.height, pixels)
}

/// Page objects of a PDF (`/Type /Page`, not `/Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let mut count = 0;
    for (at, _) in text.match_indices("/Type") {
        let rest = text[at + 5..].trim_start();
        if let Some(after) = rest.strip_prefix("/Page") {
            if !after.starts_with('s') {
                count += 1;
            }
        }
    }
    count
}

/// The text of each page of a PDF, when `pdftotext` is installed.
fn pdf_text_pages(pdf: &Path) -> Option<Vec<String>> {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .split('\u{c}')
            .map(str::to_string)
            .collect()
    })
}

/// Renders one report in Chromium: screenshot (not blank), DOM after the script ran (one path
/// per trip, the courier filter and the stop details work) and PDF (a page per courier).
fn check_in_browser(binary: &Path, name: &str, p: &Planned) {
    let dir = tempfile::tempdir().expect("temp dir");
    write_outputs_on(dir.path(), &p.scenario, &p.matrix, &p.plan).expect("write outputs");
    let page = dir.path().join("report.html");
    let html = std::fs::read_to_string(&page).expect("report.html");
    let trips: usize = p.plan.routes.iter().map(|r| r.trips.len()).sum();

    // Screenshot: the map is drawn (many colours, a good share of non-white pixels).
    let shot = dir.path().join(format!("report-{name}.png"));
    run_chromium(
        binary,
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1400,1000".to_string(),
        ],
    );
    let (width, height, pixels) = decode_png(&shot);
    assert_eq!((width, height), (1400, 1000));
    let mut colours: Vec<[u8; 3]> = pixels.clone();
    colours.sort_unstable();
    colours.dedup();
    let inked = pixels.iter().filter(|p| p.iter().any(|&c| c < 200)).count();
    assert!(colours.len() > 100, "{name}: {} colours", colours.len());
    assert!(
        inked * 100 > pixels.len(),
        "{name}: only {inked} of {} pixels inked",
        pixels.len()
    );
    // Every courier's colour is on screen.
    for route in &p.plan.routes {
        let hex = reliefroute::courier_colour(route.vehicle);
        let rgb = [1, 3, 5].map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
        assert!(
            pixels.iter().any(|px| px == &rgb),
            "{name}: colour {hex} of {} not on screen",
            p.scenario.fleet[route.vehicle].id
        );
    }
    if std::env::var_os("RELIEFROUTE_UPDATE_DOCS").is_some() {
        let docs = Path::new(WORKSPACE).join("docs");
        std::fs::create_dir_all(&docs).expect("docs/");
        std::fs::copy(&shot, docs.join(format!("report-{name}.png"))).expect("copy screenshot");
    }

    // The DOM after the script ran, with a courier chosen and a stop clicked.
    let courier = &p.scenario.fleet[p.plan.routes[0].vehicle].id;
    let probe = html.replace(
        "\n</body>",
        &format!(
            "<script>var s = document.getElementById('courier-filter'); s.value = {courier:?}; \
             s.dispatchEvent(new Event('change')); \
             document.querySelector('#map .stop').dispatchEvent(new MouseEvent('click', \
             {{bubbles: true}}));</script>\n</body>"
        ),
    );
    let probe_page = dir.path().join("probe.html");
    std::fs::write(&probe_page, probe).expect("probe page");
    let dom = run_chromium(binary, &probe_page, &["--dump-dom".to_string()]);
    assert_eq!(dom.matches("<path class=\"trip").count(), trips, "{name}");
    let own = p.plan.routes[0].trips.len();
    assert_eq!(
        dom.matches("<path class=\"trip filtered\"").count(),
        trips - own,
        "{name}: the filter hides the other couriers' trips"
    );
    let info_at = dom.find("id=\"info\"").expect("info panel");
    let info = &dom[info_at..info_at + dom[info_at..].find("</div>").unwrap()];
    assert!(
        info.contains(&format!("courier {courier}, trip 1, stop 1")),
        "{name}: {info}"
    );

    // Printing: at least one page per courier, each manifest starting a page.
    let pdf = dir.path().join(format!("report-{name}.pdf"));
    run_chromium(
        binary,
        &page,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".to_string(),
        ],
    );
    let bytes = std::fs::read(&pdf).expect("the PDF");
    let pages = pdf_pages(&bytes);
    let kitchens = p
        .scenario
        .kitchens()
        .into_iter()
        .filter(|&k| {
            p.plan
                .routes
                .iter()
                .flat_map(|r| &r.trips)
                .any(|t| t.kitchen == k)
        })
        .count();
    assert!(
        pages > p.plan.routes.len() + kitchens,
        "{name}: {pages} pages for {} couriers and {kitchens} prep sheets",
        p.plan.routes.len()
    );
    match pdf_text_pages(&pdf) {
        Some(texts) => {
            for route in &p.plan.routes {
                let id = &p.scenario.fleet[route.vehicle].id;
                let heading = format!("Manifest: courier {id}");
                let page = texts.iter().position(|t| t.contains(&heading));
                let page = page.unwrap_or_else(|| panic!("{name}: no page starts {heading}"));
                assert!(
                    texts[page].trim_start().starts_with(&heading),
                    "{name}: {heading} does not start its page"
                );
            }
        }
        None => eprintln!(
            "note: pdftotext not found (Debian package poppler-utils): checked the PDF's page \
             count and the manifests in the HTML only"
        ),
    }
    eprintln!(
        "{name}: report {} bytes, screenshot {} colours, PDF {pages} pages for {} couriers",
        html.len(),
        colours.len(),
        p.plan.routes.len()
    );
}

#[test]
fn reports_render_and_print_in_headless_chromium() {
    let Some(binary) = chromium() else {
        eprintln!(
            "SKIPPED: chromium not found (install the Debian package `chromium`, or set \
             RELIEFROUTE_CHROMIUM)"
        );
        return;
    };
    check_in_browser(&binary, "panzhihua", &planned(Path::new(SAMPLE)));
    let monaco = monaco_with_closures();
    check_in_browser(&binary, "monaco", &planned(monaco.path()));
}

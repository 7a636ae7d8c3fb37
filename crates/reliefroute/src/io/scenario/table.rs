//! Reading one CSV file of a scenario folder into rows whose cells are found by column name,
//! and turning cell text into checked values while collecting every problem.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::path::Path;

use crate::model::rules::{
    window_in_order, window_out_of_order, CountRule, NumberRule, TIME_EXPECTED,
};
use crate::model::{parse_minutes, TimeWindow};
use crate::travel::input::{csv_line_at, CsvLines};

use super::error::InputError;

/// Which columns a file must have and which it may have.
pub(super) struct TableSpec {
    /// The file name inside the scenario folder.
    pub file: &'static str,
    /// Columns that must be in the header.
    pub required: &'static [&'static str],
    /// Columns that may be left out of the header (their cells then take their defaults).
    pub optional: &'static [&'static str],
}

impl TableSpec {
    /// Whether the planner reads this (lower-case) column.
    fn knows(&self, name: &str) -> bool {
        self.required
            .iter()
            .chain(self.optional)
            .any(|c| *c == name)
    }

    /// The column a header `name` the planner does not read most likely means, if it is a
    /// near misspelling of one (`courrier`, `lattitude`) or a cut-short one (`max_ride` for
    /// `max_ride_min`).
    fn near_miss(&self, name: &str) -> Option<&'static str> {
        let limit = |len: usize| if len <= 4 { 1 } else { 2 };
        self.required
            .iter()
            .chain(self.optional)
            .map(|&c| (edit_distance(name, c), c))
            .filter(|&(d, c)| {
                d <= limit(name.len().min(c.len()))
                    || (name.len() >= 4 && c.len() > name.len() && c.starts_with(name))
            })
            .min()
            .map(|(_, c)| c)
    }

    fn all_columns(&self) -> String {
        let mut names: Vec<&str> = self.required.to_vec();
        names.extend_from_slice(self.optional);
        names.join(",")
    }
}

/// A CSV file that could be read: its columns and its data rows.
pub(super) struct Table {
    /// The file name.
    pub file: &'static str,
    /// Whether the file had a header line at all (an empty file has none).
    pub has_header: bool,
    columns: HashMap<String, usize>,
    /// Columns the planner does not use, as written in the header, with their index.
    pub extra: Vec<(String, usize)>,
    /// The line of the header.
    pub header_line: usize,
    /// Data rows in file order.
    pub rows: Vec<Row>,
}

/// One data row: its 1-based line and its trimmed cells.
pub(super) struct Row {
    /// 1-based line where the record starts.
    pub line: usize,
    cells: csv::StringRecord,
}

/// Where a scenario's files come from: a folder, or texts held in memory under the names they
/// would have in one (for programs that embed the planner, and for fuzzing).
#[derive(Clone, Copy)]
pub(super) enum Source<'a> {
    /// A scenario folder.
    Folder(&'a Path),
    /// Files as (name, bytes); `name` stands for the folder.
    Memory {
        name: &'a str,
        files: &'a [(&'a str, &'a [u8])],
    },
}

impl Source<'_> {
    /// The folder, or the name standing for it.
    pub fn dir(&self) -> &Path {
        match self {
            Source::Folder(dir) => dir,
            Source::Memory { name, .. } => Path::new(name),
        }
    }

    /// Whether there is anything named `file` (a FIFO too, so reading it reports what it is).
    pub fn exists(&self, file: &str) -> bool {
        match self {
            Source::Folder(dir) => dir.join(file).exists(),
            Source::Memory { files, .. } => files.iter().any(|(n, _)| *n == file),
        }
    }

    /// Whether there is a regular file named `file`.
    pub fn is_file(&self, file: &str) -> bool {
        match self {
            Source::Folder(dir) => dir.join(file).is_file(),
            Source::Memory { .. } => self.exists(file),
        }
    }

    fn bytes(&self, file: &str) -> std::io::Result<Vec<u8>> {
        match self {
            Source::Folder(dir) => crate::travel::input::read_input(&dir.join(file)),
            Source::Memory { files, .. } => files
                .iter()
                .find(|(n, _)| *n == file)
                .map(|(_, bytes)| bytes.to_vec())
                .ok_or_else(|| std::io::ErrorKind::NotFound.into()),
        }
    }
}

/// Reads the text of a file in the scenario folder, without a UTF-8 byte order mark.
///
/// Returns `None` after recording an error when the file is missing or unreadable.
pub(super) fn read_text(
    source: Source<'_>,
    file: &'static str,
    errors: &mut Vec<InputError>,
) -> Option<String> {
    let bytes = match source.bytes(file) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            errors.push(InputError::new(
                file,
                format!(
                    "file not found in the scenario folder {}; every scenario needs it",
                    source.dir().display()
                ),
            ));
            return None;
        }
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData
            ) =>
        {
            // Not a regular file, or too large: the message says which.
            errors.push(InputError::new(file, e.to_string()));
            return None;
        }
        Err(e) => {
            errors.push(InputError::new(file, format!("cannot be read: {e}")));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Some(text)
        }
        Err(e) => {
            let good = e.as_bytes().get(..e.utf8_error().valid_up_to());
            let line = good.map_or(1, |b| b.iter().filter(|&&c| c == b'\n').count() + 1);
            errors.push(
                InputError::new(file, "is not valid UTF-8 text; save the file as UTF-8")
                    .with_line(line),
            );
            None
        }
    }
}

/// Reads a CSV file of the scenario folder, reporting a missing file, missing columns, a
/// column named twice and rows whose number of cells differs from the header's.
///
/// Returns `None` when the file could not be read at all.
pub(super) fn read_table(
    source: Source<'_>,
    spec: &TableSpec,
    errors: &mut Vec<InputError>,
) -> Option<Table> {
    let text = read_text(source, spec.file, errors)?;
    Some(parse_table(&text, spec, errors))
}

/// Parses CSV text as [`read_table`] does.
pub(super) fn parse_table(text: &str, spec: &TableSpec, errors: &mut Vec<InputError>) -> Table {
    let file = spec.file;
    let mut table = Table {
        file,
        has_header: false,
        columns: HashMap::new(),
        extra: Vec::new(),
        header_line: 1,
        rows: Vec::new(),
    };
    if text.trim().is_empty() {
        errors.push(InputError::new(
            file,
            format!(
                "is empty; expected a header line naming the columns ({}) and then one row per \
                 line",
                spec.all_columns()
            ),
        ));
        return table;
    }
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(header) => header.clone(),
        Err(e) => {
            errors.push(csv_error(file, text, &e));
            return table;
        }
    };
    table.has_header = true;
    let header_line = header
        .position()
        .map_or(1, |p| csv_line_at(text.as_bytes(), p.byte()));
    table.header_line = header_line;
    for (index, written) in header.iter().enumerate() {
        let name = written.to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        if !spec.knows(&name) {
            if let Some(meant) = spec.near_miss(&name) {
                errors.push(
                    InputError::new(
                        file,
                        format!(
                            "is not a column of {file}; did you mean '{meant}'? Fix the name (a \
                             column the planner does not read is kept and carried to routes.csv, \
                             but must not look like one it reads)"
                        ),
                    )
                    .with_line(header_line)
                    .with_column(written),
                );
            } else if !table
                .extra
                .iter()
                .any(|(e, _)| e.eq_ignore_ascii_case(&name))
            {
                table.extra.push((written.to_string(), index));
            }
        }
        match table.columns.entry(name) {
            Entry::Occupied(entry) => errors.push(
                InputError::new(file, "appears twice in the header; name each column once")
                    .with_line(header_line)
                    .with_column(entry.key().clone()),
            ),
            Entry::Vacant(entry) => {
                entry.insert(index);
            }
        }
    }
    for &name in spec.required {
        if !table.columns.contains_key(name) {
            errors.push(
                InputError::new(
                    file,
                    format!(
                        "required column not found in the header; expected columns {}",
                        spec.all_columns()
                    ),
                )
                .with_line(header_line)
                .with_column(name),
            );
        }
    }
    let width = header.len();
    let mut record = csv::StringRecord::new();
    let mut lines = CsvLines::new(text.as_bytes());
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
                if record.len() != width {
                    errors.push(
                        InputError::new(
                            file,
                            format!(
                                "row has {} cells but the header has {width}; \
                                 quote cells that contain commas and keep one cell per column",
                                record.len()
                            ),
                        )
                        .with_line(line),
                    );
                }
                table.rows.push(Row {
                    line,
                    cells: record.clone(),
                });
            }
            Err(e) => {
                errors.push(csv_error(file, text, &e));
                break;
            }
        }
    }
    table
}

/// The Levenshtein distance between two short names, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

fn csv_error(file: &str, text: &str, e: &csv::Error) -> InputError {
    let error = InputError::new(file, format!("is not valid CSV: {e}"));
    match e.position() {
        Some(p) => error.with_line(csv_line_at(text.as_bytes(), p.byte())),
        None => error,
    }
}

impl Table {
    /// A checker for one row, pushing its problems to `errors`.
    pub fn cells<'a>(&'a self, row: &'a Row, errors: &'a mut Vec<InputError>) -> Cells<'a> {
        Cells {
            table: self,
            row,
            errors,
        }
    }

    /// The cells of `row` in the columns the planner does not use (name as written, value).
    pub fn extras(&self, row: &Row) -> Vec<(String, String)> {
        self.extra
            .iter()
            .map(|(name, i)| (name.clone(), row.cells.get(*i).unwrap_or("").to_string()))
            .collect()
    }

    /// Whether the header names this column.
    pub fn has_column(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }
}

/// Reads and checks the cells of one row; every check reports its own problems.
///
/// Checks return `None` when the value is invalid (the problem is then recorded) or, for
/// required values, when the column is missing from the header (already recorded).
pub(super) struct Cells<'a> {
    table: &'a Table,
    row: &'a Row,
    errors: &'a mut Vec<InputError>,
}

impl<'a> Cells<'a> {
    /// The row's line.
    pub fn line(&self) -> usize {
        self.row.line
    }

    /// The cell's trimmed text: `None` when the header has no such column, `""` when the
    /// cell is empty or the row is short.
    pub fn text(&self, column: &str) -> Option<&'a str> {
        let index = *self.table.columns.get(column)?;
        Some(self.row.cells.get(index).unwrap_or(""))
    }

    /// Records a problem with a cell of this row.
    pub fn error(&mut self, column: &str, value: Option<&str>, message: impl Into<String>) {
        let mut error = InputError::new(self.table.file, message)
            .with_line(self.row.line)
            .with_column(column);
        if let Some(value) = value {
            error = error.with_value(value);
        }
        self.errors.push(error);
    }

    /// A cell that must not be empty.
    pub fn required(&mut self, column: &str, expected: &str) -> Option<&'a str> {
        let text = self.text(column)?;
        if text.is_empty() {
            self.error(column, None, format!("missing value; expected {expected}"));
            return None;
        }
        Some(text)
    }

    /// A cell that may be empty (or its column absent), as `None`.
    pub fn optional(&self, column: &str) -> Option<&'a str> {
        self.text(column).filter(|t| !t.is_empty())
    }

    /// A finite number for which `valid` holds; `default` when empty, or required if `None`.
    pub fn number(
        &mut self,
        column: &str,
        default: Option<f64>,
        expected: &str,
        valid: impl Fn(f64) -> bool,
    ) -> Option<f64> {
        let text = match default {
            None => self.required(column, expected)?,
            Some(default) => match self.optional(column) {
                None => return Some(default),
                Some(text) => text,
            },
        };
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => {
                if valid(v) {
                    Some(v)
                } else {
                    self.error(
                        column,
                        Some(text),
                        format!("is out of range; expected {expected}"),
                    );
                    None
                }
            }
            _ => {
                self.error(
                    column,
                    Some(text),
                    format!("is not a number; expected {expected}"),
                );
                None
            }
        }
    }

    /// A number checked against one of the scenario's shared rules (see [`NumberRule`]).
    pub fn rule(&mut self, column: &str, default: Option<f64>, rule: NumberRule) -> Option<f64> {
        self.number(column, default, rule.expected, rule.valid)
    }

    /// A whole number checked against one of the scenario's shared rules (see [`CountRule`]).
    pub fn count(&mut self, column: &str, default: Option<u32>, rule: CountRule) -> Option<u32> {
        self.integer(column, default, rule.min, rule.expected)
    }

    /// A whole number of at least `min`; `default` when empty, or required if `None`.
    pub fn integer(
        &mut self,
        column: &str,
        default: Option<u32>,
        min: u32,
        expected: &str,
    ) -> Option<u32> {
        let text = match default {
            None => self.required(column, expected)?,
            Some(default) => match self.optional(column) {
                None => return Some(default),
                Some(text) => text,
            },
        };
        match text.parse::<i128>() {
            Ok(v) => match u32::try_from(v) {
                Ok(v) if v >= min => Some(v),
                _ => {
                    self.error(
                        column,
                        Some(text),
                        format!("is out of range; expected {expected}"),
                    );
                    None
                }
            },
            Err(_) => {
                self.error(
                    column,
                    Some(text),
                    format!("is not a whole number; expected {expected}"),
                );
                None
            }
        }
    }

    /// A time of day (see [`parse_minutes`]); `default` when empty or the column is absent.
    pub fn time(&mut self, column: &str, default: f64) -> Option<f64> {
        let Some(text) = self.optional(column) else {
            return Some(default);
        };
        match parse_minutes(text) {
            Some(v) => Some(v),
            None => {
                self.error(
                    column,
                    Some(text),
                    format!("is not a time; {TIME_EXPECTED}"),
                );
                None
            }
        }
    }

    /// A list of skills separated by spaces; empty when the cell is (or its column is
    /// absent); `None` after recording a problem.
    pub fn skills(&mut self, column: &str) -> Option<Vec<String>> {
        let Some(text) = self.optional(column) else {
            return Some(Vec::new());
        };
        let mut skills: Vec<String> = Vec::new();
        let mut ok = true;
        for skill in text.split_whitespace() {
            if let Some(problem) = crate::model::rules::skill_problem(skill) {
                let message = format!("{problem}; {}", crate::model::rules::SKILLS_EXPECTED);
                self.error(column, Some(text), message);
                ok = false;
            } else if !skills.iter().any(|s| s == skill) {
                skills.push(skill.to_string());
            }
        }
        ok.then_some(skills)
    }

    /// A list of breaks separated by spaces (see [`Break`](crate::model::Break)); empty when
    /// the cell is (or its column is absent); `None` after recording a problem.
    pub fn breaks(&mut self, column: &str) -> Option<Vec<crate::model::Break>> {
        use crate::model::rules::{break_problems, BREAKS_EXPECTED};
        let Some(text) = self.optional(column) else {
            return Some(Vec::new());
        };
        let mut breaks = Vec::new();
        let mut problems = Vec::new();
        for word in text.split_whitespace() {
            match crate::model::Break::parse(word) {
                Some(b) => breaks.push(b),
                None => problems.push(format!("'{word}' is not a break")),
            }
        }
        if problems.is_empty() {
            problems = break_problems(&breaks);
        }
        for problem in &problems {
            self.error(column, Some(text), format!("{problem}; {BREAKS_EXPECTED}"));
        }
        problems.is_empty().then_some(breaks)
    }

    /// A list of alternative windows separated by spaces (see
    /// [`Order::windows`](crate::model::Order::windows)); empty when the cell is (or its
    /// column is absent); `None` after recording a problem.
    pub fn windows(&mut self, column: &str) -> Option<Vec<TimeWindow>> {
        use crate::model::rules::{windows_problems, WINDOWS_EXPECTED};
        let Some(text) = self.optional(column) else {
            return Some(Vec::new());
        };
        let mut windows = Vec::new();
        let mut problems = Vec::new();
        for word in text.split_whitespace() {
            match TimeWindow::parse(word) {
                Some(w) => windows.push(w),
                None => problems.push(format!("'{word}' is not a window")),
            }
        }
        if problems.is_empty() {
            problems = windows_problems(&windows);
        }
        for problem in &problems {
            self.error(column, Some(text), format!("{problem}; {WINDOWS_EXPECTED}"));
        }
        problems.is_empty().then_some(windows)
    }

    /// Two optional times forming a window; the second must not be before the first.
    ///
    /// Each side is `None` when invalid; the window is only returned when both are valid
    /// and in order.
    pub fn window(&mut self, start_column: &str, end_column: &str) -> Option<(f64, f64)> {
        let start = self.time(start_column, 0.0);
        let end = self.time(end_column, f64::INFINITY);
        let (start, end) = (start?, end?);
        if !window_in_order(start, end) {
            let start_text = self.optional(start_column).unwrap_or("");
            let end_text = self.optional(end_column);
            self.error(
                end_column,
                end_text,
                window_out_of_order(start_column, start_text),
            );
            return None;
        }
        Some((start, end))
    }
}

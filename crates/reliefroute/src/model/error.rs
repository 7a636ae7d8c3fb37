//! The errors of an invalid scenario, read from a folder or built in code: one [`InputError`]
//! per problem, gathered in a [`ScenarioError`].

use std::fmt;

/// One problem in one file of a scenario folder, or in one part of a scenario built with
/// [`ScenarioBuilder`](super::ScenarioBuilder), located as precisely as possible.
///
/// Displayed as `file:line: column 'name': "value" message`, leaving out the parts that are
/// unknown, for example
/// `orders.csv:14: column 'latest': "25:99" is not a time; expected HH:MM or minutes after midnight`.
/// For `scenario.toml` the column is the key (such as `network.file`) and is shown as `key '...'`.
///
/// For a scenario built in code, `file` names the part (`sites`, `orders` or `fleet`), `line`
/// is the 1-based position of the entry in the order it was added, and `column` is the field
/// (named like the CSV column), for example
/// `orders:2: column 'site': "K1" is a kitchen; expected the id of a receiving site ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InputError {
    /// The file's name inside the scenario folder, such as `orders.csv` (for a built
    /// scenario: `sites`, `orders` or `fleet`).
    pub file: String,
    /// The 1-based line in the file (the CSV header is line 1), when the problem has one (for
    /// a built scenario: the 1-based position of the entry).
    pub line: Option<usize>,
    /// The column (CSV) or key (TOML) concerned, when there is one.
    pub column: Option<String>,
    /// The offending text as written, when there is one.
    pub value: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl InputError {
    /// A problem with `file` as a whole; add a place with the `with_*` methods.
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> InputError {
        InputError {
            file: file.into(),
            line: None,
            column: None,
            value: None,
            message: message.into(),
        }
    }

    /// The same problem, located on a 1-based line.
    pub fn with_line(mut self, line: usize) -> InputError {
        self.line = Some(line);
        self
    }

    /// The same problem, located in a column (or TOML key).
    pub fn with_column(mut self, column: impl Into<String>) -> InputError {
        self.column = Some(column.into());
        self
    }

    /// The same problem, quoting the offending text.
    pub fn with_value(mut self, value: impl Into<String>) -> InputError {
        self.value = Some(value.into());
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        if let Some(column) = &self.column {
            let what = if self.file.ends_with(".toml") {
                "key"
            } else {
                "column"
            };
            write!(f, "{what} '{column}': ")?;
        }
        if let Some(value) = &self.value {
            write!(f, "{value:?} ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for InputError {}

/// Why a scenario folder could not be loaded, or a built scenario is invalid: every problem
/// found, in file and line order.
///
/// Displayed as one line per problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", display_lines(.errors))]
pub struct ScenarioError {
    /// All problems found (never empty when returned by the reader), sorted by file, then line.
    pub errors: Vec<InputError>,
}

impl ScenarioError {
    /// Gathers problems into one error.
    pub fn new(errors: Vec<InputError>) -> ScenarioError {
        ScenarioError { errors }
    }

    /// The problems, in file and line order.
    pub fn errors(&self) -> &[InputError] {
        &self.errors
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Whether there are no problems (never the case for errors returned by the reader).
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }
}

impl IntoIterator for ScenarioError {
    type Item = InputError;
    type IntoIter = std::vec::IntoIter<InputError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

/// The most problems a [`ScenarioError`] displays; the rest are counted on a last line
/// (all of them stay in [`ScenarioError::errors`]). A file of a million bad rows printed
/// 806,457 lines before.
pub const MAX_SHOWN_ERRORS: usize = 50;

fn display_lines(errors: &[InputError]) -> String {
    if errors.is_empty() {
        return "the scenario is invalid".to_string();
    }
    let mut lines: Vec<String> = errors
        .iter()
        .take(MAX_SHOWN_ERRORS)
        .map(ToString::to_string)
        .collect();
    if errors.len() > MAX_SHOWN_ERRORS {
        lines.push(format!(
            "... and {} more errors",
            errors.len() - MAX_SHOWN_ERRORS
        ));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_all_parts() {
        let e = InputError::new(
            "orders.csv",
            "is not a time; expected HH:MM or minutes after midnight",
        )
        .with_line(14)
        .with_column("latest")
        .with_value("25:99");
        assert_eq!(
            e.to_string(),
            "orders.csv:14: column 'latest': \"25:99\" is not a time; expected HH:MM or minutes after midnight"
        );
        let e = InputError::new("fleet.csv", "is missing").with_column("x");
        assert_eq!(e.to_string(), "fleet.csv: column 'x': is missing");
        let e = InputError::new("scenario.toml", "m")
            .with_line(2)
            .with_column("network.file");
        assert_eq!(e.to_string(), "scenario.toml:2: key 'network.file': m");
    }

    #[test]
    fn scenario_error_is_one_line_per_problem() {
        let e = ScenarioError::new(vec![
            InputError::new("a.csv", "one"),
            InputError::new("b.csv", "two"),
        ]);
        assert_eq!(e.to_string(), "a.csv: one\nb.csv: two");
    }

    /// Issue 15, item 6: a file of 985k bad rows printed 806,457 error lines.
    #[test]
    fn many_errors_are_capped_with_a_count() {
        let e = ScenarioError::new(
            (0..1000)
                .map(|i| InputError::new("orders.csv", "bad").with_line(i + 2))
                .collect(),
        );
        let text = e.to_string();
        assert_eq!(text.lines().count(), MAX_SHOWN_ERRORS + 1);
        assert!(text.ends_with("... and 950 more errors"), "{text}");
        assert_eq!(e.errors().len(), 1000);
    }
}

//! What can go wrong while building road travel: every message names the file or site and
//! says what was expected.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// An error while loading a road network, its closures, or snapping sites to it.
///
/// [`std::error::Error::source`] gives the underlying [`std::io::Error`] of
/// [`NetworkError::Io`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum NetworkError {
    /// A file could not be read.
    Io {
        /// The file.
        file: PathBuf,
        /// The operating system's error (shared, so that the error stays `Clone`).
        source: Arc<std::io::Error>,
    },
    /// A file is not in the expected format (malformed or truncated `.osm.pbf`, bad CSV row,
    /// closures that are not GeoJSON).
    Format {
        /// The file.
        file: PathBuf,
        /// 1-based line, for text files.
        line: Option<usize>,
        /// What is wrong and what was expected.
        message: String,
    },
    /// The network has no road a vehicle of the fleet may use.
    Empty {
        /// The file.
        file: PathBuf,
        /// Which roads were looked for.
        message: String,
    },
    /// A site is farther from every usable road than the snap limit.
    SiteTooFar {
        /// The site id.
        site: String,
        /// The vehicle class whose roads were searched (`car` or `rider`).
        class: String,
        /// Distance to the nearest usable road in metres (infinite when there is none).
        distance_m: f64,
        /// The limit in metres.
        limit_m: f64,
    },
}

impl NetworkError {
    pub(crate) fn io(file: &Path, e: std::io::Error) -> NetworkError {
        NetworkError::Io {
            file: file.to_path_buf(),
            source: Arc::new(e),
        }
    }

    pub(crate) fn format(file: &Path, message: impl Into<String>) -> NetworkError {
        NetworkError::Format {
            file: file.to_path_buf(),
            line: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for NetworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetworkError::Io { file, source } => {
                write!(f, "{}: cannot be read: {source}", file.display())
            }
            NetworkError::Format {
                file,
                line: Some(line),
                message,
            } => write!(f, "{}:{line}: {message}", file.display()),
            NetworkError::Format {
                file,
                line: None,
                message,
            } => write!(f, "{}: {message}", file.display()),
            NetworkError::Empty { file, message } => write!(f, "{}: {message}", file.display()),
            NetworkError::SiteTooFar {
                site,
                class,
                distance_m,
                limit_m,
            } => {
                if distance_m.is_finite() {
                    write!(
                        f,
                        "site {site} is {distance_m:.0} m from the nearest road a {class} may use, \
                         beyond the snap limit of {limit_m:.0} m; expected a site on or near the \
                         road network (check its lat/lon, or raise [network] snap_limit_m)"
                    )
                } else {
                    write!(
                        f,
                        "site {site}: the network has no road a {class} may use to reach it"
                    )
                }
            }
        }
    }
}

impl std::error::Error for NetworkError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            NetworkError::Io { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

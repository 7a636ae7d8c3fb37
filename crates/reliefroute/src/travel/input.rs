//! Bounded reading of input files: every reader of the library opens its files through
//! here, so a FIFO, a device such as `/dev/zero` (or a link to one) or a huge file is a
//! clear error instead of a hang or a machine out of memory.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The largest input file read, in bytes (512 MiB): far above any real scenario, road
/// extract or benchmark file this tool can plan, and well below what would exhaust memory.
pub const MAX_INPUT_BYTES: u64 = 512 * 1024 * 1024;

/// The limit in words, for messages.
fn limit_text() -> String {
    format!("{} MiB", MAX_INPUT_BYTES / (1024 * 1024))
}

/// Opens `path` for reading after checking that it is a regular file (following links) of
/// at most [`MAX_INPUT_BYTES`].
///
/// The check happens before opening, so a FIFO is never opened (opening one blocks until a
/// writer comes), and again on the open file, in case the path changed in between.
///
/// # Errors
///
/// The file is missing or unreadable, is not a regular file, or is larger than the limit;
/// the message says which (the caller adds the file's name).
pub fn open_input(path: &Path) -> io::Result<File> {
    check_metadata(&std::fs::metadata(path)?)?;
    let file = File::open(path)?;
    check_metadata(&file.metadata()?)?;
    Ok(file)
}

fn check_metadata(meta: &std::fs::Metadata) -> io::Result<()> {
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "a device, FIFO or socket"
        };
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("is {what}, not a regular file; expected a regular file"),
        ));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_large());
    }
    Ok(())
}

fn too_large() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "is larger than the input size limit of {} (MAX_INPUT_BYTES)",
            limit_text()
        ),
    )
}

/// Reads all of `path` as [`open_input`] allows, never more than [`MAX_INPUT_BYTES`] even if
/// the file grows while it is read.
///
/// # Errors
///
/// As [`open_input`], or a read error.
pub fn read_input(path: &Path) -> io::Result<Vec<u8>> {
    let file = open_input(path)?;
    let capacity = file
        .metadata()
        .map(|m| usize::try_from(m.len()).unwrap_or(0))
        .unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Reads `path` as UTF-8 text with [`read_input`].
///
/// # Errors
///
/// As [`read_input`], or the bytes are not UTF-8.
pub fn read_input_string(path: &Path) -> io::Result<String> {
    String::from_utf8(read_input(path)?).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("is not valid UTF-8 text ({e}); save the file as UTF-8"),
        )
    })
}

/// The 1-based line of byte offset `byte` in `text`, for the csv crate's record positions.
///
/// With CRLF line ends the csv crate counts a record's line before it has passed the `\n`
/// of the previous line, so its own line numbers are one too low. The byte offset is
/// exact apart from the line end it may point at, so line ends at `byte` are skipped and
/// the lines before it counted.
pub fn csv_line_at(text: &[u8], byte: u64) -> usize {
    let mut at = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
    while at < text.len() && matches!(text[at], b'\r' | b'\n') {
        at += 1;
    }
    text[..at].iter().filter(|&&b| b == b'\n').count() + 1
}

/// [`csv_line_at`] for positions visited in increasing order (the records of one file), in
/// linear time over the whole file: each call counts only the lines since the previous one.
/// Counting from the start for every record made reading 10,000 orders take seconds.
#[derive(Debug, Clone)]
pub(crate) struct CsvLines<'t> {
    text: &'t [u8],
    /// Byte offset counted up to, and the 1-based line there.
    at: usize,
    line: usize,
}

impl<'t> CsvLines<'t> {
    /// Line numbers in `text`.
    pub(crate) fn new(text: &'t [u8]) -> Self {
        CsvLines {
            text,
            at: 0,
            line: 1,
        }
    }

    /// The 1-based line of byte offset `byte`, as [`csv_line_at`] gives it.
    pub(crate) fn line_at(&mut self, byte: u64) -> usize {
        let text = self.text;
        let mut at = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
        while at < text.len() && matches!(text[at], b'\r' | b'\n') {
            at += 1;
        }
        if at < self.at {
            (self.at, self.line) = (0, 1);
        }
        self.line += text[self.at..at].iter().filter(|&&b| b == b'\n').count();
        self.at = at;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_line_at_skips_line_ends() {
        let text = b"a,b\r\n1,2\r\n3,4\r\n";
        assert_eq!(csv_line_at(text, 0), 1);
        assert_eq!(csv_line_at(text, 4), 2);
        assert_eq!(csv_line_at(text, 5), 2);
        assert_eq!(csv_line_at(text, 9), 3);
        assert_eq!(csv_line_at(text, 999), 4);
        let mut lines = CsvLines::new(text);
        for byte in [0, 4, 5, 9, 999, 4, 0] {
            assert_eq!(lines.line_at(byte), csv_line_at(text, byte), "{byte}");
        }
    }

    #[test]
    fn folders_are_not_input_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let e = read_input(dir.path()).expect_err("a folder");
        assert!(e.to_string().contains("not a regular file"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading() {
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("zero.csv");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
        let e = read_input(&link).expect_err("a device");
        assert!(e.to_string().contains("not a regular file"), "{e}");
    }
}

//! One value on its way from SQLite to PostgreSQL: read by the kind of the
//! PostgreSQL column it goes to, and put into a digest the same way on both
//! sides, so that a table's checksum compares what each side holds.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use sha2::{Digest, Sha256};

/// What a PostgreSQL column holds, as far as the move is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Real,
    Bool,
    Text,
    Bytes,
    /// `timestamptz`: SQLite holds RFC 3339 text.
    Instant,
    /// `date`: `2026-12-07`.
    Day,
    /// `time`: `08:30` or `08:30:00`.
    Time,
    /// `timestamp` (a Dutch wall-clock moment): `2026-12-07T08:30`.
    Wall,
}

impl Kind {
    /// The kind of a column by `information_schema.columns.data_type`.
    pub fn of_postgres(data_type: &str) -> Option<Kind> {
        Some(match data_type {
            "bigint" | "integer" | "smallint" => Kind::Int,
            "double precision" | "real" => Kind::Real,
            "boolean" => Kind::Bool,
            "text" | "character varying" => Kind::Text,
            "bytea" => Kind::Bytes,
            "timestamp with time zone" => Kind::Instant,
            "date" => Kind::Day,
            "time without time zone" => Kind::Time,
            "timestamp without time zone" => Kind::Wall,
            _ => return None,
        })
    }
}

impl Kind {
    /// What the column holds, for the operator's message.
    pub fn in_dutch(self) -> &'static str {
        match self {
            Kind::Int => "een geheel getal",
            Kind::Real => "een getal",
            Kind::Bool => "ja of nee (0 of 1)",
            Kind::Text => "tekst",
            Kind::Bytes => "bytes",
            Kind::Instant => "een moment (2026-12-07T08:30:00Z)",
            Kind::Day => "een datum (2026-12-07)",
            Kind::Time => "een tijd (08:30)",
            Kind::Wall => "een datum met tijd (2026-12-07T08:30)",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Empty, with the kind PostgreSQL needs to be told for a NULL.
    Null(Kind),
    Int(i64),
    Real(f64),
    Bool(bool),
    Text(String),
    Bytes(Vec<u8>),
    Instant(DateTime<Utc>),
    Day(NaiveDate),
    Time(NaiveTime),
    Wall(NaiveDateTime),
}

/// A value SQLite holds that its PostgreSQL column cannot. Says where, never
/// what: the value may be medical.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfit {
    pub expected: Kind,
}

impl Cell {
    /// A moment, day or time that SQLite keeps as text. Text that is empty
    /// where a moment belongs (organisations made before their moment was
    /// kept) is no moment: NULL.
    pub fn from_text(kind: Kind, text: &str) -> Result<Cell, Unfit> {
        let unfit = Unfit { expected: kind };
        if text.is_empty() && kind != Kind::Text {
            return Ok(Cell::Null(kind));
        }
        match kind {
            Kind::Text => Ok(Cell::Text(text.to_string())),
            Kind::Instant => instant(text).map(Cell::Instant).ok_or(unfit),
            Kind::Day => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(Cell::Day)
                .map_err(|_| unfit),
            Kind::Time => ["%H:%M:%S%.f", "%H:%M"]
                .iter()
                .find_map(|format| NaiveTime::parse_from_str(text, format).ok())
                .map(Cell::Time)
                .ok_or(unfit),
            Kind::Wall => wall(text).map(Cell::Wall).ok_or(unfit),
            Kind::Int | Kind::Real | Kind::Bool | Kind::Bytes => Err(unfit),
        }
    }

    /// Feeds the value to `hasher`: a tag, then bytes that mean the same on
    /// both sides (a moment as microseconds, not as text).
    fn digest_into(&self, hasher: &mut Sha256) {
        let with_length = |hasher: &mut Sha256, bytes: &[u8]| {
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        };
        match self {
            Cell::Null(_) => hasher.update([0]),
            Cell::Int(value) => {
                hasher.update([1]);
                hasher.update(value.to_le_bytes());
            }
            Cell::Real(value) => {
                hasher.update([2]);
                hasher.update(value.to_bits().to_le_bytes());
            }
            Cell::Bool(value) => hasher.update([3, u8::from(*value)]),
            Cell::Text(text) => {
                hasher.update([4]);
                with_length(hasher, text.as_bytes());
            }
            Cell::Bytes(bytes) => {
                hasher.update([5]);
                with_length(hasher, bytes);
            }
            Cell::Instant(at) => {
                hasher.update([6]);
                hasher.update(at.timestamp_micros().to_le_bytes());
            }
            Cell::Day(day) => {
                hasher.update([7]);
                hasher.update(day.num_days_from_ce().to_le_bytes());
            }
            Cell::Time(time) => {
                hasher.update([8]);
                hasher.update(time.num_seconds_from_midnight().to_le_bytes());
                hasher.update(time.nanosecond().to_le_bytes());
            }
            Cell::Wall(moment) => {
                hasher.update([9]);
                hasher.update(moment.and_utc().timestamp_micros().to_le_bytes());
            }
        }
    }
}

fn instant(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    // SQLite's own `datetime('now')`, UTC without a zone.
    ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .map(|moment| moment.and_utc())
}

fn wall(text: &str) -> Option<NaiveDateTime> {
    [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
}

/// The digest of a row.
pub fn row_digest(row: &[Cell]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for cell in row {
        cell.digest_into(&mut hasher);
    }
    hasher.finalize().into()
}

/// A table's rows as a count and a checksum that does not depend on their
/// order (each side sorts text its own way): the digest of the rows'
/// digests, sorted.
#[derive(Debug, Default)]
pub struct TableSum {
    digests: Vec<[u8; 32]>,
}

impl TableSum {
    pub fn add(&mut self, row: &[Cell]) {
        self.digests.push(row_digest(row));
    }

    pub fn rows(&self) -> u64 {
        self.digests.len() as u64
    }

    pub fn finish(mut self) -> (u64, [u8; 32]) {
        self.digests.sort_unstable();
        let mut hasher = Sha256::new();
        for digest in &self.digests {
            hasher.update(digest);
        }
        (self.digests.len() as u64, hasher.finalize().into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_read_as_sqlite_holds_them() {
        let at = |text| Cell::from_text(Kind::Instant, text);
        let expected = Cell::Instant("2026-12-07T08:30:00Z".parse().unwrap());
        assert_eq!(at("2026-12-07T08:30:00Z"), Ok(expected.clone()));
        assert_eq!(at("2026-12-07 08:30:00"), Ok(expected));
        assert_eq!(
            at("2026-12-07T08:30:00.125Z"),
            Ok(Cell::Instant("2026-12-07T08:30:00.125Z".parse().unwrap()))
        );
        assert_eq!(at(""), Ok(Cell::Null(Kind::Instant)));
        assert_eq!(
            at("gisteren"),
            Err(Unfit {
                expected: Kind::Instant
            })
        );
        assert!(matches!(
            Cell::from_text(Kind::Wall, "2026-12-07T08:30"),
            Ok(Cell::Wall(_))
        ));
        assert!(matches!(
            Cell::from_text(Kind::Time, "08:30"),
            Ok(Cell::Time(_))
        ));
        assert!(Cell::from_text(Kind::Day, "7 december").is_err());
        // Empty text stays text.
        assert_eq!(
            Cell::from_text(Kind::Text, ""),
            Ok(Cell::Text(String::new()))
        );
    }

    #[test]
    fn the_checksum_is_of_the_rows_not_their_order() {
        let rows = [
            vec![Cell::Int(1), Cell::Text("a".into())],
            vec![Cell::Int(2), Cell::Null(Kind::Text)],
        ];
        let sum = |order: &[usize]| {
            let mut sum = TableSum::default();
            for &n in order {
                sum.add(&rows[n]);
            }
            sum.finish()
        };
        assert_eq!(sum(&[0, 1]), sum(&[1, 0]));
        let mut changed = TableSum::default();
        changed.add(&rows[0]);
        changed.add(&[Cell::Int(2), Cell::Text(String::new())]);
        assert_ne!(changed.finish(), sum(&[0, 1]), "NULL is not empty text");
        // A value that moves to the next column is another row.
        assert_ne!(
            row_digest(&[Cell::Text("ab".into()), Cell::Text(String::new())]),
            row_digest(&[Cell::Text("a".into()), Cell::Text("b".into())])
        );
    }
}

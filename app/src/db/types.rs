//! How moments are written to the database. Reading needs nothing of ours:
//! sqlx decodes `DateTime<Utc>`, `NaiveDateTime` and `NaiveDate` from the
//! text SQLite holds. Writing does: sqlx would write SQLite a different text
//! ("2026-12-07T16:13:12.123456+00:00", "2026-12-07 16:13:00") than the
//! rows already stored, and comparing text of two shapes orders them wrong.
//! So a moment is bound as [`At`] (an instant) or [`Wall`] (a time on the
//! Dutch wall clock), which write the shapes the schema has always held.

use chrono::{DateTime, NaiveDateTime, Utc};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::sqlite::{SqliteArgumentValue, SqliteTypeInfo};
use sqlx::{Encode, Sqlite, Type};

/// An instant, stored in UTC to the second: "2026-12-07T16:13:12Z", whose
/// text order is time order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct At(pub DateTime<Utc>);

impl At {
    pub fn now() -> At {
        At(Utc::now())
    }
}

/// A time on the wall clocks of the Netherlands, to the minute:
/// "2026-12-07T08:30" (visits, reports, measurements: when it happened there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Wall(pub NaiveDateTime);

impl Type<Sqlite> for At {
    fn type_info() -> SqliteTypeInfo {
        <String as Type<Sqlite>>::type_info()
    }
}

impl Encode<'_, Sqlite> for At {
    fn encode_by_ref(&self, buf: &mut Vec<SqliteArgumentValue<'_>>) -> Result<IsNull, BoxDynError> {
        Encode::<Sqlite>::encode(super::timestamp(self.0), buf)
    }
}

impl Type<Sqlite> for Wall {
    fn type_info() -> SqliteTypeInfo {
        <String as Type<Sqlite>>::type_info()
    }
}

impl Encode<'_, Sqlite> for Wall {
    fn encode_by_ref(&self, buf: &mut Vec<SqliteArgumentValue<'_>>) -> Result<IsNull, BoxDynError> {
        Encode::<Sqlite>::encode(self.0.format("%Y-%m-%dT%H:%M").to_string(), buf)
    }
}

/// Lets a type stored as one of a few words (a role, a kind) be bound and
/// read as itself, by its `as_db` and `from_db`: a word it does not know is
/// an error when the row is read, never a row quietly skipped.
#[macro_export]
macro_rules! stored_as_word {
    ($type:ty) => {
        impl sqlx::Type<sqlx::Sqlite> for $type {
            fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
                <String as sqlx::Type<sqlx::Sqlite>>::type_info()
            }
        }

        impl<'q> sqlx::Encode<'q, sqlx::Sqlite> for $type {
            fn encode_by_ref(
                &self,
                buf: &mut Vec<sqlx::sqlite::SqliteArgumentValue<'q>>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                sqlx::Encode::<sqlx::Sqlite>::encode(self.as_db(), buf)
            }
        }

        impl<'r> sqlx::Decode<'r, sqlx::Sqlite> for $type {
            fn decode(
                value: sqlx::sqlite::SqliteValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let word = <&str as sqlx::Decode<sqlx::Sqlite>>::decode(value)?;
                <$type>::from_db(word)
                    .ok_or_else(|| format!("not a {}: {word}", stringify!($type)).into())
            }
        }
    };
}

//! What a moment means when it is bound: an instant ([`At`]) or a time on
//! the Dutch wall clock ([`Wall`]). Reading needs nothing of ours: sqlx
//! decodes `DateTime<Utc>`, `NaiveDateTime` and `NaiveDate` from both
//! backends. Writing does on SQLite, whose text columns hold one shape each
//! (see `statement::sqlite_arguments`).

use chrono::{DateTime, NaiveDateTime, Utc};

/// An instant, stored in UTC to the second: "2026-12-07T16:13:12Z", whose
/// text order is time order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct At(pub DateTime<Utc>);

impl At {
    pub fn now() -> At {
        At(Utc::now())
    }
}

/// An instant to the millisecond, where short delays are measured (limits,
/// the second step's guard): "2026-12-07T16:13:12.345Z" on SQLite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct AtMillis(pub DateTime<Utc>);

/// A time on the wall clocks of the Netherlands, to the minute:
/// "2026-12-07T08:30" (visits, reports, measurements: when it happened there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Wall(pub NaiveDateTime);

/// Lets a type stored as one of a few words (a role, a kind) be bound and
/// read as itself, by its `as_db` and `from_db`: a word it does not know is
/// an error when the row is read, never a row quietly skipped.
#[macro_export]
macro_rules! stored_as_word {
    ($type:ty) => {
        impl $crate::db::Bind for $type {
            fn value(self) -> $crate::db::Value {
                $crate::db::Value::Text(Some(self.as_db().to_string()))
            }
            fn null() -> $crate::db::Value {
                $crate::db::Value::Text(None)
            }
        }

        impl $crate::db::Bind for &$type {
            fn value(self) -> $crate::db::Value {
                $crate::db::Value::Text(Some(self.as_db().to_string()))
            }
            fn null() -> $crate::db::Value {
                $crate::db::Value::Text(None)
            }
        }

        impl sqlx::Type<sqlx::Sqlite> for $type {
            fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
                <String as sqlx::Type<sqlx::Sqlite>>::type_info()
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

        impl sqlx::Type<sqlx::Postgres> for $type {
            fn type_info() -> sqlx::postgres::PgTypeInfo {
                <String as sqlx::Type<sqlx::Postgres>>::type_info()
            }
            fn compatible(ty: &sqlx::postgres::PgTypeInfo) -> bool {
                <String as sqlx::Type<sqlx::Postgres>>::compatible(ty)
            }
        }

        impl<'r> sqlx::Decode<'r, sqlx::Postgres> for $type {
            fn decode(
                value: sqlx::postgres::PgValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let word = <&str as sqlx::Decode<sqlx::Postgres>>::decode(value)?;
                <$type>::from_db(word)
                    .ok_or_else(|| format!("not a {}: {word}", stringify!($type)).into())
            }
        }
    };
}

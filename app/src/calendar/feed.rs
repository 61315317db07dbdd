//! The private iCalendar (RFC 5545) feed: a secret address per member and
//! page that a phone's calendar subscribes to. Each request asks the access
//! policy again, so a member who leaves or loses a role sees the change at
//! the next refresh.

use super::feed_queries;
use super::queries;
use super::{Item, ItemKind};
use crate::access::actor_on_page;
use crate::accounts::session::{hash_token, new_token};
use crate::db::Db;
use crate::error::AppResult;
use crate::policy::{allows, Action};
use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;

/// How far back and ahead the feed reaches.
const DAYS_BACK: i64 = 90;
const DAYS_AHEAD: i64 = 365;
/// Events one feed holds at most, the nearest first: a phone's calendar app
/// needs no more, and no page can make the feed a download of megabytes.
pub const MAX_FEED_EVENTS: usize = 3_000;

pub async fn exists(db: &Db, page_id: i64, account_id: i64) -> AppResult<bool> {
    feed_queries::exists(db, page_id, account_id).await
}

/// A new secret for the member's feed of this page; the old one stops working.
pub async fn renew(db: &Db, page_id: i64, account_id: i64) -> AppResult<String> {
    let (token, hash) = new_token();
    feed_queries::replace(db, page_id, account_id, &hash, Utc::now()).await?;
    Ok(token)
}

pub async fn revoke(db: &Db, page_id: i64, account_id: i64) -> AppResult<()> {
    feed_queries::delete(db, page_id, account_id).await
}

/// The feed behind `token`, or `None` when the token is unknown or its owner
/// may no longer see the calendar.
pub async fn render(
    state: &crate::state::AppState,
    token: &str,
    today: NaiveDate,
) -> AppResult<Option<String>> {
    let db = &state.db;
    let Some(owner) = feed_queries::owner(db, &hash_token(token)).await? else {
        return Ok(None);
    };
    let page_id = owner.care_page_id;
    let Some(account) = crate::accounts::queries::find(db, owner.account_id).await? else {
        return Ok(None);
    };
    // An installation that requires two-step login serves no feed to an
    // account without it, as it opens no page to it.
    if crate::access::require_second_factor_if_asked(state, account.id)
        .await
        .is_err()
    {
        return Ok(None);
    }
    let actor = actor_on_page(db, Some(&account), page_id).await?;
    if !allows(actor, Action::UseCalendarFeed) || !allows(actor, Action::ViewCalendar) {
        return Ok(None);
    }
    let Some(page) = crate::care_pages::page(db, page_id).await? else {
        return Ok(None);
    };
    let from = today - Duration::days(DAYS_BACK);
    let to = today + Duration::days(DAYS_AHEAD);
    let mut items = queries::items_between(db, page_id, &account, actor, from, to).await?;
    // Nearest to today first, so that a cut keeps what matters now.
    items.sort_by_key(|(day, _)| (*day - today).num_days().abs());
    items.truncate(MAX_FEED_EVENTS);
    let name = format!(
        "{} – {} {}",
        crate::i18n::t().app_name,
        page.first_name,
        page.last_name
    );
    Ok(Some(calendar(
        &name,
        page_id,
        &items,
        Utc::now().naive_utc(),
    )))
}

/// The iCalendar text for `items`; times converted to UTC per occurrence, so
/// that daylight-saving changes land right in every calendar program.
pub fn calendar(
    name: &str,
    page_id: i64,
    items: &[(NaiveDate, Item)],
    stamp: NaiveDateTime,
) -> String {
    let mut out = String::new();
    let mut line = |text: String| fold_into(&mut out, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Kring//Kalender//NL".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(name)));
    for (day, item) in items {
        line("BEGIN:VEVENT".into());
        let uid = match &item.kind {
            ItemKind::Appointment(info) => format!(
                "afspraak-{}-{}@kring-{page_id}",
                info.id,
                day.format("%Y%m%d")
            ),
            // A visit is one occurrence with an id of its own: two visits
            // at one time with one title are still two events.
            ItemKind::Visit(info) => format!("bezoek-{}@kring-{page_id}", info.id),
        };
        line(format!("UID:{uid}"));
        line(format!("DTSTAMP:{}", stamp.format("%Y%m%dT%H%M%SZ")));
        match item.start {
            Some(start) => {
                let begin = utc(day.and_time(start));
                let end = item
                    .end
                    .map(|end| utc(day.and_time(end)))
                    .unwrap_or(begin + Duration::hours(1));
                line(format!("DTSTART:{}", begin.format("%Y%m%dT%H%M%SZ")));
                line(format!("DTEND:{}", end.format("%Y%m%dT%H%M%SZ")));
            }
            None => {
                line(format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")));
                line(format!(
                    "DTEND;VALUE=DATE:{}",
                    (*day + Duration::days(1)).format("%Y%m%d")
                ));
            }
        }
        line(format!("SUMMARY:{}", escape(&item.title)));
        match &item.kind {
            ItemKind::Visit(visit) => {
                line(format!(
                    "DESCRIPTION:{}",
                    escape(&format!("{} – {}", visit.provider, visit.who()))
                ));
            }
            ItemKind::Appointment(info) => {
                if !info.place.is_empty() {
                    line(format!("LOCATION:{}", escape(&info.place)));
                }
                if !info.description.is_empty() {
                    line(format!("DESCRIPTION:{}", escape(&info.description)));
                }
            }
        }
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

/// Amsterdam wall-clock time to UTC. A time that does not exist (skipped by
/// the spring change) moves an hour on, as the clocks do.
fn utc(local: NaiveDateTime) -> chrono::DateTime<Utc> {
    Amsterdam
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            Amsterdam
                .from_local_datetime(&(local + Duration::hours(1)))
                .earliest()
        })
        .map(|time| time.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

/// RFC 5545 text escaping.
/// A TEXT value (RFC 5545 3.3.11): every line break form (CRLF, a lone CR, a
/// lone LF) becomes `\n`, so no field can start a line of its own in the
/// feed; other control characters are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            ch if ch.is_control() => {}
            ch => out.push(ch),
        }
    }
    out
}

/// Writes a content line, folded at 75 octets without splitting a character.
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for ch in line.chars() {
        if width + ch.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += ch.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{AppointmentInfo, VisitInfo};
    use chrono::NaiveTime;

    #[test]
    fn no_line_break_form_survives_escaping() {
        for text in ["a\rb", "a\nb", "a\r\nb", "a\u{0b}\u{0c}b\u{85}"] {
            let escaped = escape(text);
            assert!(
                !escaped.chars().any(|c| c.is_control()),
                "{text:?} became {escaped:?}"
            );
        }
        assert_eq!(escape("a\r\nb\rc\nd"), "a\\nb\\nc\\nd");
        assert_eq!(escape("a;b,c\\d"), "a\\;b\\,c\\\\d");
    }

    fn at(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    fn visit(day: NaiveDate) -> (NaiveDate, Item) {
        visit_with_id(day, 1)
    }

    fn visit_with_id(day: NaiveDate, id: i64) -> (NaiveDate, Item) {
        (
            day,
            Item {
                start: at(8, 0),
                end: at(8, 30),
                title: "Persoonlijke verzorging".into(),
                kind: ItemKind::Visit(VisitInfo {
                    id,
                    provider: "Thuiszorg De Linde".into(),
                    employee: "Fatima".into(),
                    duration_minutes: 30,
                }),
            },
        )
    }

    #[test]
    fn two_visits_at_one_time_with_one_title_are_two_events() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 12).unwrap();
        let text = calendar(
            "Kring",
            1,
            &[visit_with_id(day, 7), visit_with_id(day, 8)],
            day.and_hms_opt(0, 0, 0).unwrap(),
        );
        let uids: Vec<&str> = text.lines().filter(|l| l.starts_with("UID:")).collect();
        assert_eq!(uids, ["UID:bezoek-7@kring-1", "UID:bezoek-8@kring-1"]);
    }

    #[test]
    fn eight_oclock_stays_eight_oclock_across_the_clock_change() {
        let before = NaiveDate::from_ymd_opt(2026, 3, 28).unwrap();
        let after = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
        let text = calendar(
            "Kring",
            1,
            &[visit(before), visit(after)],
            before.and_hms_opt(0, 0, 0).unwrap(),
        );
        assert!(
            text.contains("DTSTART:20260328T070000Z"),
            "winter time is UTC+1"
        );
        assert!(
            text.contains("DTSTART:20260330T060000Z"),
            "summer time is UTC+2"
        );
        let autumn = NaiveDate::from_ymd_opt(2026, 10, 26).unwrap();
        let text = calendar(
            "Kring",
            1,
            &[visit(autumn)],
            before.and_hms_opt(0, 0, 0).unwrap(),
        );
        assert!(text.contains("DTSTART:20261026T070000Z"));
    }

    #[test]
    fn a_time_skipped_by_the_spring_change_moves_an_hour_on() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        assert_eq!(
            utc(day.and_hms_opt(2, 30, 0).unwrap())
                .format("%H:%M")
                .to_string(),
            "01:30"
        );
    }

    #[test]
    fn text_is_escaped_and_long_lines_are_folded() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        let item = Item {
            start: None,
            end: None,
            title: "Verjaardag; taart, koffie".into(),
            kind: ItemKind::Appointment(AppointmentInfo {
                id: 7,
                occurrence: day,
                maker: "Marieke".into(),
                place: "Dorpsstraat 1, Ede".into(),
                description: "Regel één\nRegel twee ".repeat(10),
                shared_with_provider: false,
                asks_help: false,
                helpers: vec![],
                i_help: false,
                i_help_every_time: false,
                repeating: false,
                can_edit: false,
                can_help: false,
            }),
        };
        let text = calendar(
            "Kring",
            1,
            &[(day, item)],
            day.and_hms_opt(0, 0, 0).unwrap(),
        );
        assert!(text.contains("SUMMARY:Verjaardag\\; taart\\, koffie"));
        assert!(text.contains("DTSTART;VALUE=DATE:20261118\r\nDTEND;VALUE=DATE:20261119"));
        assert!(text.contains("UID:afspraak-7-20261118@kring-1"));
        assert!(
            text.lines().all(|line| line.len() <= 76),
            "lines fold at 75 octets"
        );
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    }
}

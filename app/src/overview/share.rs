//! How the help is shared: per member, how often they helped in the last
//! four weeks, and a gentle word when one person carries most of it (the
//! Samenspel idea from the seeds: support the carer before they are
//! overloaded). A pure rule, so it is tested without a database.

use serde::{Deserialize, Serialize};

/// The window the admin's block looks back over.
pub const SHARE_DAYS: i64 = 28;
/// Below this many help moments in the window, nobody "carries most of it".
const NOTICEABLE_TOTAL: u32 = 4;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpShare {
    /// Every member with their count, most first.
    pub members: Vec<MemberShare>,
    /// The member who took more than half of it all, when the total is noticeable.
    pub carrier: Option<String>,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberShare {
    pub name: String,
    pub times: u32,
}

impl HelpShare {
    /// From each member's name and count (members who never helped with 0).
    pub fn from_counts(mut members: Vec<MemberShare>) -> Self {
        members.sort_by(|a, b| b.times.cmp(&a.times).then_with(|| a.name.cmp(&b.name)));
        let total = members.iter().map(|m| m.times).sum();
        let carrier = members
            .first()
            .filter(|top| total >= NOTICEABLE_TOTAL && top.times * 2 > total && members.len() > 1)
            .map(|top| top.name.clone());
        HelpShare {
            members,
            carrier,
            total,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(counts: &[(&str, u32)]) -> HelpShare {
        HelpShare::from_counts(
            counts
                .iter()
                .map(|(name, times)| MemberShare {
                    name: name.to_string(),
                    times: *times,
                })
                .collect(),
        )
    }

    #[test]
    fn one_person_doing_most_of_it_is_named() {
        let s = share(&[("Pieter", 1), ("Marieke", 5), ("Sanne", 0)]);
        assert_eq!(s.carrier.as_deref(), Some("Marieke"));
        assert_eq!(s.total, 6);
        assert_eq!(s.members[0].name, "Marieke");
    }

    #[test]
    fn an_even_share_or_a_quiet_month_says_nothing() {
        assert_eq!(share(&[("Pieter", 3), ("Marieke", 3)]).carrier, None);
        assert_eq!(share(&[("Pieter", 2), ("Marieke", 0)]).carrier, None);
        // Alone on the page: there is nobody else to ask.
        assert_eq!(share(&[("Marieke", 9)]).carrier, None);
        assert_eq!(share(&[]).carrier, None);
    }
}

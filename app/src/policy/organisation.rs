//! The organisation's half of the policy: who may do what in the console of
//! one home-care organisation. Like the page policy, every role names every
//! action, so a new action is denied to all until someone decides otherwise.

use serde::{Deserialize, Serialize};

/// A staff member's role within their organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StaffRole {
    /// Manages staff, locations and links, besides everything an employee does.
    Admin,
    Employee,
}

impl StaffRole {
    pub fn as_db(self) -> &'static str {
        match self {
            StaffRole::Admin => "admin",
            StaffRole::Employee => "employee",
        }
    }

    pub fn from_db(value: &str) -> Option<StaffRole> {
        match value {
            "admin" => Some(StaffRole::Admin),
            "employee" => Some(StaffRole::Employee),
            _ => None,
        }
    }
}

#[cfg(feature = "ssr")]
crate::stored_as_word!(StaffRole);

/// Who is asking, as seen from one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrgActor {
    Anonymous,
    /// Logged in, but not staff of this organisation: a family member, a
    /// stranger, or staff of another organisation.
    Outsider,
    Staff(StaffRole),
}

/// What the actor wants to do in the organisation's console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OrgAction {
    /// Open the console and the client list with link status.
    ViewClients,
    /// Add a client (name, birth date, location).
    AddClient,
    /// Issue an activation code (voiding the one before) and print its letter.
    IssueCode,
    /// End the link between a client and the family's care page.
    EndLink,
    /// See the staff and the locations.
    ViewStaff,
    /// Invite and remove staff, assign them to locations, add locations.
    ManageStaff,
    /// Plan, change and cancel visits to linked clients.
    PlanVisits,
    /// See one's own visits of a day ("Mijn dag").
    ViewMyDay,
    /// Make and revoke the API tokens of the organisation's own systems.
    ManageTokens,
    /// Read the provider threads of every client in one inbox.
    ViewInbox,
    /// Send one message to every linked client of a location.
    Broadcast,
}

impl OrgAction {
    /// Listed by hand; `org_allows` names every action for every role, so a
    /// new one is denied to all until decided, and the matrix test fails
    /// until it has a row here and there.
    pub const ALL: [OrgAction; 11] = [
        OrgAction::ViewClients,
        OrgAction::AddClient,
        OrgAction::IssueCode,
        OrgAction::EndLink,
        OrgAction::ViewStaff,
        OrgAction::ManageStaff,
        OrgAction::PlanVisits,
        OrgAction::ViewMyDay,
        OrgAction::ManageTokens,
        OrgAction::ViewInbox,
        OrgAction::Broadcast,
    ];
}

pub fn org_allows(actor: OrgActor, action: OrgAction) -> bool {
    use OrgAction::*;
    let allowed = match actor {
        OrgActor::Anonymous | OrgActor::Outsider => false,
        OrgActor::Staff(StaffRole::Admin) => match action {
            ViewClients | AddClient | IssueCode | EndLink | ViewStaff | ManageStaff => true,
            PlanVisits | ViewMyDay | ManageTokens | ViewInbox | Broadcast => true,
        },
        OrgActor::Staff(StaffRole::Employee) => match action {
            ViewClients | AddClient | IssueCode | ViewStaff => true,
            PlanVisits | ViewMyDay | ViewInbox => true,
            // A token reaches every client of the organisation; a broadcast
            // speaks for it to every family.
            ManageTokens | Broadcast => false,
            // Ending a link and who works here are the organisation admin's.
            EndLink | ManageStaff => false,
        },
    };
    #[cfg(feature = "ssr")]
    super::record::asked_org(action);
    allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns: organisation admin, employee, outsider (family, stranger,
    /// staff of another organisation), logged out.
    const MATRIX: &[(OrgAction, &str)] = &[
        //                          adm emp out anon
        (OrgAction::ViewClients, "Y   Y   -   -"),
        (OrgAction::AddClient, "Y   Y   -   -"),
        (OrgAction::IssueCode, "Y   Y   -   -"),
        (OrgAction::EndLink, "Y   -   -   -"),
        (OrgAction::ViewStaff, "Y   Y   -   -"),
        (OrgAction::ManageStaff, "Y   -   -   -"),
        (OrgAction::PlanVisits, "Y   Y   -   -"),
        (OrgAction::ViewMyDay, "Y   Y   -   -"),
        (OrgAction::ManageTokens, "Y   -   -   -"),
        (OrgAction::ViewInbox, "Y   Y   -   -"),
        (OrgAction::Broadcast, "Y   -   -   -"),
    ];

    const ACTORS: [OrgActor; 4] = [
        OrgActor::Staff(StaffRole::Admin),
        OrgActor::Staff(StaffRole::Employee),
        OrgActor::Outsider,
        OrgActor::Anonymous,
    ];

    #[test]
    fn the_organisation_policy_matches_its_matrix() {
        assert_eq!(MATRIX.len(), OrgAction::ALL.len());
        for action in OrgAction::ALL {
            let (_, row) = MATRIX
                .iter()
                .find(|(a, _)| *a == action)
                .unwrap_or_else(|| panic!("{action:?} has no row"));
            let expected: Vec<bool> = row.split_whitespace().map(|cell| cell == "Y").collect();
            assert_eq!(expected.len(), ACTORS.len());
            for (actor, allowed) in ACTORS.iter().zip(expected) {
                assert_eq!(
                    org_allows(*actor, action),
                    allowed,
                    "{actor:?} × {action:?}"
                );
            }
        }
    }

    #[test]
    fn staff_roles_round_trip_through_the_database_form() {
        for role in [StaffRole::Admin, StaffRole::Employee] {
            assert_eq!(StaffRole::from_db(role.as_db()), Some(role));
        }
        assert_eq!(StaffRole::from_db("owner"), None);
    }
}

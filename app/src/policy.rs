//! The access policy: the one place that decides who may do what on a care
//! page. Server functions and routes describe the actor and the action and ask
//! [`decide`]; nothing else in Kring decides access. The table in the tests
//! below is the specification, row for row against DESIGN.md.

use serde::{Deserialize, Serialize};

/// The role of a member on a care page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Admin,
    Trusted,
    Helper,
}

impl Role {
    pub fn as_db(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Trusted => "trusted",
            Role::Helper => "helper",
        }
    }

    pub fn from_db(value: &str) -> Option<Role> {
        match value {
            "admin" => Some(Role::Admin),
            "trusted" => Some(Role::Trusted),
            "helper" => Some(Role::Helper),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        let text = crate::i18n::t();
        match self {
            Role::Admin => text.role_admin,
            Role::Trusted => text.role_trusted,
            Role::Helper => text.role_helper,
        }
    }

    pub fn explanation(self) -> &'static str {
        let text = crate::i18n::t();
        match self {
            Role::Admin => text.role_admin_explained,
            Role::Trusted => text.role_trusted_explained,
            Role::Helper => text.role_helper_explained,
        }
    }
}

/// Who is asking, as seen from one care page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// Not logged in.
    Anonymous,
    /// Logged in, but neither a member of the page nor staff of a linked provider.
    Stranger,
    /// A member of the page with a role.
    Member(Role),
    /// Staff of a provider organisation that is linked to the page.
    LinkedStaff,
}

/// What the actor wants to do on the care page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// See that the page exists: its person's name, the header, the navigation.
    ViewPage,
    /// See who has access and in which role.
    ViewMembers,
    /// See the person's birth date and the linked providers.
    ViewPersonDetails,
    /// Change the person's details and photo.
    EditPersonDetails,
    /// Delete the page and everything on it.
    DeletePage,
    /// See the dossier (care plan, reports, measurements).
    ViewDossier,
    /// Read and write family threads.
    UseFamilyMessages,
    /// Read and write provider threads.
    UseProviderMessages,
    /// Read the life story.
    ViewLifeStory,
    /// Write the life story.
    EditLifeStory,
    /// Invite, remove and change the role of members; enter activation codes.
    ManagePage,
    /// Open the week calendar (what is in it is filtered per item below).
    ViewCalendar,
    /// See one appointment made by a member; `shared` when it is shared with the provider.
    ViewAppointment { shared: bool },
    /// Add an appointment.
    AddAppointment,
    /// Change or delete an appointment; `own` when the actor made it.
    EditAppointment { own: bool },
    /// Sign up to help with an appointment, or withdraw.
    HelpWithAppointment,
    /// See the provider's planned visits.
    ViewVisits,
    /// Turn on, renew or revoke one's own calendar feed.
    UseCalendarFeed,
    /// Leave the page. The admin hands over first; there is always one.
    LeavePage,
}

impl Action {
    /// Every action, for the matrix test and for anyone listing them.
    pub const ALL: [Action; 21] = [
        Action::ViewPage,
        Action::ViewMembers,
        Action::ViewPersonDetails,
        Action::EditPersonDetails,
        Action::DeletePage,
        Action::ViewDossier,
        Action::UseFamilyMessages,
        Action::UseProviderMessages,
        Action::ViewLifeStory,
        Action::EditLifeStory,
        Action::ManagePage,
        Action::ViewCalendar,
        Action::ViewAppointment { shared: false },
        Action::ViewAppointment { shared: true },
        Action::AddAppointment,
        Action::EditAppointment { own: false },
        Action::EditAppointment { own: true },
        Action::HelpWithAppointment,
        Action::ViewVisits,
        Action::UseCalendarFeed,
        Action::LeavePage,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    Deny,
}

/// The whole policy. Deny unless a rule allows.
pub fn decide(actor: Actor, action: Action) -> Decision {
    use Action::*;
    use Actor::*;
    use Role::*;
    let allowed = match (actor, action) {
        (Anonymous | Stranger, _) => false,
        (Member(Admin), LeavePage) => false,
        (Member(Admin), _) => true,
        // Only the admin changes what someone else put in the calendar.
        (Member(_), EditAppointment { own }) => own,
        (Member(Trusted), ManagePage | EditPersonDetails | DeletePage) => false,
        (Member(Trusted), _) => true,
        (
            Member(Helper),
            ViewDossier | UseProviderMessages | EditLifeStory | ManagePage | EditPersonDetails
            | DeletePage,
        ) => false,
        (Member(Helper), _) => true,
        (
            LinkedStaff,
            ViewPage | ViewPersonDetails | ViewDossier | UseProviderMessages | ViewLifeStory,
        ) => true,
        // Staff see their own visits and what the family chose to share, nothing else.
        (LinkedStaff, ViewCalendar | ViewVisits | ViewAppointment { shared: true }) => true,
        (LinkedStaff, _) => false,
    };
    if allowed {
        Decision::Allow
    } else {
        Decision::Deny
    }
}

/// `decide` as a boolean, for navigation and server functions.
pub fn allows(actor: Actor, action: Action) -> bool {
    decide(actor, action) == Decision::Allow
}

/// Who a message thread is for; fixed when the thread starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThreadAudience {
    /// Every member of the page; never a provider.
    Family,
    /// One linked organisation, with the trusted group and the admin.
    Provider { provider_id: i64 },
}

/// May the actor read and write in a thread for `audience`? Staff ask with
/// their organisation: a page may be linked to several, and each sees only
/// the threads shared with itself.
pub fn may_use_thread(actor: Actor, staff_of: Option<i64>, audience: ThreadAudience) -> bool {
    match audience {
        ThreadAudience::Family => allows(actor, Action::UseFamilyMessages),
        ThreadAudience::Provider { provider_id } => {
            allows(actor, Action::UseProviderMessages)
                && (actor != Actor::LinkedStaff || staff_of == Some(provider_id))
        }
    }
}

/// How a server function is guarded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// Open to anyone; it must reveal nothing about accounts or pages.
    Public,
    /// Acts only on the session's own account.
    OwnAccount,
    /// Acts on one care page; asks the policy for these actions.
    Page(&'static [Action]),
}

/// Every server function and what it asks. A test compares this table with
/// the server functions that exist, so none can be added without a row here.
pub const SERVER_FUNCTIONS: &[(&str, Guard)] = &[
    ("/api/register", Guard::Public),
    ("/api/check_link", Guard::Public),
    ("/api/set_password", Guard::Public),
    ("/api/login", Guard::Public),
    ("/api/forgot_password", Guard::Public),
    ("/api/set_contrast", Guard::Public),
    ("/api/viewer", Guard::OwnAccount),
    ("/api/logout", Guard::OwnAccount),
    ("/api/create_care_page", Guard::OwnAccount),
    (
        "/api/care_page",
        Guard::Page(&[
            Action::ViewPage,
            Action::ViewMembers,
            Action::ViewPersonDetails,
        ]),
    ),
    (
        "/api/calendar_week",
        Guard::Page(&[
            Action::ViewCalendar,
            Action::ViewVisits,
            Action::ViewAppointment { shared: false },
            Action::ViewAppointment { shared: true },
            Action::UseCalendarFeed,
        ]),
    ),
    (
        "/api/add_appointment",
        Guard::Page(&[Action::AddAppointment]),
    ),
    (
        "/api/appointment_for_edit",
        Guard::Page(&[
            Action::ViewCalendar,
            Action::EditAppointment { own: true },
            Action::EditAppointment { own: false },
        ]),
    ),
    (
        "/api/edit_appointment",
        Guard::Page(&[
            Action::ViewCalendar,
            Action::EditAppointment { own: true },
            Action::EditAppointment { own: false },
        ]),
    ),
    (
        "/api/delete_appointment",
        Guard::Page(&[
            Action::ViewCalendar,
            Action::EditAppointment { own: true },
            Action::EditAppointment { own: false },
        ]),
    ),
    (
        "/api/set_helping",
        Guard::Page(&[Action::HelpWithAppointment]),
    ),
    ("/api/renew_feed", Guard::Page(&[Action::UseCalendarFeed])),
    ("/api/revoke_feed", Guard::Page(&[Action::UseCalendarFeed])),
    (
        "/api/connections",
        Guard::Page(&[Action::ViewMembers, Action::ManagePage]),
    ),
    ("/api/invite", Guard::Page(&[Action::ManagePage])),
    (
        "/api/withdraw_invitation",
        Guard::Page(&[Action::ManagePage]),
    ),
    // The invitation's secret code is the permission; accepting needs the invited account.
    ("/api/invitation", Guard::Public),
    ("/api/join_with_new_account", Guard::Public),
    ("/api/accept_invitation", Guard::OwnAccount),
    ("/api/set_role", Guard::Page(&[Action::ManagePage])),
    ("/api/remove_member", Guard::Page(&[Action::ManagePage])),
    ("/api/hand_over_admin", Guard::Page(&[Action::ManagePage])),
    (
        "/api/leave_page",
        Guard::Page(&[Action::ViewPage, Action::LeavePage]),
    ),
    (
        "/api/person_profile",
        Guard::Page(&[Action::ViewPersonDetails, Action::EditPersonDetails]),
    ),
    (
        "/api/edit_person",
        Guard::Page(&[Action::EditPersonDetails]),
    ),
    (
        "/api/remove_photo",
        Guard::Page(&[Action::EditPersonDetails]),
    ),
    ("/api/delete_care_page", Guard::Page(&[Action::DeletePage])),
    ("/api/my_account", Guard::OwnAccount),
    ("/api/change_name", Guard::OwnAccount),
    ("/api/change_email", Guard::OwnAccount),
    // The code mailed to the new address is the permission.
    ("/api/confirm_email_change", Guard::Public),
    ("/api/change_password", Guard::OwnAccount),
    ("/api/send_mobile_code", Guard::OwnAccount),
    ("/api/confirm_mobile", Guard::OwnAccount),
    ("/api/remove_mobile", Guard::OwnAccount),
    ("/api/delete_account", Guard::OwnAccount),
    // Each message function also asks `may_use_thread` for the thread it touches.
    (
        "/api/message_threads",
        Guard::Page(&[
            Action::ViewPage,
            Action::UseFamilyMessages,
            Action::UseProviderMessages,
        ]),
    ),
    (
        "/api/start_thread",
        Guard::Page(&[
            Action::ViewPage,
            Action::UseFamilyMessages,
            Action::UseProviderMessages,
        ]),
    ),
    (
        "/api/open_thread",
        Guard::Page(&[
            Action::ViewPage,
            Action::UseFamilyMessages,
            Action::UseProviderMessages,
        ]),
    ),
    (
        "/api/reply",
        Guard::Page(&[
            Action::ViewPage,
            Action::UseFamilyMessages,
            Action::UseProviderMessages,
        ]),
    ),
    (
        "/api/set_message_mail",
        Guard::Page(&[Action::UseFamilyMessages]),
    ),
];

/// Where the actor comes from: the server looks it up for every request, from
/// the session's account and the page id in the request; never from the client.
#[cfg(feature = "ssr")]
pub mod lookup {
    use super::{allows, Action, Actor, Role};
    use crate::accounts::Account;
    use crate::db::Db;
    use crate::error::{AppError, AppResult};

    /// The actor that `account` is on care page `page_id`.
    pub async fn actor_on_page(
        db: &Db,
        account: Option<&Account>,
        page_id: i64,
    ) -> AppResult<Actor> {
        let Some(account) = account else {
            return Ok(Actor::Anonymous);
        };
        let role: Option<String> = sqlx::query_scalar(
            "SELECT role FROM members WHERE care_page_id = ? AND account_id = ?",
        )
        .bind(page_id)
        .bind(account.id)
        .fetch_optional(db.reader())
        .await?;
        if let Some(role) = role.as_deref().and_then(Role::from_db) {
            return Ok(Actor::Member(role));
        }
        if let Some(provider_id) = account.provider_id {
            let linked: Option<i64> = sqlx::query_scalar(
                "SELECT 1 FROM provider_links WHERE care_page_id = ? AND provider_id = ?",
            )
            .bind(page_id)
            .bind(provider_id)
            .fetch_optional(db.reader())
            .await?;
            if linked.is_some() {
                return Ok(Actor::LinkedStaff);
            }
        }
        Ok(Actor::Stranger)
    }

    /// Asks the policy for this request: the session's account, on this page,
    /// doing this. A denial never says whether the page exists.
    pub async fn authorize(db: &Db, page_id: i64, action: Action) -> AppResult<(Account, Actor)> {
        let account = crate::accounts::session::current_account(db).await?;
        authorize_account(db, account, page_id, action).await
    }

    /// [`authorize`] for an account found some other way (a route outside Leptos).
    pub async fn authorize_account(
        db: &Db,
        account: Option<Account>,
        page_id: i64,
        action: Action,
    ) -> AppResult<(Account, Actor)> {
        let actor = actor_on_page(db, account.as_ref(), page_id).await?;
        match account {
            None => Err(AppError::NotLoggedIn),
            Some(account) if allows(actor, action) => Ok((account, actor)),
            Some(_) => Err(AppError::NotFound),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The matrix. Columns: admin, trusted, helper, linked staff, stranger,
    /// logged out. "Y" allows, "-" denies. Adding an action without a row fails.
    const MATRIX: &[(Action, &str)] = &[
        //                          adm tru hel stf str out
        (Action::ViewPage, "Y   Y   Y   Y   -   -"),
        (Action::ViewMembers, "Y   Y   Y   -   -   -"),
        (Action::ViewPersonDetails, "Y   Y   Y   Y   -   -"),
        (Action::EditPersonDetails, "Y   -   -   -   -   -"),
        (Action::DeletePage, "Y   -   -   -   -   -"),
        (Action::ViewDossier, "Y   Y   -   Y   -   -"),
        (Action::UseFamilyMessages, "Y   Y   Y   -   -   -"),
        (Action::UseProviderMessages, "Y  Y   -   Y   -   -"),
        (Action::ViewLifeStory, "Y   Y   Y   Y   -   -"),
        (Action::EditLifeStory, "Y   Y   -   -   -   -"),
        (Action::ManagePage, "Y   -   -   -   -   -"),
        (Action::ViewCalendar, "Y   Y   Y   Y   -   -"),
        (Action::ViewAppointment { shared: false }, "Y Y Y - - -"),
        (Action::ViewAppointment { shared: true }, "Y Y Y Y - -"),
        (Action::AddAppointment, "Y   Y   Y   -   -   -"),
        (Action::EditAppointment { own: false }, "Y - - - - -"),
        (Action::EditAppointment { own: true }, "Y Y Y - - -"),
        (Action::HelpWithAppointment, "Y Y   Y   -   -   -"),
        (Action::ViewVisits, "Y   Y   Y   Y   -   -"),
        (Action::UseCalendarFeed, "Y   Y   Y   -   -   -"),
        (Action::LeavePage, "-   Y   Y   -   -   -"),
    ];

    const ACTORS: [Actor; 6] = [
        Actor::Member(Role::Admin),
        Actor::Member(Role::Trusted),
        Actor::Member(Role::Helper),
        Actor::LinkedStaff,
        Actor::Stranger,
        Actor::Anonymous,
    ];

    #[test]
    fn every_action_has_a_row() {
        for action in Action::ALL {
            assert!(
                MATRIX.iter().any(|(a, _)| *a == action),
                "{action:?} has no row in the matrix"
            );
        }
        assert_eq!(MATRIX.len(), Action::ALL.len());
    }

    #[test]
    fn the_policy_matches_the_matrix() {
        for (action, row) in MATRIX {
            let expected: Vec<bool> = row.split_whitespace().map(|cell| cell == "Y").collect();
            assert_eq!(expected.len(), ACTORS.len(), "row of {action:?}");
            for (actor, allowed) in ACTORS.iter().zip(expected) {
                assert_eq!(allows(*actor, *action), allowed, "{actor:?} × {action:?}");
            }
        }
    }

    #[test]
    fn every_action_a_server_function_asks_is_in_the_matrix() {
        for (path, guard) in SERVER_FUNCTIONS {
            if let Guard::Page(actions) = guard {
                for action in *actions {
                    assert!(
                        Action::ALL.contains(action),
                        "{path} asks {action:?}, which has no row"
                    );
                }
            }
        }
    }

    /// Threads: columns as in the matrix, with staff split into staff of the
    /// thread's organisation and staff of another organisation linked to the page.
    #[test]
    fn threads_are_read_by_their_audience_only() {
        const OURS: i64 = 1;
        const OTHER: i64 = 2;
        //                   adm    tru    hel    stf-own stf-other str   out
        let family = [true, true, true, false, false, false, false];
        let provider = [true, true, false, true, false, false, false];
        let askers = [
            (Actor::Member(Role::Admin), None),
            (Actor::Member(Role::Trusted), None),
            (Actor::Member(Role::Helper), None),
            (Actor::LinkedStaff, Some(OURS)),
            (Actor::LinkedStaff, Some(OTHER)),
            (Actor::Stranger, Some(OURS)),
            (Actor::Anonymous, None),
        ];
        for (i, (actor, staff_of)) in askers.into_iter().enumerate() {
            assert_eq!(
                may_use_thread(actor, staff_of, ThreadAudience::Family),
                family[i],
                "{actor:?} ({staff_of:?}) × family thread"
            );
            assert_eq!(
                may_use_thread(
                    actor,
                    staff_of,
                    ThreadAudience::Provider { provider_id: OURS }
                ),
                provider[i],
                "{actor:?} ({staff_of:?}) × provider thread"
            );
        }
    }

    #[test]
    fn roles_round_trip_through_the_database_form() {
        for role in [Role::Admin, Role::Trusted, Role::Helper] {
            assert_eq!(Role::from_db(role.as_db()), Some(role));
        }
        assert_eq!(Role::from_db("owner"), None);
    }
}

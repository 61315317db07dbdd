//! The access policy: the one place that decides who may do what on a care
//! page. Server functions and routes describe the actor and the action and ask
//! [`decide`]; nothing else in Kring decides access. The table in the tests
//! `tests.rs` is the specification, row for row against DESIGN.md.

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
}

#[cfg(feature = "ssr")]
crate::stored_as_word!(Role);

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

/// Declares [`Action`] and [`Action::all`] from one list, so that no action can
/// exist without being in the list the matrix test walks. A variant with a
/// `bool` field is listed once with the field name and appears in `all()`
/// with both values.
macro_rules! actions {
    ($( $(#[$doc:meta])* $name:ident $({ $field:ident })? ,)*) => {
        /// What the actor wants to do on the care page.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Action {
            $( $(#[$doc])* $name $({ $field: bool })?, )*
        }

        impl Action {
            /// Every action, each `bool` field with both values: for the matrix
            /// test and for anyone listing them.
            pub fn all() -> Vec<Action> {
                let mut all = Vec::new();
                $( all.extend(actions!(@each $name $($field)?)); )*
                all
            }
        }
    };
    (@each $name:ident) => { [Action::$name] };
    (@each $name:ident $field:ident) => {
        [Action::$name { $field: false }, Action::$name { $field: true }]
    };
}

actions! {
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
    /// See the Dossier in the navigation and ask for its code: the door,
    /// not what is behind it.
    OpenDossier,
    /// Read the care plan, the reports and the measurements; `fresh_code`
    /// when this session typed the dossier's SMS code within the last half hour.
    ReadDossier { fresh_code },
    /// Write the care plan, reports and measurements as the organisation.
    WriteDossier { fresh_code },
    /// Add a measurement taken at home, shown as "door familie gemeten".
    AddHomeMeasurement { fresh_code },
    /// Change the medication list (Medicijnen, in the dossier).
    EditMedication { fresh_code },
    /// Read who looked in the dossier ("Wie keek in het dossier").
    ViewAccessLog { fresh_code },
    /// Read and write family threads.
    UseFamilyMessages,
    /// Read and write provider threads.
    UseProviderMessages,
    /// Read the life story.
    ViewLifeStory,
    /// Write the life story.
    EditLifeStory,
    /// Read the notes (phone numbers, addresses, where the key is).
    ViewNotes,
    /// Add a note.
    AddNote,
    /// Change, pin or delete a note; `own` when the actor wrote it.
    EditNote { own },
    /// Invite, remove and change the role of members; enter activation codes
    /// and end an organisation's link.
    ManagePage,
    /// Open the week calendar (what is in it is filtered per item below).
    ViewCalendar,
    /// See one appointment made by a member; `shared` when it is shared with the provider.
    ViewAppointment { shared },
    /// Add an appointment.
    AddAppointment,
    /// Change or delete an appointment; `own` when the actor made it.
    EditAppointment { own },
    /// Sign up to help with an appointment, or withdraw.
    HelpWithAppointment,
    /// See the provider's planned visits.
    ViewVisits,
    /// Turn on, renew or revoke one's own calendar feed.
    UseCalendarFeed,
    /// Leave the page. The admin hands over first; there is always one.
    LeavePage,
    /// Download everything on the page ("Alles downloaden"); the dossier
    /// comes with it only when `ReadDossier` with a fresh code allows.
    ExportPage,
    /// Download what one wrote on the page oneself.
    ExportOwnWriting,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    Deny,
}

/// The whole policy. Each role names every action, allowed or not, with no
/// "everything else" arm: a new action does not compile until every role has
/// a decision for it, and until then nobody may do it.
pub fn decide(actor: Actor, action: Action) -> Decision {
    let allowed = match actor {
        Actor::Anonymous | Actor::Stranger => false,
        Actor::Member(Role::Admin) => admin_may(action),
        Actor::Member(Role::Trusted) => trusted_may(action),
        Actor::Member(Role::Helper) => helper_may(action),
        Actor::LinkedStaff => linked_staff_may(action),
    };
    #[cfg(feature = "ssr")]
    record::asked(action);
    if allowed {
        Decision::Allow
    } else {
        Decision::Deny
    }
}

fn admin_may(action: Action) -> bool {
    use Action::*;
    match action {
        ViewPage | ViewMembers | ViewPersonDetails | EditPersonDetails | DeletePage => true,
        OpenDossier | UseFamilyMessages | UseProviderMessages => true,
        // Behind the door, only with a fresh code; the organisation writes.
        ReadDossier { fresh_code } | AddHomeMeasurement { fresh_code } => fresh_code,
        ViewAccessLog { fresh_code } | EditMedication { fresh_code } => fresh_code,
        WriteDossier { .. } => false,
        ViewLifeStory | EditLifeStory | ManagePage => true,
        ViewNotes | AddNote | EditNote { .. } => true,
        ViewCalendar | ViewAppointment { .. } | AddAppointment | EditAppointment { .. } => true,
        HelpWithAppointment | ViewVisits | UseCalendarFeed => true,
        // There is always an admin: they hand over before they can leave.
        LeavePage => false,
        ExportPage | ExportOwnWriting => true,
    }
}

fn trusted_may(action: Action) -> bool {
    use Action::*;
    match action {
        ViewPage | ViewMembers | ViewPersonDetails => true,
        EditPersonDetails | DeletePage | ManagePage => false,
        OpenDossier | UseFamilyMessages | UseProviderMessages => true,
        ReadDossier { fresh_code } | AddHomeMeasurement { fresh_code } => fresh_code,
        // The family keeps the medication list with the organisation.
        EditMedication { fresh_code } => fresh_code,
        // The log of who looked is the admin's to watch over.
        WriteDossier { .. } | ViewAccessLog { .. } => false,
        ViewLifeStory | EditLifeStory => true,
        ViewNotes | AddNote => true,
        // Only the admin changes what someone else wrote.
        EditNote { own } => own,
        ViewCalendar | ViewAppointment { .. } | AddAppointment => true,
        // Only the admin changes what someone else put in the calendar.
        EditAppointment { own } => own,
        HelpWithAppointment | ViewVisits | UseCalendarFeed | LeavePage => true,
        // The page's copy is the admin's to take; one's own writing is one's own.
        ExportPage => false,
        ExportOwnWriting => true,
    }
}

fn helper_may(action: Action) -> bool {
    use Action::*;
    match action {
        ViewPage | ViewMembers | ViewPersonDetails => true,
        EditPersonDetails | DeletePage | ManagePage => false,
        // Never the dossier, never the provider's threads.
        OpenDossier | ReadDossier { .. } | WriteDossier { .. } => false,
        AddHomeMeasurement { .. } | ViewAccessLog { .. } | EditMedication { .. } => false,
        UseProviderMessages => false,
        UseFamilyMessages => true,
        ViewLifeStory => true,
        EditLifeStory => false,
        ViewNotes | AddNote => true,
        EditNote { own } => own,
        ViewCalendar | ViewAppointment { .. } | AddAppointment => true,
        EditAppointment { own } => own,
        HelpWithAppointment | ViewVisits | UseCalendarFeed | LeavePage => true,
        ExportPage => false,
        ExportOwnWriting => true,
    }
}

fn linked_staff_may(action: Action) -> bool {
    use Action::*;
    match action {
        ViewPage | ViewPersonDetails => true,
        ViewMembers | EditPersonDetails | DeletePage | ManagePage | LeavePage => false,
        OpenDossier | UseProviderMessages | ViewLifeStory => true,
        // What their own organisation wrote (the queries keep to it), with a fresh code.
        ReadDossier { fresh_code } | WriteDossier { fresh_code } => fresh_code,
        EditMedication { fresh_code } => fresh_code,
        AddHomeMeasurement { .. } | ViewAccessLog { .. } => false,
        UseFamilyMessages | EditLifeStory => false,
        // The notes are the family's own: the organisation keeps its own records.
        ViewNotes | AddNote | EditNote { .. } => false,
        // Staff see their own visits and what the family chose to share, nothing else.
        ViewCalendar | ViewVisits => true,
        ViewAppointment { shared } => shared,
        AddAppointment | EditAppointment { .. } | HelpWithAppointment | UseCalendarFeed => false,
        // What staff write is the organisation's record, kept by the organisation.
        ExportPage | ExportOwnWriting => false,
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

mod organisation;
pub use organisation::{org_allows, OrgAction, OrgActor, StaffRole};

#[cfg(feature = "ssr")]
pub mod record;
mod server_functions;
pub use server_functions::{Guard, SERVER_FUNCTIONS};

#[cfg(test)]
mod tests;

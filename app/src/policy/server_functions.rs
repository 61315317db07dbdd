//! Which server function asks what of the policy.

use super::{Action, OrgAction};

/// How a server function is guarded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// Open to anyone; it must reveal nothing about accounts or pages.
    Public,
    /// Acts only on the session's own account.
    OwnAccount,
    /// Acts on the session's own account and asks the policy `per_item`
    /// about its care pages: the page the arguments name ("Code invoeren"
    /// for a page the account administers), or its roles anywhere (whether
    /// it must keep two-step login).
    OwnAccountAndPage { per_item: &'static [Action] },
    /// Acts on one care page: asks the policy for `gate` before anything
    /// else (refused: "not found"), and may then ask `per_item` about what it
    /// touches (an appointment, a thread) or shows (a button).
    Page {
        gate: Action,
        per_item: &'static [Action],
    },
    /// Acts in the console of the session's own organisation: asks the
    /// organisation policy for `gate` (refused: "not found"), then
    /// `per_item` for what it shows.
    Organisation {
        gate: OrgAction,
        per_item: &'static [OrgAction],
    },
}

impl Guard {
    const fn page(gate: Action, per_item: &'static [Action]) -> Guard {
        Guard::Page { gate, per_item }
    }

    const fn org(gate: OrgAction, per_item: &'static [OrgAction]) -> Guard {
        Guard::Organisation { gate, per_item }
    }

    /// Every action the function may ask, the gate first.
    pub fn actions(&self) -> Vec<Action> {
        match self {
            Guard::Page { gate, per_item } => std::iter::once(*gate)
                .chain(per_item.iter().copied())
                .collect(),
            Guard::OwnAccountAndPage { per_item } => per_item.to_vec(),
            Guard::Public | Guard::OwnAccount | Guard::Organisation { .. } => Vec::new(),
        }
    }

    /// Every organisation action the function may ask, the gate first.
    pub fn org_actions(&self) -> Vec<OrgAction> {
        match self {
            Guard::Organisation { gate, per_item } => std::iter::once(*gate)
                .chain(per_item.iter().copied())
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// What changing one appointment asks, after the calendar itself.
const EDIT_APPOINTMENT: &[Action] = &[
    Action::ViewAppointment { shared: false },
    Action::ViewAppointment { shared: true },
    Action::EditAppointment { own: true },
    Action::EditAppointment { own: false },
];

/// What reading the medication list asks after its gate: the door closed,
/// the dossier's frame, and whether to offer the forms.
const MEDICATION: &[Action] = &[
    Action::ReadDossier { fresh_code: false },
    Action::ViewAccessLog { fresh_code: true },
    Action::EditMedication { fresh_code: true },
];

/// What changing the medication list asks after its gate: the door closed.
const WRITE_MEDICATION: &[Action] = &[Action::EditMedication { fresh_code: false }];

/// What changing a note asks, after seeing the notes: the writer or the admin.
const EDIT_NOTE: &[Action] = &[
    Action::EditNote { own: true },
    Action::EditNote { own: false },
];

/// Every server function and what it asks. A test compares this table with
/// the server functions that exist, so none can be added without a row here.
pub const SERVER_FUNCTIONS: &[(&str, Guard)] = &[
    ("/api/register", Guard::Public),
    ("/api/check_link", Guard::Public),
    ("/api/set_password", Guard::Public),
    ("/api/login", Guard::Public),
    ("/api/forgot_password", Guard::Public),
    ("/api/set_contrast", Guard::Public),
    ("/api/set_text_size", Guard::Public),
    ("/api/set_language", Guard::Public),
    ("/api/viewer", Guard::OwnAccount),
    ("/api/logout", Guard::OwnAccount),
    ("/api/create_care_page", Guard::OwnAccount),
    // "Hoe gaat het met jou?": the carer's own answers, nobody else's.
    ("/api/wellbeing", Guard::OwnAccount),
    ("/api/save_strain_check", Guard::OwnAccount),
    ("/api/set_strain_reminder", Guard::OwnAccount),
    (
        "/api/care_page",
        Guard::page(
            Action::ViewPage,
            &[
                Action::ViewPersonDetails,
                Action::ManagePage,
                Action::AddAppointment,
            ],
        ),
    ),
    (
        "/api/calendar_week",
        Guard::page(
            Action::ViewCalendar,
            &[
                Action::ViewVisits,
                Action::ViewAppointment { shared: false },
                Action::ViewAppointment { shared: true },
                Action::UseCalendarFeed,
                // Which buttons each item gets.
                Action::AddAppointment,
                Action::EditAppointment { own: true },
                Action::EditAppointment { own: false },
                Action::HelpWithAppointment,
            ],
        ),
    ),
    (
        "/api/add_appointment",
        Guard::page(Action::AddAppointment, &[]),
    ),
    (
        "/api/appointment_for_edit",
        Guard::page(Action::ViewCalendar, EDIT_APPOINTMENT),
    ),
    (
        "/api/edit_appointment",
        Guard::page(Action::ViewCalendar, EDIT_APPOINTMENT),
    ),
    (
        "/api/delete_appointment",
        Guard::page(Action::ViewCalendar, EDIT_APPOINTMENT),
    ),
    (
        "/api/set_helping",
        Guard::page(Action::HelpWithAppointment, &[]),
    ),
    ("/api/renew_feed", Guard::page(Action::UseCalendarFeed, &[])),
    (
        "/api/revoke_feed",
        Guard::page(Action::UseCalendarFeed, &[]),
    ),
    (
        "/api/connections",
        Guard::page(Action::ViewMembers, &[Action::ManagePage]),
    ),
    ("/api/invite", Guard::page(Action::ManagePage, &[])),
    (
        "/api/withdraw_invitation",
        Guard::page(Action::ManagePage, &[]),
    ),
    // The invitation's secret code is the permission; accepting needs the invited account.
    ("/api/invitation", Guard::Public),
    ("/api/join_with_new_account", Guard::Public),
    ("/api/accept_invitation", Guard::OwnAccount),
    ("/api/set_role", Guard::page(Action::ManagePage, &[])),
    ("/api/remove_member", Guard::page(Action::ManagePage, &[])),
    ("/api/hand_over_admin", Guard::page(Action::ManagePage, &[])),
    (
        "/api/leave_page",
        Guard::page(Action::ViewPage, &[Action::LeavePage]),
    ),
    (
        "/api/person_profile",
        Guard::page(
            Action::ViewPersonDetails,
            &[
                Action::EditPersonDetails,
                Action::ExportPage,
                Action::ExportOwnWriting,
            ],
        ),
    ),
    (
        "/api/edit_person",
        Guard::page(Action::EditPersonDetails, &[]),
    ),
    (
        "/api/remove_photo",
        Guard::page(Action::EditPersonDetails, &[]),
    ),
    // The Overzicht: each block asks for itself, so nothing is hinted at.
    (
        "/api/attention",
        Guard::page(
            Action::ViewPage,
            &[
                Action::ViewCalendar,
                Action::ViewVisits,
                Action::ViewAppointment { shared: false },
                Action::ViewAppointment { shared: true },
                Action::EditAppointment { own: true },
                Action::EditAppointment { own: false },
                Action::HelpWithAppointment,
                Action::UseFamilyMessages,
                Action::UseProviderMessages,
                Action::OpenDossier,
                Action::ManagePage,
            ],
        ),
    ),
    // Medicijnen: behind the dossier's door like the rest of it.
    (
        "/api/medication",
        Guard::page(Action::ReadDossier { fresh_code: true }, MEDICATION),
    ),
    (
        "/api/add_medicine",
        Guard::page(
            Action::EditMedication { fresh_code: true },
            WRITE_MEDICATION,
        ),
    ),
    (
        "/api/edit_medicine",
        Guard::page(
            Action::EditMedication { fresh_code: true },
            WRITE_MEDICATION,
        ),
    ),
    // Notities: the family's own; the writer and the admin change a note.
    ("/api/notes", Guard::page(Action::ViewNotes, EDIT_NOTE)),
    (
        "/api/note_for_edit",
        Guard::page(Action::ViewNotes, EDIT_NOTE),
    ),
    ("/api/add_note", Guard::page(Action::AddNote, &[])),
    ("/api/edit_note", Guard::page(Action::ViewNotes, EDIT_NOTE)),
    (
        "/api/delete_note",
        Guard::page(Action::ViewNotes, EDIT_NOTE),
    ),
    // Mijn verhaal: read by everyone on the page, written by the admin and the trusted group.
    (
        "/api/life_story",
        Guard::page(Action::ViewLifeStory, &[Action::EditLifeStory]),
    ),
    (
        "/api/story_chapter",
        Guard::page(Action::EditLifeStory, &[]),
    ),
    ("/api/save_chapter", Guard::page(Action::EditLifeStory, &[])),
    (
        "/api/remove_story_photo",
        Guard::page(Action::EditLifeStory, &[]),
    ),
    (
        "/api/delete_care_page",
        Guard::page(Action::DeletePage, &[]),
    ),
    // The code in an unsubscribe link is the permission; it only says which mail.
    ("/api/unsubscribe_status", Guard::Public),
    // Only what this browser's own cookie says.
    ("/api/just_registered", Guard::Public),
    // The terms and the privacy statement are for everyone.
    ("/api/legal_text", Guard::Public),
    // Only this session's own one-time confirmation.
    ("/api/notice", Guard::Public),
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
    // The second-step cookie, set after a right password, is the permission.
    ("/api/second_step", Guard::Public),
    ("/api/verify_second_step", Guard::Public),
    ("/api/resend_second_step", Guard::Public),
    (
        "/api/two_factor_settings",
        Guard::OwnAccountAndPage {
            per_item: &[Action::OpenDossier],
        },
    ),
    ("/api/start_two_factor", Guard::OwnAccount),
    ("/api/confirm_two_factor", Guard::OwnAccount),
    ("/api/new_recovery_codes", Guard::OwnAccount),
    // Whoever may open a dossier somewhere keeps their second factor: asked
    // of the policy for each role the account holds.
    (
        "/api/disable_two_factor",
        Guard::OwnAccountAndPage {
            per_item: &[Action::OpenDossier],
        },
    ),
    ("/api/reconfirm_status", Guard::OwnAccount),
    ("/api/send_reconfirm_code", Guard::OwnAccount),
    ("/api/reconfirm", Guard::OwnAccount),
    // Each message function also asks `may_use_thread` for the thread it touches.
    (
        "/api/message_threads",
        Guard::page(
            Action::ViewPage,
            &[Action::UseFamilyMessages, Action::UseProviderMessages],
        ),
    ),
    (
        "/api/start_thread",
        Guard::page(
            Action::ViewPage,
            &[Action::UseFamilyMessages, Action::UseProviderMessages],
        ),
    ),
    (
        "/api/open_thread",
        Guard::page(
            Action::ViewPage,
            &[Action::UseFamilyMessages, Action::UseProviderMessages],
        ),
    ),
    (
        "/api/reply",
        Guard::page(
            Action::ViewPage,
            &[Action::UseFamilyMessages, Action::UseProviderMessages],
        ),
    ),
    (
        "/api/set_message_mail",
        Guard::page(Action::UseFamilyMessages, &[]),
    ),
    ("/api/mail_choices", Guard::OwnAccount),
    (
        "/api/save_mail_choice",
        Guard::page(Action::UseFamilyMessages, &[]),
    ),
    // The dossier: the door asks OpenDossier; behind it every function asks
    // its action with whether this session's code is fresh (both values:
    // a closed door is asked once with `false`, once with `true`).
    (
        "/api/send_dossier_code",
        Guard::page(Action::OpenDossier, &[]),
    ),
    ("/api/unlock_dossier", Guard::page(Action::OpenDossier, &[])),
    (
        "/api/care_plan",
        Guard::page(
            Action::ReadDossier { fresh_code: true },
            &[
                Action::ReadDossier { fresh_code: false },
                Action::ViewAccessLog { fresh_code: true },
            ],
        ),
    ),
    (
        "/api/save_care_plan",
        Guard::page(
            Action::WriteDossier { fresh_code: true },
            &[Action::WriteDossier { fresh_code: false }],
        ),
    ),
    (
        "/api/dossier_reports",
        Guard::page(
            Action::ReadDossier { fresh_code: true },
            &[
                Action::ReadDossier { fresh_code: false },
                Action::ViewAccessLog { fresh_code: true },
            ],
        ),
    ),
    (
        "/api/write_report",
        Guard::page(
            Action::WriteDossier { fresh_code: true },
            &[Action::WriteDossier { fresh_code: false }],
        ),
    ),
    (
        "/api/measurements",
        Guard::page(
            Action::ReadDossier { fresh_code: true },
            &[
                Action::ReadDossier { fresh_code: false },
                Action::ViewAccessLog { fresh_code: true },
                Action::AddHomeMeasurement { fresh_code: true },
            ],
        ),
    ),
    (
        "/api/add_measurement",
        Guard::page(
            Action::AddHomeMeasurement { fresh_code: true },
            &[
                Action::AddHomeMeasurement { fresh_code: false },
                Action::WriteDossier { fresh_code: true },
                Action::WriteDossier { fresh_code: false },
            ],
        ),
    ),
    (
        "/api/dossier_access_log",
        Guard::page(
            Action::ViewAccessLog { fresh_code: true },
            &[Action::ViewAccessLog { fresh_code: false }],
        ),
    ),
    // Links: entering a code acts on the account's own pages (a chosen page
    // is asked ManagePage inside); the rest on one page.
    ("/api/code_choices", Guard::OwnAccount),
    (
        "/api/enter_code",
        Guard::OwnAccountAndPage {
            per_item: &[Action::ManagePage],
        },
    ),
    (
        "/api/linked_organisations",
        Guard::page(Action::ViewPersonDetails, &[Action::ManagePage]),
    ),
    (
        "/api/end_organisation_link",
        Guard::page(Action::ManagePage, &[]),
    ),
    // The organisation's console.
    ("/api/org_clients", Guard::org(OrgAction::ViewClients, &[])),
    ("/api/add_client", Guard::org(OrgAction::AddClient, &[])),
    (
        "/api/org_client",
        Guard::org(OrgAction::ViewClients, &[OrgAction::EndLink]),
    ),
    ("/api/issue_code", Guard::org(OrgAction::IssueCode, &[])),
    ("/api/end_client_link", Guard::org(OrgAction::EndLink, &[])),
    (
        "/api/org_staff",
        Guard::org(OrgAction::ViewStaff, &[OrgAction::ManageStaff]),
    ),
    ("/api/invite_staff", Guard::org(OrgAction::ManageStaff, &[])),
    ("/api/remove_staff", Guard::org(OrgAction::ManageStaff, &[])),
    ("/api/add_location", Guard::org(OrgAction::ManageStaff, &[])),
    (
        "/api/assign_location",
        Guard::org(OrgAction::ManageStaff, &[]),
    ),
    ("/api/client_visits", Guard::org(OrgAction::PlanVisits, &[])),
    ("/api/plan_visit", Guard::org(OrgAction::PlanVisits, &[])),
    ("/api/cancel_visit", Guard::org(OrgAction::PlanVisits, &[])),
    ("/api/my_day", Guard::org(OrgAction::ViewMyDay, &[])),
    ("/api/org_tokens", Guard::org(OrgAction::ManageTokens, &[])),
    (
        "/api/create_token",
        Guard::org(OrgAction::ManageTokens, &[]),
    ),
    (
        "/api/revoke_token",
        Guard::org(OrgAction::ManageTokens, &[]),
    ),
    (
        "/api/org_inbox",
        Guard::org(OrgAction::ViewInbox, &[OrgAction::Broadcast]),
    ),
    ("/api/broadcast", Guard::org(OrgAction::Broadcast, &[])),
];

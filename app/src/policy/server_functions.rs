//! Which server function asks what of the policy.

use super::Action;

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

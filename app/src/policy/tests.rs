//! The specification of the policy: the matrix, row for row against DESIGN.md.

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
    (Action::OpenDossier, "Y   Y   -   Y   -   -"),
    (Action::ReadDossier { fresh_code: false }, "- - - - - -"),
    (Action::ReadDossier { fresh_code: true }, "Y Y - Y - -"),
    (Action::WriteDossier { fresh_code: false }, "- - - - - -"),
    (Action::WriteDossier { fresh_code: true }, "- - - Y - -"),
    (
        Action::AddHomeMeasurement { fresh_code: false },
        "- - - - - -",
    ),
    (
        Action::AddHomeMeasurement { fresh_code: true },
        "Y Y - - - -",
    ),
    (Action::EditMedication { fresh_code: false }, "- - - - - -"),
    (Action::EditMedication { fresh_code: true }, "Y Y - Y - -"),
    (Action::ViewAccessLog { fresh_code: false }, "- - - - - -"),
    (Action::ViewAccessLog { fresh_code: true }, "Y - - - - -"),
    (Action::UseFamilyMessages, "Y   Y   Y   -   -   -"),
    (Action::UseProviderMessages, "Y  Y   -   Y   -   -"),
    (Action::ViewLifeStory, "Y   Y   Y   Y   -   -"),
    (Action::EditLifeStory, "Y   Y   -   -   -   -"),
    (Action::ViewNotes, "Y   Y   Y   -   -   -"),
    (Action::AddNote, "Y   Y   Y   -   -   -"),
    (Action::EditNote { own: false }, "Y - - - - -"),
    (Action::EditNote { own: true }, "Y Y Y - - -"),
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
    (Action::ExportPage, "Y   -   -   -   -   -"),
    (Action::ExportOwnWriting, "Y   Y   Y   -   -   -"),
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
fn every_action_has_exactly_one_row() {
    // `Action::all()` comes from the same list that declares the enum, so an
    // action added there is missing here until it gets its row.
    for action in Action::all() {
        let rows = MATRIX.iter().filter(|(a, _)| *a == action).count();
        assert_eq!(rows, 1, "{action:?} has {rows} rows in the matrix");
    }
    assert_eq!(MATRIX.len(), Action::all().len());
}

#[test]
fn the_action_list_holds_every_field_value() {
    let all = Action::all();
    for shared in [false, true] {
        assert!(all.contains(&Action::ViewAppointment { shared }));
    }
    for own in [false, true] {
        assert!(all.contains(&Action::EditAppointment { own }));
        assert!(all.contains(&Action::EditNote { own }));
    }
    for fresh_code in [false, true] {
        assert!(all.contains(&Action::EditMedication { fresh_code }));
    }
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
        {
            for action in guard.actions() {
                assert!(
                    Action::all().contains(&action),
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

//! Connecties and invitations through the real routes.

use crate::common::{
    demo_family, error_message, new_client, Family, ADMIN, HELPER, PASSWORD, STAFF, TRUSTED,
};
use kring_app::care_pages::api::{CarePage, CreateCarePage};
use kring_app::connections::api::{
    AcceptInvitation, Connections, HandOverAdmin, Invitation, JoinWithNewAccount, LeavePage,
    RemoveMember, SetRole, WithdrawInvitation,
};
use kring_app::connections::{ConnectionsView, GivenRole, InvitationView};
use kring_app::db;
use kring_app::form_value::DateField;
use kring_app::i18n::Lang;
use kring_app::policy::Role;
use reqwest::{Client, StatusCode};

impl Family {
    async fn invite_as(&self, client: &Client, email: &str, role: &str) -> reqwest::Response {
        self.app
            .call_as(
                client,
                "invite",
                &[
                    ("page_id", &self.page_id.to_string()),
                    ("email", email),
                    ("role", role),
                ],
            )
            .await
    }

    async fn connections_as(&self, client: &Client) -> ConnectionsView {
        let response = self
            .app
            .send_as(
                client,
                Connections {
                    page_id: self.page_id,
                },
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    async fn invitation_code(&self, email: &str) -> String {
        self.app
            .link_code(email, "/uitnodiging")
            .await
            .expect("an invitation mail")
    }
}

#[tokio::test]
async fn an_invited_helper_registers_on_the_way_and_joins() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    assert_eq!(
        family
            .invite_as(&admin, "kees@example.nl", "helper")
            .await
            .status(),
        StatusCode::OK
    );
    let mail = family.app.mails_to("kees@example.nl").await.pop().unwrap();
    assert!(mail.contains("Subject: Uitnodiging voor de zorgpagina van Johanna Bakker"));
    let pending = family.connections_as(&admin).await.pending.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(
        (pending[0].email.as_str(), pending[0].role),
        ("kees@example.nl", Role::Helper)
    );

    let code = family.invitation_code("kees@example.nl").await;
    let kees = new_client();
    let view: InvitationView = family
        .app
        .send_as(
            &kees,
            Invitation {
                code: code.to_string(),
            },
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (view.to.as_str(), view.inviter.as_str()),
        ("Johanna Bakker", "Marieke Bakker")
    );
    assert!(!view.has_account && view.signed_in_as.is_none());

    let joining = || JoinWithNewAccount {
        code: code.to_string(),
        first_name: "Kees".into(),
        last_name: "Jansen".into(),
        password: PASSWORD.to_string(),
        password_repeat: PASSWORD.to_string(),
    };
    let join = family.app.send_as(&kees, joining()).await;
    assert_eq!(join.status(), StatusCode::OK);
    assert_eq!(
        join.headers()["location"],
        format!("/zorgpagina/{}", family.page_id)
    );
    let members = family.connections_as(&kees).await.members;
    let me = members.iter().find(|member| member.is_me).unwrap();
    assert_eq!((me.name.as_str(), me.role), ("Kees Jansen", Role::Helper));
    assert!(
        family.connections_as(&kees).await.pending.is_none(),
        "only the admin sees invitations"
    );

    // The link worked once.
    let again = family.app.send_as(&new_client(), joining()).await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(again).await.contains("niet (meer) geldig"));
    let history: i64 =
        db::query_scalar("SELECT COUNT(*) FROM page_history WHERE care_page_id = $1")
            .bind(family.page_id)
            .fetch_one(family.app.state.db.reader())
            .await
            .unwrap();
    assert_eq!(history, 2, "invited and accepted, both recorded");
}

#[tokio::test]
async fn an_existing_account_accepts_while_logged_in_as_the_invited_address() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    family
        .app
        .sign_up("Bram", "Visser", "bram@example.nl")
        .await;
    family.invite_as(&admin, "bram@example.nl", "trusted").await;
    let code = family.invitation_code("bram@example.nl").await;

    // Someone else, logged in, cannot use Bram's link.
    let pieter = family.client_of(TRUSTED).await;
    let wrong = family
        .app
        .send_as(
            &pieter,
            AcceptInvitation {
                code: code.to_string(),
            },
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(wrong)
        .await
        .contains("de uitnodiging is voor bram@example.nl"));
    // Registering anew with a known address is refused too.
    let fresh = family
        .app
        .send_as(
            &new_client(),
            JoinWithNewAccount {
                code: code.to_string(),
                first_name: "Bram".into(),
                last_name: "Visser".into(),
                password: PASSWORD.to_string(),
                password_repeat: PASSWORD.to_string(),
            },
        )
        .await;
    assert_eq!(fresh.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(fresh).await.contains("Log in"));

    let view: InvitationView = family
        .app
        .send(Invitation {
            code: code.to_string(),
        })
        .await
        .json()
        .await
        .unwrap();
    assert!(view.has_account && view.signed_in_as.as_deref() == Some("bram@example.nl"));
    assert_eq!(
        family
            .app
            .send(AcceptInvitation {
                code: code.to_string()
            })
            .await
            .status(),
        StatusCode::OK
    );
    let me = family
        .connections_as(&family.app.client)
        .await
        .members
        .into_iter()
        .find(|m| m.is_me)
        .unwrap();
    assert_eq!(me.role, Role::Trusted);
}

#[tokio::test]
async fn only_the_admin_invites_and_bad_invitations_change_nothing() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    for email in [TRUSTED, HELPER, STAFF] {
        let client = family.client_of(email).await;
        assert_eq!(
            family
                .invite_as(&client, "iemand@example.nl", "helper")
                .await
                .status(),
            StatusCode::NOT_FOUND,
            "{email}"
        );
    }
    assert_eq!(
        family
            .invite_as(&new_client(), "iemand@example.nl", "helper")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    // No role chosen is asked for; a role no form offers (the admin's own
    // passes only by handing over) is not read at all.
    for (email, role, expected) in [
        ("iemand@example.nl", "", "Kies een rol"),
        ("iemand@example.nl", "admin", "kloppen niet"),
        ("iemand@example.nl", "eigenaar", "kloppen niet"),
        ("geen-adres", "helper", "geen e-mailadres"),
        (HELPER, "trusted", "heeft al toegang"),
    ] {
        let response = family.invite_as(&admin, email, role).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let message = error_message(response).await;
        assert!(
            message.contains(expected),
            "{message} should contain {expected}"
        );
    }
    assert_eq!(family.app.count("invitations").await, 0);
    family
        .invite_as(&admin, "iemand@example.nl", "helper")
        .await;
    let twice = family
        .invite_as(&admin, "Iemand@Example.nl", "helper")
        .await;
    assert!(error_message(twice)
        .await
        .contains("staat al een uitnodiging open"));
    assert_eq!(family.app.count("invitations").await, 1);
}

#[tokio::test]
async fn a_withdrawn_or_expired_invitation_no_longer_works() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    family.invite_as(&admin, "een@example.nl", "helper").await;
    family.invite_as(&admin, "twee@example.nl", "helper").await;
    let pending = family.connections_as(&admin).await.pending.unwrap();
    let first = pending
        .iter()
        .find(|p| p.email == "een@example.nl")
        .unwrap()
        .id;

    // Not from another page, not by a helper.
    let helper = family.client_of(HELPER).await;
    assert_eq!(
        family
            .app
            .send_as(
                &helper,
                WithdrawInvitation {
                    page_id: family.page_id,
                    invitation_id: first
                }
            )
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let other: i64 = family
        .app
        .send_as(
            &admin,
            CreateCarePage {
                first_name: "Anton".into(),
                last_name: "Bakker".into(),
                birth_date: DateField("1936-05-05".parse().ok()),
            },
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        family
            .app
            .send_as(
                &admin,
                WithdrawInvitation {
                    page_id: other,
                    invitation_id: first
                }
            )
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    assert_eq!(
        family
            .app
            .send_as(
                &admin,
                WithdrawInvitation {
                    page_id: family.page_id,
                    invitation_id: first
                }
            )
            .await
            .status(),
        StatusCode::OK
    );
    let code = family.invitation_code("een@example.nl").await;
    assert_eq!(
        family
            .app
            .send_as(
                &new_client(),
                Invitation {
                    code: code.to_string()
                }
            )
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );

    db::query("UPDATE invitations SET expires_at = '2000-01-01T00:00:00Z'")
        .execute(family.app.state.db.writer())
        .await
        .unwrap();
    let code = family.invitation_code("twee@example.nl").await;
    let expired = family
        .app
        .send_as(
            &new_client(),
            JoinWithNewAccount {
                code: code.to_string(),
                first_name: "Twee".into(),
                last_name: "Jansen".into(),
                password: PASSWORD.to_string(),
                password_repeat: PASSWORD.to_string(),
            },
        )
        .await;
    assert_eq!(expired.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(expired).await.contains("verlopen"));
    assert_eq!(family.app.count("accounts").await, 6, "no account was made");
}

#[tokio::test]
async fn staff_see_no_connections() {
    let family = demo_family().await;
    let staff = family.client_of(STAFF).await;
    let response = family
        .app
        .send_as(
            &staff,
            Connections {
                page_id: family.page_id,
            },
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

async fn account_id(family: &Family, email: &str) -> i64 {
    db::query_scalar("SELECT id FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_one(family.app.state.db.reader())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_admin_changes_roles_and_it_counts_at_the_next_request() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let helper = family.client_of(HELPER).await;
    let sanne = account_id(&family, HELPER).await;
    let page_view = |client: Client| {
        let app = &family.app;
        async move {
            let view: kring_app::care_pages::CarePageView = app
                .send_as(
                    &client,
                    CarePage {
                        page_id: family.page_id,
                    },
                )
                .await
                .json()
                .await
                .unwrap();
            view.actor
        }
    };
    assert_eq!(
        page_view(helper.clone()).await,
        kring_app::policy::Actor::Member(Role::Helper)
    );

    // Not by the trusted member, not to admin, not for someone who is not a member.
    let pieter = family.client_of(TRUSTED).await;
    let forged = family
        .app
        .send_as(
            &pieter,
            SetRole {
                page_id: family.page_id,
                account_id: sanne,
                role: Some(GivenRole::Trusted),
            },
        )
        .await;
    assert_eq!(forged.status(), StatusCode::NOT_FOUND);
    let to_admin = family
        .app
        .call_as(
            &admin,
            "set_role",
            &[
                ("page_id", &family.page_id.to_string()),
                ("account_id", &sanne.to_string()),
                ("role", "admin"),
            ],
        )
        .await;
    assert_eq!(to_admin.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(to_admin).await.contains("kloppen niet"));
    let fatima = account_id(&family, STAFF).await;
    let stranger = family
        .app
        .send_as(
            &admin,
            SetRole {
                page_id: family.page_id,
                account_id: fatima,
                role: Some(GivenRole::Trusted),
            },
        )
        .await;
    assert_eq!(stranger.status(), StatusCode::NOT_FOUND);
    let marieke = account_id(&family, ADMIN).await;
    let own = family
        .app
        .send_as(
            &admin,
            SetRole {
                page_id: family.page_id,
                account_id: marieke,
                role: Some(GivenRole::Helper),
            },
        )
        .await;
    assert!(error_message(own).await.contains("beheer over te dragen"));
    assert_eq!(
        page_view(helper.clone()).await,
        kring_app::policy::Actor::Member(Role::Helper)
    );

    let promote = family
        .app
        .send_as(
            &admin,
            SetRole {
                page_id: family.page_id,
                account_id: sanne,
                role: Some(GivenRole::Trusted),
            },
        )
        .await;
    assert_eq!(promote.status(), StatusCode::OK);
    assert_eq!(
        page_view(helper.clone()).await,
        kring_app::policy::Actor::Member(Role::Trusted),
        "at once"
    );
}

#[tokio::test]
async fn removing_a_member_and_leaving_end_access_and_the_admin_stays() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let helper = family.client_of(HELPER).await;
    let trusted = family.client_of(TRUSTED).await;
    let sanne = account_id(&family, HELPER).await;
    let marieke = account_id(&family, ADMIN).await;

    assert_eq!(
        family
            .app
            .send_as(
                &helper,
                RemoveMember {
                    page_id: family.page_id,
                    account_id: marieke
                }
            )
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let admin_out = family
        .app
        .send_as(
            &admin,
            RemoveMember {
                page_id: family.page_id,
                account_id: marieke,
            },
        )
        .await;
    assert_eq!(admin_out.status(), StatusCode::BAD_REQUEST);
    let admin_leaves = family
        .app
        .send_as(
            &admin,
            LeavePage {
                page_id: family.page_id,
            },
        )
        .await;
    assert!(error_message(admin_leaves).await.contains("overgedragen"));
    assert_eq!(family.app.count("members").await, 3);

    assert_eq!(
        family
            .app
            .send_as(
                &admin,
                RemoveMember {
                    page_id: family.page_id,
                    account_id: sanne
                }
            )
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        family
            .app
            .send_as(
                &helper,
                CarePage {
                    page_id: family.page_id
                }
            )
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "at her next request"
    );

    let left = family
        .app
        .send_as(
            &trusted,
            LeavePage {
                page_id: family.page_id,
            },
        )
        .await;
    assert_eq!(left.status(), StatusCode::OK);
    assert_eq!(family.app.count("members").await, 1);
    let history: Vec<String> = family
        .app
        .history()
        .await
        .iter()
        .map(|event| event.describe(Lang::Nl.texts()))
        .collect();
    assert_eq!(
        history,
        [
            "Sanne de Wit heeft geen toegang meer",
            "Pieter Bakker heeft de pagina verlaten"
        ]
    );
}

#[tokio::test]
async fn handing_over_keeps_exactly_one_admin() {
    let family = demo_family().await;
    let admin = family.client_of(ADMIN).await;
    let pieter = account_id(&family, TRUSTED).await;
    let fatima = account_id(&family, STAFF).await;
    assert_eq!(
        family
            .app
            .send_as(
                &admin,
                HandOverAdmin {
                    page_id: family.page_id,
                    account_id: fatima
                }
            )
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        family
            .app
            .send_as(
                &admin,
                HandOverAdmin {
                    page_id: family.page_id,
                    account_id: pieter
                }
            )
            .await
            .status(),
        StatusCode::OK
    );
    let roles: Vec<(String, String)> = db::query_as(
        "SELECT a.email, m.role FROM members m JOIN accounts a ON a.id = m.account_id WHERE m.care_page_id = $1 ORDER BY a.email")
        .bind(family.page_id).fetch_all(family.app.state.db.reader()).await.unwrap();
    assert_eq!(roles.iter().filter(|(_, role)| role == "admin").count(), 1);
    assert!(roles.contains(&(TRUSTED.to_string(), "admin".to_string())));
    assert!(roles.contains(&(ADMIN.to_string(), "trusted".to_string())));
    // Marieke manages no more.
    let sanne = account_id(&family, HELPER).await;
    assert_eq!(
        family
            .app
            .send_as(
                &admin,
                RemoveMember {
                    page_id: family.page_id,
                    account_id: sanne
                }
            )
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_invitation_waits_in_the_outbox_while_the_mail_server_is_down() {
    // A mail server that is not there: the invitation stands, its mail waits.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = crate::common::spawn_app_with(|settings| {
        settings.smtp_url = Some(format!("smtp://127.0.0.1:{closed}"))
    })
    .await;
    kring_app::demo::seed(
        &app.state.db,
        &app.state.key,
        chrono::Utc::now().date_naive(),
    )
    .await
    .unwrap();
    let page_id: i64 = db::query_scalar("SELECT id FROM care_pages")
        .fetch_one(app.state.db.reader())
        .await
        .unwrap();
    let admin = new_client();
    app.login_as(&admin, ADMIN, kring_app::demo::DEMO_PASSWORD)
        .await;
    let form = [
        ("page_id", page_id.to_string()),
        ("email", "kees@example.nl".into()),
        ("role", "helper".into()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.call_as(&admin, "invite", &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.count("invitations").await, 1);
    assert_eq!(app.count("page_history").await, 1);
    // Asking again says it is on its way, rather than sending a second one.
    let again = app.call_as(&admin, "invite", &form).await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    // The mail server refused (nobody listens); the mail waits for its next try.
    let mut attempts = 0_i64;
    for _ in 0..200 {
        attempts =
            db::query_scalar("SELECT attempts FROM outbox WHERE recipient = 'kees@example.nl'")
                .fetch_one(app.state.db.reader())
                .await
                .unwrap();
        if attempts > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(attempts, 1);
    let counts = kring_app::outbox::queries::counts(&app.state.db, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!((counts.waiting, counts.failed), (1, 0));
}

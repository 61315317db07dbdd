//! The dossier's door: before anything medical is shown, this session types
//! a fresh 6-digit code sent by SMS to the account's confirmed mobile number
//! (valid 5 minutes, single use, 5 wrong tries). The dossier then stays open
//! for the session until half an hour passes without dossier activity, or
//! until logout (which ends the session row that holds it). Staff pass the
//! same door. Every dossier screen enters through [`enter`].

#[cfg(feature = "ssr")]
use crate::db;
use crate::error::AppError;
use crate::i18n::{fill, t};
use crate::shell::form::{ActionError, Field, FieldErrors, Submit};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::access_log::{self, Look, Outcome, Who},
    super::Gated,
    crate::access,
    crate::accounts::{session, Account},
    crate::db::Db,
    crate::policy::{allows, Action, Actor},
    crate::state::{app_state, AppState},
    crate::two_factor::session_code_queries::SessionCode,
};

/// Minutes without dossier activity after which the door closes again.
pub const OPEN_MINUTES: i64 = 30;
#[cfg(feature = "ssr")]
const CODE: SessionCode = SessionCode("dossier");

/// What the closed door shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorView {
    pub page_id: i64,
    /// The person whose dossier it is, by first name.
    pub person: String,
    /// Where the code goes, mostly hidden; `None`: no confirmed mobile number.
    pub sent_to: Option<String>,
    /// A code went out and waits to be typed.
    pub code_waiting: bool,
}

/// "Stuur mij een code": a fresh code by SMS, at most one a minute.
#[server(prefix = "/api", endpoint = "send_dossier_code")]
pub async fn send_dossier_code(page_id: i64) -> Result<String, AppError> {
    let state = app_state()?;
    let (account, actor) = at_the_door(&state, page_id, Look::CodeRequested).await?;
    let session = session::this_session_hash().ok_or(AppError::NotLoggedIn)?;
    let text = t().dossier;
    let mobile = confirmed_mobile(&state.db, account.id)
        .await?
        .ok_or_else(|| AppError::invalid(text.no_mobile))?;
    if let Some(seconds) = CODE.seconds_since_sent(&state.db, &session).await? {
        if seconds < crate::account_settings::MOBILE_CODE_INTERVAL_SECONDS {
            return Err(AppError::invalid(t().acc_code_wait));
        }
    }
    crate::limits::take_sms_to_own(&state.db, account.id).await?;
    let (code, hash) = crate::two_factor::new_code(account.id);
    let message = fill(
        text.sms_code,
        &[
            ("code", &code),
            ("minutes", &crate::two_factor::CODE_MINUTES.to_string()),
        ],
    );
    CODE.store(&state.db, &session, &hash).await?;
    let expires = chrono::Utc::now() + chrono::Duration::minutes(crate::two_factor::CODE_MINUTES);
    let sms = crate::outbox::Outgoing::sms(&mobile, &message).expires(expires);
    crate::outbox::send(&state, sms).await?;
    access_log::record(
        &state.db,
        Who {
            account: &account,
            actor,
        },
        page_id,
        Look::CodeRequested,
        Outcome::Done,
    )
    .await?;
    let sent_to = fill(
        text.code_sent,
        &[("number", &crate::two_factor::masked(&mobile))],
    );
    crate::accounts::flash::done(&state.db, sent_to).await
}

/// The code from the SMS: right opens the dossier for this session; wrong
/// counts one of the code's five tries and is written to the access log.
#[server(prefix = "/api", endpoint = "unlock_dossier")]
pub async fn unlock_dossier(page_id: i64, code: String) -> Result<(), AppError> {
    let state = app_state()?;
    let (account, actor) = at_the_door(&state, page_id, Look::Unlocked).await?;
    let session = session::this_session_hash().ok_or(AppError::NotLoggedIn)?;
    let text = t().dossier;
    // Pasted codes come with spaces ("123 456") now and then.
    let typed: String = code
        .chars()
        .take(32)
        .filter(|c| !c.is_whitespace())
        .collect();
    // The try is taken before the check: parallel guesses get five, no more.
    let sent = CODE.claim(&state.db, &session).await?;
    let right = typed.len() == 6
        && sent.is_some_and(|sent| crate::two_factor::code_hash(account.id, &typed) == sent);
    if !right {
        access_log::record(
            &state.db,
            Who {
                account: &account,
                actor,
            },
            page_id,
            Look::CodeWrong,
            Outcome::Refused,
        )
        .await?;
        return Err(AppError::invalid(text.code_wrong));
    }
    let mut tx = state.db.begin().await?;
    keep_open(&mut tx, &session).await?;
    CODE.use_up(&mut tx, &session).await?;
    access_log::record_in(
        &mut tx,
        Who {
            account: &account,
            actor,
        },
        page_id,
        Look::Unlocked,
        Outcome::Done,
    )
    .await?;
    tx.commit().await?;
    crate::accounts::flash::notice(&state.db, text.opened).await
}

/// Whether the session's account may stand at the door at all (ask a code,
/// type it); a refusal is written to the access log like a refused look.
#[cfg(feature = "ssr")]
async fn at_the_door(
    state: &AppState,
    page_id: i64,
    look: Look,
) -> Result<(Account, Actor), AppError> {
    let (account, actor) = access::actor_for_request(state, page_id).await?;
    let Some(account) = account else {
        return Err(AppError::NotLoggedIn);
    };
    if allows(actor, Action::OpenDossier) {
        return Ok((account, actor));
    }
    access_log::refuse(
        &state.db,
        Who {
            account: &account,
            actor,
        },
        page_id,
        look,
    )
    .await
}

/// Who is inside the dossier for this request.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone)]
pub struct Inside {
    pub account: Account,
    pub actor: Actor,
}

#[cfg(feature = "ssr")]
impl Inside {
    /// The organisation whose writing staff may see; `None` for the family,
    /// who see what every organisation wrote.
    pub fn staff_of(&self) -> Option<i64> {
        match self.actor {
            Actor::LinkedStaff => self.account.provider_id,
            _ => None,
        }
    }

    pub fn author_name(&self) -> String {
        format!("{} {}", self.account.first_name, self.account.last_name)
    }

    /// Writes this change's row in the access log, in the change's transaction.
    pub async fn record_in(
        &self,
        tx: &mut db::Tx,
        page_id: i64,
        look: Look,
    ) -> Result<(), AppError> {
        let who = Who {
            account: &self.account,
            actor: self.actor,
        };
        access_log::record_in(tx, who, page_id, look, Outcome::Done).await
    }
}

/// Enters the dossier of `page_id` to do `action` (asked with the actor and
/// whether this session's door is open): open, it keeps the door open another
/// half hour and writes `look` to the access log, in one transaction; closed
/// for someone who may pass it, the door; refused, a log row and "not found".
#[cfg(feature = "ssr")]
pub async fn enter(
    state: &AppState,
    page_id: i64,
    action: impl Fn(Actor, bool) -> Action,
    look: Look,
) -> Result<Gated<Inside>, AppError> {
    enter_as(
        state,
        Caller::of_request(state).await?,
        page_id,
        action,
        look,
    )
    .await
}

/// The account and session of a request, however they were found.
#[cfg(feature = "ssr")]
pub struct Caller {
    pub account: Option<Account>,
    pub session: Option<Vec<u8>>,
}

#[cfg(feature = "ssr")]
impl Caller {
    /// For server functions: from this request's session cookie.
    pub async fn of_request(state: &AppState) -> Result<Caller, AppError> {
        Ok(Caller {
            account: session::current_account(&state.db).await?,
            session: session::this_session_hash(),
        })
    }

    /// For routes outside Leptos (the PDF, the CSV): from the cookie header.
    pub async fn from_headers(
        state: &AppState,
        headers: &http::HeaderMap,
    ) -> Result<Caller, AppError> {
        let secure = state.settings.https();
        Ok(Caller {
            account: session::account_from_headers(&state.db, headers, secure).await?,
            session: session::session_hash_from_headers(headers, secure),
        })
    }
}

/// [`enter`] for a caller found some other way.
#[cfg(feature = "ssr")]
pub async fn enter_as(
    state: &AppState,
    caller: Caller,
    page_id: i64,
    action: impl Fn(Actor, bool) -> Action,
    look: Look,
) -> Result<Gated<Inside>, AppError> {
    pass(state, caller, page_id, action, look, Recording::Now).await
}

/// Whether passing the door writes its row at once (a look), or leaves it
/// to the change, which writes it in its own transaction once the input
/// was right (so the log never says "added" when nothing was).
#[cfg(feature = "ssr")]
#[derive(PartialEq)]
enum Recording {
    Now,
    WithTheChange,
}

#[cfg(feature = "ssr")]
async fn pass(
    state: &AppState,
    caller: Caller,
    page_id: i64,
    action: impl Fn(Actor, bool) -> Action,
    look: Look,
    recording: Recording,
) -> Result<Gated<Inside>, AppError> {
    let Caller { account, session } = caller;
    let actor = access::actor_of(state, account.as_ref(), page_id).await?;
    let Some(account) = account else {
        return Err(AppError::NotLoggedIn);
    };
    let fresh = match &session {
        Some(session) => is_open(&state.db, session).await?,
        None => false,
    };
    // Both states are the policy's to decide: what this actor may do with
    // the door closed, and whether they may pass it at all.
    let while_closed = allows(actor, action(actor, false));
    let once_open = allows(actor, action(actor, true));
    let who = Who {
        account: &account,
        actor,
    };
    if (fresh && once_open) || while_closed {
        let mut tx = state.db.begin().await?;
        keep_open(&mut tx, session.as_deref().unwrap_or_default()).await?;
        if recording == Recording::Now {
            access_log::record_in(&mut tx, who, page_id, look, Outcome::Done).await?;
        }
        tx.commit().await?;
        return Ok(Gated::Open(Inside { account, actor }));
    }
    if once_open {
        let session = session.unwrap_or_default();
        return Ok(Gated::Locked(
            door_view(&state.db, &account, page_id, &session).await?,
        ));
    }
    access_log::refuse(&state.db, who, page_id, look).await
}

/// [`enter`] for a change: a closed door is an error that says so, and
/// nothing is saved. The change writes its own row with
/// [`Inside::record_in`], in the transaction that saves it.
#[cfg(feature = "ssr")]
pub async fn enter_to_write(
    state: &AppState,
    page_id: i64,
    action: impl Fn(Actor, bool) -> Action,
    look: Look,
) -> Result<Inside, AppError> {
    let caller = Caller::of_request(state).await?;
    match pass(
        state,
        caller,
        page_id,
        action,
        look,
        Recording::WithTheChange,
    )
    .await?
    {
        Gated::Open(inside) => Ok(inside),
        Gated::Locked(_) => Err(AppError::invalid(t().dossier.locked)),
    }
}

/// The door stays open another half hour from now, for this session.
#[cfg(feature = "ssr")]
async fn keep_open(tx: &mut db::Tx, session: &[u8]) -> Result<(), AppError> {
    super::door_queries::mark_active(tx, session, chrono::Utc::now()).await
}

#[cfg(feature = "ssr")]
async fn is_open(db: &Db, session: &[u8]) -> Result<bool, AppError> {
    let Some(at) = super::door_queries::last_active(db, session).await? else {
        return Ok(false);
    };
    let idle = chrono::Utc::now().signed_duration_since(at);
    Ok(idle < chrono::Duration::minutes(OPEN_MINUTES))
}

#[cfg(feature = "ssr")]
async fn confirmed_mobile(db: &Db, account_id: i64) -> Result<Option<String>, AppError> {
    super::door_queries::confirmed_mobile(db, account_id).await
}

#[cfg(feature = "ssr")]
async fn door_view(
    db: &Db,
    account: &Account,
    page_id: i64,
    session: &[u8],
) -> Result<DoorView, AppError> {
    let person = crate::care_pages::page(db, page_id)
        .await?
        .ok_or(AppError::NotFound)?
        .first_name;
    Ok(DoorView {
        page_id,
        person,
        sent_to: confirmed_mobile(db, account.id)
            .await?
            .as_deref()
            .map(crate::two_factor::masked),
        code_waiting: CODE.waiting(db, session).await?.is_some(),
    })
}

// ---- in the browser ----

/// The door's two forms, made at the top of a dossier screen; the screen's
/// resource follows [`DoorActions::version`], so it opens once the code is right.
#[derive(Clone, Copy)]
pub struct DoorActions {
    pub send: ServerAction<SendDossierCode>,
    pub unlock: ServerAction<UnlockDossier>,
}

impl DoorActions {
    pub fn new() -> Self {
        let send = ServerAction::<SendDossierCode>::new();
        let unlock = ServerAction::<UnlockDossier>::new();
        crate::shell::notice::Notice::after_answer(send);
        crate::shell::notice::Notice::after(unlock, t().dossier.opened);
        Self { send, unlock }
    }

    pub fn version(self) -> usize {
        self.send.version().get() + self.unlock.version().get()
    }
}

impl Default for DoorActions {
    fn default() -> Self {
        Self::new()
    }
}

/// The closed door: why it is closed, and the code step.
#[component]
pub fn DossierDoor(door: DoorView, actions: DoorActions) -> impl IntoView {
    let text = t().dossier;
    let page_id = door.page_id.to_string();
    let page_id_again = page_id.clone();
    view! {
        <section class="card dossier-door" aria-labelledby="deur-titel">
            <h1 id="deur-titel">{fill(text.title, &[("person", &door.person)])}</h1>
            <p>{text.door_why}</p>
            {match door.sent_to.clone() {
                None => view! {
                    <p class="error">{text.no_mobile}</p>
                    <p><a class="button" href=crate::routes::ACCOUNT>{t().nav_account}</a></p>
                }.into_any(),
                Some(sent_to) => view! {
                    <ActionForm action=actions.send>
                        <input type="hidden" name="page_id" value=page_id.clone()/>
                        <p>{fill(text.door_sends_to, &[("number", &sent_to)])}</p>
                        <ActionError action=actions.send/>
                        <button type="submit" class=if door.code_waiting { "" } else { "primary" }>
                            {if door.code_waiting { text.send_again } else { text.send_code }}
                        </button>
                    </ActionForm>
                    {door.code_waiting.then(|| view! {
                        <ActionForm action=actions.unlock>
                            <FieldErrors action=actions.unlock>
                                <input type="hidden" name="page_id" value=page_id_again.clone()/>
                                <Field label=text.code_label name="code" autocomplete="one-time-code"
                                    inputmode="numeric" maxlength=12 hint=text.code_hint/>
                                <ActionError action=actions.unlock/>
                                <Submit action=actions.unlock label=text.open/>
                            </FieldErrors>
                        </ActionForm>
                    })}
                }.into_any(),
            }}
        </section>
    }
}

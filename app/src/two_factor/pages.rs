//! Screens of two-step login: the second step after the password, and the
//! section of Mijn gegevens where it is set up, changed or switched off.

use super::api::{
    two_factor_settings, ConfirmTwoFactor, DisableTwoFactor, NewRecoveryCodes, StartTwoFactor,
};
use super::reconfirm::{
    reconfirm_status, Reconfirm, ReconfirmView, SendReconfirmCode, RECONFIRM_MINUTES,
};
use super::step::{second_step, ResendSecondStep, VerifySecondStep};
use super::{Method, SetupStarted, TwoFactorView};
use crate::accounts::password;
use crate::fields::PhoneNumber;
use crate::i18n::{fill, t};
use crate::shell::form::{ActionDone, ActionError, Field, FieldErrors, Submit};
use crate::shell::notice::Notice;
use crate::shell::ViewerEpoch;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// `/inloggen/code`: the second step of a login.
#[component]
pub fn SecondStepPage() -> impl IntoView {
    let text = t();
    let verify = ServerAction::<VerifySecondStep>::new();
    let resend = ServerAction::<ResendSecondStep>::new();
    Notice::after(resend, text.tf_resent);
    ViewerEpoch::refresh_session_after(verify);
    let step = Resource::new(|| (), |_| second_step());
    view! {
        <Title text=format!("{} – {}", text.tf_step_title, text.app_name)/>
        <section class="card narrow">
            <h1>{text.tf_step_title}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match step.await {
                        Err(error) => view! {
                            <p class="error" role="alert">{error.to_string()}</p>
                            <p><A href=crate::routes::LOG_IN>{text.log_in}</A></p>
                        }.into_any(),
                        Ok(step) => {
                            let intro = match (step.method, step.sent_to.clone()) {
                                (None, _) => text.tf_step_late.to_string(),
                                (Some(Method::Totp), _) => text.tf_step_app.to_string(),
                                (Some(Method::Voice), Some(to)) => fill(text.tf_step_voice, &[("number", &to)]),
                                (Some(_), to) => fill(text.tf_step_sms, &[("number", &to.unwrap_or_default())]),
                            };
                            view! {
                                <p>{intro}</p>
                                {step.method.is_none().then(|| view! {
                                    <p>
                                        {text.tf_step_late_forgot}" "
                                        <A href=crate::routes::FORGOT_PASSWORD>{text.forgot_password}</A>
                                    </p>
                                })}
                                <ActionForm action=verify>
                                    <ActionError action=verify/>
                                    <CodeField label=text.tf_code hint=text.tf_code_hint/>
                                    <Submit action=verify label=text.log_in/>
                                </ActionForm>
                                <ActionForm action=verify>
                                    <RecoveryCode>
                                        <Submit action=verify label=text.log_in/>
                                    </RecoveryCode>
                                </ActionForm>
                                {(step.method != Some(Method::Totp)).then(|| view! {
                                    <ActionForm action=resend>
                                        <ActionError action=resend/>
                                        <ActionDone action=resend message=text.tf_resent/>
                                        <button type="submit" class="secondary">{text.tf_resend}</button>
                                    </ActionForm>
                                })}
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A one-time code: paste and the phone's autofill welcome. Six digits open
/// the phone's number pad; a recovery code (`digits` false) has letters.
/// `id` tells it apart from another code field on the page.
#[component]
fn CodeField(
    label: &'static str,
    hint: &'static str,
    #[prop(default = "veld-code")] id: &'static str,
    #[prop(default = true)] digits: bool,
) -> impl IntoView {
    let hint_id = format!("{id}-uitleg");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <p class="hint" id=hint_id.clone()>{hint}</p>
            <input id=id name="code" type="text"
                autocomplete=digits.then_some("one-time-code")
                inputmode=digits.then_some("numeric")
                autocapitalize="off" spellcheck="false" maxlength="20" required
                aria-describedby=hint_id/>
        </div>
    }
}

/// "Telefoon kwijt?": a recovery code, in a form of its own (`children`)
/// behind a disclosure, so the usual code field can open the number pad.
/// The form sends it to the same server function as the six digits.
#[component]
fn RecoveryCode(children: Children) -> impl IntoView {
    let text = t();
    view! {
        <details class="recovery">
            <summary>{text.tf_use_recovery}</summary>
            <CodeField label=text.tf_recovery_code hint=text.tf_recovery_hint id="veld-herstelcode" digits=false/>
            {children()}
        </details>
    }
}

/// The actions and data of "Bevestig dat jij het bent". Made where the page
/// starts (with the page's other resources), not inside a part that waits
/// for data: resources made there can differ in order between the server and
/// the browser, and the page would then fail to come alive.
#[derive(Clone, Copy)]
pub struct ReconfirmState {
    send: ServerAction<SendReconfirmCode>,
    confirm: ServerAction<Reconfirm>,
    status: Resource<Result<ReconfirmView, crate::error::AppError>>,
}

impl ReconfirmState {
    pub fn new() -> Self {
        let send = ServerAction::<SendReconfirmCode>::new();
        let confirm = ServerAction::<Reconfirm>::new();
        let status = Resource::new(
            move || send.version().get() + confirm.version().get(),
            |_| reconfirm_status(),
        );
        Self {
            send,
            confirm,
            status,
        }
    }
}

impl Default for ReconfirmState {
    fn default() -> Self {
        Self::new()
    }
}

/// "Bevestig dat jij het bent", above the changes that ask for it; only for
/// an account with a second factor. Without JavaScript each button is a
/// plain form and the page comes back with the new state.
#[component]
pub fn ReconfirmSection(state: ReconfirmState) -> impl IntoView {
    let ReconfirmState {
        send,
        confirm,
        status,
    } = state;
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                status.await.ok().filter(|status| status.method.is_some()).map(|status| view! {
                    <ReconfirmCard status send confirm/>
                })
            })}
        </Suspense>
    }
}

#[component]
fn ReconfirmCard(
    status: ReconfirmView,
    send: ServerAction<SendReconfirmCode>,
    confirm: ServerAction<Reconfirm>,
) -> impl IntoView {
    let text = t();
    let by_phone = status.method.is_some_and(|method| method != Method::Totp);
    let open = status.minutes_left.map(|minutes| text.rc_open.of(minutes));
    view! {
        <section class="card" id="bevestigen">
            <h2>{text.rc_title}</h2>
            <p>{fill(text.rc_intro, &[("minutes", &RECONFIRM_MINUTES.to_string())])}</p>
            <div class="status-slot" role="status">
                {open.map(|open| view! { <p class="success">{open}</p> })}
                {(status.code_waiting && status.minutes_left.is_none()).then(|| view! {
                    <p>{fill(text.rc_sent, &[("number", &status.sent_to.clone().unwrap_or_default())])}</p>
                })}
            </div>
            {(status.minutes_left.is_none()).then(|| view! {
                {by_phone.then(|| view! {
                    <ActionForm action=send>
                        <ActionError action=send/>
                        <button type="submit" class="secondary">{text.rc_send}</button>
                    </ActionForm>
                })}
                <ActionForm action=confirm>
                    <CodeField label=text.rc_code hint=text.rc_code_hint id="code-bevestigen"/>
                    <ActionError action=confirm/>
                    <Submit action=confirm label=text.rc_button/>
                </ActionForm>
                <ActionForm action=confirm>
                    <RecoveryCode>
                        <Submit action=confirm label=text.rc_button/>
                    </RecoveryCode>
                </ActionForm>
            })}
        </section>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    start: ServerAction<StartTwoFactor>,
    confirm: ServerAction<ConfirmTwoFactor>,
    recovery: ServerAction<NewRecoveryCodes>,
    disable: ServerAction<DisableTwoFactor>,
}

/// The actions and data of the two-step section; made where the page starts
/// (see [`ReconfirmState`]).
#[derive(Clone, Copy)]
pub struct TwoFactorState {
    actions: Actions,
    settings: Resource<Result<TwoFactorView, crate::error::AppError>>,
}

impl TwoFactorState {
    pub fn new() -> Self {
        let actions = Actions {
            start: ServerAction::new(),
            confirm: ServerAction::new(),
            recovery: ServerAction::new(),
            disable: ServerAction::new(),
        };
        Notice::after(actions.disable, t().tf_disabled);
        let settings = Resource::new(
            move || {
                actions.start.version().get()
                    + actions.confirm.version().get()
                    + actions.recovery.version().get()
                    + actions.disable.version().get()
            },
            |_| two_factor_settings(),
        );
        Self { actions, settings }
    }
}

impl Default for TwoFactorState {
    fn default() -> Self {
        Self::new()
    }
}

/// The two-step section of Mijn gegevens.
#[component]
pub fn TwoFactorSection(state: TwoFactorState) -> impl IntoView {
    let TwoFactorState { actions, settings } = state;
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                settings.await.ok().map(|settings| view! { <TwoFactorCard settings actions/> })
            })}
        </Suspense>
    }
}

#[component]
fn TwoFactorCard(settings: TwoFactorView, actions: Actions) -> impl IntoView {
    let text = t();
    let now = match settings.method {
        Some(method) => {
            let label = match &settings.sent_to {
                Some(to) => format!("{} ({to})", method.label()),
                None => method.label().to_string(),
            };
            fill(text.tf_on, &[("method", &label)])
        }
        None => text.tf_off.to_string(),
    };
    let has_factor = settings.method.is_some();
    view! {
        <section class="card" id="tweestaps">
            <h2>{text.tf_title}</h2>
            <p>{text.tf_intro}</p>
            <p><strong>{now}</strong></p>
            {has_factor.then(|| view! {
                <p>{text.tf_recovery_left.of(settings.recovery_codes_left)}</p>
            })}
            <RecoveryCodes action=actions.confirm/>
            <RecoveryCodes action=actions.recovery/>
            // Made by a form sent without JavaScript: the server kept them for this page.
            {(!settings.fresh_recovery_codes.is_empty()).then(|| view! {
                <div role="status">{codes_list(settings.fresh_recovery_codes.clone())}</div>
            })}
            {settings.waiting.clone().map(|waiting| view! { <WaitingSetup waiting action=actions.confirm/> })}
            <StartForm settings=settings.clone() action=actions.start/>
            {has_factor.then(|| view! {
                <details class="confirm-step">
                    <summary>{text.tf_new_codes}</summary>
                    <ActionForm action=actions.recovery>
                        <FieldErrors action=actions.recovery>
                            <Field label=text.tf_password_for_codes name="current_password" id="wachtwoord-herstelcodes" kind="password" autocomplete="current-password" maxlength=password::MAX_LEN/>
                            <ActionError action=actions.recovery/>
                            <Submit action=actions.recovery label=text.tf_new_codes/>
                        </FieldErrors>
                    </ActionForm>
                </details>
            })}
            {(has_factor && !settings.required).then(|| view! {
                <details class="confirm-step">
                    <summary>{text.tf_disable}</summary>
                    <ActionForm action=actions.disable>
                        <FieldErrors action=actions.disable>
                            <Field label=text.tf_password_for_disable name="current_password" id="wachtwoord-uitzetten" kind="password" autocomplete="current-password" maxlength=password::MAX_LEN/>
                            <ActionError action=actions.disable/>
                            <button type="submit" class="danger">{text.tf_disable}</button>
                        </FieldErrors>
                    </ActionForm>
                </details>
            })}
            {(has_factor && settings.required).then(|| view! { <p class="hint">{text.tf_required}</p> })}
            <ActionDone action=actions.disable message=text.tf_disabled/>
        </section>
    }
}

/// Choosing how: text message, phone call or app; after the password.
#[component]
fn StartForm(settings: TwoFactorView, action: ServerAction<StartTwoFactor>) -> impl IntoView {
    let text = t();
    let has_mobile = settings.mobile.is_some();
    view! {
        <ActionForm action=action>
            <FieldErrors action=action>
                <fieldset>
                    <legend>{if settings.method.is_some() { text.tf_change } else { text.tf_set_up }}</legend>
                    <div class="field checkbox">
                        <input id="tf-totp" type="radio" name="method" value=Method::Totp.as_db() required/>
                        <label for="tf-totp">{text.tf_method_totp}</label>
                    </div>
                    <div class="field checkbox">
                        <input id="tf-sms" type="radio" name="method" value=Method::Sms.as_db() disabled=!has_mobile/>
                        <label for="tf-sms">{text.tf_method_sms}</label>
                    </div>
                    {(!has_mobile).then(|| view! { <p class="hint">{text.tf_needs_mobile}</p> })}
                    <div class="field checkbox">
                        <input id="tf-voice" type="radio" name="method" value=Method::Voice.as_db()/>
                        <label for="tf-voice">{text.tf_method_voice}</label>
                    </div>
                    <Field label=text.tf_landline name="landline" kind="tel" autocomplete="tel" required=false maxlength=PhoneNumber::MAX_LEN hint=text.tf_landline_hint/>
                </fieldset>
                <Field label=text.tf_password_for_setup name="current_password" id="wachtwoord-tweestaps" kind="password" autocomplete="current-password" maxlength=password::MAX_LEN/>
                <ActionError action=action/>
                <Submit action=action label=text.tf_start/>
            </FieldErrors>
        </ActionForm>
    }
}

/// A setup waiting for its first code: the QR code to scan (with the secret
/// to type), or where the code went.
#[component]
fn WaitingSetup(waiting: SetupStarted, action: ServerAction<ConfirmTwoFactor>) -> impl IntoView {
    let text = t();
    let explanation = match (&waiting.sent_to, waiting.method) {
        (Some(to), Method::Voice) => fill(text.tf_step_voice, &[("number", to)]),
        (Some(to), _) => fill(text.tf_step_sms, &[("number", to)]),
        (None, _) => text.tf_scan.to_string(),
    };
    view! {
        <div class="setup">
            <p>{explanation}</p>
            {waiting.qr_svg.clone().map(|svg| view! {
                <figure class="qr">
                    <div role="img" aria-label=text.tf_qr_label inner_html=svg></div>
                    <figcaption>{text.tf_secret} " " <code class="secret">{waiting.secret.clone()}</code></figcaption>
                </figure>
            })}
            <ActionForm action=action>
                <CodeField label=text.tf_code hint=text.tf_first_code_hint/>
                <ActionError action=action/>
                <Submit action=action label=text.tf_confirm/>
            </ActionForm>
        </div>
    }
}

/// Recovery codes, shown once after they are made.
#[component]
fn RecoveryCodes<S>(action: ServerAction<S>) -> impl IntoView
where
    S: leptos::server_fn::ServerFn<Output = Vec<String>, Error = crate::error::AppError>
        + Clone
        + Send
        + Sync
        + 'static,
{
    view! {
        <div role="status">
            {move || action.value().get().and_then(Result::ok).map(codes_list)}
        </div>
    }
}

fn codes_list(codes: Vec<String>) -> impl IntoView {
    view! {
        <div class="recovery-codes">
            <p class="success">{t().tf_codes_intro}</p>
            <ul>{codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}</ul>
        </div>
    }
}

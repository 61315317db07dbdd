//! The "Mijn gegevens" screen and the page behind the e-mail-change link.

use super::api::{
    my_account, ChangeEmail, ChangeName, ChangePassword, ConfirmEmailChange, ConfirmMobile,
    DeleteAccount, RemoveMobile, SendMobileCode,
};
use super::AccountSettings;
use crate::accounts::password;
use crate::fields::{readable_mobile, EmailAddress, MobileNumber, PersonName};
use crate::i18n::{fill, t};
use crate::shell::form::{ActionDone, ActionError, Field, FieldErrors, Submit};
use crate::shell::notice::Notice;
use crate::shell::ViewerEpoch;
use crate::two_factor::pages::{
    ReconfirmSection, ReconfirmState, TwoFactorSection, TwoFactorState,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[derive(Clone, Copy)]
struct SettingsActions {
    name: ServerAction<ChangeName>,
    email: ServerAction<ChangeEmail>,
    password: ServerAction<ChangePassword>,
    send_code: ServerAction<SendMobileCode>,
    confirm_code: ServerAction<ConfirmMobile>,
    remove_mobile: ServerAction<RemoveMobile>,
    delete: ServerAction<DeleteAccount>,
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let text = t();
    let actions = SettingsActions {
        name: ServerAction::new(),
        email: ServerAction::new(),
        password: ServerAction::new(),
        send_code: ServerAction::new(),
        confirm_code: ServerAction::new(),
        remove_mobile: ServerAction::new(),
        delete: ServerAction::new(),
    };
    ViewerEpoch::refresh_session_after(actions.delete);
    Notice::after(actions.name, text.saved);
    Notice::after_answer(actions.email);
    Notice::after(actions.password, text.acc_password_changed);
    Notice::after(actions.send_code, text.acc_code_on_its_way);
    Notice::after(actions.confirm_code, text.acc_mobile_confirmed);
    Notice::after(actions.remove_mobile, text.acc_mobile_removed);
    // Every resource of the page made here, first, in one fixed order.
    let reconfirm = ReconfirmState::new();
    let two_factor = TwoFactorState::new();
    let settings = Resource::new(
        move || {
            actions.name.version().get()
                + actions.email.version().get()
                + actions.send_code.version().get()
                + actions.confirm_code.version().get()
                + actions.remove_mobile.version().get()
        },
        |_| my_account(),
    );
    view! {
        <Title text=format!("{} – {}", text.nav_account, text.app_name)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match settings.await {
                    Err(error) => view! {
                        <section class="card"><h1>{text.nav_account}</h1><p class="error" role="alert">{error.to_string()}</p></section>
                    }.into_any(),
                    Ok(settings) => view! { <Settings settings actions reconfirm two_factor/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Settings(
    settings: AccountSettings,
    actions: SettingsActions,
    reconfirm: ReconfirmState,
    two_factor: TwoFactorState,
) -> impl IntoView {
    let text = t();
    let mobile = settings.clone();
    view! {
        <section class="card">
            <h1>{text.nav_account}</h1>
            <h2>{text.acc_name_title}</h2>
            <ActionForm action=actions.name>
                <FieldErrors action=actions.name>
                    <Field label=text.first_name name="first_name" autocomplete="given-name" maxlength=PersonName::MAX_LEN value=settings.first_name.clone()/>
                    <Field label=text.last_name name="last_name" autocomplete="family-name" maxlength=PersonName::MAX_LEN value=settings.last_name.clone()/>
                    <ActionError action=actions.name/>
                    <ActionDone action=actions.name message=text.saved/>
                    <Submit action=actions.name label=text.acc_name_save/>
                </FieldErrors>
            </ActionForm>
        </section>
        <crate::accounts::language_choice::LanguageSection/>
        <ReconfirmSection state=reconfirm/>
        <section class="card">
            <h2>{text.email}</h2>
            <p>{fill(text.acc_email_now, &[("email", &settings.email)])}</p>
            {settings.email_waiting.clone().map(|waiting| view! { <p>{fill(text.acc_email_waiting, &[("email", &waiting)])}</p> })}
            <ActionForm action=actions.email>
                <FieldErrors action=actions.email>
                    <Field label=text.acc_new_email name="new_email" kind="email" autocomplete="email" maxlength=EmailAddress::MAX_LEN/>
                    <Field label=text.acc_password_for_email name="current_password" id="wachtwoord-email" kind="password" autocomplete="current-password" maxlength=password::MAX_LEN/>
                    <ActionError action=actions.email/>
                    <div class="status-slot">
                        {move || actions.email.value().get().and_then(Result::ok).map(|message| view! { <p class="success">{message}</p> })}
                    </div>
                    <Submit action=actions.email label=text.acc_email_button/>
                </FieldErrors>
            </ActionForm>
        </section>
        <section class="card">
            <h2>{text.password}</h2>
            <p>{text.acc_password_intro}</p>
            <ActionForm action=actions.password>
                <FieldErrors action=actions.password>
                    <Field label=text.acc_current_password name="current_password" kind="password" autocomplete="current-password" maxlength=password::MAX_LEN/>
                    <Field label=text.acc_new_password name="password" kind="password" autocomplete="new-password" hint=text.password_rules maxlength=password::MAX_LEN/>
                    <Field label=text.password_repeat name="password_repeat" kind="password" autocomplete="new-password" maxlength=password::MAX_LEN/>
                    <ActionError action=actions.password/>
                    <ActionDone action=actions.password message=text.acc_password_changed/>
                    <Submit action=actions.password label=text.acc_password_button/>
                </FieldErrors>
            </ActionForm>
        </section>
        <MobileSection settings=mobile actions/>
        <crate::reminders::pages::MailChoicesSection/>
        <TwoFactorSection state=two_factor/>
        <section class="card danger-zone">
            <h2>{text.acc_delete_title}</h2>
            <p>{text.acc_delete_intro}</p>
            <ActionForm action=actions.delete>
                <FieldErrors action=actions.delete>
                    <Field label=text.acc_delete_password name="current_password" id="wachtwoord-verwijderen" kind="password" autocomplete="current-password" maxlength=password::MAX_LEN/>
                    <ActionError action=actions.delete/>
                    <button type="submit" class="danger">{text.acc_delete_button}</button>
                </FieldErrors>
            </ActionForm>
        </section>
    }
}

#[component]
fn MobileSection(settings: AccountSettings, actions: SettingsActions) -> impl IntoView {
    let text = t();
    view! {
        <section class="card">
            <h2>{text.mobile}</h2>
            <p>{text.acc_mobile_intro}</p>
            {match settings.mobile.clone() {
                Some(number) => view! {
                    <p>{fill(text.acc_mobile_now, &[("number", &readable_mobile(&number))])}</p>
                    <ActionForm action=actions.remove_mobile>
                        <FieldErrors action=actions.remove_mobile>
                            <Field label=text.acc_password_for_mobile_removal name="current_password" id="wachtwoord-mobiel-weg" kind="password" autocomplete="current-password" maxlength=password::MAX_LEN/>
                            <ActionError action=actions.remove_mobile/>
                            <button type="submit" class="danger">{text.acc_mobile_remove}</button>
                        </FieldErrors>
                    </ActionForm>
                }.into_any(),
                None => view! { <p>{text.acc_mobile_none}</p> }.into_any(),
            }}
            {
                let form = view! {
                    <ActionForm action=actions.send_code>
                        <FieldErrors action=actions.send_code>
                            <Field label=text.acc_mobile_new name="mobile" kind="tel" autocomplete="tel" hint=text.acc_mobile_hint maxlength=MobileNumber::MAX_LEN/>
                            <Field label=text.acc_password_for_mobile name="current_password" id="wachtwoord-mobiel" kind="password" autocomplete="current-password" maxlength=password::MAX_LEN/>
                            <ActionError action=actions.send_code/>
                            <Submit action=actions.send_code label=text.acc_mobile_send/>
                        </FieldErrors>
                    </ActionForm>
                };
                // With a confirmed number, another one is a choice, not a task.
                match settings.mobile.is_some() && settings.mobile_waiting.is_none() {
                    true => view! {
                        <details class="other-number"><summary>{text.acc_mobile_other}</summary>{form}</details>
                    }.into_any(),
                    false => form.into_any(),
                }
            }
            {settings.mobile_waiting.clone().map(|waiting| view! {
                <ActionForm action=actions.confirm_code>
                    <FieldErrors action=actions.confirm_code>
                        <p>{fill(text.acc_code_sent, &[("number", &readable_mobile(&waiting))])}</p>
                        <Field label=text.acc_code name="code" kind="text" inputmode="numeric" autocomplete="one-time-code" maxlength=7/>
                        <ActionError action=actions.confirm_code/>
                        <Submit action=actions.confirm_code label=text.acc_code_button/>
                    </FieldErrors>
                </ActionForm>
            })}
            <ActionDone action=actions.confirm_code message=text.acc_mobile_confirmed/>
            <ActionDone action=actions.remove_mobile message=text.acc_mobile_removed/>
        </section>
    }
}

/// The page behind the link mailed to a new address. Opening the link only
/// shows a button: mail programs that open links to scan them change nothing.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let text = t();
    let confirm = ServerAction::<ConfirmEmailChange>::new();
    ViewerEpoch::refresh_after(confirm);
    let code = use_query_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default();
    view! {
        <Title text=format!("{} – {}", text.acc_confirm_email_title, text.app_name)/>
        <section class="card narrow">
            <h1>{text.acc_confirm_email_title}</h1>
            <p>{text.acc_confirm_email_intro}</p>
            <ActionForm action=confirm>
                <input type="hidden" name="code" value=code/>
                <ActionError action=confirm/>
                <div class="status-slot" role="status">
                    {move || confirm.value().get().and_then(Result::ok).map(|message| view! { <p class="success">{message}</p> })}
                </div>
                <Submit action=confirm label=text.acc_confirm_email_button/>
            </ActionForm>
        </section>
    }
}

//! Screens of accounts: log in, register, choose a password, forgot password.

use super::api::{check_link, just_registered, ForgotPassword, Login, Register, SetPassword};
use super::{password, LinkKind, Registered};
use crate::fields::{EmailAddress, PersonName};
use crate::i18n::{fill, t};
use crate::shell::form::{ActionDone, ActionError, Field, FieldErrors, Submit};
use crate::shell::ViewerEpoch;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let text = t();
    let login = ServerAction::<Login>::new();
    ViewerEpoch::refresh_session_after(login);
    // Where "Account verwijderen" sends its owner.
    let (deleted, next) = {
        let query = use_query_map().read_untracked();
        // Where the person was going when the login page was put in the way.
        let next = query
            .get("terug")
            .and_then(|target| crate::routes::local_return(&target))
            .unwrap_or_default();
        (query.get("account").as_deref() == Some("verwijderd"), next)
    };
    view! {
        <Title text=format!("{} – {}", text.login_title, text.app_name)/>
        <section class="card narrow">
            <h1>{text.login_title}</h1>
            {deleted.then(|| view! { <p class="success" role="status">{text.acc_deleted}</p> })}
            <p>{text.login_intro}</p>
            <ActionForm action=login>
                <FieldErrors action=login>
                    <ActionError action=login/>
                    <input type="hidden" name="next" value=next/>
                    <Field label=text.email name="email" kind="email" autocomplete="username" maxlength=EmailAddress::MAX_LEN/>
                    <Field label=text.password name="password" kind="password" autocomplete="current-password" hint=text.caps_lock_hint/>
                    <Submit action=login label=text.log_in/>
                </FieldErrors>
            </ActionForm>
            <p class="links">
                <A href=crate::routes::FORGOT_PASSWORD>{text.forgot_password}</A>
                " · "
                {text.no_account_yet} " " <A href=crate::routes::REGISTER>{text.register}</A>
            </p>
        </section>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let text = t();
    let register = ServerAction::<Register>::new();
    crate::shell::notice::Notice::after(register, t().register_done);
    // Registered without JavaScript: the form came back; the server says who.
    let earlier = Resource::new_blocking(|| (), |_| just_registered());
    view! {
        <Title text=format!("{} – {}", text.register_title, text.app_name)/>
        <section class="card narrow">
            <h1>{text.register_title}</h1>
            <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
            let earlier = earlier.await.ok().flatten();
            let done = Signal::derive(move || register.value().get().and_then(Result::ok).or_else(|| earlier.clone()));
            view! {
            <Show
                when=move || done.with(Option::is_some)
                fallback=move || view! {
                    <ActionForm action=register>
                        <FieldErrors action=register>
                            <fieldset>
                                <legend><h2>{text.register_name_question}</h2></legend>
                                <p>{text.register_name_intro}</p>
                                <Field label=text.first_name name="first_name" autocomplete="given-name" maxlength=PersonName::MAX_LEN/>
                                <Field label=text.last_name name="last_name" autocomplete="family-name" maxlength=PersonName::MAX_LEN/>
                            </fieldset>
                            <Field label=text.email name="email" kind="email" autocomplete="email" maxlength=EmailAddress::MAX_LEN/>
                            <div class="field checkbox">
                                <input id="veld-terms" type="checkbox" name="terms" required/>
                                <label for="veld-terms">{text.agree_terms}</label>
                            </div>
                            <p class="hint">{text.terms_read} " "
                                <A href=crate::routes::TERMS attr:target="_blank">{text.terms}</A> " · "
                                <A href=crate::routes::PRIVACY attr:target="_blank">{text.privacy}</A>
                            </p>
                            // The seeds' "Stap 3": a newcomer with a letter.
                            <details class="letter-code">
                                <summary>{text.org.have_letter}</summary>
                                <Field label=text.org.code_label name="code" hint=text.org.code_hint required=false autocomplete="off" inputmode="numeric" maxlength=20/>
                                <Field label=text.org.birth_date_label name="code_birth_date" kind="date" required=false autocomplete="off"/>
                            </details>
                            <ActionError action=register/>
                            <Submit action=register label=text.start_button/>
                        </FieldErrors>
                    </ActionForm>
                    <p class="links">{text.have_account} " " <A href=crate::routes::LOG_IN>{text.log_in}</A></p>
                }
            >
                {move || done.get().map(|registered| view! { <CheckYourMailbox registered register/> })}
            </Show>
            }
            })}
            </Suspense>
        </section>
    }
}

/// "Kijk in je mailbox (adres)", and the same e-mail once more for whoever
/// did not receive it (counted like every link mail).
#[component]
fn CheckYourMailbox(registered: Registered, register: ServerAction<Register>) -> impl IntoView {
    let text = t();
    view! {
        <div class="status-slot">
            <p class="success">{fill(text.register_sent_to, &[("email", &registered.email)])}</p>
        </div>
        <p>{text.register_not_received}</p>
        <ActionForm action=register>
            <input type="hidden" name="first_name" value=registered.first_name/>
            <input type="hidden" name="last_name" value=registered.last_name/>
            <input type="hidden" name="email" value=registered.email/>
            <input type="hidden" name="terms" value="on"/>
            <ActionError action=register/>
            <button type="submit">{text.register_resend}</button>
        </ActionForm>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let text = t();
    let forgot = ServerAction::<ForgotPassword>::new();
    crate::shell::notice::Notice::after(forgot, t().forgot_done);
    view! {
        <Title text=format!("{} – {}", text.forgot_title, text.app_name)/>
        <section class="card narrow">
            <h1>{text.forgot_title}</h1>
            <p>{text.forgot_intro}</p>
            <ActionForm action=forgot>
                <FieldErrors action=forgot>
                    <Field label=text.email name="email" kind="email" autocomplete="email" maxlength=EmailAddress::MAX_LEN/>
                    <ActionError action=forgot/>
                    <ActionDone action=forgot message=text.forgot_done/>
                    <Submit action=forgot label=text.forgot_button/>
                </FieldErrors>
            </ActionForm>
            <p class="links"><A href=crate::routes::LOG_IN>{text.back_to_login}</A></p>
        </section>
    }
}

/// The page behind the links in the confirmation and reset e-mails.
#[component]
pub fn ChoosePasswordPage() -> impl IntoView {
    let text = t();
    let set_password = ServerAction::<SetPassword>::new();
    ViewerEpoch::refresh_session_after(set_password);
    let code = move || use_query_map().read().get("code").unwrap_or_default();
    let link = Resource::new(code, check_link);
    view! {
        <section class="card narrow">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match link.await {
                        Err(error) => view! {
                            <Title text=format!("{} – {}", text.choose_password_title, text.app_name)/>
                            <h1>{text.choose_password_title}</h1>
                            <p class="error" role="alert">{error.to_string()}</p>
                            <p class="links"><A href=crate::routes::FORGOT_PASSWORD>{text.forgot_password}</A></p>
                        }.into_any(),
                        Ok(kind) => {
                            let title = match kind {
                                LinkKind::Confirm => text.choose_password_title,
                                LinkKind::Reset => text.reset_title,
                            };
                            view! {
                                <Title text=format!("{} – {}", title, text.app_name)/>
                                <h1>{title}</h1>
                                <p>{text.password_advice}</p>
                                <ActionForm action=set_password>
                                    <FieldErrors action=set_password>
                                        <input type="hidden" name="code" value=code()/>
                                        <Field label=text.password name="password" kind="password" autocomplete="new-password"
                                            hint=text.password_rules maxlength=password::MAX_LEN/>
                                        <Field label=text.password_repeat name="password_repeat" kind="password" autocomplete="new-password"
                                            maxlength=password::MAX_LEN/>
                                        <ActionError action=set_password/>
                                        <Submit action=set_password label=text.save_password/>
                                    </FieldErrors>
                                </ActionForm>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

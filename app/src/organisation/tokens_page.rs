//! `/organisatie/api`: the organisation admin's API tokens; a new token is
//! shown once, with the scopes it was given.

use super::pages::ConsoleNav;
use super::tokens::{org_tokens, CreateToken, RevokeToken, Scope, TokensView, MAX_NAME_LEN};
use crate::i18n::{fill, t};
use crate::shell::form::{ActionError, ConfirmStep, Field, FieldErrors, Submit};
use crate::shell::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TokensPage() -> impl IntoView {
    let text = t().org;
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    Notice::after(revoke, text.token_revoked);
    let view = Resource::new(
        move || create.version().get() + revoke.version().get(),
        |_| org_tokens(),
    );
    view! {
        <Title text=format!("{} – {}", text.tokens_title, t().app_name)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match view.await {
                    Err(error) => view! {
                        <section class="card"><h1>{text.tokens_title}</h1><p class="error" role="alert">{error.to_string()}</p></section>
                    }.into_any(),
                    Ok(view) => view! { <Tokens view create revoke/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Tokens(
    view: TokensView,
    create: ServerAction<CreateToken>,
    revoke: ServerAction<RevokeToken>,
) -> impl IntoView {
    let text = t().org;
    let created = move || create.value().get().and_then(Result::ok);
    view! {
        <section class="card">
            <p class="page-of">{view.organisation.clone()}</p>
            <h1>{text.tokens_title}</h1>
            <ConsoleNav/>
            <p>{text.tokens_intro} " " <a href=crate::routes::API_DOCS>{text.api_docs}</a></p>
            {view.tokens.is_empty().then(|| view! { <p>{text.no_tokens}</p> })}
            <ul class="members">
                {view.tokens.into_iter().map(|token| view! {
                    <li>
                        <span class="member-name">{token.name.clone()}</span>
                        <span>{token.scopes.join(", ")}</span>
                        <span class="hint">{fill(text.token_created_at, &[("when", &token.created)])}</span>
                        <span class="hint">{match &token.last_used {
                            Some(when) => fill(text.token_last_used, &[("when", when)]),
                            None => text.token_never_used.to_string(),
                        }}</span>
                        <ConfirmStep label=text.token_revoke whom=token.name.clone() explanation=text.token_revoke_confirm>
                            <ActionForm action=revoke attr:class="inline">
                                <input type="hidden" name="token_id" value=token.id.to_string()/>
                                <button type="submit" class="danger">{text.token_revoke}</button>
                            </ActionForm>
                        </ConfirmStep>
                    </li>
                }).collect_view()}
            </ul>
            <ActionError action=revoke/>
        </section>
        <section class="card narrow">
            <h2>{text.create_token}</h2>
            <ActionForm action=create>
                <FieldErrors action=create>
                    <Field label=text.token_name name="name" autocomplete="off" maxlength=MAX_NAME_LEN/>
                    <fieldset class="choices">
                        <legend>{text.token_scopes}</legend>
                        {Scope::ALL.into_iter().map(|scope| {
                            let name = scope.as_str().replace(':', "_");
                            view! {
                                <label class="choice">
                                    <input type="checkbox" name=name value="on"/>
                                    {scope.as_str()}
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                    <ActionError action=create/>
                    <Submit action=create label=text.create_token/>
                </FieldErrors>
            </ActionForm>
            <div role="status">
                {move || created().map(|token| view! {
                    <div class="issued-code">
                        <p>{text.token_created}</p>
                        <p><code class="token">{token}</code></p>
                    </div>
                })}
            </div>
        </section>
    }
}

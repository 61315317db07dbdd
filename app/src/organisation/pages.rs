//! Screens of the console: the client list, and one client with its code,
//! its letter and its link.

use super::api::{org_client, org_clients, AddClient, EndClientLink, IssueCode};
use super::{ClientView, ConsoleView, IssuedCode};
use crate::dates::date_with_year;
use crate::error::AppError;
use crate::fields::PersonName;
use crate::i18n::{fill, t};
use crate::shell::form::{ActionDone, ActionError, ConfirmStep, Field, FieldErrors, Submit};
use crate::shell::notice::Notice;
use crate::two_factor::pages::{ReconfirmSection, ReconfirmState};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The console's own navigation: clients and staff.
#[component]
pub fn ConsoleNav() -> impl IntoView {
    let text = t().org;
    view! {
        <nav class="dossier-tabs" aria-label=text.console_nav>
            <ul>
                <li><A href=crate::routes::CONSOLE exact=true>{t().clients}</A></li>
                <li><A href=crate::routes::CONSOLE_MY_DAY>{text.my_day}</A></li>
                <li><A href=crate::routes::CONSOLE_INBOX>{text.inbox}</A></li>
                <li><A href=crate::routes::CONSOLE_STAFF>{text.staff_nav}</A></li>
                <li><A href=crate::routes::CONSOLE_TOKENS>{text.tokens_nav}</A></li>
            </ul>
        </nav>
    }
}

/// `/organisatie?zoek=…&locatie=…`: the organisation's clients.
#[component]
pub fn ConsolePage() -> impl IntoView {
    let text = t().org;
    let query = use_query_map();
    let view = Resource::new(
        move || {
            let query = query.read();
            (
                query.get("zoek").unwrap_or_default(),
                query.get("locatie").unwrap_or_default(),
            )
        },
        |(search, location)| async move {
            let location = crate::form_value::IdField(location.parse().ok());
            org_clients(search, location).await
        },
    );
    view! {
        <Title text=format!("{} – {}", text.console, t().app_name)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match view.await {
                    Err(error) => view! {
                        <section class="card"><h1>{text.console}</h1><p class="error" role="alert">{error.to_string()}</p></section>
                    }.into_any(),
                    Ok(view) => view! { <Console view/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Console(view: ConsoleView) -> impl IntoView {
    let text = t().org;
    let add = ServerAction::<AddClient>::new();
    let query = use_query_map();
    let search = query.read_untracked().get("zoek").unwrap_or_default();
    let chosen = query.read_untracked().get("locatie").unwrap_or_default();
    let shown = view.clients.len() as i64;
    let locations = view.locations.clone();
    let location_options = move |chosen: String, first: &'static str| {
        let locations = locations.clone();
        view! {
            <option value="">{first}</option>
            {locations.into_iter().map(|location| {
                let value = location.id.to_string();
                let selected = value == chosen;
                view! { <option value=value selected=selected>{location.name}</option> }
            }).collect_view()}
        }
    };
    view! {
        <section class="card">
            <p class="page-of">{view.organisation.clone()}</p>
            <h1>{fill(text.clients_title, &[("organisation", &view.organisation)])}</h1>
            <ConsoleNav/>
            <form method="get" action=crate::routes::CONSOLE class="console-search" role="search">
                <div class="field">
                    <label for="veld-zoek">{text.search_label}</label>
                    <input id="veld-zoek" name="zoek" type="search" value=search maxlength=super::MAX_SEARCH_LEN.to_string()/>
                </div>
                <div class="field">
                    <label for="veld-locatie">{text.location_label}</label>
                    <select id="veld-locatie" name="locatie">{location_options(chosen, text.all_locations)}</select>
                </div>
                <button type="submit">{text.search_button}</button>
            </form>
            <p role="status">{fill(text.showing, &[("shown", &shown.to_string()), ("total", &view.matching.to_string())])}</p>
            {(view.matching > shown).then(|| view! { <p class="hint">{text.refine}</p> })}
            {if view.clients.is_empty() {
                view! { <p>{text.no_clients}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=t().clients>
                        <table class="clients">
                            <thead><tr>
                                <th scope="col">{text.col_name}</th>
                                <th scope="col">{text.col_born}</th>
                                <th scope="col">{text.col_location}</th>
                                <th scope="col">{text.col_status}</th>
                            </tr></thead>
                            <tbody>
                                {view.clients.into_iter().map(|client| view! {
                                    <tr>
                                        <th scope="row"><A href=crate::routes::console_client(client.id)>{client.name}</A></th>
                                        <td>{date_with_year(client.birth_date)}</td>
                                        <td>{client.location.unwrap_or_default()}</td>
                                        <td><span class=client.status.class()>{client.status.describe()}</span></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        <section class="card narrow">
            <h2>{text.add_client}</h2>
            <ActionForm action=add>
                <FieldErrors action=add>
                    <Field label=t().person_first_name name="first_name" autocomplete="off" maxlength=PersonName::MAX_LEN/>
                    <Field label=t().person_last_name name="last_name" autocomplete="off" maxlength=PersonName::MAX_LEN/>
                    <Field label=t().birth_date name="birth_date" kind="date" autocomplete="off"/>
                    <div class="field">
                        <label for="veld-location">{text.location_label}</label>
                        <select id="veld-location" name="location">{location_options(String::new(), text.no_location)}</select>
                    </div>
                    <ActionError action=add/>
                    <Submit action=add label=text.add_client/>
                </FieldErrors>
            </ActionForm>
        </section>
    }
}

fn client_id_from_route() -> Option<i64> {
    use_params_map()
        .read()
        .get("client")
        .and_then(|id| id.parse().ok())
}

/// `/organisatie/clienten/:client`: one client, its code and letter, its link.
#[component]
pub fn ClientPage() -> impl IntoView {
    let text = t().org;
    let end = ServerAction::<EndClientLink>::new();
    Notice::after(end, text.link_ended);
    // Ending a link asks a fresh code (made here, with the page's resources).
    let reconfirm = ReconfirmState::new();
    let planning = super::visits_page::Planning::new(client_id_from_route);
    let client = Resource::new(
        move || (client_id_from_route(), end.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => org_client(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match client.await {
                    Err(error) => view! {
                        <Title text=format!("{} – {}", t().not_found_title, t().app_name)/>
                        <section class="card"><h1>{t().not_found_title}</h1><p class="error" role="alert">{error.to_string()}</p></section>
                    }.into_any(),
                    Ok(client) => {
                        let may_end = client.may_end_link;
                        view! {
                            <Client client end planning/>
                            {may_end.then(|| view! { <ReconfirmSection state=reconfirm/> })}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Client(
    client: ClientView,
    end: ServerAction<EndClientLink>,
    planning: super::visits_page::Planning,
) -> impl IntoView {
    let text = t().org;
    let title = fill(text.client_title, &[("name", &client.name)]);
    let linked = client.page_id.is_some();
    view! {
        <Title text=format!("{} – {}", title, t().app_name)/>
        <section class="card">
            <p class="page-of">{client.organisation.clone()}</p>
            <h1>{title}</h1>
            <p><A href=crate::routes::CONSOLE>{text.back_to_clients}</A></p>
            <dl class="details">
                <dt>{text.col_born}</dt><dd>{date_with_year(client.birth_date)}</dd>
                <dt>{text.col_location}</dt><dd>{client.location.clone().unwrap_or_else(|| text.no_location.to_string())}</dd>
                <dt>{text.col_status}</dt><dd><span class=client.status.class()>{client.status.describe()}</span></dd>
            </dl>
            {client.page_id.map(|page_id| view! {
                // The family's page as the organisation sees it: its visits,
                // its threads with the organisation, the dossier it writes.
                <p class="week-actions">
                    <A href=crate::routes::page(page_id).overview() attr:class="button">{t().nav_overview}</A>
                    <A href=crate::routes::page(page_id).messages() attr:class="button">{t().nav_messages}</A>
                    <A href=crate::routes::page(page_id).dossier() attr:class="button">{t().dossier.nav_dossier}</A>
                </p>
            })}
            {client.may_end_link.then(|| {
                let explanation = fill(text.end_client_link_confirm, &[("name", &client.name)]);
                view! {
                    <ConfirmStep label=text.end_link explanation>
                        <ActionForm action=end attr:class="inline">
                            <input type="hidden" name="client_id" value=client.id.to_string()/>
                            <button type="submit" class="danger">{text.end_link_yes}</button>
                        </ActionForm>
                    </ConfirmStep>
                }
            })}
            <ActionError action=end/>
            <ActionDone action=end message=text.link_ended/>
        </section>
        {if linked {
            view! { <super::visits_page::PlannedVisits client_id=client.id planning/> }.into_any()
        } else {
            view! { <CodeAndLetter client_id=client.id has_code=matches!(client.status, super::LinkStatus::CodeIssued { .. })/> }.into_any()
        }}
    }
}

/// Issuing a code and printing its letter. With JavaScript the code is shown
/// once, with a button that prints its letter; without, the same button
/// posts to the letter itself, which issues the code and prints it.
#[component]
fn CodeAndLetter(client_id: i64, has_code: bool) -> impl IntoView {
    let text = t().org;
    let issue = ServerAction::<IssueCode>::new();
    let letter = crate::routes::client_letter(client_id);
    let issued = move || issue.value().get().and_then(Result::ok);
    let letter_of_issued = letter.clone();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        issue.dispatch(IssueCode { client_id });
    };
    let label = if has_code {
        text.issue_code_again
    } else {
        text.issue_code
    };
    view! {
        <section class="card narrow">
            <h2>{text.code_section}</h2>
            <p>{text.code_explain}</p>
            <form method="post" action=letter.clone() target="_blank" on:submit=on_submit>
                <button type="submit" class="primary" aria-disabled=move || issue.pending().get().then_some("true")>{label}</button>
            </form>
            <ActionError action=issue/>
            <div role="status">
                {move || issued().map(|IssuedCode { code, valid_until }| {
                    let letter = letter_of_issued.clone();
                    view! {
                        <div class="issued-code">
                            <p>{fill(text.code_issued, &[("code", &code), ("date", &date_with_year(valid_until))])}</p>
                            <p class="hint">{text.code_once}</p>
                            <form method="post" action=letter target="_blank">
                                <input type="hidden" name="code" value=code/>
                                <button type="submit">{text.print_letter}</button>
                            </form>
                        </div>
                    }
                })}
            </div>
            {has_code.then(|| view! {
                <form method="post" action=letter.clone() target="_blank" class="reprint">
                    <div class="field">
                        <label for="veld-reprint">{text.reprint_label}</label>
                        <input id="veld-reprint" name="code" inputmode="numeric" autocomplete="off" required=true maxlength="20"/>
                    </div>
                    <button type="submit">{text.reprint_button}</button>
                </form>
            })}
        </section>
    }
}

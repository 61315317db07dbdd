//! Every piece of interface text lives in one file per language. Components and
//! server functions ask [`t()`] for the strings of the interface language, so an
//! English translation is one new file with the same fields.

mod nl;

pub use nl::NL;

/// All interface text of one language. Fields are grouped by screen.
pub struct Texts {
    pub app_name: &'static str,
    // Header and navigation
    pub i_care_for: &'static str,
    pub add_page: &'static str,
    pub contrast: &'static str,
    pub contrast_on: &'static str,
    pub contrast_off: &'static str,
    pub log_out: &'static str,
    pub log_in: &'static str,
    pub register: &'static str,
    pub main_navigation: &'static str,
    pub nav_overview: &'static str,
    pub nav_help: &'static str,
    pub skip_to_content: &'static str,
    // Login
    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub password_repeat: &'static str,
    pub forgot_password: &'static str,
    pub no_account_yet: &'static str,
    pub login_failed: &'static str,
    pub caps_lock_hint: &'static str,
    // Registration
    pub register_title: &'static str,
    pub register_name_question: &'static str,
    pub register_name_intro: &'static str,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub agree_terms: &'static str,
    pub start_button: &'static str,
    pub register_done: &'static str,
    pub have_account: &'static str,
    // Confirmation and passwords
    pub choose_password_title: &'static str,
    pub password_advice: &'static str,
    pub password_rules: &'static str,
    pub save_password: &'static str,
    pub forgot_title: &'static str,
    pub forgot_intro: &'static str,
    pub forgot_button: &'static str,
    pub forgot_done: &'static str,
    pub reset_title: &'static str,
    pub back_to_login: &'static str,
    // Care pages
    pub new_page_title: &'static str,
    pub new_page_intro: &'static str,
    pub person_first_name: &'static str,
    pub person_last_name: &'static str,
    pub birth_date: &'static str,
    pub create_page: &'static str,
    pub care_page_of: &'static str,
    pub born_on: &'static str,
    pub your_role: &'static str,
    pub who_has_access: &'static str,
    pub no_pages_yet: &'static str,
    pub your_pages: &'static str,
    pub role_admin: &'static str,
    pub role_trusted: &'static str,
    pub role_helper: &'static str,
    pub role_admin_explained: &'static str,
    pub role_trusted_explained: &'static str,
    pub role_helper_explained: &'static str,
    pub linked_providers: &'static str,
    pub no_providers: &'static str,
    // Help
    pub help_title: &'static str,
    pub help_questions: &'static [(&'static str, &'static str)],
    // Generic
    pub saving: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub to_home: &'static str,
    // Errors
    pub err_required: &'static str,
    pub err_too_long: &'static str,
    pub err_email_format: &'static str,
    pub err_terms: &'static str,
    pub err_name_format: &'static str,
    pub err_date_format: &'static str,
    pub err_date_future: &'static str,
    pub err_date_too_old: &'static str,
    pub err_password_short: &'static str,
    pub err_password_long: &'static str,
    pub err_password_common: &'static str,
    pub err_password_personal: &'static str,
    pub err_password_mismatch: &'static str,
    pub err_link_invalid: &'static str,
    pub err_not_logged_in: &'static str,
    pub err_not_found: &'static str,
    pub err_rate_limited: &'static str,
    pub err_internal: &'static str,
    pub err_bad_request: &'static str,
    pub err_network: &'static str,
    pub err_cross_site: &'static str,
    // Dates
    pub month_names: [&'static str; 12],
    pub day_names: [&'static str; 7],
    // Calendar
    pub nav_calendar: &'static str,
    pub cal_title: &'static str,
    pub cal_date: &'static str,
    pub cal_start: &'static str,
    pub cal_end: &'static str,
    pub cal_place: &'static str,
    pub cal_description: &'static str,
    pub cal_repeat_until: &'static str,
    pub cal_all_day: &'static str,
    pub cal_duration: &'static str,
    pub cal_until: &'static str,
    pub cal_err_time: &'static str,
    pub cal_err_end_before_start: &'static str,
    pub cal_err_repeat: &'static str,
    pub cal_err_every: &'static str,
    pub cal_err_repeat_end: &'static str,
    pub cal_err_until_before_start: &'static str,
    pub cal_err_times: &'static str,
    pub cal_err_too_far: &'static str,
    pub cal_err_week: &'static str,
    pub cal_week: &'static str,
    pub cal_this_week: &'static str,
    pub cal_prev: &'static str,
    pub cal_next: &'static str,
    pub cal_jump: &'static str,
    pub cal_show: &'static str,
    pub cal_add: &'static str,
    pub cal_print: &'static str,
    pub cal_today: &'static str,
    pub cal_nothing: &'static str,
    pub cal_who_helps: &'static str,
    pub cal_you_help: &'static str,
    pub cal_help_button: &'static str,
    pub cal_withdraw: &'static str,
    pub cal_helpers: &'static str,
    pub cal_made_by: &'static str,
    pub cal_shared: &'static str,
    pub cal_not_shared: &'static str,
    pub cal_employee: &'static str,
    pub cal_all_day_label: &'static str,
    pub cal_share_label: &'static str,
    pub cal_ask_help_label: &'static str,
    pub cal_repeat_label: &'static str,
    pub cal_repeat_none: &'static str,
    pub cal_repeat_daily: &'static str,
    pub cal_repeat_weekly: &'static str,
    pub cal_repeat_monthly: &'static str,
    pub cal_every: &'static str,
    pub cal_times: &'static str,
    pub cal_save: &'static str,
    pub cal_cancel: &'static str,
    pub cal_delete_one: &'static str,
    pub cal_delete_series: &'static str,
    pub cal_delete: &'static str,
    pub cal_repeats: &'static str,
    pub cal_feed_title: &'static str,
    pub cal_feed_intro: &'static str,
    pub cal_feed_on: &'static str,
    pub cal_feed_new: &'static str,
    pub cal_feed_off: &'static str,
    pub cal_feed_url_label: &'static str,
    pub cal_feed_active: &'static str,
    pub cal_feed_revoked: &'static str,
    pub cal_print_title: &'static str,
    pub cal_visit: &'static str,
    pub cal_edit: &'static str,
    pub cal_edit_title: &'static str,
    pub cal_scope: &'static str,
    pub cal_scope_one: &'static str,
    pub cal_scope_series: &'static str,
    // Connections
    pub nav_connections: &'static str,
    pub con_intro: &'static str,
    pub con_invite_title: &'static str,
    pub con_invite_intro: &'static str,
    pub con_role: &'static str,
    pub con_invite_button: &'static str,
    pub con_invited: &'static str,
    pub con_pending: &'static str,
    pub con_no_pending: &'static str,
    pub con_withdraw: &'static str,
    pub con_valid_until: &'static str,
    pub con_you: &'static str,
    pub inv_title: &'static str,
    pub inv_intro: &'static str,
    pub inv_accept: &'static str,
    pub inv_other_account: &'static str,
    pub inv_has_account: &'static str,
    pub inv_new_account: &'static str,
    pub inv_create_and_accept: &'static str,
    pub err_already_member: &'static str,
    pub err_invite_pending: &'static str,
    pub err_role: &'static str,
    pub mail_invite_subject: &'static str,
    pub mail_invite_body: &'static str,
    pub con_save_role: &'static str,
    pub con_remove: &'static str,
    pub con_make_admin: &'static str,
    pub con_leave: &'static str,
    pub err_admin_leave: &'static str,
    pub err_admin_role: &'static str,
    // Page history
    pub hist_invited: &'static str,
    pub hist_withdrawn: &'static str,
    pub hist_accepted: &'static str,
    pub hist_role: &'static str,
    pub hist_removed: &'static str,
    pub hist_left: &'static str,
    pub hist_handed_over: &'static str,
    // E-mail
    pub mail_confirm_subject: &'static str,
    pub mail_confirm_body: &'static str,
    pub mail_reset_subject: &'static str,
    pub mail_reset_body: &'static str,
    pub mail_existing_subject: &'static str,
    pub mail_existing_body: &'static str,
}

/// The interface language. Dutch is the only one so far.
pub fn t() -> &'static Texts {
    &NL
}

/// Fills `{}` placeholders in order, for texts that name a person or a number.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    for value in values {
        match rest.find("{}") {
            Some(at) => {
                out.push_str(&rest[..at]);
                out.push_str(value);
                rest = &rest[at + 2..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_placeholders_in_order() {
        assert_eq!(
            fill("{} zorgt voor {}", &["Anna", "Piet"]),
            "Anna zorgt voor Piet"
        );
        assert_eq!(fill("geen", &["x"]), "geen");
        assert_eq!(fill("{} en {}", &["een"]), "een en {}");
    }
}

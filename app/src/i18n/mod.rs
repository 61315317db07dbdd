//! Every piece of interface text lives in one file per language (`nl.rs`,
//! `en.rs`, and the dossier's in `dossier.rs`). Components and server
//! functions ask [`t()`] for the strings of the language being spoken now;
//! mail to someone else asks [`Lang::texts`] of the recipient's language.
//! The compiler checks that every language has every text; a test checks
//! that each text names the same placeholders in every language.

mod dossier;
mod en;
mod home;
pub mod lang;
mod medication;
mod nl;
mod notes;
mod organisation;
mod reminders;
pub mod story;
mod unsubscribe;
pub mod wellbeing;

pub use dossier::DossierTexts;
pub use home::HomeTexts;
pub use lang::Lang;
pub use medication::MedicationTexts;
pub use notes::NotesTexts;
pub use organisation::OrgTexts;
pub use reminders::ReminderTexts;
pub use story::StoryTexts;
pub use unsubscribe::UnsubscribeTexts;
pub use wellbeing::WellbeingTexts;

use crate::policy::Role;

pub use en::EN;
pub use nl::NL;

/// All interface text of one language. Fields are grouped by screen.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Texts {
    pub app_name: &'static str,
    /// The dossier's screens, PDF and access log.
    pub dossier: &'static DossierTexts,
    /// The organisation's console, its letter, and linking with a code.
    pub org: &'static OrgTexts,
    /// The Overzicht, times as people say them, the phone's menu, offline copies.
    pub home: &'static HomeTexts,
    /// "Hoe gaat het met jou?": the carer's own check.
    pub wellbeing: &'static WellbeingTexts,
    /// Medicijnen, in the dossier.
    pub medication: &'static MedicationTexts,
    /// Notities.
    pub notes: &'static NotesTexts,
    /// Mijn verhaal.
    pub story: &'static StoryTexts,
    /// Afmelden from a notification mail.
    pub unsubscribe: &'static UnsubscribeTexts,
    pub reminders: &'static ReminderTexts,
    /// "Gerrits", "Thomas'", "Anna's": the name as owner, by the language's rules.
    #[cfg_attr(test, serde(skip))]
    pub possessive: fn(&str) -> String,
    // Header and navigation
    pub i_care_for: &'static str,
    pub clients: &'static str,
    pub register_sent_to: &'static str,
    pub register_not_received: &'static str,
    pub register_resend: &'static str,
    pub show_password: &'static str,
    pub next_steps_title: &'static str,
    pub next_step_invite: &'static str,
    pub next_step_invite_link: &'static str,
    pub next_step_appointment: &'static str,
    pub next_step_appointment_link: &'static str,
    pub terms: &'static str,
    pub privacy: &'static str,
    pub terms_read: &'static str,
    pub welcome_title: &'static str,
    pub welcome_intro: &'static str,
    pub welcome_points: [&'static str; 4],
    pub account_navigation: &'static str,
    pub nav_profile_of: &'static str,
    pub add_page: &'static str,
    pub contrast: &'static str,
    pub contrast_on: &'static str,
    pub contrast_off: &'static str,
    /// The text-size control: "Tekst: groot".
    pub text_size: &'static str,
    /// Normal, large, larger.
    pub text_size_steps: [&'static str; 3],
    /// Its accessible name: the size now, and the one a tap chooses.
    pub text_size_label: &'static str,
    /// The language choice: its heading, explanation, button and answer.
    pub language: &'static str,
    pub language_intro: &'static str,
    pub language_save: &'static str,
    pub language_saved: &'static str,
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
    pub err_email_local_ascii: &'static str,
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
    pub err_number: &'static str,
    pub err_network: &'static str,
    pub err_cross_site: &'static str,
    pub err_date_range: &'static str,
    pub err_control_characters: &'static str,
    /// The same, for text that may hold line breaks.
    pub err_invisible_characters: &'static str,
    pub err_too_many_mails: &'static str,
    pub err_too_many_mails_account: &'static str,
    pub err_too_many_from_here: &'static str,
    pub err_too_many_sms: &'static str,
    pub err_too_many_invitations: &'static str,
    pub sms_mobile_changed: &'static str,
    pub mail_mobile_changed_subject: &'static str,
    pub mail_mobile_changed_body: &'static str,
    pub acc_password_for_email: &'static str,
    pub acc_password_for_mobile: &'static str,
    pub acc_password_for_mobile_removal: &'static str,
    pub cal_err_too_many: &'static str,
    pub cal_err_too_many_series: &'static str,
    pub cal_more_hidden: Plural,
    pub msg_err_too_many_threads: &'static str,
    pub msg_err_too_fast: &'static str,
    pub err_too_many_pages: &'static str,
    pub tf_method_sms: &'static str,
    pub tf_method_voice: &'static str,
    pub tf_method_totp: &'static str,
    pub tf_code_wrong: &'static str,
    pub tf_expired: &'static str,
    pub tf_choose: &'static str,
    pub tf_needs_mobile: &'static str,
    pub tf_no_setup: &'static str,
    pub tf_no_factor: &'static str,
    pub tf_required: &'static str,
    pub mail_two_factor_subject: &'static str,
    pub mail_two_factor_on_body: &'static str,
    pub mail_two_factor_off_body: &'static str,
    pub voice_login_code: &'static str,
    pub sms_login_code: &'static str,
    pub tf_step_title: &'static str,
    pub tf_step_app: &'static str,
    pub tf_step_sms: &'static str,
    pub tf_step_voice: &'static str,
    pub tf_step_late: &'static str,
    pub tf_step_late_forgot: &'static str,
    pub tf_code_wait: Plural,
    pub tf_locked: &'static str,
    pub mail_codes_locked_subject: &'static str,
    pub mail_codes_locked_body: &'static str,
    pub tf_code: &'static str,
    pub tf_code_hint: &'static str,
    pub tf_first_code_hint: &'static str,
    pub tf_use_recovery: &'static str,
    pub tf_recovery_code: &'static str,
    pub tf_recovery_hint: &'static str,
    pub tf_resend: &'static str,
    pub tf_resent: &'static str,
    pub tf_title: &'static str,
    pub tf_intro: &'static str,
    pub tf_on: &'static str,
    pub tf_off: &'static str,
    pub tf_recovery_left: Plural,
    pub tf_new_codes: &'static str,
    pub tf_password_for_codes: &'static str,
    pub tf_disable: &'static str,
    pub tf_password_for_disable: &'static str,
    pub tf_disabled: &'static str,
    pub tf_change: &'static str,
    pub tf_set_up: &'static str,
    pub tf_landline: &'static str,
    pub tf_landline_hint: &'static str,
    pub tf_password_for_setup: &'static str,
    pub tf_start: &'static str,
    pub tf_scan: &'static str,
    pub tf_qr_label: &'static str,
    pub tf_secret: &'static str,
    pub tf_confirm: &'static str,
    pub tf_codes_intro: &'static str,
    pub tf_required_first: &'static str,
    pub rc_title: &'static str,
    pub rc_intro: &'static str,
    pub rc_send: &'static str,
    pub rc_sent: &'static str,
    pub rc_code: &'static str,
    pub rc_code_hint: &'static str,
    pub rc_button: &'static str,
    pub rc_open: Plural,
    pub rc_needed: &'static str,
    pub err_busy: &'static str,
    pub err_too_slow: &'static str,
    pub err_storage_full: &'static str,
    pub err_login_wait: Plural,
    pub mail_login_attempts_subject: &'static str,
    pub mail_login_attempts_body: &'static str,
    pub err_body_too_large: &'static str,
    // Dates
    pub month_names: [&'static str; 12],
    pub day_names: [&'static str; 7],
    pub day_short_names: [&'static str; 7],
    /// "72,5" or "72.5".
    pub decimal_separator: char,
    pub cal_saved: &'static str,
    pub cal_no_help_asked: &'static str,
    pub cal_delete_explain: &'static str,
    pub cal_delete_explain_one: &'static str,
    pub cal_delete_explain_series: &'static str,
    pub cal_delete_confirm: &'static str,
    pub cal_print_without_script: &'static str,
    pub cal_print_place: &'static str,
    pub cal_more: &'static str,
    pub cal_feed_subscribe: &'static str,
    pub cal_feed_copy: &'static str,
    pub cal_feed_copied: &'static str,
    pub cal_deleted: &'static str,
    pub cal_deleted_series: &'static str,
    pub cal_helping_now: &'static str,
    pub cal_helping_not: &'static str,
    pub cal_helping_every_time: &'static str,
    pub cal_helping_not_every_time: &'static str,
    pub acc_mobile_removed: &'static str,
    pub acc_mobile_other: &'static str,
    pub acc_code_on_its_way: &'static str,
    pub con_role_changed: &'static str,
    pub con_removed: &'static str,
    pub con_handed_over: &'static str,
    pub con_withdrawn: &'static str,
    pub msg_sent: &'static str,
    pub msg_reply_sent: &'static str,
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
    pub cal_help_every_time: &'static str,
    pub cal_withdraw_every_time: &'static str,
    pub cal_you_help_every_time: &'static str,
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
    pub con_remove_explain: &'static str,
    pub con_remove_confirm: &'static str,
    pub con_hand_over_explain: &'static str,
    pub con_hand_over_confirm: &'static str,
    pub con_leave_explain: &'static str,
    pub con_leave_confirm: &'static str,
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
    pub hist_downloaded: &'static str,
    pub hist_downloaded_dossier: &'static str,
    // E-mail
    pub mail_confirm_subject: &'static str,
    pub mail_confirm_body: &'static str,
    pub mail_reset_subject: &'static str,
    pub mail_reset_body: &'static str,
    pub mail_existing_subject: &'static str,
    pub mail_existing_body: &'static str,
    // Profile of the cared-for person
    pub phone: &'static str,
    pub mobile: &'static str,
    pub address: &'static str,
    pub err_phone_format: &'static str,
    pub err_mobile_format: &'static str,
    pub err_phone_country: &'static str,
    pub saved: &'static str,
    pub save: &'static str,
    pub nav_profile: &'static str,
    pub prof_name: &'static str,
    pub prof_unknown: &'static str,
    pub prof_photo_of: &'static str,
    pub prof_edit_title: &'static str,
    pub prof_photo_title: &'static str,
    pub prof_photo_choose: &'static str,
    pub prof_photo_hint: &'static str,
    pub prof_photo_save: &'static str,
    pub prof_photo_remove: &'static str,
    pub prof_photo_saved: &'static str,
    pub prof_photo_too_large: &'static str,
    pub prof_photo_not_a_photo: &'static str,
    pub prof_delete_title: &'static str,
    pub prof_delete_intro: &'static str,
    pub prof_delete_confirm: &'static str,
    pub prof_download_title: &'static str,
    pub prof_download_everything: &'static str,
    pub prof_download_everything_hint: &'static str,
    pub prof_download_own: &'static str,
    pub prof_download_own_hint: &'static str,
    pub prof_delete_button: &'static str,
    pub prof_delete_password: &'static str,
    pub prof_delete_confirm_missing: &'static str,
    pub hist_details: &'static str,
    pub hist_photo: &'static str,
    pub hist_photo_removed: &'static str,
    pub hist_linked: &'static str,
    pub hist_unlinked: &'static str,
    pub mail_page_deleted_subject: &'static str,
    pub mail_page_deleted_body: &'static str,
    // Mijn gegevens
    pub nav_account: &'static str,
    pub acc_name_title: &'static str,
    pub acc_name_save: &'static str,
    pub acc_email_now: &'static str,
    pub acc_email_waiting: &'static str,
    pub acc_new_email: &'static str,
    pub acc_email_button: &'static str,
    pub acc_email_sent: &'static str,
    pub acc_email_same: &'static str,
    pub acc_email_taken: &'static str,
    pub acc_email_changed: &'static str,
    pub acc_confirm_email_title: &'static str,
    pub acc_confirm_email_intro: &'static str,
    pub acc_confirm_email_button: &'static str,
    pub acc_password_intro: &'static str,
    pub acc_current_password: &'static str,
    pub acc_new_password: &'static str,
    pub acc_password_button: &'static str,
    pub acc_password_changed: &'static str,
    pub acc_wrong_password: &'static str,
    pub acc_mobile_intro: &'static str,
    pub acc_mobile_now: &'static str,
    pub acc_mobile_none: &'static str,
    pub acc_mobile_remove: &'static str,
    pub acc_mobile_new: &'static str,
    pub acc_mobile_hint: &'static str,
    pub acc_mobile_send: &'static str,
    pub acc_code_sent: &'static str,
    pub acc_code: &'static str,
    pub acc_code_button: &'static str,
    pub acc_mobile_confirmed: &'static str,
    pub acc_code_wait: &'static str,
    pub acc_code_format: &'static str,
    pub acc_code_wrong: &'static str,
    pub acc_code_none: &'static str,
    pub sms_mobile_code: &'static str,
    pub acc_delete_title: &'static str,
    pub acc_delete_intro: &'static str,
    pub acc_delete_password: &'static str,
    pub acc_delete_button: &'static str,
    pub acc_delete_admin: &'static str,
    pub acc_deleted: &'static str,
    pub mail_email_change_subject: &'static str,
    pub mail_email_change_body: &'static str,
    pub mail_email_taken_subject: &'static str,
    pub mail_email_taken_body: &'static str,
    pub mail_email_change_notice_subject: &'static str,
    pub mail_email_change_notice_body: &'static str,
    pub mail_email_changed_subject: &'static str,
    pub mail_email_changed_body: &'static str,
    pub mail_password_changed_subject: &'static str,
    pub mail_password_changed_body: &'static str,
    // Page history
    pub con_history_title: &'static str,
    pub con_history_empty: &'static str,
    // Berichten
    pub nav_messages: &'static str,
    pub msg_new: &'static str,
    pub msg_none: &'static str,
    pub msg_mail_title: &'static str,
    pub msg_mail_label: &'static str,
    pub msg_unread: Plural,
    pub msg_lock_family: &'static str,
    pub msg_lock_provider: &'static str,
    pub msg_share_legend: &'static str,
    pub msg_share_family: &'static str,
    pub msg_share_provider: &'static str,
    pub msg_subject: &'static str,
    pub msg_body: &'static str,
    pub msg_send: &'static str,
    pub msg_share_not_allowed: &'static str,
    pub msg_back: &'static str,
    pub msg_list_label: &'static str,
    pub msg_reply_title: &'static str,
    pub msg_reply_label: &'static str,
    pub msg_deleted_author: &'static str,
    pub msg_shared_note: &'static str,
    pub mail_message_subject: &'static str,
    pub mail_message_body: &'static str,
}

impl Texts {
    /// A role's name ("Vertrouwensgroep"): the access policy knows roles,
    /// not words.
    pub fn role_name(&self, role: Role) -> &'static str {
        match role {
            Role::Admin => self.role_admin,
            Role::Trusted => self.role_trusted,
            Role::Helper => self.role_helper,
        }
    }

    /// What a role may see and do, in a sentence.
    pub fn role_explanation(&self, role: Role) -> &'static str {
        match role {
            Role::Admin => self.role_admin_explained,
            Role::Trusted => self.role_trusted_explained,
            Role::Helper => self.role_helper_explained,
        }
    }
}

/// The texts of the language being spoken now (see [`lang::current`]).
pub fn t() -> &'static Texts {
    lang::current().texts()
}

/// Fills named placeholders (`{name}`), so a translation can put them in
/// any order. A placeholder without a value stays as written; in debug
/// builds (the tests) that is a panic, so a renamed one cannot slip through.
/// A text about a number, in each form its language needs. Dutch and English
/// say one thing for exactly one ("1 nieuw bericht") and another for every
/// other number ("3 nieuwe berichten", "0 …"); a language with more forms
/// would add fields here, and every text of this type would have to name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Plural {
    pub one: &'static str,
    pub other: &'static str,
}

impl Plural {
    /// The text for `count`, with `{count}` filled in.
    pub fn of(&self, count: impl Into<i64>) -> String {
        let count: i64 = count.into();
        let form = if count == 1 { self.one } else { self.other };
        fill(form, &[("count", &count.to_string())])
    }
}

pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        match values.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => out.push_str(value),
            None => {
                debug_assert!(false, "no value for {{{name}}} in {template:?}");
                out.push_str(&rest[open..open + close + 2]);
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;

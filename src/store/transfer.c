#include "store/transfer.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ID {"id", XK_ID, 0}
#define C(name, kind) {name, kind, 0}
#define R(name, table) {name, XK_REF, table}
#define SOFT(name, table) {name, XK_SOFTREF, table}
#define COUNT(a) ((int)(sizeof a / sizeof a[0]))

static const struct dj_xcol orgs_cols[] = {
    ID, R("parent_id", XT_ORGS), C("type", XK_TEXT), C("name", XK_TEXT), C("path", XK_PATH),
    C("status", XK_TEXT), C("created_at", XK_TEXT), C("founded_on", XK_TEXT), C("term_start", XK_TEXT),
    C("term_end", XK_TEXT), C("status_on", XK_TEXT), R("merged_into", XT_ORGS), C("sort_order", XK_INT),
    C("updated_at", XK_TEXT)};
static const struct dj_xcol bureau_settings_cols[] = {
    R("bureau_id", XT_ORGS), C("backfill_days", XK_INT), C("refuse_late", XK_INT),
    C("warning_days", XK_INT), C("term_warning_days", XK_INT), C("updated_at", XK_TEXT),
    C("notice_days", XK_INT), C("branch_min_members", XK_INT), C("branch_max_members", XK_INT),
    C("contact_min_households", XK_INT)};
static const struct dj_xcol bureaus_cols[] = {R("org_id", XT_ORGS), C("code", XK_TEXT), C("status", XK_TEXT),
                                              C("plain_names", XK_INT), C("created_at", XK_TEXT)};
static const struct dj_xcol users_cols[] = {
    ID, C("username", XK_TEXT), C("display_name", XK_TEXT), C("password_hash", XK_TEXT),
    C("disabled", XK_INT), C("must_change_password", XK_INT), C("created_at", XK_TEXT),
    C("updated_at", XK_TEXT), R("bureau_id", XT_ORGS), C("province", XK_INT)};
static const struct dj_xcol departments_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("parent_id", XT_DEPARTMENTS), C("name", XK_TEXT), C("status", XK_TEXT),
    C("sort_order", XK_INT), C("created_at", XK_TEXT), C("updated_at", XK_TEXT)};
static const struct dj_xcol user_roles_cols[] = {ID, R("user_id", XT_USERS), C("role", XK_TEXT),
                                                 R("org_id", XT_ORGS), R("department_id", XT_DEPARTMENTS)};
static const struct dj_xcol people_cols[] = {
    ID, R("bureau_id", XT_ORGS), C("staff_no", XK_TEXT), C("name", XK_TEXT), C("name_pinyin", XK_TEXT),
    C("gender", XK_TEXT), C("ethnicity", XK_TEXT), C("birth_date", XK_TEXT),
    C("id_number_sealed", XK_SEALED), C("id_number_masked", XK_TEXT), C("education", XK_TEXT),
    R("department_id", XT_DEPARTMENTS), C("position", XK_TEXT), C("political_status", XK_TEXT),
    C("joined_party_on", XK_TEXT), C("full_member_on", XK_TEXT), C("phone", XK_TEXT), C("status", XK_TEXT),
    R("user_id", XT_USERS), C("created_at", XK_TEXT), C("updated_at", XK_TEXT)};
static const struct dj_xcol department_links_cols[] = {ID, R("department_id", XT_DEPARTMENTS),
                                                       R("org_id", XT_ORGS), C("start_on", XK_TEXT),
                                                       C("end_on", XK_TEXT)};
static const struct dj_xcol memberships_cols[] = {ID, R("person_id", XT_PEOPLE), R("org_id", XT_ORGS),
                                                  R("group_id", XT_ORGS), C("start_on", XK_TEXT),
                                                  C("end_on", XK_TEXT)};
static const struct dj_xcol committee_members_cols[] = {ID, R("org_id", XT_ORGS), R("person_id", XT_PEOPLE),
                                                        C("post", XK_TEXT), C("start_on", XK_TEXT),
                                                        C("end_on", XK_TEXT)};
static const struct dj_xcol meeting_kinds_cols[] = {
    ID, R("bureau_id", XT_ORGS), C("code", XK_TEXT), C("name", XK_TEXT), C("attendees", XK_TEXT),
    C("include_probationary", XK_INT), C("include_non_members", XK_INT), C("quorum", XK_TEXT),
    C("sort_order", XK_INT)};
static const struct dj_xcol lecture_labels_cols[] = {ID, R("bureau_id", XT_ORGS), C("kind", XK_TEXT),
                                                     C("name", XK_TEXT), C("sort_order", XK_INT),
                                                     C("active", XK_INT)};
static const struct dj_xcol meeting_rules_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("kind_id", XT_MEETING_KINDS), C("org_type", XK_TEXT),
    C("frequency", XK_TEXT), C("times", XK_INT), C("source", XK_TEXT), C("effective_from", XK_TEXT),
    C("active", XK_INT)};
static const struct dj_xcol meetings_cols[] = {
    ID, R("org_id", XT_ORGS), R("kind_id", XT_MEETING_KINDS), C("held_on", XK_TEXT), C("starts_at", XK_TEXT),
    C("ends_at", XK_TEXT), C("place", XK_TEXT), C("topic", XK_TEXT), R("host_id", XT_PEOPLE),
    R("recorder_id", XT_PEOPLE), R("lecturer_id", XT_PEOPLE), C("agenda", XK_TEXT), C("minutes", XK_TEXT),
    C("resolutions", XK_TEXT), C("recorded_on", XK_TEXT), C("late_recorded", XK_INT),
    C("created_at", XK_TEXT), C("updated_at", XK_TEXT), R("theme_id", XT_LECTURE_LABELS),
    R("module_id", XT_LECTURE_LABELS), C("guests", XK_INT),
    /* the life cycle (migration 025) */
    C("status", XK_TEXT), C("status_reason", XK_TEXT), R("corrects_id", XT_MEETINGS)};
static const struct dj_xcol attendance_cols[] = {ID, R("meeting_id", XT_MEETINGS), R("person_id", XT_PEOPLE),
                                                 C("expected", XK_INT), C("status", XK_TEXT),
                                                 C("reason", XK_TEXT)};
/* supervision of conduct (store/inspections) */
static const struct dj_xcol conduct_rules_cols[] = {
    ID, R("bureau_id", XT_ORGS), C("rule_set", XK_TEXT), C("code", XK_TEXT), C("seq", XK_INT), C("text", XK_TEXT),
    C("severity", XK_TEXT), C("deduct_points", XK_INT), C("veto", XK_INT), C("valid_from", XK_TEXT),
    C("valid_to", XK_TEXT), R("replaces_id", XT_CONDUCT_RULES), C("created_at", XK_TEXT), C("updated_at", XK_TEXT)};
static const struct dj_xcol inspections_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("org_id", XT_ORGS), C("kind", XK_TEXT), C("held_on", XK_TEXT),
    C("place", XK_TEXT), R("department_id", XT_DEPARTMENTS), C("inspectors", XK_TEXT), C("note", XK_TEXT),
    SOFT("created_by", XT_USERS), C("created_at", XK_TEXT), C("updated_at", XK_TEXT)};
static const struct dj_xcol findings_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("inspection_id", XT_INSPECTIONS), R("rule_id", XT_CONDUCT_RULES),
    R("org_id", XT_ORGS), R("department_id", XT_DEPARTMENTS), C("unit", XK_INT), C("found_on", XK_TEXT),
    C("description", XK_TEXT), C("explanation", XK_TEXT), C("explained_at", XK_TEXT), C("state", XK_TEXT),
    SOFT("decided_by", XT_USERS), C("decided_at", XK_TEXT), C("decision_note", XK_TEXT),
    SOFT("created_by", XT_USERS), C("created_at", XK_TEXT), C("updated_at", XK_TEXT)};
static const struct dj_xcol finding_people_cols[] = {ID, R("finding_id", XT_FINDINGS), R("person_id", XT_PEOPLE)};
static const struct dj_xcol conduct_reviews_cols[] = {
    ID, R("bureau_id", XT_ORGS), C("period", XK_TEXT), C("held_on", XK_TEXT), C("title", XK_TEXT),
    C("conclusions", XK_TEXT), SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol conduct_review_findings_cols[] = {ID, R("review_id", XT_CONDUCT_REVIEWS),
                                                              R("finding_id", XT_FINDINGS)};
/* service (migration 024) */
static const struct dj_xcol contacts_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("person_id", XT_PEOPLE), R("org_id", XT_ORGS), C("kind", XK_TEXT),
    C("name", XK_TEXT), C("place", XK_TEXT), C("phone", XK_TEXT), C("started_on", XK_TEXT),
    C("ended_on", XK_TEXT), C("note", XK_TEXT), SOFT("created_by", XT_USERS), C("created_at", XK_TEXT),
    C("updated_at", XK_TEXT)};
static const struct dj_xcol contact_visits_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("contact_id", XT_CONTACTS), C("visited_on", XK_TEXT), C("content", XK_TEXT),
    C("help_kind", XK_TEXT), C("help_amount", XK_INT), SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol pairings_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("org_id", XT_ORGS), C("partner", XK_TEXT), C("partner_kind", XK_TEXT),
    C("started_on", XK_TEXT), C("ended_on", XK_TEXT), C("note", XK_TEXT), SOFT("created_by", XT_USERS),
    C("created_at", XK_TEXT)};
static const struct dj_xcol pairing_activities_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("pairing_id", XT_PAIRINGS), C("held_on", XK_TEXT), C("title", XK_TEXT),
    C("content", XK_TEXT), C("participants", XK_INT), SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol community_registrations_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("person_id", XT_PEOPLE), C("community", XK_TEXT),
    C("registered_on", XK_TEXT), C("confirmed_on", XK_TEXT), SOFT("confirmed_by", XT_USERS), C("note", XK_TEXT),
    SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol service_activities_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("org_id", XT_ORGS), C("kind", XK_TEXT), C("title", XK_TEXT),
    C("held_on", XK_TEXT), C("place", XK_TEXT), C("content", XK_TEXT), SOFT("created_by", XT_USERS),
    C("created_at", XK_TEXT)};
static const struct dj_xcol service_signups_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("activity_id", XT_SERVICE_ACTIVITIES), R("person_id", XT_PEOPLE),
    C("hours", XK_INT), C("status", XK_TEXT), C("reported_at", XK_TEXT), SOFT("confirmed_by", XT_USERS),
    C("confirmed_at", XK_TEXT), C("created_at", XK_TEXT)};
static const struct dj_xcol files_cols[] = {
    ID, R("bureau_id", XT_ORGS), C("object_type", XK_TEXT), C("object_id", XK_OBJECT), C("name", XK_TEXT),
    C("mime", XK_TEXT), C("size", XK_INT), C("sha256", XK_TEXT), C("data", XK_BLOB),
    SOFT("created_by", XT_USERS), C("created_at", XK_TEXT),
    /* removed with a reason (migration 025) */
    C("removed_on", XK_TEXT), C("removed_reason", XK_TEXT)};
static const struct dj_xcol quizzes_cols[] = {
    ID, R("org_id", XT_ORGS), C("kind", XK_TEXT), C("title", XK_TEXT), C("held_on", XK_TEXT),
    C("max_score", XK_INT), C("pass_score", XK_INT), C("description", XK_TEXT), C("created_at", XK_TEXT),
    C("updated_at", XK_TEXT),
    /* removed with a reason (migration 025) */
    C("removed_on", XK_TEXT), C("removed_reason", XK_TEXT)};
static const struct dj_xcol quiz_questions_cols[] = {
    ID, R("quiz_id", XT_QUIZZES), C("seq", XK_INT), C("kind", XK_TEXT), C("text", XK_TEXT),
    C("options", XK_TEXT), C("answer", XK_TEXT), C("points", XK_INT)};
static const struct dj_xcol quiz_scores_cols[] = {ID, R("quiz_id", XT_QUIZZES), R("person_id", XT_PEOPLE),
                                                  C("score", XK_INT), C("note", XK_TEXT)};
static const struct dj_xcol study_records_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("person_id", XT_PEOPLE), C("studied_on", XK_TEXT), C("hours", XK_INT),
    C("mode", XK_TEXT), C("content", XK_TEXT), SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol schemes_cols[] = {
    ID, R("bureau_id", XT_ORGS), C("code", XK_TEXT), C("version", XK_INT), C("name", XK_TEXT),
    C("target", XK_TEXT), C("settings", XK_TEXT), C("description", XK_TEXT), R("replaces_id", XT_SCHEMES),
    C("active", XK_INT), C("created_at", XK_TEXT), C("updated_at", XK_TEXT)};
static const struct dj_xcol indicators_cols[] = {
    ID, R("scheme_id", XT_SCHEMES), R("parent_id", XT_INDICATORS), C("seq", XK_INT), C("code", XK_TEXT),
    C("name", XK_TEXT), C("kind", XK_TEXT), C("max_points", XK_INT), C("source", XK_TEXT),
    C("params", XK_TEXT), C("entered_by", XK_TEXT), C("description", XK_TEXT)};
static const struct dj_xcol evaluations_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("scheme_id", XT_SCHEMES), C("period", XK_TEXT), C("first_day", XK_TEXT),
    C("last_day", XK_TEXT), C("name", XK_TEXT), C("state", XK_TEXT), C("notice_days", XK_INT),
    C("notice_from", XK_TEXT), C("notice_until", XK_TEXT), C("version", XK_INT),
    R("replaces_id", XT_EVALUATIONS), C("reason", XK_TEXT), C("computed_at", XK_TEXT),
    C("results_hash", XK_TEXT), C("finalized_at", XK_TEXT), C("created_at", XK_TEXT),
    C("updated_at", XK_TEXT)};
static const struct dj_xcol score_entries_cols[] = {
    ID, R("evaluation_id", XT_EVALUATIONS), C("target_id", XK_TARGET), R("indicator_id", XT_INDICATORS),
    C("points", XK_INT), C("reason", XK_TEXT), C("occurred_on", XK_TEXT), R("file_id", XT_FILES),
    SOFT("entered_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol scores_cols[] = {
    ID, R("evaluation_id", XT_EVALUATIONS), C("target_id", XK_TARGET), R("indicator_id", XT_INDICATORS),
    C("points", XK_INT), C("raw", XK_TEXT), C("detail", XK_DETAIL), C("updated_at", XK_TEXT)};
static const struct dj_xcol results_cols[] = {
    R("evaluation_id", XT_EVALUATIONS), C("target_id", XK_TARGET), C("target_name", XK_TEXT),
    C("unit_name", XK_TEXT), C("total", XK_INT), C("rank", XK_INT), C("vetoed", XK_INT), C("star", XK_TEXT),
    C("selected", XK_INT)};
static const struct dj_xcol objections_cols[] = {
    ID, R("evaluation_id", XT_EVALUATIONS), C("target_id", XK_TARGET), R("filed_by", XT_USERS),
    C("reason", XK_TEXT), C("state", XK_TEXT), C("answer", XK_TEXT), SOFT("answered_by", XT_USERS),
    C("answered_at", XK_TEXT), C("created_at", XK_TEXT)};
static const struct dj_xcol award_nominations_cols[] = {
    ID, R("evaluation_id", XT_EVALUATIONS), C("award", XK_TEXT), C("target_id", XK_TARGET),
    C("reason", XK_TEXT), SOFT("nominated_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol award_votes_cols[] = {
    ID, R("evaluation_id", XT_EVALUATIONS), C("award", XK_TEXT), C("target_id", XK_TARGET),
    R("voter_id", XT_USERS), C("created_at", XK_TEXT), R("voter_person_id", XT_PEOPLE)};
/* dues (migration 022) */
static const struct dj_xcol dues_settings_cols[] = {
    ID, R("bureau_id", XT_ORGS), C("name", XK_TEXT), C("value", XK_TEXT), C("effective_from", XK_TEXT),
    C("note", XK_TEXT), SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol dues_bases_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("person_id", XT_PEOPLE), C("from_month", XK_TEXT), C("category", XK_TEXT),
    C("base_fen", XK_INT), C("components", XK_TEXT), C("note", XK_TEXT), SOFT("created_by", XT_USERS),
    C("created_at", XK_TEXT)};
static const struct dj_xcol dues_reductions_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("person_id", XT_PEOPLE), C("from_month", XK_TEXT), C("to_month", XK_TEXT),
    C("amount_fen", XK_INT), C("reason", XK_TEXT), C("approval_level", XK_TEXT), C("approved_by", XK_TEXT), C("approved_on", XK_TEXT),
    C("approval_ref", XK_TEXT), SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol dues_payments_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("person_id", XT_PEOPLE), R("org_id", XT_ORGS), C("from_month", XK_TEXT),
    C("to_month", XK_TEXT), C("amount_fen", XK_INT), C("due_fen", XK_INT), C("paid_on", XK_TEXT),
    C("channel", XK_TEXT), C("late", XK_INT), C("note", XK_TEXT), SOFT("created_by", XT_USERS),
    C("created_at", XK_TEXT)};
static const struct dj_xcol dues_remittances_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("org_id", XT_ORGS), C("month", XK_TEXT), C("amount_fen", XK_INT),
    C("remitted_on", XK_TEXT), C("note", XK_TEXT), SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
/* 发展党员 and 荣誉 (migration 028) */
static const struct dj_xcol applicant_settings_cols[] = {
    ID, R("bureau_id", XT_ORGS), C("name", XK_TEXT), C("value", XK_INT), C("effective_from", XK_TEXT),
    C("note", XK_TEXT), SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol applicants_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("org_id", XT_ORGS), R("person_id", XT_PEOPLE), C("name", XK_TEXT),
    C("staff_no", XK_TEXT), C("gender", XK_TEXT), C("birth_date", XK_TEXT), C("stage", XK_TEXT),
    C("applied_on", XK_TEXT), C("talked_on", XK_TEXT), C("activist_on", XK_TEXT), R("contact1_id", XT_PEOPLE),
    R("contact2_id", XT_PEOPLE), C("candidate_on", XK_TEXT), C("reviewed_on", XK_TEXT), C("training_days", XK_INT),
    C("training_hours", XK_INT), C("notice_from", XK_TEXT), C("notice_to", XK_TEXT), R("introducer1_id", XT_PEOPLE),
    R("introducer2_id", XT_PEOPLE), C("admitted_on", XK_TEXT), C("approved_on", XK_TEXT),
    C("extension_months", XK_INT), C("full_on", XK_TEXT), C("note", XK_TEXT), SOFT("created_by", XT_USERS),
    C("created_at", XK_TEXT), C("updated_at", XK_TEXT)};
static const struct dj_xcol applicant_reviews_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("applicant_id", XT_APPLICANTS), C("reviewed_on", XK_TEXT), C("note", XK_TEXT),
    SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol honours_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("org_id", XT_ORGS), R("person_id", XT_PEOPLE), C("title", XK_TEXT),
    C("level", XK_TEXT), C("issuer", XK_TEXT), C("awarded_on", XK_TEXT), C("note", XK_TEXT),
    SOFT("created_by", XT_USERS), C("created_at", XK_TEXT), C("updated_at", XK_TEXT)};
/* tasks and rectifications (migration 021) */
static const struct dj_xcol tasks_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("org_id", XT_ORGS), C("year", XK_INT), C("title", XK_TEXT),
    C("description", XK_TEXT), C("line", XK_TEXT), C("kind", XK_TEXT), R("owner_person_id", XT_PEOPLE),
    R("owner_department_id", XT_DEPARTMENTS), C("start_on", XK_TEXT), C("due_on", XK_TEXT),
    C("weight", XK_INT), C("milestones", XK_TEXT), C("public", XK_INT), C("percent", XK_INT),
    C("done_on", XK_TEXT), C("last_reported_on", XK_TEXT), SOFT("created_by", XT_USERS),
    C("created_at", XK_TEXT), C("updated_at", XK_TEXT)};
static const struct dj_xcol task_reports_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("task_id", XT_TASKS), C("percent", XK_INT), C("note", XK_TEXT),
    C("reported_on", XK_TEXT), SOFT("reported_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol rectifications_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("org_id", XT_ORGS), C("source", XK_TEXT), C("problem", XK_TEXT),
    R("owner_person_id", XT_PEOPLE), C("measures", XK_TEXT), C("found_on", XK_TEXT), C("due_on", XK_TEXT),
    C("closed_on", XK_TEXT), SOFT("closed_by", XT_USERS), C("close_note", XK_TEXT), C("reopened", XK_INT),
    SOFT("created_by", XT_USERS), C("created_at", XK_TEXT), C("updated_at", XK_TEXT)};
/* supervision: talks, risk points, fund processes (issue 13) */
static const struct dj_xcol talk_settings_cols[] = {
    R("bureau_id", XT_ORGS), C("content_roles", XK_TEXT), C("due_days", XK_INT),
    C("absence_months", XK_INT), C("kinds", XK_TEXT), C("updated_at", XK_TEXT)};
static const struct dj_xcol talks_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("org_id", XT_ORGS), C("held_on", XK_TEXT), C("kind", XK_TEXT),
    C("occasion", XK_TEXT), C("place", XK_TEXT), C("content_sealed", XK_SEALED_TALK),
    SOFT("created_by", XT_USERS), C("created_at", XK_TEXT), C("updated_at", XK_TEXT)};
static const struct dj_xcol talk_people_cols[] = {ID, R("talk_id", XT_TALKS), R("person_id", XT_PEOPLE),
                                                  C("side", XK_TEXT)};
static const struct dj_xcol risk_points_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("department_id", XT_DEPARTMENTS), C("post", XK_TEXT),
    C("risk", XK_TEXT), C("level", XK_TEXT), C("measures", XK_TEXT), R("owner_id", XT_PEOPLE),
    C("reviewed_on", XK_TEXT), C("created_at", XK_TEXT), C("updated_at", XK_TEXT)};
static const struct dj_xcol fund_processes_cols[] = {ID, R("bureau_id", XT_ORGS), C("name", XK_TEXT),
                                                     C("description", XK_TEXT), C("created_at", XK_TEXT),
                                                     C("updated_at", XK_TEXT)};
static const struct dj_xcol fund_steps_cols[] = {ID, R("process_id", XT_FUND_PROCESSES), C("seq", XK_INT),
                                                 C("name", XK_TEXT), R("department_id", XT_DEPARTMENTS)};
static const struct dj_xcol fund_step_risks_cols[] = {ID, R("step_id", XT_FUND_STEPS),
                                                      R("risk_point_id", XT_RISK_POINTS)};
static const struct dj_xcol duty_docs_cols[] = {
    ID, R("bureau_id", XT_ORGS), C("kind", XK_TEXT), C("year", XK_INT), C("title", XK_TEXT),
    C("role", XK_TEXT), R("person_id", XT_PEOPLE), R("org_id", XT_ORGS),
    R("department_id", XT_DEPARTMENTS), C("signed_on", XK_TEXT), C("removed_on", XK_TEXT),
    C("removed_reason", XK_TEXT), SOFT("created_by", XT_USERS), C("created_at", XK_TEXT),
    C("updated_at", XK_TEXT)};
static const struct dj_xcol duty_items_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("doc_id", XT_DUTY_DOCS), C("seq", XK_INT), C("category", XK_TEXT),
    C("content", XK_TEXT), C("result", XK_TEXT), C("result_note", XK_TEXT), SOFT("checked_by", XT_USERS),
    C("checked_on", XK_TEXT), C("created_at", XK_TEXT), C("updated_at", XK_TEXT)};
static const struct dj_xcol integrity_cases_cols[] = {
    ID, R("bureau_id", XT_ORGS), C("title", XK_TEXT), C("occurred_on", XK_TEXT), C("summary", XK_TEXT),
    C("lessons", XK_TEXT), C("rectifications", XK_TEXT), C("created_at", XK_TEXT), C("updated_at", XK_TEXT)};
/* warnings engine and inbox (migration 026) */
static const struct dj_xcol warning_rules_cols[] = {
    ID, R("bureau_id", XT_ORGS), C("code", XK_TEXT), C("name", XK_TEXT), C("scans", XK_TEXT),
    C("threshold", XK_INT), C("unit", XK_TEXT), C("recipients", XK_TEXT), C("severity", XK_TEXT),
    C("enabled", XK_INT), C("seq", XK_INT), C("updated_at", XK_TEXT)};
static const struct dj_xcol warnings_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("rule_id", XT_WARNING_RULES), C("code", XK_TEXT), C("object_type", XK_TEXT),
    C("object_id", XK_OBJECT), C("subject_key", XK_TEXT), R("org_id", XT_ORGS), R("person_id", XT_PEOPLE),
    C("due_on", XK_TEXT), C("severity", XK_TEXT), C("message", XK_TEXT), C("link", XK_TEXT), C("state", XK_TEXT),
    C("active", XK_INT), C("first_seen", XK_TEXT), C("last_seen", XK_TEXT), C("state_at", XK_TEXT),
    SOFT("state_by", XT_USERS), C("reason", XK_TEXT)};
static const struct dj_xcol warning_history_cols[] = {ID, R("warning_id", XT_WARNINGS), C("at", XK_TEXT),
                                                      SOFT("user_id", XT_USERS), C("action", XK_TEXT),
                                                      C("note", XK_TEXT)};
static const struct dj_xcol warning_runs_cols[] = {R("bureau_id", XT_ORGS), C("ran_at", XK_INT)};
static const struct dj_xcol announcements_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("org_id", XT_ORGS), C("role", XK_TEXT), C("title", XK_TEXT), C("body", XK_TEXT),
    C("recipients", XK_INT), SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol inbox_items_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("user_id", XT_USERS), C("kind", XK_TEXT), C("title", XK_TEXT),
    C("body", XK_TEXT), C("link", XK_TEXT), R("warning_id", XT_WARNINGS), R("announcement_id", XT_ANNOUNCEMENTS),
    C("created_at", XK_TEXT), C("read_at", XK_TEXT)};
/* member self-service (migration 031) */
static const struct dj_xcol study_reports_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("person_id", XT_PEOPLE), C("studied_on", XK_TEXT), C("hours", XK_INT),
    C("mode", XK_TEXT), C("content", XK_TEXT), C("status", XK_TEXT), C("reason", XK_TEXT),
    SOFT("decided_by", XT_USERS), C("decided_at", XK_TEXT), C("created_at", XK_TEXT)};

/* appraisals, secretary reviews, cadre development (migration 029) */
static const struct dj_xcol appraisal_settings_cols[] = {
    ID, R("bureau_id", XT_ORGS), C("effective_from", XK_TEXT), C("excellent_num", XK_INT),
    C("excellent_den", XK_INT), C("cap_base", XK_TEXT), C("source", XK_TEXT), SOFT("created_by", XT_USERS),
    C("created_at", XK_TEXT)};
static const struct dj_xcol appraisals_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("org_id", XT_ORGS), C("year", XK_INT), C("status", XK_TEXT),
    C("opened_on", XK_TEXT), C("graded_on", XK_TEXT), C("note", XK_TEXT), SOFT("created_by", XT_USERS),
    C("created_at", XK_TEXT)};
static const struct dj_xcol appraisal_members_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("appraisal_id", XT_APPRAISALS), R("person_id", XT_PEOPLE),
    C("category", XK_TEXT), C("self_text", XK_TEXT), C("self_on", XK_TEXT), C("grade", XK_TEXT),
    R("talk_id", XT_TALKS), R("rectification_id", XT_RECTIFICATIONS), C("followup_note", XK_TEXT)};
static const struct dj_xcol appraisal_ballots_cols[] = {ID, R("bureau_id", XT_ORGS),
                                                        R("appraisal_id", XT_APPRAISALS), R("person_id", XT_PEOPLE)};
static const struct dj_xcol appraisal_tallies_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("appraisal_id", XT_APPRAISALS), R("person_id", XT_PEOPLE),
    C("grade", XK_TEXT), C("votes", XK_INT)};
static const struct dj_xcol secretary_reviews_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("org_id", XT_ORGS), R("person_id", XT_PEOPLE), C("year", XK_INT),
    C("report", XK_TEXT), C("figures", XK_TEXT), C("status", XK_TEXT), C("opened_on", XK_TEXT),
    C("closed_on", XK_TEXT), SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol secretary_review_ballots_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("review_id", XT_SECRETARY_REVIEWS), R("person_id", XT_PEOPLE)};
static const struct dj_xcol secretary_review_tallies_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("review_id", XT_SECRETARY_REVIEWS), C("grade", XK_TEXT), C("votes", XK_INT)};
static const struct dj_xcol cadre_postings_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("person_id", XT_PEOPLE), C("kind", XK_TEXT), R("department_id", XT_DEPARTMENTS),
    C("place", XK_TEXT), C("post", XK_TEXT), C("start_on", XK_TEXT), C("end_on", XK_TEXT), C("note", XK_TEXT),
    C("created_at", XK_TEXT), C("updated_at", XK_TEXT)};
static const struct dj_xcol mentorships_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("mentor_id", XT_PEOPLE), R("mentee_id", XT_PEOPLE), C("mode", XK_TEXT),
    C("goals", XK_TEXT), C("start_on", XK_TEXT), C("end_on", XK_TEXT), C("created_at", XK_TEXT),
    C("updated_at", XK_TEXT)};
static const struct dj_xcol mentorship_reviews_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("mentorship_id", XT_MENTORSHIPS), C("reviewed_on", XK_TEXT),
    C("rating", XK_TEXT), C("summary", XK_TEXT), C("created_at", XK_TEXT)};

/* ideas (migration 030) */
static const struct dj_xcol suggestion_topics_cols[] = {
    ID, R("bureau_id", XT_ORGS), C("title", XK_TEXT), C("description", XK_TEXT), R("leader_id", XT_PEOPLE),
    C("opened_on", XK_TEXT), C("deadline", XK_TEXT), SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol suggestions_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("topic_id", XT_SUGGESTION_TOPICS), R("person_id", XT_PEOPLE),
    R("department_id", XT_DEPARTMENTS), C("title", XK_TEXT), C("content", XK_TEXT), C("submitted_on", XK_TEXT),
    C("decision", XK_TEXT), C("reason", XK_TEXT), R("merged_into", XT_SUGGESTIONS), C("decided_on", XK_TEXT),
    SOFT("decided_by", XT_USERS), R("task_id", XT_TASKS), SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol mottos_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("person_id", XT_PEOPLE), C("text", XK_TEXT), C("submitted_on", XK_TEXT),
    C("status", XK_TEXT), C("reviewed_on", XK_TEXT), SOFT("reviewed_by", XT_USERS), C("review_note", XK_TEXT),
    SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
/* duty rosters (migration 030) */
static const struct dj_xcol duty_rosters_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("org_id", XT_ORGS), C("kind", XK_TEXT), C("title", XK_TEXT), C("place", XK_TEXT),
    C("note", XK_TEXT), SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol duty_shifts_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("roster_id", XT_DUTY_ROSTERS), C("starts_at", XK_TEXT), C("ends_at", XK_TEXT),
    C("place", XK_TEXT), C("required", XK_INT), C("created_at", XK_TEXT)};
static const struct dj_xcol duty_assignments_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("shift_id", XT_DUTY_SHIFTS), R("person_id", XT_PEOPLE), C("absent", XK_INT),
    R("swap_to", XT_PEOPLE), C("swap_reason", XK_TEXT), C("swap_status", XK_TEXT), R("swapped_from", XT_PEOPLE),
    SOFT("created_by", XT_USERS), C("created_at", XK_TEXT)};
static const struct dj_xcol duty_unavailable_cols[] = {
    ID, R("bureau_id", XT_ORGS), R("person_id", XT_PEOPLE), C("day", XK_TEXT), C("note", XK_TEXT),
    C("created_at", XK_TEXT)};
/* notifications (issue 17, migration 027); the outbox's dedupe keys keep the
 * source's ids as text (they only need to be unique) */
static const struct dj_xcol notify_settings_cols[] = {
    R("bureau_id", XT_ORGS), C("config", XK_TEXT), C("secrets_sealed", XK_SEALED_NOTIFY),
    C("updated_at", XK_TEXT)};
static const struct dj_xcol notify_prefs_cols[] = {
    R("person_id", XT_PEOPLE), R("bureau_id", XT_ORGS), C("channels", XK_TEXT), C("email", XK_TEXT),
    C("phone", XK_TEXT), C("quiet_from", XK_TEXT), C("quiet_to", XK_TEXT), C("updated_at", XK_TEXT)};
static const struct dj_xcol notify_outbox_cols[] = {
    ID, R("bureau_id", XT_ORGS), C("dedupe_key", XK_TEXT), R("person_id", XT_PEOPLE), C("kind", XK_TEXT),
    C("day", XK_TEXT), C("channel", XK_TEXT), C("recipient", XK_TEXT), C("subject", XK_TEXT),
    C("body", XK_TEXT), C("status", XK_TEXT), C("attempts", XK_INT), C("next_at", XK_INT),
    C("claimed_by", XK_TEXT), C("claimed_at", XK_INT), C("sent_at", XK_TEXT), C("last_error", XK_TEXT),
    C("created_at", XK_TEXT)};
/* 数据大屏 (migration 033) */
static const struct dj_xcol screen_settings_cols[] = {R("bureau_id", XT_ORGS), C("panels", XK_TEXT),
                                                      C("title", XK_TEXT), C("updated_at", XK_TEXT)};

#define TABLE(t) {#t, t##_cols, COUNT(t##_cols)}
static const struct dj_xtable tables[XT_COUNT] = {
    TABLE(orgs), TABLE(bureaus), TABLE(bureau_settings), TABLE(users), TABLE(departments), TABLE(user_roles), TABLE(people),
    TABLE(department_links), TABLE(memberships), TABLE(committee_members), TABLE(meeting_kinds),
    TABLE(lecture_labels), TABLE(meeting_rules), TABLE(meetings), TABLE(attendance),
    /* supervision of conduct */
    TABLE(conduct_rules), TABLE(inspections), TABLE(findings), TABLE(finding_people), TABLE(conduct_reviews),
    TABLE(conduct_review_findings),
    /* tasks and rectifications (before files: evidence names their rows) */
    TABLE(tasks), TABLE(task_reports), TABLE(rectifications),
    TABLE(contacts), TABLE(contact_visits), TABLE(pairings), TABLE(pairing_activities), /* service */
    TABLE(community_registrations), TABLE(service_activities), TABLE(service_signups),
    TABLE(duty_docs), TABLE(duty_items), /* 主体责任清单 and 党建责任书 */
   
    /* 发展党员 and 荣誉 (migration 028) */
    TABLE(applicant_settings), TABLE(applicants), TABLE(applicant_reviews), TABLE(honours),
    TABLE(files),
    TABLE(quizzes), TABLE(quiz_questions), TABLE(quiz_scores), TABLE(study_records), TABLE(schemes),
    TABLE(indicators), TABLE(evaluations), TABLE(score_entries), TABLE(scores), TABLE(results),
    TABLE(objections), TABLE(award_nominations), TABLE(award_votes),
    /* dues (migration 022) */
    TABLE(dues_settings), TABLE(dues_bases), TABLE(dues_reductions), TABLE(dues_payments),
    TABLE(dues_remittances),

    /* supervision (issue 13) */
    TABLE(talk_settings), TABLE(talks), TABLE(talk_people), TABLE(risk_points), TABLE(fund_processes),
    TABLE(fund_steps), TABLE(fund_step_risks), TABLE(integrity_cases),
    /* warnings engine and inbox (migration 026) */
    TABLE(warning_rules), TABLE(warnings), TABLE(warning_history), TABLE(warning_runs), TABLE(announcements),
    TABLE(inbox_items),
    /* member self-service (migration 031) */
    TABLE(study_reports),
    /* appraisals, secretary reviews, cadre development (migration 029) */
    TABLE(appraisal_settings), TABLE(appraisals), TABLE(appraisal_members), TABLE(appraisal_ballots),
    TABLE(appraisal_tallies), TABLE(secretary_reviews), TABLE(secretary_review_ballots),
    TABLE(secretary_review_tallies), TABLE(cadre_postings), TABLE(mentorships), TABLE(mentorship_reviews),
    /* ideas (migration 030) */
    TABLE(suggestion_topics), TABLE(suggestions), TABLE(mottos),
    /* duty rosters (migration 030) */
    TABLE(duty_rosters), TABLE(duty_shifts), TABLE(duty_assignments), TABLE(duty_unavailable),
    /* notifications (issue 17) */
    TABLE(notify_settings), TABLE(notify_prefs), TABLE(notify_outbox),
    /* 数据大屏 (migration 033) */
    TABLE(screen_settings)};

/* Which rows are the bureau's: $1 is the id of its root organisation. */
#define SUBTREE "(SELECT id FROM orgs WHERE path LIKE (SELECT path FROM orgs WHERE id = $1) || '%')"
#define OF_BUREAU "bureau_id = $1"
static const char *const where[XT_COUNT] = {
    [XT_ORGS] = "id IN " SUBTREE,
    [XT_BUREAUS] = "org_id = $1",
    [XT_BUREAU_SETTINGS] = OF_BUREAU,
    [XT_USERS] = OF_BUREAU " AND province = 0",
    [XT_DEPARTMENTS] = OF_BUREAU,
    [XT_USER_ROLES] = "user_id IN (SELECT id FROM users WHERE " OF_BUREAU " AND province = 0)",
    [XT_PEOPLE] = OF_BUREAU,
    [XT_DEPARTMENT_LINKS] = "department_id IN (SELECT id FROM departments WHERE " OF_BUREAU ")",
    [XT_MEMBERSHIPS] = "person_id IN (SELECT id FROM people WHERE " OF_BUREAU ")",
    [XT_COMMITTEE_MEMBERS] = "org_id IN " SUBTREE,
    [XT_MEETING_KINDS] = OF_BUREAU,
    [XT_LECTURE_LABELS] = OF_BUREAU,
    [XT_MEETING_RULES] = OF_BUREAU,
    [XT_MEETINGS] = "org_id IN " SUBTREE,
    [XT_ATTENDANCE] = "meeting_id IN (SELECT id FROM meetings WHERE org_id IN " SUBTREE ")",
    /* supervision of conduct */
    [XT_CONDUCT_RULES] = OF_BUREAU,
    [XT_INSPECTIONS] = OF_BUREAU,
    [XT_FINDINGS] = OF_BUREAU,
    [XT_FINDING_PEOPLE] = "finding_id IN (SELECT id FROM findings WHERE " OF_BUREAU ")",
    [XT_CONDUCT_REVIEWS] = OF_BUREAU,
    [XT_CONDUCT_REVIEW_FINDINGS] = "review_id IN (SELECT id FROM conduct_reviews WHERE " OF_BUREAU ")",
    [XT_CONTACTS] = OF_BUREAU, /* service */
    [XT_CONTACT_VISITS] = OF_BUREAU,
    [XT_PAIRINGS] = OF_BUREAU,
    [XT_PAIRING_ACTIVITIES] = OF_BUREAU,
    [XT_COMMUNITY_REGISTRATIONS] = OF_BUREAU,
    [XT_SERVICE_ACTIVITIES] = OF_BUREAU,
    [XT_SERVICE_SIGNUPS] = OF_BUREAU,
    [XT_DUTY_DOCS] = OF_BUREAU, /* 主体责任清单 and 党建责任书 */
    [XT_DUTY_ITEMS] = OF_BUREAU,
    /* 发展党员 and 荣誉 (migration 028) */
    [XT_APPLICANT_SETTINGS] = OF_BUREAU,
    [XT_APPLICANTS] = OF_BUREAU,
    [XT_APPLICANT_REVIEWS] = OF_BUREAU,
    [XT_HONOURS] = OF_BUREAU,
    [XT_FILES] = OF_BUREAU,
    [XT_QUIZZES] = "org_id IN " SUBTREE,
    [XT_QUIZ_QUESTIONS] = "quiz_id IN (SELECT id FROM quizzes WHERE org_id IN " SUBTREE ")",
    [XT_QUIZ_SCORES] = "quiz_id IN (SELECT id FROM quizzes WHERE org_id IN " SUBTREE ")",
    [XT_STUDY_RECORDS] = OF_BUREAU,
    [XT_SCHEMES] = OF_BUREAU,
    [XT_INDICATORS] = "scheme_id IN (SELECT id FROM schemes WHERE " OF_BUREAU ")",
    [XT_EVALUATIONS] = OF_BUREAU,
    [XT_SCORE_ENTRIES] = "evaluation_id IN (SELECT id FROM evaluations WHERE " OF_BUREAU ")",
    [XT_SCORES] = "evaluation_id IN (SELECT id FROM evaluations WHERE " OF_BUREAU ")",
    [XT_RESULTS] = "evaluation_id IN (SELECT id FROM evaluations WHERE " OF_BUREAU ")",
    [XT_OBJECTIONS] = "evaluation_id IN (SELECT id FROM evaluations WHERE " OF_BUREAU ")",
    [XT_AWARD_NOMINATIONS] = "evaluation_id IN (SELECT id FROM evaluations WHERE " OF_BUREAU ")",
    [XT_AWARD_VOTES] = "evaluation_id IN (SELECT id FROM evaluations WHERE " OF_BUREAU ")",
    /* dues (migration 022) */
    [XT_DUES_SETTINGS] = OF_BUREAU,
    [XT_DUES_BASES] = OF_BUREAU,
    [XT_DUES_REDUCTIONS] = OF_BUREAU,
    [XT_DUES_PAYMENTS] = OF_BUREAU,
    [XT_DUES_REMITTANCES] = OF_BUREAU,
    /* tasks and rectifications */
    [XT_TASKS] = OF_BUREAU,
    [XT_TASK_REPORTS] = OF_BUREAU,
    [XT_RECTIFICATIONS] = OF_BUREAU,
    /* supervision (issue 13) */
    [XT_TALK_SETTINGS] = OF_BUREAU,
    [XT_TALKS] = OF_BUREAU,
    [XT_TALK_PEOPLE] = "talk_id IN (SELECT id FROM talks WHERE " OF_BUREAU ")",
    [XT_RISK_POINTS] = OF_BUREAU,
    [XT_FUND_PROCESSES] = OF_BUREAU,
    [XT_FUND_STEPS] = "process_id IN (SELECT id FROM fund_processes WHERE " OF_BUREAU ")",
    [XT_FUND_STEP_RISKS] = "step_id IN (SELECT id FROM fund_steps WHERE process_id IN"
                           " (SELECT id FROM fund_processes WHERE " OF_BUREAU "))",
    [XT_INTEGRITY_CASES] = OF_BUREAU,
    /* warnings engine and inbox (migration 026) */
    [XT_WARNING_RULES] = OF_BUREAU,
    [XT_WARNINGS] = OF_BUREAU,
    [XT_WARNING_HISTORY] = "warning_id IN (SELECT id FROM warnings WHERE " OF_BUREAU ")",
    [XT_WARNING_RUNS] = OF_BUREAU,
    [XT_ANNOUNCEMENTS] = OF_BUREAU,
    [XT_INBOX_ITEMS] = OF_BUREAU,
    [XT_STUDY_REPORTS] = OF_BUREAU, /* member self-service */
    /* appraisals, secretary reviews, cadre development (migration 029) */
    [XT_APPRAISAL_SETTINGS] = OF_BUREAU,
    [XT_APPRAISALS] = OF_BUREAU,
    [XT_APPRAISAL_MEMBERS] = OF_BUREAU,
    [XT_APPRAISAL_BALLOTS] = OF_BUREAU,
    [XT_APPRAISAL_TALLIES] = OF_BUREAU,
    [XT_SECRETARY_REVIEWS] = OF_BUREAU,
    [XT_SECRETARY_REVIEW_BALLOTS] = OF_BUREAU,
    [XT_SECRETARY_REVIEW_TALLIES] = OF_BUREAU,
    [XT_CADRE_POSTINGS] = OF_BUREAU,
    [XT_MENTORSHIPS] = OF_BUREAU,
    [XT_MENTORSHIP_REVIEWS] = OF_BUREAU,
    [XT_SUGGESTION_TOPICS] = OF_BUREAU, /* ideas */
    [XT_SUGGESTIONS] = OF_BUREAU,
    [XT_MOTTOS] = OF_BUREAU,
    [XT_DUTY_ROSTERS] = OF_BUREAU, /* duty rosters */
    [XT_DUTY_SHIFTS] = OF_BUREAU,
    [XT_DUTY_ASSIGNMENTS] = OF_BUREAU,
    [XT_DUTY_UNAVAILABLE] = OF_BUREAU,
    /* notifications (issue 17) */
    [XT_NOTIFY_SETTINGS] = OF_BUREAU,
    [XT_NOTIFY_PREFS] = OF_BUREAU,
    [XT_NOTIFY_OUTBOX] = OF_BUREAU,
    /* 数据大屏 (migration 033) */
    [XT_SCREEN_SETTINGS] = OF_BUREAU,
};

/* Tables that belong to no bureau, or are carried otherwise (the audit). */
static const char *const not_a_bureaus[] = {"meta",    "sessions", "login_failures",   "audit",
                                            "audit_head", "job_runs", "schema_migrations"};

#define MAX_COLS 32 /* applicants (migration 028) has 30 columns */
/* The statements, made once from the names above (addresses stay fixed, so
 * the statement caches find them by address). */
static char select_sql[XT_COUNT][1024];
static char insert_sql[XT_COUNT][1024];
static char update_sql[XT_COUNT][MAX_COLS][96];
static pthread_once_t made = PTHREAD_ONCE_INIT;
static bool made_ok;

static bool append(char *buf, size_t size, const char *s)
{
    size_t n = strlen(buf), m = strlen(s);
    if (n + m + 1 > size)
        return false;
    memcpy(buf + n, s, m + 1);
    return true;
}

static void make_sql(void)
{
    bool ok = true;
    for (int t = 0; t < XT_COUNT; t++) {
        const struct dj_xtable *x = &tables[t];
        ok &= x->ncols <= MAX_COLS;
        char *sel = select_sql[t], *ins = insert_sql[t];
        bool has_id = x->cols[0].kind == XK_ID;
        ok &= append(sel, sizeof select_sql[t], "SELECT ");
        snprintf(ins, sizeof insert_sql[t], "INSERT INTO %s (", x->name);
        char values[512] = "";
        int n = 0;
        for (int c = 0; c < x->ncols; c++) {
            if (c)
                ok &= append(sel, sizeof select_sql[t], ", ");
            ok &= append(sel, sizeof select_sql[t], x->cols[c].name);
            if (x->cols[c].kind == XK_ID)
                continue;
            char ph[16];
            snprintf(ph, sizeof ph, "%s$%d", n ? ", " : "", n + 1);
            ok &= append(values, sizeof values, ph);
            if (n++)
                ok &= append(ins, sizeof insert_sql[t], ", ");
            ok &= append(ins, sizeof insert_sql[t], x->cols[c].name);
            if (has_id)
                snprintf(update_sql[t][c], sizeof update_sql[t][c], "UPDATE %s SET %s = $1 WHERE id = $2",
                         x->name, x->cols[c].name);
        }
        char tail[256];
        /* without an id: by the first two columns (results: evaluation, target) */
        snprintf(tail, sizeof tail, " FROM %s WHERE %s ORDER BY %s%s%s", x->name, where[t], x->cols[0].name,
                 has_id ? "" : ", ", has_id ? "" : x->cols[1].name);
        ok &= append(sel, sizeof select_sql[t], tail);
        ok &= append(ins, sizeof insert_sql[t], ") VALUES (") && append(ins, sizeof insert_sql[t], values) &&
              append(ins, sizeof insert_sql[t], has_id ? ") RETURNING id" : ")");
    }
    made_ok = ok;
}

static int ensure_sql(struct dj_err *err)
{
    pthread_once(&made, make_sql);
    return made_ok ? 0 : dj_err_set(err, DJ_EINTERNAL, "transfer statements too long");
}

const struct dj_xtable *store_xfer_table(enum dj_xtab t)
{
    return &tables[t];
}

int store_xfer_col(enum dj_xtab t, const char *name)
{
    for (int c = 0; c < tables[t].ncols; c++)
        if (!strcmp(tables[t].cols[c].name, name))
            return c;
    return -1;
}

static void vals_clear(struct dj_xval *v, int n)
{
    for (int i = 0; i < n; i++) {
        free(v[i].s);
        memset(&v[i], 0, sizeof v[i]);
    }
}

static int read_val(struct dj_stmt *st, int c, enum dj_xkind kind, struct dj_xval *v, struct dj_err *err)
{
    memset(v, 0, sizeof *v);
    if (db_is_null(st, c))
        return 0;
    switch (kind) {
    case XK_TEXT:
    case XK_PATH:
    case XK_SEALED:
    case XK_SEALED_TALK:
    case XK_SEALED_NOTIFY:
    case XK_DETAIL: {
        const char *s = db_text(st, c);
        v->type = XV_TEXT;
        v->len = strlen(s);
        if (!(v->s = strdup(s)))
            return dj_err_set(err, DJ_ENOMEM, "内存不足");
        return 0;
    }
    case XK_BLOB: {
        size_t len = 0;
        const void *p = db_blob(st, c, &len);
        v->type = XV_BLOB;
        v->len = len;
        if (!(v->s = malloc(len ? len : 1)))
            return dj_err_set(err, DJ_ENOMEM, "内存不足");
        if (len)
            memcpy(v->s, p, len);
        return 0;
    }
    default:
        v->type = XV_INT;
        v->i = db_int(st, c);
        return 0;
    }
}

int store_xfer_scan(struct dj_db *db, enum dj_xtab t, int64_t root_id, dj_xrow_fn fn, void *ctx,
                    struct dj_err *err)
{
    int rc = ensure_sql(err);
    struct dj_stmt *st;
    if (rc || (rc = db_query(db, select_sql[t], &st, err)))
        return rc;
    db_bind_int(st, 1, root_id);
    const struct dj_xtable *x = &tables[t];
    struct dj_xval vals[MAX_COLS];
    memset(vals, 0, sizeof vals);
    while ((rc = db_step(st, err)) == DB_ROW) {
        rc = 0;
        for (int c = 0; c < x->ncols && !rc; c++)
            rc = read_val(st, c, x->cols[c].kind, &vals[c], err);
        if (!rc)
            rc = fn(ctx, vals, err);
        vals_clear(vals, x->ncols);
        if (rc)
            break;
    }
    db_done(st);
    return rc == DB_DONE ? 0 : rc;
}

static int bind_val(struct dj_stmt *st, int index, const struct dj_xval *v)
{
    switch (v->type) {
    case XV_INT:
        return db_bind_int(st, index, v->i);
    case XV_TEXT:
        return db_bind_text(st, index, v->s);
    case XV_BLOB:
        return db_bind_blob(st, index, v->s, v->len);
    default:
        return db_bind_null(st, index);
    }
}

int store_xfer_insert(struct dj_db *db, enum dj_xtab t, const struct dj_xval *vals, int64_t *new_id,
                      struct dj_err *err)
{
    int rc = ensure_sql(err);
    struct dj_stmt *st;
    if (rc || (rc = db_query(db, insert_sql[t], &st, err)))
        return rc;
    const struct dj_xtable *x = &tables[t];
    int n = 0;
    for (int c = 0; c < x->ncols && !rc; c++)
        if (x->cols[c].kind != XK_ID && (rc = bind_val(st, ++n, &vals[c])))
            rc = dj_err_set(err, DJ_EDB, "数据库错误");
    *new_id = 0;
    if (!rc && x->cols[0].kind == XK_ID) {
        if ((rc = db_step(st, err)) == DB_ROW) {
            *new_id = db_int(st, 0);
            rc = 0;
        } else if (rc == DB_DONE) {
            rc = dj_err_set(err, DJ_EDB, "数据库错误");
        }
    } else if (!rc) {
        rc = db_run(st, err);
    }
    db_done(st);
    return rc;
}

int store_xfer_update(struct dj_db *db, enum dj_xtab t, int col, int64_t id, const struct dj_xval *v,
                      struct dj_err *err)
{
    int rc = ensure_sql(err);
    struct dj_stmt *st;
    if (rc)
        return rc;
    if (col < 0 || col >= tables[t].ncols || !update_sql[t][col][0])
        return dj_err_set(err, DJ_EINTERNAL, "no update for %s column %d", tables[t].name, col);
    if ((rc = db_query(db, update_sql[t][col], &st, err)))
        return rc;
    if (bind_val(st, 1, v) || db_bind_int(st, 2, id))
        rc = dj_err_set(err, DJ_EDB, "数据库错误");
    else
        rc = db_run(st, err);
    db_done(st);
    return rc;
}

int store_xfer_snapshot(struct dj_db *db, struct dj_err *err)
{
    if (db_engine(db) != DJ_DB_POSTGRESQL)
        return 0; /* an SQLite read transaction is a snapshot already */
    struct dj_stmt *st;
    int rc = db_query(db, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", &st, err);
    if (!rc) {
        rc = db_run(st, err);
        db_done(st);
    }
    return rc;
}

int store_xfer_builtin_kinds(struct dj_db *db, dj_xkind_fn fn, void *ctx, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT id, code FROM meeting_kinds WHERE bureau_id IS NULL ORDER BY id", &st, err);
    if (rc)
        return rc;
    while ((rc = db_step(st, err)) == DB_ROW)
        if ((rc = fn(ctx, db_int(st, 0), db_text(st, 1), err)))
            break;
    db_done(st);
    return rc == DB_DONE ? 0 : rc;
}

static bool known_table(const char *name)
{
    for (int t = 0; t < XT_COUNT; t++)
        if (!strcmp(tables[t].name, name))
            return true;
    for (size_t i = 0; i < sizeof not_a_bureaus / sizeof not_a_bureaus[0]; i++)
        if (!strcmp(not_a_bureaus[i], name))
            return true;
    return false;
}

/* Every column of every table of the database, as (table, column) rows. */
static const char *columns_sql(struct dj_db *db)
{
    if (db_engine(db) == DJ_DB_POSTGRESQL)
        return "SELECT c.table_name, c.column_name FROM information_schema.columns c"
               " JOIN information_schema.tables t ON t.table_schema = c.table_schema"
               " AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'"
               " WHERE c.table_schema = current_schema() ORDER BY c.table_name, c.ordinal_position";
    return "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p"
           " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid";
}

int store_xfer_check_schema(struct dj_db *db, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, columns_sql(db), &st, err);
    if (rc)
        return rc;
    while ((rc = db_step(st, err)) == DB_ROW) {
        const char *table = db_text(st, 0), *col = db_text(st, 1);
        int bad = 0;
        if (!known_table(table))
            bad = dj_err_set(err, DJ_ECONFLICT,
                             "数据库中的表 %s 不在单位迁移的范围内，本程序不能完整导出或导入单位", table);
        for (int t = 0; t < XT_COUNT && !bad; t++)
            if (!strcmp(tables[t].name, table) && store_xfer_col((enum dj_xtab)t, col) < 0)
                bad = dj_err_set(err, DJ_ECONFLICT,
                                 "数据库中的列 %s.%s 不在单位迁移的范围内，本程序不能完整导出或导入单位", table, col);
        if (bad) {
            rc = bad;
            break;
        }
    }
    db_done(st);
    return rc == DB_DONE ? 0 : rc;
}

int store_xfer_username_taken(struct dj_db *db, const char *name, bool *taken, struct dj_err *err)
{
    struct dj_stmt *st;
    int rc = db_query(db, "SELECT 1 FROM users WHERE username = $1", &st, err);
    if (rc)
        return rc;
    db_bind_text(st, 1, name);
    rc = db_step(st, err);
    *taken = rc == DB_ROW;
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

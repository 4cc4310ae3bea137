/* routes: the handlers of every resource, listed in routes.c. */
#ifndef DJ_ROUTES_H
#define DJ_ROUTES_H

#include "api/api.h"

int api_health(struct dj_request *req, struct dj_response *resp);
int api_session_create(struct dj_request *req, struct dj_response *resp);
int api_session_get(struct dj_request *req, struct dj_response *resp);
int api_session_delete(struct dj_request *req, struct dj_response *resp);
int api_session_password(struct dj_request *req, struct dj_response *resp);
int api_bureaus_list(struct dj_request *req, struct dj_response *resp);
int api_bureaus_create(struct dj_request *req, struct dj_response *resp);
int api_bureaus_rollup(struct dj_request *req, struct dj_response *resp);
int api_bureaus_get(struct dj_request *req, struct dj_response *resp);
int api_bureaus_update(struct dj_request *req, struct dj_response *resp);
int api_bureaus_settings_get(struct dj_request *req, struct dj_response *resp);
int api_bureaus_settings_update(struct dj_request *req, struct dj_response *resp);
int api_users_list(struct dj_request *req, struct dj_response *resp);
int api_users_batch(struct dj_request *req, struct dj_response *resp);
int api_users_create(struct dj_request *req, struct dj_response *resp);
int api_users_get(struct dj_request *req, struct dj_response *resp);
int api_users_update(struct dj_request *req, struct dj_response *resp);
int api_users_password(struct dj_request *req, struct dj_response *resp);
int api_audit_list(struct dj_request *req, struct dj_response *resp);
int api_orgs_list(struct dj_request *req, struct dj_response *resp);
int api_departments_list(struct dj_request *req, struct dj_response *resp);
int api_departments_get(struct dj_request *req, struct dj_response *resp);
int api_departments_create(struct dj_request *req, struct dj_response *resp);
int api_departments_update(struct dj_request *req, struct dj_response *resp);
int api_orgs_get(struct dj_request *req, struct dj_response *resp);
int api_orgs_create(struct dj_request *req, struct dj_response *resp);
int api_orgs_update(struct dj_request *req, struct dj_response *resp);
int api_orgs_move(struct dj_request *req, struct dj_response *resp);
int api_orgs_committee_add(struct dj_request *req, struct dj_response *resp);
int api_orgs_committee_end(struct dj_request *req, struct dj_response *resp);
int api_people_list(struct dj_request *req, struct dj_response *resp);
int api_rules_list(struct dj_request *req, struct dj_response *resp);
int api_rules_create(struct dj_request *req, struct dj_response *resp);
int api_rules_update(struct dj_request *req, struct dj_response *resp);
int api_rules_get(struct dj_request *req, struct dj_response *resp);
int api_compliance_board(struct dj_request *req, struct dj_response *resp);
int api_warnings(struct dj_request *req, struct dj_response *resp);
/* warnings engine and inbox (api_warnings.c) */
int api_warnings_stored(struct dj_request *req, struct dj_response *resp);
int api_warnings_get(struct dj_request *req, struct dj_response *resp);
int api_warnings_acknowledge(struct dj_request *req, struct dj_response *resp);
int api_warnings_dismiss(struct dj_request *req, struct dj_response *resp);
int api_warnings_refresh(struct dj_request *req, struct dj_response *resp);
int api_warning_rules_list(struct dj_request *req, struct dj_response *resp);
int api_warning_rules_update(struct dj_request *req, struct dj_response *resp);
int api_inbox_list(struct dj_request *req, struct dj_response *resp);
int api_inbox_unread(struct dj_request *req, struct dj_response *resp);
int api_inbox_read(struct dj_request *req, struct dj_response *resp);
int api_inbox_unread_mark(struct dj_request *req, struct dj_response *resp);
int api_inbox_read_all(struct dj_request *req, struct dj_response *resp);
int api_announcements_list(struct dj_request *req, struct dj_response *resp);
int api_announcements_create(struct dj_request *req, struct dj_response *resp);
int api_statistics_attendance(struct dj_request *req, struct dj_response *resp);
int api_meeting_kinds(struct dj_request *req, struct dj_response *resp);
int api_meetings_list(struct dj_request *req, struct dj_response *resp);
int api_meetings_get(struct dj_request *req, struct dj_response *resp);
int api_meetings_create(struct dj_request *req, struct dj_response *resp);
int api_meetings_update(struct dj_request *req, struct dj_response *resp);
int api_meetings_attendance(struct dj_request *req, struct dj_response *resp);
int api_files_create(struct dj_request *req, struct dj_response *resp);
int api_files_get(struct dj_request *req, struct dj_response *resp);
int api_people_import(struct dj_request *req, struct dj_response *resp);
int api_people_template(struct dj_request *req, struct dj_response *resp);
int api_people_get(struct dj_request *req, struct dj_response *resp);
int api_people_create(struct dj_request *req, struct dj_response *resp);
int api_people_update(struct dj_request *req, struct dj_response *resp);

/* Creates a meeting from an already parsed body (not stolen): /lectures. */
int api_meetings_create_from(struct dj_request *req, struct dj_response *resp, json_t *body);
int api_lectures_list(struct dj_request *req, struct dj_response *resp);
int api_lectures_create(struct dj_request *req, struct dj_response *resp);
int api_lectures_summary(struct dj_request *req, struct dj_response *resp);
int api_lectures_rota(struct dj_request *req, struct dj_response *resp);
int api_lectures_get(struct dj_request *req, struct dj_response *resp);
int api_lectures_update(struct dj_request *req, struct dj_response *resp);
int api_lectures_attendance(struct dj_request *req, struct dj_response *resp);
int api_meetings_attendance_remove(struct dj_request *req, struct dj_response *resp);
int api_lecture_labels_list(struct dj_request *req, struct dj_response *resp);
int api_lecture_labels_create(struct dj_request *req, struct dj_response *resp);
int api_lecture_labels_update(struct dj_request *req, struct dj_response *resp);
int api_quizzes_list(struct dj_request *req, struct dj_response *resp);
int api_quizzes_create(struct dj_request *req, struct dj_response *resp);
int api_quizzes_get(struct dj_request *req, struct dj_response *resp);
int api_quizzes_update(struct dj_request *req, struct dj_response *resp);
int api_quizzes_scores_list(struct dj_request *req, struct dj_response *resp);
int api_quizzes_scores_set(struct dj_request *req, struct dj_response *resp);
int api_quizzes_scores_import(struct dj_request *req, struct dj_response *resp);
int api_study_list(struct dj_request *req, struct dj_response *resp);
int api_study_create(struct dj_request *req, struct dj_response *resp);
int api_study_delete(struct dj_request *req, struct dj_response *resp);
int api_statistics_learning(struct dj_request *req, struct dj_response *resp);

int api_schemes_list(struct dj_request *req, struct dj_response *resp);
int api_schemes_get(struct dj_request *req, struct dj_response *resp);
int api_schemes_create(struct dj_request *req, struct dj_response *resp);
int api_schemes_new_version(struct dj_request *req, struct dj_response *resp);
int api_index_sources(struct dj_request *req, struct dj_response *resp);
int api_evaluations_list(struct dj_request *req, struct dj_response *resp);
int api_evaluations_get(struct dj_request *req, struct dj_response *resp);
int api_evaluations_create(struct dj_request *req, struct dj_response *resp);
int api_evaluations_compute(struct dj_request *req, struct dj_response *resp);
int api_evaluations_state(struct dj_request *req, struct dj_response *resp);
int api_evaluations_version(struct dj_request *req, struct dj_response *resp);
int api_evaluations_enter(struct dj_request *req, struct dj_response *resp);
int api_evaluations_entries(struct dj_request *req, struct dj_response *resp);
int api_evaluations_entry_delete(struct dj_request *req, struct dj_response *resp);
int api_evaluations_import(struct dj_request *req, struct dj_response *resp);
int api_evaluations_ranking(struct dj_request *req, struct dj_response *resp);
int api_evaluations_scores(struct dj_request *req, struct dj_response *resp);
int api_evaluations_explain(struct dj_request *req, struct dj_response *resp);
int api_evaluations_notice(struct dj_request *req, struct dj_response *resp);
int api_evaluations_progress(struct dj_request *req, struct dj_response *resp);
int api_evaluations_grid(struct dj_request *req, struct dj_response *resp);
int api_evaluations_targets(struct dj_request *req, struct dj_response *resp);
int api_awards_list(struct dj_request *req, struct dj_response *resp);
int api_awards_nominate(struct dj_request *req, struct dj_response *resp);
int api_awards_vote(struct dj_request *req, struct dj_response *resp);
int api_objections_list(struct dj_request *req, struct dj_response *resp);
int api_objections_create(struct dj_request *req, struct dj_response *resp);
int api_objections_answer(struct dj_request *req, struct dj_response *resp);
/* supervision of conduct (api_inspections.c) */
int api_conduct_rules_list(struct dj_request *req, struct dj_response *resp);
int api_conduct_rules_create(struct dj_request *req, struct dj_response *resp);
int api_conduct_rules_update(struct dj_request *req, struct dj_response *resp);
int api_inspections_list(struct dj_request *req, struct dj_response *resp);
int api_inspections_create(struct dj_request *req, struct dj_response *resp);
int api_inspections_statistics(struct dj_request *req, struct dj_response *resp);
int api_inspections_get(struct dj_request *req, struct dj_response *resp);
int api_findings_create(struct dj_request *req, struct dj_response *resp);
int api_findings_list(struct dj_request *req, struct dj_response *resp);
int api_findings_bulletin(struct dj_request *req, struct dj_response *resp);
int api_findings_get(struct dj_request *req, struct dj_response *resp);
int api_findings_explain(struct dj_request *req, struct dj_response *resp);
int api_findings_decide(struct dj_request *req, struct dj_response *resp);
int api_conduct_reviews_list(struct dj_request *req, struct dj_response *resp);
int api_conduct_reviews_create(struct dj_request *req, struct dj_response *resp);

/* dues (issue 16 item 1) */
int api_dues_settings_get(struct dj_request *req, struct dj_response *resp);
int api_dues_settings_create(struct dj_request *req, struct dj_response *resp);
int api_dues_settings_delete(struct dj_request *req, struct dj_response *resp);
int api_dues_bases_list(struct dj_request *req, struct dj_response *resp);
int api_dues_bases_create(struct dj_request *req, struct dj_response *resp);
int api_dues_bases_delete(struct dj_request *req, struct dj_response *resp);
int api_dues_bases_import(struct dj_request *req, struct dj_response *resp);
int api_dues_reductions_list(struct dj_request *req, struct dj_response *resp);
int api_dues_reductions_create(struct dj_request *req, struct dj_response *resp);
int api_dues_reductions_delete(struct dj_request *req, struct dj_response *resp);
int api_dues_payments_list(struct dj_request *req, struct dj_response *resp);
int api_dues_payments_create(struct dj_request *req, struct dj_response *resp);
int api_dues_payments_delete(struct dj_request *req, struct dj_response *resp);
int api_dues_remittances_list(struct dj_request *req, struct dj_response *resp);
int api_dues_remittances_create(struct dj_request *req, struct dj_response *resp);
int api_dues_remittances_delete(struct dj_request *req, struct dj_response *resp);
int api_dues_members(struct dj_request *req, struct dj_response *resp);
int api_dues_report(struct dj_request *req, struct dj_response *resp);
int api_dues_statement(struct dj_request *req, struct dj_response *resp);

/* meeting life cycle (issue 12, item 2): api_meetings.c */
int api_meetings_upcoming(struct dj_request *req, struct dj_response *resp);
int api_meetings_hold(struct dj_request *req, struct dj_response *resp);
int api_meetings_cancel(struct dj_request *req, struct dj_response *resp);
int api_meetings_void(struct dj_request *req, struct dj_response *resp);
int api_meetings_correct(struct dj_request *req, struct dj_response *resp);
int api_meetings_leave(struct dj_request *req, struct dj_response *resp);
int api_meetings_leave_withdraw(struct dj_request *req, struct dj_response *resp);
int api_files_remove(struct dj_request *req, struct dj_response *resp);
int api_quizzes_remove(struct dj_request *req, struct dj_response *resp);

/* tasks and rectifications (api_tasks.c) */
int api_tasks_list(struct dj_request *req, struct dj_response *resp);
int api_tasks_create(struct dj_request *req, struct dj_response *resp);
int api_tasks_board(struct dj_request *req, struct dj_response *resp);
int api_tasks_get(struct dj_request *req, struct dj_response *resp);
int api_tasks_update(struct dj_request *req, struct dj_response *resp);
int api_tasks_report(struct dj_request *req, struct dj_response *resp);
int api_tasks_import(struct dj_request *req, struct dj_response *resp);
int api_rectifications_list(struct dj_request *req, struct dj_response *resp);
int api_rectifications_create(struct dj_request *req, struct dj_response *resp);
int api_rectifications_get(struct dj_request *req, struct dj_response *resp);
int api_rectifications_update(struct dj_request *req, struct dj_response *resp);
int api_rectifications_close(struct dj_request *req, struct dj_response *resp);
int api_rectifications_reopen(struct dj_request *req, struct dj_response *resp);

/* supervision: talks, risk points, fund processes (issue 13) */
int api_talks_list(struct dj_request *req, struct dj_response *resp);
int api_talks_create(struct dj_request *req, struct dj_response *resp);
int api_talks_due(struct dj_request *req, struct dj_response *resp);
int api_talks_statistics(struct dj_request *req, struct dj_response *resp);
int api_talks_settings_get(struct dj_request *req, struct dj_response *resp);
int api_talks_settings_put(struct dj_request *req, struct dj_response *resp);
int api_talks_get(struct dj_request *req, struct dj_response *resp);
int api_talks_update(struct dj_request *req, struct dj_response *resp);
int api_risks_list(struct dj_request *req, struct dj_response *resp);
int api_risks_create(struct dj_request *req, struct dj_response *resp);
int api_risks_get(struct dj_request *req, struct dj_response *resp);
int api_risks_update(struct dj_request *req, struct dj_response *resp);
int api_funds_list(struct dj_request *req, struct dj_response *resp);
int api_funds_create(struct dj_request *req, struct dj_response *resp);
int api_funds_get(struct dj_request *req, struct dj_response *resp);
int api_funds_update(struct dj_request *req, struct dj_response *resp);
int api_cases_list(struct dj_request *req, struct dj_response *resp);
int api_cases_create(struct dj_request *req, struct dj_response *resp);
int api_cases_get(struct dj_request *req, struct dj_response *resp);
int api_cases_update(struct dj_request *req, struct dj_response *resp);
/* service (api_service.c) */
int api_contacts_list(struct dj_request *req, struct dj_response *resp);
int api_contacts_create(struct dj_request *req, struct dj_response *resp);
int api_contacts_gaps(struct dj_request *req, struct dj_response *resp);
int api_contacts_import(struct dj_request *req, struct dj_response *resp);
int api_contacts_get(struct dj_request *req, struct dj_response *resp);
int api_contacts_update(struct dj_request *req, struct dj_response *resp);
int api_contacts_visit_create(struct dj_request *req, struct dj_response *resp);
int api_contact_visits_list(struct dj_request *req, struct dj_response *resp);
int api_pairings_list(struct dj_request *req, struct dj_response *resp);
int api_pairings_create(struct dj_request *req, struct dj_response *resp);
int api_pairings_get(struct dj_request *req, struct dj_response *resp);
int api_pairings_activity_create(struct dj_request *req, struct dj_response *resp);
int api_registrations_list(struct dj_request *req, struct dj_response *resp);
int api_registrations_create(struct dj_request *req, struct dj_response *resp);
int api_registrations_confirm(struct dj_request *req, struct dj_response *resp);
int api_service_activities_list(struct dj_request *req, struct dj_response *resp);
int api_service_activities_create(struct dj_request *req, struct dj_response *resp);
int api_service_activities_get(struct dj_request *req, struct dj_response *resp);
int api_service_signups_create(struct dj_request *req, struct dj_response *resp);
int api_service_signups_list(struct dj_request *req, struct dj_response *resp);
int api_service_signups_report(struct dj_request *req, struct dj_response *resp);
int api_service_signups_confirm(struct dj_request *req, struct dj_response *resp);
int api_statistics_service(struct dj_request *req, struct dj_response *resp);
/* 主体责任清单 and 党建责任书 (api_duties.c) */
int api_duties_list(struct dj_request *req, struct dj_response *resp);
int api_duties_create(struct dj_request *req, struct dj_response *resp);
int api_duties_summary(struct dj_request *req, struct dj_response *resp);
int api_duties_copy(struct dj_request *req, struct dj_response *resp);
int api_duties_get(struct dj_request *req, struct dj_response *resp);
int api_duties_update(struct dj_request *req, struct dj_response *resp);
int api_duties_remove(struct dj_request *req, struct dj_response *resp);
int api_duties_item_add(struct dj_request *req, struct dj_response *resp);
int api_duties_item_update(struct dj_request *req, struct dj_response *resp);
int api_duties_item_check(struct dj_request *req, struct dj_response *resp);
/* member self-service (api_self_service.c) */
int api_meetings_signin_code(struct dj_request *req, struct dj_response *resp);
int api_meeting_signins_create(struct dj_request *req, struct dj_response *resp);
int api_study_reports_list(struct dj_request *req, struct dj_response *resp);
int api_study_reports_create(struct dj_request *req, struct dj_response *resp);
int api_study_reports_approve(struct dj_request *req, struct dj_response *resp);
int api_study_reports_reject(struct dj_request *req, struct dj_response *resp);

/* 民主评议党员 and 支部书记述职评议 (api_appraisals.c, issue 16 items 3-4) */
int api_appraisals_list(struct dj_request *req, struct dj_response *resp);
int api_appraisals_create(struct dj_request *req, struct dj_response *resp);
int api_appraisal_settings_get(struct dj_request *req, struct dj_response *resp);
int api_appraisal_settings_create(struct dj_request *req, struct dj_response *resp);
int api_appraisals_mine(struct dj_request *req, struct dj_response *resp);
int api_appraisals_get(struct dj_request *req, struct dj_response *resp);
int api_appraisals_members(struct dj_request *req, struct dj_response *resp);
int api_appraisals_self(struct dj_request *req, struct dj_response *resp);
int api_appraisals_ballot(struct dj_request *req, struct dj_response *resp);
int api_appraisals_grade(struct dj_request *req, struct dj_response *resp);
int api_appraisals_followup(struct dj_request *req, struct dj_response *resp);
int api_reviews_list(struct dj_request *req, struct dj_response *resp);
int api_reviews_create(struct dj_request *req, struct dj_response *resp);
int api_reviews_get(struct dj_request *req, struct dj_response *resp);
int api_reviews_report(struct dj_request *req, struct dj_response *resp);
int api_reviews_rate(struct dj_request *req, struct dj_response *resp);
int api_reviews_close(struct dj_request *req, struct dj_response *resp);

/* cadre development (api_cadre.c, issue 16 item 5) */
int api_cadre_postings_list(struct dj_request *req, struct dj_response *resp);
int api_cadre_postings_create(struct dj_request *req, struct dj_response *resp);
int api_cadre_postings_update(struct dj_request *req, struct dj_response *resp);
int api_cadre_mentorships_list(struct dj_request *req, struct dj_response *resp);
int api_cadre_mentorships_create(struct dj_request *req, struct dj_response *resp);
int api_cadre_mentorships_get(struct dj_request *req, struct dj_response *resp);
int api_cadre_mentorships_review(struct dj_request *req, struct dj_response *resp);
/* 发展党员 and 荣誉 (issue 16 items 2 and 6) */
int api_applicants_list(struct dj_request *req, struct dj_response *resp);
int api_applicants_create(struct dj_request *req, struct dj_response *resp);
int api_applicants_import(struct dj_request *req, struct dj_response *resp);
int api_applicants_get(struct dj_request *req, struct dj_response *resp);
int api_applicants_update(struct dj_request *req, struct dj_response *resp);
int api_applicants_advance(struct dj_request *req, struct dj_response *resp);
int api_applicants_review(struct dj_request *req, struct dj_response *resp);
int api_applicants_extend(struct dj_request *req, struct dj_response *resp);
int api_applicant_settings_get(struct dj_request *req, struct dj_response *resp);
int api_applicant_settings_create(struct dj_request *req, struct dj_response *resp);
int api_applicant_settings_delete(struct dj_request *req, struct dj_response *resp);
int api_honours_list(struct dj_request *req, struct dj_response *resp);
int api_honours_create(struct dj_request *req, struct dj_response *resp);
int api_honours_import(struct dj_request *req, struct dj_response *resp);
int api_honours_get(struct dj_request *req, struct dj_response *resp);
int api_honours_update(struct dj_request *req, struct dj_response *resp);
int api_honours_delete(struct dj_request *req, struct dj_response *resp);

/* ideas (api_ideas.c, issue 15): 领导出题·科室献计, 格言 */
int api_topics_list(struct dj_request *req, struct dj_response *resp);
int api_topics_create(struct dj_request *req, struct dj_response *resp);
int api_topics_get(struct dj_request *req, struct dj_response *resp);
int api_suggestions_list(struct dj_request *req, struct dj_response *resp);
int api_suggestions_create(struct dj_request *req, struct dj_response *resp);
int api_suggestions_get(struct dj_request *req, struct dj_response *resp);
int api_suggestions_review(struct dj_request *req, struct dj_response *resp);
int api_suggestions_task(struct dj_request *req, struct dj_response *resp);
int api_mottos_list(struct dj_request *req, struct dj_response *resp);
int api_mottos_create(struct dj_request *req, struct dj_response *resp);
int api_mottos_today(struct dj_request *req, struct dj_response *resp);
int api_mottos_review(struct dj_request *req, struct dj_response *resp);
/* duty rosters (api_duty.c, issue 15) */
int api_rosters_list(struct dj_request *req, struct dj_response *resp);
int api_rosters_create(struct dj_request *req, struct dj_response *resp);
int api_rosters_get(struct dj_request *req, struct dj_response *resp);
int api_rosters_shifts_create(struct dj_request *req, struct dj_response *resp);
int api_duty_assign(struct dj_request *req, struct dj_response *resp);
int api_duty_assignments_list(struct dj_request *req, struct dj_response *resp);
int api_duty_swap(struct dj_request *req, struct dj_response *resp);
int api_duty_swap_decide(struct dj_request *req, struct dj_response *resp);
int api_duty_absent(struct dj_request *req, struct dj_response *resp);
int api_duty_unavailable_list(struct dj_request *req, struct dj_response *resp);
int api_duty_unavailable_create(struct dj_request *req, struct dj_response *resp);
/* notifications (issue 17): api_notify.c */
int api_notify_settings_get(struct dj_request *req, struct dj_response *resp);
int api_notify_settings_put(struct dj_request *req, struct dj_response *resp);
int api_notify_prefs_get(struct dj_request *req, struct dj_response *resp);
int api_notify_prefs_put(struct dj_request *req, struct dj_response *resp);
int api_notify_test(struct dj_request *req, struct dj_response *resp);
int api_deliveries_list(struct dj_request *req, struct dj_response *resp);
int api_deliveries_get(struct dj_request *req, struct dj_response *resp);
int api_jobs_daily_reminder_run(struct dj_request *req, struct dj_response *resp);
/* documents (issue 18) */
int api_documents_notice(struct dj_request *req, struct dj_response *resp);
int api_documents_xibao(struct dj_request *req, struct dj_response *resp);
int api_documents_certificates(struct dj_request *req, struct dj_response *resp);
int api_documents_meeting(struct dj_request *req, struct dj_response *resp);
int api_documents_bulletin(struct dj_request *req, struct dj_response *resp);
int api_documents_annual(struct dj_request *req, struct dj_response *resp);
int api_statistics_annual(struct dj_request *req, struct dj_response *resp);
/* 数据大屏 (api_screen.c) */
int api_screen_get(struct dj_request *req, struct dj_response *resp);
int api_screen_settings_get(struct dj_request *req, struct dj_response *resp);
int api_screen_settings_put(struct dj_request *req, struct dj_response *resp);
int api_orgs_index_history(struct dj_request *req, struct dj_response *resp);
int api_people_index_history(struct dj_request *req, struct dj_response *resp);
int api_statistics_attendance_months(struct dj_request *req, struct dj_response *resp);
/* True when a kiosk-only account may reach route (the screen, its session). */
bool api_screen_kiosk_allowed(const struct dj_route *route);

#endif

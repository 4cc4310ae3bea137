// Routes: every page is loaded when first opened (its own chunk).  The guard
// loads the session once, sends a visitor without one to the login page, a
// user who must change their password to that form, and a user who may not
// open a page (by the menu's rules) to the forbidden page.
import { createRouter, createWebHistory } from 'vue-router';
import { session, loadSession } from './lib/session.js';
import { canOpen, homeFor } from './lib/perm.js';
import { onUnauthenticated } from './lib/api.js';
import Layout from './components/Layout.vue';

const routes = [
  { path: '/login', name: 'login', component: () => import('./views/Login.vue'), meta: { public: true } },
  { path: '/password', name: 'password', component: () => import('./views/ChangePassword.vue') },
  // 数据大屏 (issue 18 item 3): full screen, no menu chrome
  { path: '/screen', name: 'screen', component: () => import('./views/Screen.vue') },
  {
    path: '/',
    component: Layout,
    children: [
      // decided in beforeEnter, which runs after the guard has loaded the session
      // (a `redirect` is resolved before any guard, with no session yet)
      { path: '', name: 'home', component: { render: () => null }, beforeEnter: () => homeFor(session.user, session.permissions) },
      { path: 'dashboard', name: 'dashboard', component: () => import('./views/Dashboard.vue') },
      { path: 'mine', name: 'mine', component: () => import('./views/Mine.vue') },
      { path: 'orgs', name: 'orgs', component: () => import('./views/Orgs.vue') },
      { path: 'orgs/:id', name: 'org', component: () => import('./views/Orgs.vue'), meta: { menu: 'orgs' } },
      { path: 'people', name: 'people', component: () => import('./views/People.vue') },
      { path: 'people/:id', name: 'person', component: () => import('./views/PersonDetail.vue'), meta: { menu: 'people', open: true } },
      { path: 'meetings', name: 'meetings', component: () => import('./views/Meetings.vue') },
      { path: 'meetings/:id', name: 'meeting', component: () => import('./views/MeetingDetail.vue'), meta: { menu: 'meetings', open: true } },
      { path: 'compliance', name: 'compliance', component: () => import('./views/Compliance.vue') },
      { path: 'rules', name: 'rules', component: () => import('./views/Rules.vue') },
      { path: 'lectures', name: 'lectures', component: () => import('./views/learning/Lectures.vue') },
      { path: 'lectures/:id', name: 'lecture', component: () => import('./views/learning/LectureDetail.vue'), meta: { menu: 'lectures', open: true } },
      { path: 'quizzes/:id', name: 'quiz', component: () => import('./views/learning/QuizDetail.vue'), meta: { menu: 'lectures', open: true } },
      { path: 'schemes', name: 'schemes', component: () => import('./views/indexes/Schemes.vue') },
      { path: 'schemes/:id', name: 'scheme', component: () => import('./views/indexes/SchemeDetail.vue'), meta: { menu: 'schemes' } },
      { path: 'evaluations', name: 'evaluations', component: () => import('./views/indexes/Evaluations.vue') },
      { path: 'evaluations/:id', name: 'evaluation', component: () => import('./views/indexes/EvaluationDetail.vue'), meta: { menu: 'evaluations', open: true } },
      { path: 'settings', name: 'settings', component: () => import('./views/BureauSettings.vue') },
      { path: 'bureaus', name: 'bureaus', component: () => import('./views/Bureaus.vue') },
      { path: 'users', name: 'users', component: () => import('./views/Users.vue') },
      { path: 'audit', name: 'audit', component: () => import('./views/Audit.vue') },
      // dues (issue 16 item 1)
      { path: 'dues', name: 'dues', component: () => import('./views/dues/Dues.vue') },
      // supervision of conduct (作风监督)
      { path: 'inspections', name: 'inspections', component: () => import('./views/Inspections.vue') },
      // tasks and rectifications (issue 14)
      { path: 'tasks', name: 'tasks', component: () => import('./views/tasks/Tasks.vue') },
      { path: 'tasks/:id', name: 'task', component: () => import('./views/tasks/TaskDetail.vue'), meta: { menu: 'tasks', open: true } },
      { path: 'rectifications', name: 'rectifications', component: () => import('./views/tasks/Rectifications.vue') },
      // 主体责任清单 and 党建责任书 (issue 14 items 2–3)
      { path: 'duties', name: 'duties', component: () => import('./views/tasks/Duties.vue') },
      // supervision: talks, risk points, fund processes (issue 13)
      { path: 'talks', name: 'talks', component: () => import('./views/supervision/Talks.vue') },
      { path: 'risk-points', name: 'risks', component: () => import('./views/supervision/RiskPoints.vue') },
      // service (issue 15)
      { path: 'contacts', name: 'contacts', component: () => import('./views/service/Contacts.vue') },
      { path: 'volunteering', name: 'volunteering', component: () => import('./views/service/Volunteering.vue') },
      // warnings engine and inbox (issue 17)
      { path: 'inbox', name: 'inbox', component: () => import('./views/Inbox.vue') },
      { path: 'warnings', name: 'warnings', component: () => import('./views/Warnings.vue') },
      // member self-service (issue 12, item 3): the page a sign-in QR code opens, the branch's approvals
      { path: 'signin', name: 'signin', component: () => import('./views/selfserve/Signin.vue'), meta: { open: true } },
      { path: 'study-reports', name: 'study-reports', component: () => import('./views/selfserve/StudyReports.vue') },
      // appraisals and secretary reviews (issue 16 items 3-4)
      { path: 'appraisals', name: 'appraisals', component: () => import('./views/appraisals/Appraisals.vue') },
      { path: 'cadre', name: 'cadre', component: () => import('./views/appraisals/Cadre.vue') }, // issue 16 item 5
      // 发展党员 and 荣誉 (issue 16 items 2 and 6)
      { path: 'applicants', name: 'applicants', component: () => import('./views/recruitment/Applicants.vue') },
      { path: 'honours', name: 'honours', component: () => import('./views/recruitment/Honours.vue') },
      // ideas (issue 15): 领导出题·科室献计, 格言
      { path: 'ideas', name: 'ideas', component: () => import('./views/ideas/Ideas.vue') },
      // duty rosters (issue 15)
      { path: 'duty', name: 'duty', component: () => import('./views/duty/Rosters.vue') },
      // notifications (issue 17)
      { path: 'notify', name: 'notify', component: () => import('./views/notify/Notify.vue') },
      // documents (issue 18): the figures of a period for a 述职报告
      { path: 'annual-statistics', name: 'annual', component: () => import('./views/AnnualStatistics.vue') },
      { path: 'forbidden', name: 'forbidden', component: () => import('./views/Forbidden.vue') },
      { path: ':rest(.*)*', name: 'notfound', component: () => import('./views/NotFound.vue') },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  if (!session.loaded) {
    try {
      await loadSession();
    } catch {
      /* the server is down: the login page says so when used */
    }
  }
  if (to.meta.public) return true;
  if (!session.user) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  if (session.user.must_change_password && to.name !== 'password') return { name: 'password' };
  // detail pages reached by link (a person, a meeting) are checked by the server: the page shows 无权访问
  if (!to.meta.open && !canOpen(to.meta.menu || to.name, session.user, session.permissions))
    return { name: 'forbidden' };
  return true;
});

// a 401 from any request: the session has ended
onUnauthenticated(() => {
  if (!session.user) return;
  session.user = null;
  session.permissions = [];
  session.expired = true;
  const cur = router.currentRoute.value;
  if (cur.name !== 'login') router.push({ name: 'login', query: { redirect: cur.fullPath, expired: '1' } });
});

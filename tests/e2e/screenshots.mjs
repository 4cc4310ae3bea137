// Regenerates docs/screenshots/*.png: the main pages at desktop (1440×900)
// and phone (360×780) width, on a fresh demo database with a few months of
// meetings recorded through the API.  Not part of `make test`; run it after
// changing the look of a page:  node tests/e2e/screenshots.mjs [NAME...]
// (with names, e.g. `awards mine`, only those shots are written).
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
if (!process.env.DJ_BIN && fs.existsSync(path.join(ROOT, 'build/dangjian'))) process.env.DJ_BIN = path.join(ROOT, 'build/dangjian');
const { startApp, loginAs, apiLogin, DESKTOP, PHONE, FIXTURES, PNG_1PX } = await import('./harness.mjs');

const OUT = path.join(ROOT, 'docs/screenshots');
fs.mkdirSync(OUT, { recursive: true });

/** A year of meetings for two branches, so the board and the heat-map have something to show. */
async function seed(url) {
  const dw = await apiLogin(url, 'dangwei');
  const now = new Date();
  const kinds = (await dw.fetch('/api/v1/meeting-kinds')).data.items;
  const kind = (code) => kinds.find((k) => k.code === code).id;
  const day = (y, m, d) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const y = now.getFullYear();
  let first = null;
  for (const [org, skip] of [[4, []], [8, [3, 7]], [12, [2, 5, 6, 9]]]) {
    for (let m = 1; m <= now.getMonth() + 1; m++) {
      if (skip.includes(m)) continue;
      const d = m === now.getMonth() + 1 ? Math.min(now.getDate(), 10) : 18;
      const body = { org_id: org, kind_id: kind('committee'), held_on: day(y, m, d), topic: `${m}月支委会：研究党员教育管理工作`, place: '三楼会议室', starts_at: '15:00', ends_at: '16:30' };
      const r = await dw.fetch('/api/v1/meetings', { method: 'POST', json: body });
      if (r.status !== 201) continue;
      const att = r.data.attendance.map((a, i) => ({ person_id: a.person_id, status: i === 1 && m % 3 === 0 ? '请假' : '出席', reason: i === 1 && m % 3 === 0 ? '外出参加培训' : null }));
      if (att.length) await dw.fetch(`/api/v1/meetings/${r.data.id}/attendance`, { method: 'PUT', json: { attendance: att } });
      if (org === 4)
        for (const g of [5, 6, 7]) {
          const gm = await dw.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: g, kind_id: kind('group'), held_on: day(y, m, Math.min(d, 12)), topic: `${m}月党小组学习`, place: '党员活动室' } });
          if (gm.status === 201) await dw.fetch(`/api/v1/meetings/${gm.data.id}/attendance`, { method: 'PUT', json: { attendance: gm.data.attendance.map((a) => ({ person_id: a.person_id, status: '出席' })) } });
        }
      if (org !== 12 && m % 2 === 0) await dw.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: org, kind_id: kind('theme_day'), held_on: day(y, m, Math.min(d, 8)), topic: `${m}月主题党日`, place: '机关大会议室' } });
      if (m % 3 === 0 && !(org === 12)) {
        const a = await dw.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: org, kind_id: kind('branch_assembly'), held_on: day(y, m, 25), topic: `第${m / 3}季度支部党员大会`, place: '机关大会议室', starts_at: '09:00', ends_at: '11:00' } });
        if (a.status === 201) {
          const att2 = a.data.attendance.map((p, i) => ({ person_id: p.person_id, status: i % 9 === 4 ? '请假' : i % 11 === 7 ? '迟到' : '出席', reason: i % 9 === 4 ? '因公出差' : null }));
          await dw.fetch(`/api/v1/meetings/${a.data.id}/attendance`, { method: 'PUT', json: { attendance: att2 } });
          first = a.data.id;
        }
      }
    }
  }
  // a recent meeting of the member's branch with evidence
  const z = await apiLogin(url, 'zhibu1');
  const r = await z.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: 4, kind_id: kind('theme_day'), held_on: day(y, now.getMonth() + 1, Math.max(1, now.getDate() - 1)), topic: '走进社区开展志愿服务', place: '城东社区', starts_at: '08:30', ends_at: '11:30', minutes: '支部全体党员到城东社区开展政策宣讲和志愿服务，发放财政惠民政策明白卡200余份。' } });
  const att = r.data.attendance.map((a, i) => ({ person_id: a.person_id, status: i === 2 ? '请假' : i === 5 ? '迟到' : '出席', reason: i === 2 ? '家中有事' : null }));
  await z.fetch(`/api/v1/meetings/${r.data.id}/attendance`, { method: 'PUT', json: { attendance: att.slice(0, att.length - 3) } });
  const form = new FormData();
  form.append('object_type', 'meeting');
  form.append('object_id', String(r.data.id));
  form.append('file', new Blob([PNG_1PX], { type: 'image/png' }), '活动现场.png');
  await fetch(`${url}/api/v1/files`, { method: 'POST', body: form, headers: { Cookie: z.cookie, 'X-CSRF-Token': z.csrf } });
  // an evaluation of this quarter being scored, with a few of the branch's scores in
  const ev = await dw.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: 1, period: `${y}Q${Math.floor(now.getMonth() / 3) + 1}`, name: `先锋指数 ${y}年第${Math.floor(now.getMonth() / 3) + 1}季度` } });
  const grid = (await z.fetch(`/api/v1/evaluations/${ev.data.id}/grid`)).data;
  for (const t of grid.targets.slice(0, 6))
    for (const ind of grid.indicators) await z.fetch(`/api/v1/evaluations/${ev.data.id}/entries`, { method: 'POST', json: { target_id: t.target_id, indicator_id: ind.indicator_id, points: 7 + ((t.target_id + ind.indicator_id) % 6) / 2 } });
  // scoring begins: the "1246" ballot opens, with nominations by the secretary and party_admin and a few votes
  await dw.fetch(`/api/v1/evaluations/${ev.data.id}/state`, { method: 'POST', json: { state: 'scoring' } });
  const everyone = (await dw.fetch(`/api/v1/evaluations/${ev.data.id}/targets`)).data.items;
  const other = everyone.filter((x) => x.unit !== '机关第一党支部');
  const nominations = [
    [z, 'business', 1, '牵头完成预算绩效管理改革，全年评价项目 126 个'],
    [z, 'business', 5, '业务能力突出，攻坚国库集中支付电子化改革'],
    [dw, 'business', other[0].target_id, '主动承担政府采购专项检查，成效明显'],
    [z, 'innovation', 3, '推动财政数据共享平台建设，办事效率提升三成'],
    [dw, 'innovation', other[3].target_id, '首创“预算一张图”，获市局推广'],
    [dw, 'dedication', other[6].target_id, '常年驻村帮扶，带动村集体增收'],
    [z, 'model', 2, '党员先锋岗标兵，群众满意度连续三年第一'],
  ];
  for (const [who, award, target_id, reason] of nominations) await who.fetch(`/api/v1/evaluations/${ev.data.id}/nominations`, { method: 'POST', json: { award, target_id, reason } });
  const voters = { dangwei: dw, zhibu1: z };
  for (const u of ['zhibu2', 'keshi', 'jijian']) voters[u] = await apiLogin(url, u);
  const votes = { dangwei: [['business', 1], ['innovation', 3]], zhibu1: [['business', 1], ['business', other[0].target_id], ['model', 2]], zhibu2: [['business', 1], ['innovation', other[3].target_id]], keshi: [['business', other[0].target_id], ['innovation', 3], ['dedication', other[6].target_id]], jijian: [['business', 5]] };
  for (const [u, list] of Object.entries(votes)) for (const [award, target_id] of list) await voters[u].fetch(`/api/v1/evaluations/${ev.data.id}/votes`, { method: 'POST', json: { award, target_id } });
  const me = await apiLogin(url, 'dangyuan');
  await me.fetch(`/api/v1/evaluations/${ev.data.id}/votes`, { method: 'POST', json: { award: 'business', target_id: 1 } });
  const lecture = (await dw.fetch('/api/v1/lectures?limit=1')).data.items[0].id;
  const quiz = (await dw.fetch('/api/v1/quizzes?limit=1')).data.items[0].id;
  const vanguard = (await dw.fetch('/api/v1/evaluations')).data.items.find((e) => e.target === 'member' && e.state === 'notice').id;
  return { meetingId: r.data.id, assemblyId: first, gridId: ev.data.id, lecture, quiz, vanguard };
}

const only = process.argv.slice(2);
const app = await startApp({ keepDir: false, records: true });
try {
  const { meetingId, gridId, lecture, quiz, vanguard } = await seed(app.url);
  // the maintenance screens: a branch whose term ends soon (its warnings link to their forms)
  const orgList = (await (await apiLogin(app.url, 'dangwei')).fetch('/api/v1/orgs')).data.items;
  const fifth = orgList.find((o) => o.name === '机关第五党支部').id;
  const shots = [
    ['login', null, '/login'],
    ['dashboard', 'dangwei', '/dashboard'],
    ['orgs', 'dangwei', '/orgs/4'],
    ['people', 'dangwei', '/people'],
    ['org-maint', 'dangwei', `/orgs/${fifth}`],
    ['org-form', 'dangwei', '/orgs/3', async (page) => {
      await page.locator('[data-test=org-add-child]').click();
      await page.locator('[data-test=org-form]').waitFor();
    }],
    ['org-term', 'dangwei', `/orgs/${fifth}`, async (page) => {
      await page.locator('[data-test=fix-term_ending]').click();
      await page.locator('[data-test=org-form]').waitFor();
    }],
    ['org-merge', 'dangwei', `/orgs/${fifth}`, async (page) => {
      await page.locator('[data-test=org-merge]').click();
      await page.locator('[data-test=org-status-form]').waitFor();
    }],
    ['appoint', 'dangwei', `/orgs/${fifth}`, async (page) => {
      await page.locator('[data-test=committee-add]').click();
      await page.locator('[data-test=appoint-form]').waitFor();
    }],
    ['departments', 'dangwei', '/orgs/4', async (page) => {
      await page.locator('.el-tabs__item', { hasText: '科室与挂钩党支部' }).click();
      await page.locator('[data-test=departments-table]').waitFor();
    }],
    ['department-form', 'dangwei', '/orgs/4', async (page) => {
      await page.locator('.el-tabs__item', { hasText: '科室与挂钩党支部' }).click();
      await page.locator('[data-test=department-link]').first().click();
      await page.locator('[data-test=department-form]').waitFor();
    }],
    ['person', 'dangwei', '/people/5'],
    ['person-form', 'dangwei', '/people', async (page) => {
      await page.locator('[data-test=person-add]').click();
      await page.locator('[data-test=person-form]').waitFor();
    }],
    ['transfer', 'dangwei', '/people/5', async (page) => {
      await page.locator('[data-test=person-transfer]').click();
      await page.locator('[data-test=transfer-form]').waitFor();
    }],
    ['import', 'dangwei', '/people', async (page) => {
      await page.locator('[data-test=import-open]').click();
      await page.locator('[data-test=import-upload] input[type=file]').setInputFiles(path.join(FIXTURES, 'roster-errors.xlsx'));
      await page.locator('[data-test=import-check]').click();
      await page.locator('[data-test=import-errors]').waitFor();
    }],
    ['meetings', 'zhibu1', '/meetings'],
    ['meeting', 'zhibu1', `/meetings/${meetingId}`],
    ['compliance', 'dangwei', '/compliance', async (page) => {
      await page.locator('[data-test=compliance-table] .el-table__expand-icon').first().click();
    }],
    ['rules', 'dangwei', '/rules'],
    ['users', 'admin', '/users'],
    ['audit', 'admin', '/audit'],
    ['mine', 'dangyuan', '/mine'],
    ['explain', 'dangyuan', '/mine', async (page) => {
      await page.locator('[data-test=my-explain]').first().click();
      await page.locator('[data-test=explain-dialog] [data-test=explain-total]').waitFor();
    }],
    ['notice', 'dangyuan', `/evaluations/${vanguard}?tab=notice`],
    ['lectures', 'dangwei', '/lectures'],
    ['lecture', 'dangwei', `/lectures/${lecture}`],
    ['quiz', 'dangwei', `/quizzes/${quiz}`],
    ['study', 'dangwei', '/lectures?tab=study'],
    ['schemes', 'dangwei', '/schemes'],
    ['scheme', 'dangwei', '/schemes/1'],
    ['evaluations', 'dangwei', '/evaluations'],
    ['ranking', 'dangwei', `/evaluations/${vanguard}?tab=ranking`],
    ['score-sheet', 'dangwei', `/evaluations/${vanguard}?tab=sheet`],
    ['evaluation', 'dangwei', `/evaluations/${gridId}`],
    ['grid', 'zhibu1', `/evaluations/${gridId}?tab=grid`],
    ['awards', 'dangyuan', `/evaluations/${gridId}?tab=awards`],
    // the modules of the fifth session
    ['org-move', 'dangwei', '/orgs/4', async (page) => {
      await page.locator('[data-test=org-move]').click();
      await page.locator('[data-test=org-move-form]').waitFor();
    }],
    ['meetings-planned', 'zhibu1', '/meetings?status=planned'],
    ['inspections', 'jijian', '/inspections'],
    ['talks', 'jijian', '/talks'],
    ['talks-due', 'jijian', '/talks', async (page) => {
      await page.locator('.el-tabs__item', { hasText: '五必谈待谈' }).click();
      await page.locator('[data-test=talks-due]').waitFor();
    }],
    ['risks', 'jijian', '/risk-points'],
    ['tasks', 'dangwei', '/tasks'],
    ['rectifications', 'dangwei', '/rectifications'],
    ['duties', 'dangwei', '/duties', async (page) => {
      await page.locator('[data-test=duty-table] .el-table__row').first().click();
      await page.locator('[data-test=duty-item-table] .el-table__row').first().waitFor();
    }],
    ['dues', 'zhibu1', '/dues'],
    ['contacts', 'dangwei', '/contacts'],
    ['volunteering', 'dangwei', '/volunteering'],
    // this wave (session 6)
    ['inbox', 'dangwei', '/inbox'],
    ['warnings', 'dangwei', '/warnings'],
    ['notify', 'dangwei', '/notify'],
    ['applicants', 'zhibu1', '/applicants'],
    ['honours', 'dangwei', '/honours'],
    ['appraisals', 'zhibu1', '/appraisals'],
    ['cadre', 'dangwei', '/cadre'],
    ['ideas', 'dangwei', '/ideas'],
    ['duty', 'dangwei', '/duty'],
    ['study-reports', 'zhibu1', '/study-reports'],
    ['annual', 'dangwei', '/annual-statistics'],
    ['mine-modules', 'dangyuan', '/mine', async (page) => {
      await page.mouse.wheel(0, 1400);
    }],
  ].filter(([name]) => !only.length || only.includes(name));
  for (const [vpName, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    const pages = {};
    for (const [name, user, url, act] of shots) {
      let page = user ? pages[user] : null;
      if (!page) {
        page = await app.page({ viewport });
        if (user) {
          await loginAs(page, user);
          pages[user] = page;
        }
      }
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      if (act) await act(page);
      await page.waitForTimeout(700); // charts animate in
      const file = path.join(OUT, `${name}-${vpName}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${path.relative(ROOT, file)}`);
      if (!user) await page.context().close();
    }
  }
} finally {
  await app.close();
}

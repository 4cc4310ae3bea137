// Documents (issue 18): every PDF rendered from the demo data, its text read
// back with pdftotext (names, figures, dates), its fonts embedded (pdffonts),
// its first page turned into PNG (pdftoppm); the annual figures equal the
// totals of the same records through the list endpoints, for the bureau and
// for a branch secretary; a document is refused where its record is.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, login, makeTempDir, assertNoSanitizerReport } from './harness.mjs';

const TODAY = '2026-12-07';
const tmp = makeTempDir('dj-docs-');

/** GET a document: {status, type, bytes, text, pages, fonts} */
async function getPdf(client, p) {
  const res = await fetch(client.url + p, { headers: { Cookie: client.cookie } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const out = { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes };
  if (res.status !== 200) return out;
  const file = path.join(tmp, `doc-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, bytes);
  out.file = file;
  // pdftotext may drop the spaces between Chinese characters: compare without spaces
  out.text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  out.pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
  out.fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
  return out;
}

function assertPdf(d, what) {
  assert.equal(d.status, 200, `${what}: ${d.status} ${d.bytes.toString('utf8', 0, 300)}`);
  assert.equal(d.type, 'application/pdf');
  assert.match(d.disposition, /attachment; .*\.pdf/);
  assert.equal(d.bytes.subarray(0, 5).toString(), '%PDF-');
  assert.ok(d.fonts.length > 0, `${what}: no fonts`);
  for (const f of d.fonts) {
    const cols = f.trim().split(/\s+/);
    // name type... encoding emb sub uni object ID: emb is the 5th column from the end
    assert.equal(cols[cols.length - 5], 'yes', `${what}: a font not embedded: ${f}`);
    assert.match(f, /NotoS(ans|erif)CJK/, `${what}: an unexpected font ${f}`);
  }
  // the first page as a picture
  const prefix = path.join(tmp, `page-${Math.random().toString(36).slice(2)}`);
  execFileSync('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '1', '-singlefile', d.file, prefix]);
  const png = fs.readFileSync(`${prefix}.png`);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.ok(png.length > 2000, `${what}: an empty page?`);
}

const nospace = (s) => String(s).replace(/\s+/g, '');

describe('documents: PDFs of the records and the annual figures', () => {
  let srv, admin, zhibu1, zhibu2, dangyuan;
  before(async () => {
    srv = await startServer({ records: true, today: TODAY });
    admin = await login(srv.url, 'admin');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    dangyuan = await login(srv.url, 'dangyuan');
  });
  after(async () => {
    await srv.stopClean();
    assertNoSanitizerReport(srv.stderr, 'server stderr');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function memberEvaluation() {
    const list = (await admin.fetch('/api/v1/evaluations')).data.items;
    const ev = list.find((e) => e.scheme === '先锋指数' && ['notice', 'final'].includes(e.state));
    assert.ok(ev, 'the demo has a member evaluation in its notice');
    return ev;
  }

  test('the 公示 notice: red header, the selected, the window and the ranking, numbered pages', async () => {
    const ev = await memberEvaluation();
    const notice = (await admin.fetch(`/api/v1/evaluations/${ev.id}/notice`)).data;
    assert.ok(notice.selected.length > 0);
    const d = await getPdf(admin, `/api/v1/documents/evaluations/${ev.id}/notice`);
    assertPdf(d, 'notice');
    assert.ok(d.text.includes('中共示范县财政局机关委员会'), 'the red header names the committee');
    assert.ok(d.text.includes(nospace(notice.title)));
    for (const s of notice.selected) {
      assert.ok(d.text.includes(s.name), `the selected ${s.name}`);
      assert.ok(d.text.includes(s.total.toFixed(2)), `the total ${s.total}`);
    }
    const [y, m, day] = notice.notice_from.split('-').map(Number);
    assert.ok(d.text.includes(`${y}年${m}月${day}日`), 'the window opens on the notice day');
    const ranking = (await admin.fetch(`/api/v1/evaluations/${ev.id}/ranking`)).data.items;
    const last = ranking[ranking.length - 1];
    assert.ok(d.text.includes(last.name), 'the whole ranking is printed');
    assert.ok(d.text.includes(`第${d.pages}页共${d.pages}页`), 'page numbers');
    assert.ok(d.pages >= 2);
    // the header of the ranking repeats on each page it runs over
    assert.ok(d.text.split('入选').length - 1 >= 2);
  });

  test('喜报: one page per selected member, all in one PDF or one by target_id', async () => {
    const ev = await memberEvaluation();
    const ranking = (await admin.fetch(`/api/v1/evaluations/${ev.id}/ranking`)).data.items;
    const selected = ranking.filter((r) => r.selected);
    const all = await getPdf(admin, `/api/v1/documents/evaluations/${ev.id}/xibao`);
    assertPdf(all, 'xibao');
    assert.equal(all.pages, selected.length);
    for (const s of selected) assert.ok(all.text.includes(`${s.name}同志`), s.name);
    const one = await getPdf(admin, `/api/v1/documents/evaluations/${ev.id}/xibao?target_id=${selected[0].target_id}`);
    assertPdf(one, 'one xibao');
    assert.equal(one.pages, 1);
    assert.ok(one.text.includes(selected[0].name) && one.text.includes('喜报'));
    assert.ok(one.text.includes(`第${selected[0].rank}名`));
    const notSelected = ranking.find((r) => !r.selected);
    if (notSelected) {
      const r = await getPdf(admin, `/api/v1/documents/evaluations/${ev.id}/xibao?target_id=${notSelected.target_id}`);
      assert.equal(r.status, 404);
    }
    const bad = await getPdf(admin, `/api/v1/documents/evaluations/${ev.id}/xibao?target_id=x`);
    assert.equal(bad.status, 400);
  });

  test('certificates for the award winners', async () => {
    const ev = await memberEvaluation();
    const awards = (await admin.fetch(`/api/v1/evaluations/${ev.id}/awards`)).data.awards;
    const winners = awards.flatMap((a) => a.nominees.filter((n) => n.winner).map((n) => ({ ...n, title: a.title })));
    assert.ok(winners.length > 0);
    const d = await getPdf(admin, `/api/v1/documents/evaluations/${ev.id}/certificates`);
    assertPdf(d, 'certificates');
    assert.equal(d.pages, winners.length);
    for (const w of winners) assert.ok(d.text.includes(w.name) && d.text.includes(w.title), w.name);
  });

  test('the 会议记录 of a meeting, readable where the meeting is', async () => {
    const list = (await zhibu1.fetch('/api/v1/meetings?status=held&limit=5')).data.items;
    const m = (await zhibu1.fetch(`/api/v1/meetings/${list[0].id}`)).data;
    const d = await getPdf(zhibu1, `/api/v1/documents/meetings/${m.id}`);
    assertPdf(d, 'meeting');
    assert.ok(d.text.includes(nospace(m.topic)));
    assert.ok(d.text.includes(`${m.org}${m.kind_name}会议记录`));
    const present = m.attendance.filter((a) => a.status === '出席');
    for (const a of present.slice(0, 5)) assert.ok(d.text.includes(a.name), a.name);
    assert.ok(d.text.includes(`应到${m.attendance_count.expected}人`));
    // the same answer as the record for someone else
    const other = await zhibu2.fetch(`/api/v1/meetings/${m.id}`);
    const doc = await getPdf(zhibu2, `/api/v1/documents/meetings/${m.id}`);
    assert.equal(doc.status, other.status);
    assert.equal((await getPdf(admin, '/api/v1/documents/meetings/999999')).status, 404);
  });

  test('the 月通报 of a month with findings', async () => {
    let month, b;
    for (const mm of ['2026-09', '2026-03', '2026-01']) {
      b = (await admin.fetch(`/api/v1/findings/bulletin?month=${mm}`)).data;
      if (b.total > 0) { month = mm; break; }
    }
    assert.ok(month, 'a month with confirmed findings');
    const d = await getPdf(admin, `/api/v1/documents/bulletin?month=${month}`);
    assertPdf(d, 'bulletin');
    const [y, m] = month.split('-').map(Number);
    assert.ok(d.text.includes(`关于${y}年${m}月作风纪律监督检查情况的通报`));
    assert.ok(d.text.includes(`确认问题${b.total}个`));
    for (const f of b.items) {
      assert.ok(d.text.includes(nospace(f.people_names)), f.people_names);
      assert.ok(d.text.includes(f.org_name));
    }
    assert.equal((await getPdf(admin, '/api/v1/documents/bulletin?month=2026-13')).status, 400);
  });

  async function totals(client, from, to) {
    const q = `from=${from}&to=${to}&limit=1`;
    // GET /lectures takes a period: the lectures are the meetings of the lecture kind
    const kinds = (await client.fetch('/api/v1/meeting-kinds')).data.items;
    const lecture = kinds.find((k) => k.code === 'lecture');
    const t = async (p) => {
      const r = await client.fetch(p);
      return r.status === 200 ? r.data.total : null;
    };
    return {
      meetings: await t(`/api/v1/meetings?status=held&${q}`),
      lectures: await t(`/api/v1/meetings?status=held&kind_id=${lecture.id}&${q}`),
      quizzes: await t(`/api/v1/quizzes?${q}`),
      study: await t(`/api/v1/study-records?${q}`),
      talks: await t(`/api/v1/talks?${q}`),
      inspections: await t(`/api/v1/inspections?${q}`),
      findings: await t(`/api/v1/findings?${q}`),
      visits: await t(`/api/v1/contact-visits?${q}`),
      activities: await t(`/api/v1/service-activities?${q}`),
      dues: await t(`/api/v1/dues/payments?${q}`),
      suggestions: await t(`/api/v1/suggestions?${q}`),
      adopted: await t(`/api/v1/suggestions?status=adopted&${q}`),
      honours: await t(`/api/v1/honours?${q}`),
    };
  }

  function assertFigures(f, t, who) {
    assert.equal(f.meetings.total, t.meetings, `${who}: meetings`);
    assert.equal(f.meetings.by_kind.reduce((s, k) => s + k.count, 0), t.meetings, `${who}: meetings by kind`);
    assert.equal(f.lectures.count, t.lectures, `${who}: lectures`);
    assert.equal(f.quizzes.count, t.quizzes, `${who}: quizzes`);
    assert.equal(f.study.records, t.study, `${who}: study records`);
    assert.equal(f.talks?.total ?? null, t.talks, `${who}: talks`);
    assert.equal(f.inspections.count, t.inspections, `${who}: inspections`);
    assert.ok(f.lectures.count <= f.meetings.total);
    assert.equal(f.inspections.findings, t.findings, `${who}: findings`);
    assert.equal(f.service.contact_visits, t.visits, `${who}: visits`);
    assert.equal(f.service.activities, t.activities, `${who}: activities`);
    assert.equal(f.dues?.payments ?? null, t.dues, `${who}: dues`);
    assert.equal(f.suggestions.made, t.suggestions, `${who}: suggestions`);
    assert.equal(f.suggestions.adopted, t.adopted, `${who}: adopted`);
    assert.equal(f.honours, t.honours, `${who}: honours`);
  }

  test('the annual figures equal the lists over any range, for the bureau and for a branch', async () => {
    for (const [from, to] of [['2026-01-01', '2026-12-07'], ['2025-07-01', '2026-06-30']]) {
      const f = (await admin.fetch(`/api/v1/statistics/annual?from=${from}&to=${to}`)).data;
      assert.equal(f.from, from);
      assert.equal(f.to, to);
      assertFigures(f, await totals(admin, from, to), `admin ${from}`);
      assert.ok(f.draft.includes(`共召开各类会议${f.meetings.total}次`));
      assert.ok(f.draft.includes(`征集献计献策${f.suggestions.made}条、采纳${f.suggestions.adopted}条`), f.draft);
      // the members developed: the applicants admitted as 预备党员 in the range, counted by hand
      const apps = (await admin.fetch('/api/v1/applicants?limit=500')).data.items;
      const within = (d) => d && d >= from && d <= to;
      assert.equal(f.development.admitted, apps.filter((a) => within(a.admitted_on)).length);
      assert.equal(f.development.full, apps.filter((a) => within(a.full_on)).length);
    }
    const mine = (await zhibu1.fetch('/api/v1/statistics/annual?from=2026-01-01&to=2026-12-07')).data;
    assertFigures(mine, await totals(zhibu1, '2026-01-01', '2026-12-07'), 'zhibu1');
    const all = (await admin.fetch('/api/v1/statistics/annual?from=2026-01-01&to=2026-12-07')).data;
    assert.ok(mine.meetings.total < all.meetings.total, 'a branch secretary counts their branch');
    // by default: this year up to today
    const dflt = (await admin.fetch('/api/v1/statistics/annual')).data;
    assert.deepEqual([dflt.from, dflt.to], ['2026-01-01', TODAY]);
    const bad = await admin.fetch('/api/v1/statistics/annual?from=2026-05-01&to=2026-04-01');
    assert.equal(bad.status, 400);
  });

  test('the annual figures as a PDF with the draft of 主要工作', async () => {
    const f = (await admin.fetch('/api/v1/statistics/annual?from=2026-01-01&to=2026-12-07')).data;
    const d = await getPdf(admin, '/api/v1/documents/annual?from=2026-01-01&to=2026-12-07');
    assertPdf(d, 'annual');
    assert.ok(d.text.includes('党建工作主要数据（2026年1月1日至2026年12月7日）'));
    assert.ok(d.text.includes(`共召开各类会议${f.meetings.total}次`));
    assert.ok(d.text.includes(`培训${f.lectures.person_times}人次`));
    assert.ok(d.text.includes(`收缴党费${f.dues.payments}笔`));
    const m = await getPdf(dangyuan, '/api/v1/documents/annual');
    assert.equal(m.status, 200, 'a member gets the figures of what they may see');
    const mf = (await dangyuan.fetch('/api/v1/statistics/annual')).data;
    assert.equal(mf.inspections.count, null, 'a member may not list the inspections');
    assert.equal(mf.inspections.findings, (await dangyuan.fetch(`/api/v1/findings?from=${mf.from}&to=${mf.to}&limit=1`)).data.total);
  });
});

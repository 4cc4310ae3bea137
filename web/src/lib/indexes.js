// The index engine as the console shows it: Chinese names of indicator kinds
// and evaluation states, the moves a manager may make, a computed or imported
// indicator's rule described in words, and the grid's changed cells.

export const KIND_LABELS = {
  group: '指标组',
  computed: '自动计算',
  imported: '导入',
  entered: '评分',
  bonus: '加分',
  deduction: '扣分',
  veto: '一票否决',
};
export const KIND_TAGS = { group: 'info', computed: 'success', imported: 'warning', entered: 'primary', bonus: 'success', deduction: 'danger', veto: 'danger' };
export const TARGET_LABELS = { member: '党员', branch: '党支部', department: '科室' };
export const EVALUATOR_LABELS = { party_admin: '机关党委', branch_secretary: '支部书记', dept_head: '科室负责人', discipline: '纪检' };
export const STATES = ['open', 'scoring', 'review', 'notice', 'final'];
export const STATE_LABELS = { open: '已创建', scoring: '评分中', review: '审核中', notice: '公示中', final: '已定稿' };
export const STATE_TAGS = { open: 'info', scoring: 'primary', review: 'warning', notice: 'danger', final: 'success' };

/** The moves POST /evaluations/{id}/state accepts from a state, main one first. */
export function nextStates(state) {
  return (
    {
      open: ['scoring', 'review'],
      scoring: ['review'],
      review: ['notice', 'scoring'],
      notice: ['final'],
    }[state] || []
  );
}

/** The action's name for a move to `state`. */
export const MOVE_LABELS = { scoring: '开始评分', review: '提交审核', notice: '发布公示', final: '定稿' };

/** States in which scores may still be computed, entered or imported (by evaluators). */
export const canCompute = (state) => ['open', 'scoring', 'review'].includes(state);

const num = (v) => {
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};
const fmt = (v) => {
  const n = num(v);
  return n === null ? String(v) : String(Math.round(n * 100) / 100);
};

// fills {name} placeholders: the Chinese default of the `tr` arguments below
const fill = (s, v) => (v ? s.replace(/\{(\w+)\}/g, (m, k) => (k in v ? String(v[k]) : m)) : s);

/**
 * How an indicator earns its points, in Chinese through `tr` (the console's
 * t(), for English): the source (computed, by its label from /index-sources),
 * the mapping and the evaluator.
 */
export function describeIndicator(ind, sources = [], target = null, tr = fill) {
  const p = ind.params || {};
  const max = fmt(ind.max_points);
  const parts = [];
  if (ind.kind === 'computed') {
    const s = sources.find((x) => x.name === ind.source);
    const label = s ? s.label : ind.source;
    parts.push(tr('来源：{s}', { s: s?.unit ? tr('{label}（{unit}）', { label, unit: s.unit }) : label }));
  }
  if (ind.kind === 'computed' || ind.kind === 'imported') {
    const map = p.map || (ind.kind === 'computed' ? 'linear' : 'direct');
    if (map === 'linear') {
      const goal = num(p.target) > 0 ? fmt(p.target) : '100';
      parts.push(tr('按比例：达到 {target} 得满分 {max} 分', { target: goal, max }));
    } else if (map === 'steps') {
      const steps = (p.steps || []).map((s) => [num(s[0]), num(s[1])]).filter((s) => s[0] !== null && s[1] !== null).sort((a, b) => a[0] - b[0]);
      const list = steps.map(([m, pts]) => tr('≥{m} 得 {p} 分', { m: fmt(m), p: fmt(pts) })).join(tr('，'));
      parts.push(tr('分档：{steps}', { steps: list || tr('无档次') }));
    } else if (map === 'per_unit') {
      parts.push(tr('每单位 {per} 分，最多 {max} 分', { per: fmt(p.per ?? 1), max }));
    } else {
      parts.push(tr('按原值计分，0 至 {max} 分', { max }));
    }
    if (ind.kind === 'computed' && p.when_none === 'zero') parts.push(tr('无记录得 0 分'));
    else if (ind.kind === 'computed') parts.push(tr('无记录得满分'));
  }
  if (ind.kind === 'imported') {
    const key = { member: '工号', branch: '党支部', department: '科室' }[target] || '工号、党支部或科室';
    parts.push(tr('由机关党委导入（按{key}对应）', { key: tr(key) }));
  }
  if (ind.kind === 'entered') parts.push(tr('由{who}评分，0 至 {max} 分', { who: tr(EVALUATOR_LABELS[ind.entered_by] || ind.entered_by), max }));
  if (ind.kind === 'bonus') parts.push(tr('逐项加分并注明事由，累计最多 {max} 分', { max }));
  if (ind.kind === 'deduction') parts.push(tr('逐项扣分并注明事由，累计最多扣 {max} 分', { max }));
  if (ind.kind === 'veto') parts.push(p.reset ? tr('触发后不得入选，总分清零') : tr('触发后不得入选'));
  if (ind.kind === 'group') parts.push(tr('下级指标得分之和'));
  return parts.join(tr('；'));
}

/** Indicators of a scheme tree, depth first, each with its `depth`. */
export function flattenIndicators(nodes, depth = 0, out = []) {
  for (const n of nodes || []) {
    out.push({ ...n, depth });
    flattenIndicators(n.children, depth + 1, out);
  }
  return out;
}

/** The indicators of `kinds` anywhere in the tree. */
export function indicatorsOfKind(nodes, kinds) {
  return flattenIndicators(nodes).filter((n) => kinds.includes(n.kind));
}

/** A scheme as the body of POST/PUT /schemes: ids and stored fields left out. */
export function schemeDefinition(s) {
  const strip = (n) => {
    const o = { code: n.code, name: n.name, kind: n.kind };
    if (n.kind !== 'group' && n.kind !== 'veto') o.max_points = n.max_points;
    if (n.kind === 'computed') o.source = n.source;
    if (n.kind === 'entered') o.entered_by = n.entered_by;
    if (n.params && Object.keys(n.params).length) o.params = n.params;
    if (n.description) o.description = n.description;
    if (n.kind === 'group') o.children = (n.children || []).map(strip);
    return o;
  };
  return { code: s.code, name: s.name, target: s.target, description: s.description || '', settings: s.settings || {}, indicators: (s.indicators || []).map(strip) };
}

/**
 * The cells of the scoring grid that changed: [{target_id, indicator_id, points}].
 * `original` and `edited` are the grid's targets ({target_id, values: {indicator_id: points|null}});
 * an emptied cell is not sent (an entry cannot be removed by its evaluator).
 */
export function gridChanges(original, edited) {
  const before = new Map(original.map((t) => [t.target_id, t.values]));
  const out = [];
  for (const t of edited) {
    const old = before.get(t.target_id) || {};
    for (const [ind, v] of Object.entries(t.values)) {
      if (v === null || v === undefined || v === '') continue;
      const n = Number(v);
      if (old[ind] === null || old[ind] === undefined || Number(old[ind]) !== n) out.push({ target_id: t.target_id, indicator_id: Number(ind), points: n });
    }
  }
  return out;
}

/** A grid value check: a number 0..max with at most two decimals; '' for none. */
export function gridCellError(v, max, tr = fill) {
  if (v === null || v === undefined || v === '') return '';
  const s = String(v).trim();
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return tr('应为最多两位小数的数');
  if (Number(s) > Number(max)) return tr('不能超过 {max}', { max: fmt(max) });
  return '';
}

/** Grid progress: cells filled over cells in all. */
export function gridFill(targets, indicators) {
  let filled = 0;
  for (const t of targets) for (const i of indicators) if (t.values[i.indicator_id] !== null && t.values[i.indicator_id] !== undefined && t.values[i.indicator_id] !== '') filled++;
  return { filled, total: targets.length * indicators.length };
}

/** The latest member evaluation in notice or final (the dashboard's top ten). */
export function latestPublished(evaluations, target = 'member') {
  return (
    evaluations
      .filter((e) => e.target === target && (e.state === 'notice' || e.state === 'final'))
      .sort((a, b) => (a.period === b.period ? b.id - a.id : a.period < b.period ? 1 : -1))[0] || null
  );
}

/** May a member object now? (notice, up to and including notice_until) */
export function objectionOpen(ev, todayStr) {
  return !!ev && ev.state === 'notice' && !!ev.notice_until && todayStr <= ev.notice_until;
}

/** Explanation records ({absent: 0, expected: 8}) → readable Chinese pairs. */
const RECORD_LABELS = {
  expected: '应参加', present: '出席', late: '迟到', leave: '请假', absent: '缺席', attended: '参加',
  lectures_attended: '听讲次数', lectures_given: '主讲次数', tests: '参加测试', score_sum: '成绩合计', score_mean: '平均成绩',
  study_hours: '学习时长', meetings: '会议次数', meetings_held: '召开次数', required: '应开次数', members: '党员人数',
  // tasks and rectifications
  due: '到期', on_time: '按期', not_done: '未完成', not_closed: '未销号', tasks: '任务', rectifications: '整改事项',
};
export function recordPairs(records) {
  if (!records || typeof records !== 'object') return [];
  return Object.entries(records).map(([k, v]) => ({ key: k, label: RECORD_LABELS[k] || k, value: typeof v === 'number' ? fmt(v) : Array.isArray(v) ? v.map((x) => x?.title ?? x?.problem ?? x?.held_on ?? '').join('、') : String(v) }));
}

/**
 * The targets of GET /evaluations/{id}/targets ({target_id, name, unit,
 * indicator_ids}) the caller may enter `indicatorId` for; all of them when no
 * indicator is chosen yet.
 */
export function entryTargets(targets, indicatorId) {
  if (!indicatorId) return targets || [];
  return (targets || []).filter((x) => (x.indicator_ids || []).includes(indicatorId));
}

/** How an annual evaluation's indicator adds up its quarters, in words. */
export const ANNUAL_LABELS = { mean: '季度平均', sum: '季度合计', blend: '年度加权' };

/** Is this period a year (an annual evaluation)? */
export const isYearPeriod = (p) => /^\d{4}$/.test(String(p || ''));

/**
 * The 公示's opening sentence from GET /evaluations/{id}/notice, through `tr`
 * (the console's t()): who is published (名 for people, 个 for branches and
 * departments; the award's title only when the scheme names one), or that
 * nobody is selected; then the period and where objections go.
 */
export function noticeLead(n, tr = fill) {
  const count = n?.selected?.length || 0;
  const people = (n?.evaluation?.target || 'member') === 'member';
  const award = n?.award || '';
  let lead;
  if (!count) lead = tr('经考评，本次考评没有评选人选，考评结果予以公示。');
  else if (people) lead = tr('经考评，以下{n}名{award}人选予以公示。', { n: count, award });
  else lead = tr('经考评，以下{n}个{award}评选对象予以公示。', { n: count, award });
  const period = tr('公示期：{from} 至 {until}。如有异议，请在公示期内向{to}提出。', {
    from: n?.notice_from || '—', until: n?.notice_until || '—', to: n?.objections_to || tr('机关党委'),
  });
  return `${lead}${period}`;
}

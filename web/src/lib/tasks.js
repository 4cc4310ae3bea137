// Tasks and rectification (任务清单, 晒进度, 整改台账): the words of the codes the
// server sends, the colours of a status, and the board's chart.
export const TASK_STATUS = {
  on_track: { label: '正常推进', type: 'primary', color: '#409eff' },
  at_risk: { label: '存在风险', type: 'warning', color: '#e6a23c' },
  overdue: { label: '已逾期', type: 'danger', color: '#d03050' },
  done: { label: '按期完成', type: 'success', color: '#67c23a' },
  done_late: { label: '逾期完成', type: 'info', color: '#909399' },
};
export const TASK_LINES = { business: '业务工作', party: '党建工作' };
export const TASK_KINDS = { annual: '年度任务', key: '攻坚任务' };
export const RECT_STATUS = {
  open: { label: '整改中', type: 'primary' },
  due_soon: { label: '即将到期', type: 'warning' },
  overdue: { label: '已逾期', type: 'danger' },
  closed: { label: '按期销号', type: 'success' },
  closed_late: { label: '逾期销号', type: 'info' },
};
export const RECT_SOURCES = {
  inspection: '督查检查发现',
  xuncha: '巡察反馈',
  audit: '审计发现',
  criticism: '民主生活会/组织生活会批评意见',
  objection: '异议',
  internal: '内测',
  external: '外评',
  other: '其他',
};

/** Who owns a task, in words: the department, the person, or the list's organisation. */
export function ownerText(task) {
  const parts = [task.owner_department_name, task.owner_name].filter(Boolean);
  return parts.length ? parts.join(' ') : task.org_name;
}

/** The rows of the board sorted by `key` (progress, total, overdue, name), best first. */
export function sortLists(lists, key = 'progress') {
  const rows = [...(lists || [])];
  if (key === 'name') return rows.sort((a, b) => a.org_name.localeCompare(b.org_name, 'zh'));
  return rows.sort((a, b) => (b[key] ?? 0) - (a[key] ?? 0) || a.org_name.localeCompare(b.org_name, 'zh'));
}

/** An ECharts option: one bar per list, stacked by status, names translated by tr. */
export function boardChart(lists, tr = (s) => s) {
  const names = lists.map((l) => l.org_name);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: names, inverse: true },
    series: Object.entries(TASK_STATUS).map(([code, s]) => ({
      name: tr(s.label), type: 'bar', stack: 'n', itemStyle: { color: s.color },
      data: lists.map((l) => l[code] ?? 0),
    })),
  };
}

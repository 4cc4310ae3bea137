// 谈心谈话 and 廉政风险 in the console: the words for the server's codes and
// the flow chart of a fund process (an ECharts graph).

export const TALK_KINDS = ['谈心', '谈话提醒', '诫勉谈话', '任前谈话'];

/** 五必谈 triggers → Chinese. */
export const TRIGGER_LABELS = { post: '任职调整', transfer: '组织关系转接', absence: '长期不参加组织生活', finding: '受到批评或违纪违规' };

/** The relationships of the statistics → Chinese. */
export const RELATION_LABELS = { leaders: '领导班子成员之间', young_cadres: '与年轻干部', members: '与党员干部' };

export const LEVELS = ['高', '中', '低'];
export const LEVEL_COLORS = { 高: '#c62828', 中: '#ef6c00', 低: '#2e7d32' };

/** May the console offer recording talks (the server decides each one)? */
export function managesTalks(user) {
  return (user?.roles || []).some((r) => ['party_admin', 'discipline', 'branch_secretary'].includes(r.role));
}

/** May the console offer changing risk points and fund processes? */
export function keepsRisks(user) {
  return (user?.roles || []).some((r) => ['party_admin', 'discipline'].includes(r.role) && r.org_id === user.bureau_id);
}

/** Names of a talk's people: "王建国、刘思源". */
export const names = (people) => (people || []).map((p) => p.name).join('、');

/**
 * The ECharts option of a fund process: its steps left to right (wrapping
 * after `perRow` on a narrow screen), each with its department, and each
 * risk point below its step coloured by level.
 */
export function flowOption(process, { perRow = 10, tr = (s) => s } = {}) {
  const nodes = [];
  const links = [];
  const steps = process?.steps || [];
  steps.forEach((s, i) => {
    const row = Math.floor(i / perRow);
    const col = i % perRow;
    const x = col * 180;
    const y = row * 320;
    nodes.push({
      id: `s${s.id}`, name: `${s.seq}. ${s.name}`, x, y, symbol: 'roundRect', symbolSize: [130, 52],
      itemStyle: { color: '#9e1b1b' },
      label: { show: true, color: '#fff', formatter: s.department ? `${s.seq}. ${s.name}\n${s.department}` : `${s.seq}. ${s.name}` },
    });
    if (i > 0) links.push({ source: `s${steps[i - 1].id}`, target: `s${s.id}`, lineStyle: { width: 2, color: '#9e1b1b' } });
    (s.risk_points || []).forEach((r, k) => {
      const id = `s${s.id}r${r.id}`;
      nodes.push({
        id, name: r.risk, x: x + (k % 2 ? 40 : -40), y: y + 100 + 60 * k, symbol: 'circle', symbolSize: 22,
        itemStyle: { color: LEVEL_COLORS[r.level] || '#888' },
        label: { show: true, position: 'bottom', width: 150, overflow: 'truncate', formatter: `${tr(r.level)}：${r.risk}` },
      });
      links.push({ source: `s${s.id}`, target: id, lineStyle: { type: 'dashed', color: LEVEL_COLORS[r.level] || '#888' } });
    });
  });
  return {
    tooltip: { formatter: (p) => (p.dataType === 'node' ? p.data.name : '') },
    series: [{
      type: 'graph', layout: 'none', roam: true, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 8,
      data: nodes, links, label: { fontSize: 12 },
    }],
  };
}

/** The statistics as bars by month (talks and people). */
export function monthsOption(stats, tr = (s) => s) {
  const months = (stats?.by_month || []).map((m) => m.month.slice(5));
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [tr('谈话次数'), tr('谈话人次')] },
    grid: { left: 40, right: 16, bottom: 28, top: 36 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: tr('谈话次数'), type: 'bar', data: (stats?.by_month || []).map((m) => m.talks), itemStyle: { color: '#9e1b1b' } },
      { name: tr('谈话人次'), type: 'bar', data: (stats?.by_month || []).map((m) => m.people), itemStyle: { color: '#ef9a9a' } },
    ],
  };
}

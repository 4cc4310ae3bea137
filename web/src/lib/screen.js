// 数据大屏 (issue 18 item 3): the chart options of the lobby screen, in type
// readable from three metres (sizes in the 1920×1080 stage's pixels).

const TEXT = '#fff3e0';
const FONT = 22;

/** The compliance heat map: branches × months, each cell the share met (null: none ended). */
export function heatmapOption(compliance, tr = (s) => s) {
  const branches = (compliance?.branches || []).map((b) => b.name);
  const data = [];
  (compliance?.branches || []).forEach((b, y) =>
    b.months.forEach((v, x) => data.push([x, y, v == null ? '-' : Math.round(v * 100)])));
  return {
    tooltip: { formatter: (p) => `${branches[p.value[1]]} ${p.value[0] + 1}${tr('月')}: ${p.value[2]}%` },
    grid: { left: 220, right: 10, top: 6, bottom: 36 },
    xAxis: { type: 'category', data: Array.from({ length: 12 }, (_, i) => `${i + 1}${tr('月')}`), axisLabel: { color: TEXT, fontSize: FONT }, splitArea: { show: false } },
    yAxis: { type: 'category', data: branches, inverse: true, axisLabel: { color: TEXT, fontSize: FONT } },
    visualMap: { min: 0, max: 100, show: false, inRange: { color: ['#5d4037', '#e65100', '#ffb300', '#ffd54f'] } },
    series: [{
      type: 'heatmap', data,
      // a full cell is gold without a number; a partial one says its percent
      label: { show: true, color: '#fff', fontSize: 18, fontWeight: 'bold', formatter: (p) => (p.value[2] === '-' || p.value[2] === 100 ? '' : p.value[2]) },
      itemStyle: { borderColor: '#2a0505', borderWidth: 3 },
    }],
  };
}

/** Bars by month (lectures' person-times): [{month: 'YYYY-MM', person_times}]. */
export function monthBarsOption(byMonth, name, tr = (s) => s) {
  return {
    grid: { left: 56, right: 12, top: 16, bottom: 36 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: byMonth.map((m) => `${Number(m.month.slice(5))}`), name: tr('月'), nameTextStyle: { color: TEXT, fontSize: 18 }, axisLabel: { color: TEXT, fontSize: 20, interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: TEXT, fontSize: 18 }, splitLine: { lineStyle: { color: 'rgba(255,255,255,0.12)' } } },
    series: [{ name, type: 'bar', data: byMonth.map((m) => m.person_times), itemStyle: { color: '#ffd54f' }, label: { show: true, position: 'top', color: TEXT, fontSize: 16 } }],
  };
}

/** The panels' names in the console. */
export const PANEL_LABELS = {
  membership: '党员队伍',
  honours: '本季度 标兵 与 优秀科室',
  compliance: '组织生活落实情况',
  lectures: '财政月讲堂',
  service: '志愿服务',
  branches: '组织体系',
};

// ---- the console's charts (issue 18 item 5) ----

/** A line of an index's totals over the published evaluations: [{period, total, rank, of}]. */
export function indexTrendOption(points, name, tr = (s) => s) {
  return {
    grid: { left: 44, right: 16, top: 28, bottom: 28 },
    tooltip: { trigger: 'axis', formatter: (ps) => ps.map((p) => `${p.name}: ${p.value}（${tr('第 {r} 名', { r: points[p.dataIndex].rank })}/${points[p.dataIndex].of}）`).join('<br>') },
    xAxis: { type: 'category', data: points.map((p) => p.period), boundaryGap: false },
    yAxis: { type: 'value', scale: true },
    series: [{ name, type: 'line', data: points.map((p) => p.total), smooth: true, symbolSize: 9, itemStyle: { color: '#9e1b1b' }, areaStyle: { color: 'rgba(158,27,27,0.12)' }, label: { show: true, position: 'top' } }],
  };
}

/** Attendance month by month: bars of the rate in percent ({months: [{month, rate}]}). */
export function attendanceMonthsOption(series, tr = (s) => s) {
  const months = series?.months || [];
  return {
    grid: { left: 44, right: 16, top: 28, bottom: 28 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '—' : `${v}%`) },
    xAxis: { type: 'category', data: months.map((m) => tr('{m}月', { m: Number(m.month.slice(5)) })) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{ name: tr('出勤率'), type: 'bar', data: months.map((m) => (m.rate == null ? null : Math.round(m.rate * 1000) / 10)), itemStyle: { color: '#c62828' }, label: { show: true, position: 'top', formatter: (p) => (p.value == null ? '' : `${Math.round(p.value)}`) } }],
  };
}

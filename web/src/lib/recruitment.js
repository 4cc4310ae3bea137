// 发展党员 and 荣誉 (issue 16 items 2 and 6): the stages in order, what each
// step asks for, and the board's columns.

export const STAGES = [
  { code: 'applicant', label: '入党申请人' },
  { code: 'activist', label: '入党积极分子' },
  { code: 'candidate', label: '发展对象' },
  { code: 'probationary', label: '预备党员' },
  { code: 'full', label: '正式党员' },
];

/** The fields the step into a stage asks for (date fields end in _on). */
export const STEP_FIELDS = {
  activist: ['activist_on', 'contact_ids'],
  candidate: ['candidate_on'],
  probationary: ['reviewed_on', 'training_days', 'training_hours', 'notice_from', 'notice_to', 'introducer_ids', 'admitted_on', 'approved_on', 'staff_no'],
  full: ['full_on'],
};

export const FIELD_LABELS = {
  activist_on: '确定积极分子日期',
  contact_ids: '培养联系人',
  candidate_on: '确定发展对象日期',
  reviewed_on: '政治审查日期',
  training_days: '集中培训天数',
  training_hours: '集中培训学时',
  notice_from: '公示开始',
  notice_to: '公示结束',
  introducer_ids: '入党介绍人',
  admitted_on: '支部大会日期',
  approved_on: '上级审批日期',
  staff_no: '工号',
  full_on: '转正日期',
};

export const DUE_LABELS = { talk_due: '谈话', review_due: '考察', probation_ending: '预备期届满' };

/** The stage after code, or null for 正式党员. */
export function nextStage(code) {
  const i = STAGES.findIndex((s) => s.code === code);
  return i >= 0 && i + 1 < STAGES.length ? STAGES[i + 1] : null;
}

/** Applicants grouped by stage: [{code, label, items}] in the order of the stages. */
export function boardColumns(items) {
  return STAGES.map((s) => ({ ...s, items: items.filter((a) => a.stage === s.code) }));
}

/** Days from today to day (negative: past); null without a day. */
export function daysUntil(day, today) {
  if (!day) return null;
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86400000);
}

export const HONOUR_LEVELS = [
  { code: 'national', label: '国家级' },
  { code: 'province', label: '省级' },
  { code: 'city', label: '市级' },
  { code: 'county', label: '县级' },
  { code: 'bureau', label: '局级' },
];

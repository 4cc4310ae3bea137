// The audit trail in words: the server records codes (`login_failed`,
// `committee_member`) and ids; the audit page shows what they mean and, where
// the record carries it, the name of what was changed.

/** Actions as the server records them → Chinese (English through t()). */
export const ACTION_LABELS = {
  login: '登录',
  login_failed: '登录失败',
  logout: '退出登录',
  change_password: '修改密码',
  change_password_failed: '修改密码失败',
  reset_password: '重置密码',
  create: '新建',
  update: '修改',
  delete: '删除',
  import: '导入',
  link_person: '关联人员',
  grant_refused: '授权被拒绝',
  denied: '访问被拒绝',
  attendance: '登记出勤',
  attendance_remove: '移出出勤名单',
  end: '结束任职',
  version: '新版本',
  compute: '计算得分',
  scoring: '开始评分',
  review: '提交审核',
  notice: '发布公示',
  final: '定稿',
  enter: '录入评分',
  delete_entry: '删除录入',
  scores: '登记成绩',
  object: '提出异议',
  answer: '答复异议',
  nominate: '提名',
  withdraw_nomination: '撤销提名',
  vote: '投票',
  demo: '生成示范数据',
  demo_nominations: '生成示范提名',
  export: '导出',
  disable: '停用账号',
  move: '调整隶属',
  // supervision of conduct (core/inspections)
  confirm: '认定问题',
  dismiss: '撤销问题',
  // meeting life cycle (issue 12, item 2)
  plan: '计划',
  hold: '登记召开',
  cancel: '取消',
  void: '作废',
  correct: '更正',
  leave: '请假',
  remove: '移除',
  // tasks and rectifications
  report: '报告进度',
  close: '销号',
  reopen: '复核退回',
  // service (issue 15)
  confirm: '确认',
  report: '填报',
  // 主体责任清单 and 党建责任书 (core/duties)
  check: '年终考核',
  copy: '复制上年',
  // warnings engine and inbox (issue 17)
  acknowledge: '确认预警',
  dismiss: '撤销预警',
  refresh: '重新评估预警',
  announce: '发布通知',
  // member self-service (issue 12, item 3)
  signin: '扫码签到',
  approve: '审批通过',
  reject: '退回',
  // appraisals, secretary reviews, cadre development (issue 16 items 3-5)
  self_appraise: '自我评价',
  grade: '评定等次',
  follow_up: '组织处置',
  mentor_review: '帮带考核',
  // 发展党员 (issue 16 item 2)
  advance: '进入下一阶段',
  quarterly_review: '登记培养考察',
  extend: '延长预备期',
  // ideas (issue 15): an adopted suggestion followed by a task
  link_task: '转为落实任务',
  // duty rosters (issue 15)
  shifts: '排班',
  swap: '申请换班',
  swap_decide: '审批换班',
  absent: '登记缺勤',
  // notifications (issue 17)
  test_send: '发送测试消息',
  run: '立即运行',
};

/** Object types → Chinese. */
export const OBJECT_TYPES = {
  user: '账号',
  session: '会话',
  bureau: '单位',
  bureau_settings: '单位设置',
  org: '组织',
  department: '科室',
  person: '人员',
  people: '名册导入',
  committee_member: '委员',
  meeting: '会议',
  file: '证明材料',
  meeting_rule: '规则',
  lecture_label: '讲堂主题与模块',
  quiz: '测试',
  study_record: '学习记录',
  scheme: '考评方案',
  evaluation: '考评',
  route: '接口',
  records: '示范数据',
  // dues (issue 16 item 1)
  dues_setting: '党费设置',
  dues_base: '党费基数',
  dues_reduction: '党费减免',
  dues_payment: '党费缴纳',
  dues_remittance: '党费上缴',
  dues: '党费示范数据',
  // supervision of conduct (core/conduct, core/inspections)
  conduct_rule: '行为规范条款',
  inspection: '监督检查',
  finding: '检查发现问题',
  conduct_review: '季度讲评',
  // tasks and rectifications
  task: '任务',
  rectification: '整改事项',
  // supervision (issue 13)
  talk: '谈心谈话',
  talk_settings: '谈心谈话设置',
  talks: '示范谈心谈话与廉政风险',
  risk_point: '廉政风险点',
  fund_process: '资金运行图',
  integrity_case: '以案促改案例',
  // service (issue 15)
  contact: '联系点',
  contact_visit: '走访记录',
  pairing: '结对共建',
  pairing_activity: '共建活动',
  community_registration: '进社区报到',
  service_activity: '服务活动',
  service_signup: '志愿服务报名',
  // 主体责任清单 and 党建责任书 (core/duties)
  duty_doc: '责任清单（责任书）',
  duty_item: '责任事项',
  // warnings engine and inbox (issue 17)
  warning: '预警',
  warning_rule: '预警规则',
  announcement: '通知',
  // member self-service (issue 12, item 3)
  study_report: '学时申报',
  // appraisals, secretary reviews, cadre development (issue 16 items 3-5)
  appraisal: '民主评议',
  appraisal_setting: '民主评议优秀比例',
  secretary_review: '支部书记述职评议',
  cadre_posting: '干部培养经历',
  mentorship: '帮带',
  appraisals: '民主评议与述职评议',
  // 发展党员 and 荣誉 (issue 16 items 2 and 6)
  applicant: '入党申请人',
  applicant_setting: '发展党员设置',
  honour: '荣誉',
  recruitment: '发展党员与荣誉示范数据',
  // ideas (issue 15)
  suggestion_topic: '领导出题',
  suggestion: '献计献策',
  motto: '格言',
  // duty rosters (issue 15)
  duty_roster: '值班表',
  duty_assignment: '值班安排',
  duty_unavailable: '不能值班的日期',
  // notifications (issue 17)
  notify_settings: '消息通知设置',
  notify_prefs: '消息接收设置',
  daily_reminder: '每日一提醒',
  screen_settings: '数据大屏设置', // issue 18
};

// account events whose actor is the account itself
const OWN_ACCOUNT = new Set(['login', 'login_failed', 'logout', 'change_password', 'change_password_failed']);

/** The name of the record's object, from what the record carries; '' when none. */
export function objectName(row) {
  for (const side of [row?.after, row?.before]) {
    if (!side || typeof side !== 'object') continue;
    for (const k of ['name', 'topic', 'title', 'display_name', 'username'])
      if (typeof side[k] === 'string' && side[k]) return side[k];
  }
  if (row?.object_type === 'user' && OWN_ACCOUNT.has(row.action) && row.username) return row.username;
  return '';
}

/**
 * How a record is shown: {action, type, name, id} in Chinese, passed through
 * `tr` (the console's t()); an unknown code is shown as it is.
 */
export function auditWords(row, tr = (s) => s) {
  const a = ACTION_LABELS[row?.action];
  const o = OBJECT_TYPES[row?.object_type];
  return {
    action: a ? tr(a) : row?.action ?? '',
    type: o ? tr(o) : row?.object_type ?? '',
    name: objectName(row),
    id: row?.object_id ?? null,
  };
}

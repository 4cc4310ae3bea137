// Ideas (issue 15): 领导出题·科室献计 and 格言 — the words of the server's codes.
export const SUGGESTION_STATES = { pending: '待审定', adopted: '采纳为工作思路', merged: '合并', declined: '不予采纳' };
export const DECISIONS = { adopted: '采纳为工作思路', merged: '合并', declined: '不予采纳' };
export const MOTTO_STATES = { pending: '待审核', approved: '通过', rejected: '不通过' };

/** The body of a review: merged_into_id only for a merge, the reason trimmed. */
export function reviewBody(form) {
  const body = { decision: form.decision, reason: (form.reason || '').trim() };
  if (form.decision === 'merged') body.merged_into_id = form.merged_into_id ?? null;
  return body;
}

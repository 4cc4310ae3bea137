// The "1246" award categories (六评：业务、进步、创新、奉献、生活、示范标兵) as the
// console shows them: when nominating and voting are open (the rules of
// POST /evaluations/{id}/nominations and /votes, so the page offers only what
// the server accepts), the caller's votes in a category, and the bar widths.

/** Nominations are taken in open, scoring and review (公示开始后不再接受提名). */
export const nominationOpen = (state) => ['open', 'scoring', 'review'].includes(state);

/** Votes are cast from scoring until the notice ends (not in open, not once final). */
export const votingOpen = (state) => ['scoring', 'review', 'notice'].includes(state);

/** Why no one may vote now, or '' while voting is open. */
export function votingClosedReason(state) {
  if (state === 'open') return '投票尚未开始（考评开始评分后开放）';
  if (state === 'final') return '考评已定稿，投票已结束';
  return '';
}

/** How many of a category's votes the caller has cast. */
export const votesUsed = (award) => (award?.nominees || []).filter((n) => n.my_vote).length;

/**
 * What the caller may do with a nominee: 'vote', 'withdraw' (their vote), or
 * '' — by the state, whether the account is linked to a person (hasPerson)
 * and the category's vote limit.
 */
export function voteAction(award, nominee, state, hasPerson) {
  if (!hasPerson || !votingOpen(state)) return '';
  if (nominee.my_vote) return 'withdraw';
  return votesUsed(award) < award.count ? 'vote' : '';
}

/** The bar of a nominee: its votes as a percentage of the category's most votes. */
export function votePercent(award, nominee) {
  const most = Math.max(0, ...(award?.nominees || []).map((n) => n.votes));
  return most ? Math.round((nominee.votes * 100) / most) : 0;
}

/** Evaluations whose ballot is open now (for 我的: 参与评选投票). */
export const ballotEvaluations = (evaluations) => (evaluations || []).filter((e) => votingOpen(e.state));

/**
 * The targets offered in the nominate dialog: those of `targets` (GET
 * .../targets, whom the caller may score) not yet nominated in the category.
 */
export function nominatable(targets, award) {
  const taken = new Set((award?.nominees || []).map((n) => n.target_id));
  return (targets || []).filter((x) => !taken.has(x.target_id));
}

// Duty rosters (issue 15): the words of the server's codes.
export const ROSTER_KINDS = { flood: '防汛值班', checkpoint: '卡点值守', other: '其他' };
export const SWAP_STATES = { pending: '待审批', approved: '已同意', rejected: '不同意' };

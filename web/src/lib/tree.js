// The organisation tree arrives as a flat list in tree order; these helpers
// assemble it and answer questions about it.

/** Flat orgs (with parent_id) → roots with `children`, siblings by sort_order, then id. */
export function buildTree(items) {
  const byId = new Map();
  for (const o of items) byId.set(o.id, { ...o, children: [] });
  const roots = [];
  for (const o of items) {
    const node = byId.get(o.id);
    const parent = o.parent_id != null ? byId.get(o.parent_id) : null;
    (parent ? parent.children : roots).push(node);
  }
  // siblings by the clerk's sort order, then in the order they were founded (ids grow)
  const sort = (nodes) => {
    nodes.sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0) || a.id - b.id);
    for (const n of nodes) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** The ids of org `id` and everything below it. */
export function subtreeIds(items, id) {
  const kids = new Map();
  for (const o of items) {
    if (!kids.has(o.parent_id)) kids.set(o.parent_id, []);
    kids.get(o.parent_id).push(o.id);
  }
  const out = new Set();
  const stack = [id];
  while (stack.length) {
    const x = stack.pop();
    if (out.has(x)) continue;
    out.add(x);
    for (const c of kids.get(x) || []) stack.push(c);
  }
  return out;
}

export const BRANCH_TYPES = ['党支部', '党总支', '党委', '机关党委'];

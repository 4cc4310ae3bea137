// The import's errors [{row, column, message}] as a grid: one line per row
// of the file, one column per column named in an error.
export function errorGrid(errors = []) {
  const columns = [];
  const rows = new Map();
  for (const e of errors) {
    const col = e.column || '（整行）';
    if (!columns.includes(col)) columns.push(col);
    const r = e.row ?? 0;
    if (!rows.has(r)) rows.set(r, { row: r, cells: {} });
    const cells = rows.get(r).cells;
    cells[col] = cells[col] ? `${cells[col]}；${e.message}` : e.message;
  }
  return { columns, rows: [...rows.values()].sort((a, b) => a.row - b.row) };
}

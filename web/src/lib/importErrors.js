// The import's errors [{row, column, value?, message}] as the dialog lists
// them: one line per error (行, 列, 值, 问题), by the file's row, each row's
// errors in the order the server found them.
export function errorRows(errors = []) {
  return (errors || [])
    .map((e, i) => ({ i, row: e.row ?? 0, column: e.column || '（整行）', value: e.value ?? '', message: e.message || '' }))
    .sort((a, b) => a.row - b.row || a.i - b.i)
    .map(({ i, ...e }) => ({ key: i, ...e }));
}

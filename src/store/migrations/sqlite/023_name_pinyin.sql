-- 023 search the way clerks type (issue 12): people.name_initials was never
-- filled; it becomes name_pinyin, the search key of util/pinyin (initials and
-- full pinyin, "zhl zhanghonglin"), written with every insert and update and
-- filled for the rows already there when the server opens the database.
ALTER TABLE people RENAME COLUMN name_initials TO name_pinyin;

-- 035 the 预备期 warning rule (issue 17) comes into use with the 发展党员
-- pipeline (migration 028): enabled for every bureau, its description as built.
UPDATE warning_rules SET enabled = 1,
    scans = '发展党员中预备党员的预备期届满日（届满未转正的也在内）'
WHERE code = 'probation_ending';

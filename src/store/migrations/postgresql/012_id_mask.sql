-- 012 the stored mask of a 身份证号 keeps only the last four characters
-- (issue 11): the first three and the last four, with the birth date shown
-- in the clear, let the check digit give the number away.
UPDATE people
   SET id_number_masked = substr('************************', 1, length(id_number_masked) - 4)
       || substr(id_number_masked, length(id_number_masked) - 3)
 WHERE length(id_number_masked) > 7;

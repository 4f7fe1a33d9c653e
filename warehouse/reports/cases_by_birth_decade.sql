-- The audit report's table 2: cases per birth decade and gender.
SELECT CASE WHEN birth_year IS NULL THEN '(okänt)' ELSE (birth_year // 10 * 10)::VARCHAR || '-talet' END AS "Födelseår",
       count(*) FILTER (WHERE gender = 'K') AS "Kvinnor",
       count(*) FILTER (WHERE gender = 'M') AS "Män",
       count(*) AS "Totalt"
FROM case_findings
GROUP BY ALL
ORDER BY 1

-- The audit report's table 4: cases per district, orientation and gender.
SELECT coalesce(district, '(okänd)') AS "Stadsdelsförvaltning",
       count(*) FILTER (WHERE orientation = 'traditionell' AND gender = 'K') AS "Traditionell, kvinnor",
       count(*) FILTER (WHERE orientation = 'traditionell' AND gender = 'M') AS "Traditionell, män",
       count(*) FILTER (WHERE orientation = 'arbetsinriktad' AND gender = 'K') AS "Arbetsinriktad, kvinnor",
       count(*) FILTER (WHERE orientation = 'arbetsinriktad' AND gender = 'M') AS "Arbetsinriktad, män",
       count(*) FILTER (WHERE orientation IS NULL) AS "Inriktning okänd",
       count(*) AS "Totalt"
FROM case_findings
GROUP BY ALL
ORDER BY 1

-- Cases never asked about violence, per district
SELECT district, count(*) AS cases, list(case_key ORDER BY case_key) AS case_keys
FROM case_findings
WHERE NOT violence_asked
GROUP BY district
ORDER BY cases DESC, district;

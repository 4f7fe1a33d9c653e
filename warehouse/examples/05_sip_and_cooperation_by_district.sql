-- SIP and cooperation per district: how many cases have each
SELECT district,
       count(*) AS cases,
       count(*) FILTER (WHERE sip_status = 'exists') AS sip_exists,
       count(*) FILTER (WHERE sip_status = 'in_progress') AS sip_in_progress,
       count(*) FILTER (WHERE psychiatry_cooperation) AS psychiatry,
       count(*) FILTER (WHERE fk_cooperation) AS forsakringskassan,
       count(*) FILTER (WHERE af_cooperation) AS arbetsformedlingen
FROM case_findings
GROUP BY district
ORDER BY district;

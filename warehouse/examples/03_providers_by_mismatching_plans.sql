-- Providers ranked by their share of plans that do not match the order
SELECT provider,
       count(*) FILTER (WHERE plan_verdict IN ('partial', 'replaced')) AS mismatching,
       count(*) FILTER (WHERE plan_verdict IN ('match', 'partial', 'replaced')) AS plans,
       round(100.0 * mismatching / nullif(plans, 0)) AS percent_mismatching
FROM case_findings
WHERE provider IS NOT NULL
GROUP BY provider
ORDER BY percent_mismatching DESC NULLS LAST, plans DESC, provider;

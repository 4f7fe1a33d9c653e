-- Plan verdicts per provider, for the chart.
SELECT coalesce(provider, '(ingen beställning)') AS label, coalesce(plan_verdict, 'no_order') AS verdict,
       count(*) AS cases
FROM case_findings
GROUP BY ALL
ORDER BY 1, 2

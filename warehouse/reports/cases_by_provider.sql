-- The audit report's table 6: cases per provider (as the current order names it) and gender, with the
-- verdicts of their plans.
SELECT coalesce(provider, '(ingen beställning)') AS "Utförare",
       count(*) FILTER (WHERE gender = 'K') AS "Kvinnor",
       count(*) FILTER (WHERE gender = 'M') AS "Män",
       count(*) AS "Totalt",
       count(*) FILTER (WHERE plan_verdict = 'match') AS "Planen stämmer",
       count(*) FILTER (WHERE plan_verdict IN ('partial', 'replaced')) AS "Planen avviker",
       count(*) FILTER (WHERE plan_verdict IN ('no_plan', 'unreadable_plan')) AS "Plan saknas eller oläslig"
FROM case_findings
GROUP BY ALL
ORDER BY "Totalt" DESC, 1

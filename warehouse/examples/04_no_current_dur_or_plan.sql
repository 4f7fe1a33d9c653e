-- Cases without a current DUR or without a current plan
SELECT case_key, district, provider, has_current_dur, plan_verdict
FROM case_findings
WHERE NOT has_current_dur OR plan_verdict IN ('no_plan', 'unreadable_plan')
ORDER BY district, case_key;

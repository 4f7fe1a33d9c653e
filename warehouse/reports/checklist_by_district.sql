-- Every checklist figure of DOMAIN.md per district: how many cases meet it (percentages are added by
-- the report). One row per district and figure.
WITH figures AS (
    SELECT coalesce(district, '(okänd)') AS district, figure, ok
    FROM case_findings,
    LATERAL (VALUES
        ('1. Aktuell DUR finns', has_current_dur),
        ('2. DUR anger syfte och mål', dur_states_purpose AND dur_states_goal),
        ('2. DUR anger bara syfte eller bara mål', dur_states_purpose <> dur_states_goal),
        ('3. Aktuell genomförandeplan finns', plan_verdict IN ('match', 'partial', 'replaced')),
        ('4. Planen stämmer med beställningen', plan_verdict = 'match'),
        ('4. Planen har delvis ändrats', plan_verdict = 'partial'),
        ('4. Planen har ersatts av utförarens egen', plan_verdict = 'replaced'),
        ('5. Frågan om våld är ställd', violence_asked),
        ('6. SIP finns', sip_status = 'exists'),
        ('6. SIP håller på att upprättas', sip_status = 'in_progress'),
        ('7. Samverkan med psykiatrin', psychiatry_cooperation),
        ('7. Samverkan med Försäkringskassan', fk_cooperation),
        ('7. Samverkan med Arbetsförmedlingen', af_cooperation),
        ('7. Personligt ombud', personal_ombud),
        ('8. Uppföljning dokumenterad', followup_documented),
        ('9. Har barn', has_children),
        ('9. Barnkonsekvensanalys gjord', child_impact_analysis)
    ) AS f(figure, ok)
)
SELECT district, figure, count(*) FILTER (WHERE ok) AS cases, count(*) AS of_cases
FROM figures
GROUP BY ALL
ORDER BY figure, district

-- The pre-screening list: one row per case, the cases that most need a look first. Each finding that
-- needs review adds its weight; ties go by district and case.
WITH flags AS (
    SELECT case_key, district, provider, plan_verdict, violence_status, sip_status,
           (NOT has_current_dur)::INTEGER * 3
         + (NOT (dur_states_purpose AND dur_states_goal))::INTEGER
         + CASE plan_verdict WHEN 'replaced' THEN 3 WHEN 'no_plan' THEN 3 WHEN 'unreadable_plan' THEN 2
                             WHEN 'partial' THEN 2 ELSE 0 END
         + (NOT violence_asked)::INTEGER * 2
         + (sip_status = 'none')::INTEGER
         + (NOT followup_documented)::INTEGER
         + (has_children AND NOT child_impact_analysis)::INTEGER AS review_score,
           concat_ws('; ',
               CASE WHEN NOT has_current_dur THEN 'ingen aktuell DUR' END,
               CASE WHEN NOT (dur_states_purpose AND dur_states_goal) THEN 'DUR saknar syfte eller mål' END,
               CASE WHEN plan_verdict <> 'match' THEN 'planen: ' || plan_verdict END,
               CASE WHEN NOT violence_asked THEN 'våldsfrågan inte ställd' END,
               CASE WHEN sip_status = 'none' THEN 'ingen SIP' END,
               CASE WHEN NOT followup_documented THEN 'uppföljning inte dokumenterad' END,
               CASE WHEN has_children AND NOT child_impact_analysis THEN 'barn men ingen barnkonsekvensanalys' END
           ) AS to_review
    FROM case_findings
),
evidence AS (
    SELECT e.case_key,
           string_agg(e.finding || ' (' || coalesce(e.doc_type, '-') || ', s. ' || coalesce(e.page::VARCHAR, '-')
                      || '): ' || coalesce(e.evidence, e.detail), ' | '
                      ORDER BY e.finding, e.doc_id, e.page) AS evidence
    FROM finding_evidence AS e
    WHERE e.basis <> 'absence'
    GROUP BY e.case_key
),
order_paths AS (
    SELECT c.case_key, d.source_path
    FROM current_documents AS c JOIN documents AS d USING (doc_id)
    WHERE c.role = 'order'
)
SELECT row_number() OVER (ORDER BY f.review_score DESC, f.district, f.case_key) AS "Ordning",
       f.case_key AS "Ärende (nyckel)",
       f.district AS "Stadsdelsförvaltning",
       f.provider AS "Utförare",
       o.source_path AS "Aktuell beställning (sökväg, maskerad)",
       f.review_score AS "Poäng",
       f.to_review AS "Att granska",
       f.plan_verdict AS "Planens utfall",
       f.violence_status AS "Våld",
       f.sip_status AS "SIP",
       e.evidence AS "Underlag (mening och sida)"
FROM flags AS f
LEFT JOIN evidence AS e USING (case_key)
LEFT JOIN order_paths AS o USING (case_key)
ORDER BY 1

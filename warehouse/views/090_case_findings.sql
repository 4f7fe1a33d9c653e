-- One row per case: what an inspector checks first (DOMAIN.md's checklist). Every finding is traced to
-- the rows that decided it in the view finding_evidence.
CREATE OR REPLACE VIEW case_findings AS
WITH cases AS (
    SELECT case_key,
           mode(gender) FILTER (WHERE linked_by = 'personnummer') AS gender,
           mode(birth_year) FILTER (WHERE linked_by = 'personnummer') AS birth_year,
           arg_max(district, (doc_date, doc_id)) FILTER (WHERE district IS NOT NULL) AS newest_district,
           arg_max(orientation, (doc_date, doc_id)) FILTER (WHERE orientation IS NOT NULL) AS newest_orientation
    FROM case_documents
    GROUP BY case_key
),
current_order AS (
    SELECT c.case_key, d.district, d.provider, d.orientation
    FROM current_documents AS c JOIN documents AS d USING (doc_id)
    WHERE c.role = 'order'
),
current_dur AS (
    SELECT c.case_key,
           count(i.kind) FILTER (WHERE i.kind = 'purpose') > 0 AS states_purpose,
           count(i.kind) FILTER (WHERE i.kind = 'goal') > 0 AS states_goal
    FROM current_documents AS c LEFT JOIN items AS i USING (doc_id)
    WHERE c.role = 'dur'
    GROUP BY c.case_key
),
topics AS (
    SELECT case_key,
           any_value(status) FILTER (WHERE topic = 'violence') AS violence,
           any_value(status) FILTER (WHERE topic = 'sip') AS sip,
           any_value(status) FILTER (WHERE topic = 'psychiatry') AS psychiatry,
           any_value(status) FILTER (WHERE topic = 'fk') AS fk,
           any_value(status) FILTER (WHERE topic = 'af') AS af,
           any_value(status) FILTER (WHERE topic = 'personal_ombud') AS personal_ombud,
           any_value(status) FILTER (WHERE topic = 'followup') AS followup,
           any_value(status) FILTER (WHERE topic = 'children') AS children,
           any_value(status) FILTER (WHERE topic = 'child_impact_analysis') AS child_impact_analysis
    FROM topic_findings
    GROUP BY case_key
)
SELECT cases.case_key,
       coalesce(o.district, cases.newest_district) AS district,
       cases.gender,
       cases.birth_year,
       o.provider,
       coalesce(o.orientation, cases.newest_orientation) AS orientation,
       dur.case_key IS NOT NULL AS has_current_dur,
       coalesce(dur.states_purpose, false) AS dur_states_purpose,
       coalesce(dur.states_goal, false) AS dur_states_goal,
       cmp.verdict AS plan_verdict,
       coalesce(t.violence IN ('asked', 'disclosed', 'declined'), false) AS violence_asked,
       coalesce(t.violence, 'not_asked') AS violence_status,
       coalesce(t.sip, 'none') AS sip_status,
       coalesce(t.psychiatry = 'cooperation', false) AS psychiatry_cooperation,
       coalesce(t.fk = 'cooperation', false) AS fk_cooperation,
       coalesce(t.af = 'cooperation', false) AS af_cooperation,
       coalesce(t.personal_ombud = 'cooperation', false) AS personal_ombud,
       coalesce(t.followup = 'documented', false) AS followup_documented,
       coalesce(t.children = 'yes', false) AS has_children,
       coalesce(t.child_impact_analysis = 'done', false) AS child_impact_analysis
FROM cases
LEFT JOIN current_order AS o USING (case_key)
LEFT JOIN current_dur AS dur USING (case_key)
LEFT JOIN topics AS t USING (case_key)
LEFT JOIN comparisons AS cmp USING (case_key)
ORDER BY district, case_key;

-- DOMAIN.md's "current" documents per case.
-- Current order: the newest order. Current plan: the newest plan dated on or after the current order.
-- Current DUR: the newest DUR dated at most about a year (396 days) before the current order.
-- Documents of the same type and date are told apart by case_documents' recency, so that the choice
-- does not change from run to run.
CREATE OR REPLACE VIEW current_documents AS
WITH current_order AS (
    SELECT case_key, doc_id, doc_date FROM case_documents WHERE doc_type = 'order' AND recency = 1
),
current_plan AS (
    SELECT p.case_key, arg_min(p.doc_id, p.recency) AS doc_id
    FROM case_documents AS p JOIN current_order AS o USING (case_key)
    WHERE p.doc_type = 'plan' AND p.doc_date >= o.doc_date
    GROUP BY p.case_key
),
current_dur AS (
    SELECT d.case_key, arg_min(d.doc_id, d.recency) AS doc_id
    FROM case_documents AS d JOIN current_order AS o USING (case_key)
    WHERE d.doc_type = 'dur' AND d.doc_date >= o.doc_date - INTERVAL 396 DAY AND d.doc_date <= o.doc_date
    GROUP BY d.case_key
)
SELECT case_key, 'order' AS role, doc_id FROM current_order
UNION ALL SELECT case_key, 'plan', doc_id FROM current_plan
UNION ALL SELECT case_key, 'dur', doc_id FROM current_dur;

-- Why each finding of case_findings is what it is: the rows that decided it.
--   basis 'document': the current DUR itself; 'item': a purpose or goal stated in the current DUR;
--   'mention': a sentence whose status decided the topic; 'alignment': an order item with its counterpart
--   in the plan or without one, or a plan item the order lacks (plan_verdict); 'absence': nothing in the case's documents
--   said anything about it, so the finding takes its default (false, 'not_asked', 'none').
-- ocr_confidence: set when the evidence comes from a scan read by OCR, Tesseract's mean word confidence
--   over the document (0-100), for the inspector to weigh it; NULL for text from the file's own text layer.
CREATE OR REPLACE VIEW finding_evidence AS
WITH finding_topics (finding, topic) AS (
    VALUES ('violence_asked', 'violence'), ('violence_status', 'violence'), ('sip_status', 'sip'),
           ('psychiatry_cooperation', 'psychiatry'), ('fk_cooperation', 'fk'), ('af_cooperation', 'af'),
           ('personal_ombud', 'personal_ombud'), ('followup_documented', 'followup'),
           ('has_children', 'children'), ('child_impact_analysis', 'child_impact_analysis')
),
item_findings (finding, kind) AS (
    VALUES ('dur_states_purpose', 'purpose'), ('dur_states_goal', 'goal')
),
decided AS (
    SELECT m.case_key, f.finding, 'mention' AS basis, m.doc_id, m.doc_type, m.page,
           m.topic || ': ' || m.status AS detail, m.evidence
    FROM case_mentions AS m
    JOIN topic_findings AS t USING (case_key, topic, status)
    JOIN finding_topics AS f USING (topic)
    UNION ALL
    SELECT c.case_key, 'has_current_dur', 'document', c.doc_id, 'dur', 1,
           'current DUR dated ' || d.doc_date, NULL
    FROM current_documents AS c JOIN documents AS d USING (doc_id)
    WHERE c.role = 'dur'
    UNION ALL
    SELECT c.case_key, f.finding, 'item', i.doc_id, 'dur', i.page, i.kind, i.text
    FROM current_documents AS c
    JOIN items AS i USING (doc_id)
    JOIN item_findings AS f ON f.kind = i.kind
    WHERE c.role = 'dur'
    UNION ALL
    SELECT a.case_key, 'plan_verdict', 'alignment', a.order_doc_id, 'order', i.page,
           CASE WHEN a.matched THEN 'order item found in plan' ELSE 'order item missing in plan' END,
           a.order_text || CASE WHEN a.matched THEN ' ~ ' || a.plan_text ELSE '' END
    FROM item_alignment AS a
    LEFT JOIN items AS i ON i.doc_id = a.order_doc_id AND i.item_no = a.order_item_no
    UNION ALL
    SELECT x.case_key, 'plan_verdict', 'alignment', x.plan_doc_id, 'plan', i.page, 'plan item not in order', x.text
    FROM added_items AS x
    LEFT JOIN items AS i ON i.doc_id = x.plan_doc_id AND i.item_no = x.item_no
    UNION ALL
    SELECT c.case_key, 'plan_verdict', 'document', c.order_doc_id, 'order', 1,
           'verdict ' || c.verdict || ': ' || c.matched || ' of ' || c.order_items || ' order items in the plan, '
           || c.added || ' added', NULL
    FROM comparisons AS c
),
all_findings AS (
    SELECT case_key, finding, documents
    FROM (SELECT case_key, count(*) AS documents FROM case_documents GROUP BY case_key)
    CROSS JOIN (
        SELECT finding FROM finding_topics
        UNION SELECT finding FROM item_findings
        UNION SELECT 'has_current_dur'
        UNION SELECT 'plan_verdict'
    )
)
SELECT e.*, doc.ocr_confidence
FROM decided AS e LEFT JOIN documents AS doc USING (doc_id)
UNION ALL
SELECT a.case_key, a.finding, 'absence', NULL, NULL, NULL,
       'nothing found in the case''s ' || a.documents || ' readable documents', NULL, NULL
FROM all_findings AS a ANTI JOIN decided AS d USING (case_key, finding)
ORDER BY case_key, finding, doc_id, page;

-- Per case with a current order: that order, the current plan if one could be read, and whether a scan
-- that could not be read may be the plan: a needs_ocr file in a folder that holds this case's documents
-- and no other case's, not dated by its name before the order.
WITH orders AS (
    SELECT c.case_key, c.doc_id AS order_doc_id, d.doc_date AS order_date
    FROM current_documents AS c JOIN documents AS d USING (doc_id)
    WHERE c.role = 'order'
),
plans AS (
    SELECT case_key, doc_id AS plan_doc_id FROM current_documents WHERE role = 'plan'
),
case_folders AS (
    SELECT folder_key, any_value(case_key) AS case_key
    FROM documents
    WHERE case_key IS NOT NULL AND folder_key IS NOT NULL
    GROUP BY folder_key
    HAVING count(DISTINCT case_key) = 1
),
scans AS (
    SELECT DISTINCT f.case_key
    FROM documents AS d
    JOIN case_folders AS f USING (folder_key)
    JOIN orders AS o ON o.case_key = f.case_key
    WHERE d.status = 'needs_ocr' AND d.gone_at IS NULL AND d.copy_of IS NULL AND (d.file_date IS NULL OR d.file_date >= o.order_date)
)
SELECT o.case_key, o.order_doc_id, p.plan_doc_id, s.case_key IS NOT NULL AND p.plan_doc_id IS NULL AS unreadable_plan
FROM orders AS o
LEFT JOIN plans AS p USING (case_key)
LEFT JOIN scans AS s USING (case_key)
ORDER BY o.case_key

-- The readable documents of each case that are in the export, one of identical copies, newest first
-- within their type.
CREATE OR REPLACE VIEW case_documents AS
SELECT *,
       row_number() OVER (PARTITION BY case_key, doc_type ORDER BY doc_date DESC NULLS LAST, doc_id) AS recency
FROM documents
WHERE case_key IS NOT NULL AND status = 'ok' AND gone_at IS NULL AND copy_of IS NULL;

-- The mentions of each case's readable documents, with the rank of their status. A follow-up counts
-- only where the caseworker records it: in the journal or the DUR.
CREATE OR REPLACE VIEW case_mentions AS
SELECT d.case_key, m.doc_id, m.mention_no, d.doc_type, d.doc_date, m.topic, m.status, r.rank,
       m.evidence, m.page, m.char_start, m.char_end
FROM mentions AS m
JOIN case_documents AS d USING (doc_id)
JOIN topic_status_rank AS r ON r.topic = m.topic AND r.status = m.status
WHERE m.topic <> 'followup' OR d.doc_type IN ('journal', 'dur');

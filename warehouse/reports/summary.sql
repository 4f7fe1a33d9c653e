-- What the report covers: cases, the documents in the export (copies counted once), and the last
-- completed run.
SELECT (SELECT count(*) FROM case_findings) AS cases,
       (SELECT count(*) FROM documents WHERE gone_at IS NULL AND copy_of IS NULL) AS documents,
       (SELECT count(*) FROM documents WHERE gone_at IS NULL AND copy_of IS NULL AND status <> 'ok')
           AS documents_not_read,
       (SELECT max(ended_at) FROM runs WHERE status = 'completed') AS last_run

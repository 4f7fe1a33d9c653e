-- What the report covers: cases, documents, and the last completed run.
SELECT (SELECT count(*) FROM case_findings) AS cases,
       (SELECT count(*) FROM documents) AS documents,
       (SELECT count(*) FROM documents WHERE status <> 'ok') AS documents_not_read,
       (SELECT max(ended_at) FROM runs WHERE status = 'completed') AS last_run

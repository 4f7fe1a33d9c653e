-- Which stored files are still in the export (registered as file_places: every file the run found),
-- and which present files repeat another's bytes. Of identical files the one loaded first (then the first
-- by path) counts, so that a copy exported again under another name is not counted twice. The variable
-- run_started_at is the run's start.
UPDATE documents SET gone_at = getvariable('run_started_at')
WHERE gone_at IS NULL AND path_key NOT IN (SELECT path_key FROM file_places);

UPDATE documents SET gone_at = NULL
WHERE gone_at IS NOT NULL AND path_key IN (SELECT path_key FROM file_places);

UPDATE documents AS d SET copy_of = nullif(f.first_doc_id, d.doc_id)
FROM (
    SELECT sha256, min_by(doc_id, (r.started_at, source_path, doc_id)) AS first_doc_id
    FROM documents JOIN runs AS r USING (run_id)
    WHERE gone_at IS NULL
    GROUP BY sha256
) AS f
WHERE d.sha256 = f.sha256 AND d.gone_at IS NULL AND d.copy_of IS DISTINCT FROM nullif(f.first_doc_id, d.doc_id);

UPDATE documents SET copy_of = NULL WHERE gone_at IS NOT NULL AND copy_of IS NOT NULL;

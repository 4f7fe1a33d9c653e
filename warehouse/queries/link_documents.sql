-- Link every document to its case. A document with its own personnummer keeps it; one that names the
-- person only by name takes the case whose own documents give that name beside a personnummer,
-- unless several cases share the name.
UPDATE documents SET case_key = NULL, linked_by = NULL, link_note = NULL
WHERE linked_by IS DISTINCT FROM 'personnummer';

UPDATE documents AS d
SET case_key = n.case_key,
    linked_by = CASE WHEN n.cases = 1 THEN 'name' END,
    link_note = CASE WHEN n.cases > 1 THEN 'not linked: ' || n.cases || ' cases share the name' END
FROM (
    SELECT name_key,
           count(DISTINCT case_key) AS cases,
           CASE WHEN count(DISTINCT case_key) = 1 THEN any_value(case_key) END AS case_key
    FROM documents
    WHERE linked_by = 'personnummer' AND name_key IS NOT NULL
    GROUP BY name_key
) AS n
WHERE d.linked_by IS NULL AND d.name_key = n.name_key;

UPDATE documents
SET link_note = CASE
    WHEN name_key IS NULL THEN 'not linked: no personnummer and no name found'
    ELSE 'not linked: no document gives this name with a personnummer'
END
WHERE case_key IS NULL AND link_note IS NULL AND status = 'ok';

UPDATE items AS i SET case_key = d.case_key FROM documents AS d
WHERE i.doc_id = d.doc_id AND i.case_key IS DISTINCT FROM d.case_key;

UPDATE mentions AS m SET case_key = d.case_key FROM documents AS d
WHERE m.doc_id = d.doc_id AND m.case_key IS DISTINCT FROM d.case_key;

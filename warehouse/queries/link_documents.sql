-- Link every document to its case. A document with its own personnummer keeps it. One that names the
-- person only by name takes the case whose own documents give that name beside a personnummer, or, when
-- the name is shorter than the one given there ("Amina Yusuf" for "Amina Hassan Yusuf"), the one case
-- whose names hold all its words; unless several cases share the name. One that names nobody takes
-- the case of its folder, when every linked document in that folder belongs to that one case.
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

-- The words of the names each case's own documents give.
CREATE OR REPLACE TEMP TABLE case_name_words AS
SELECT DISTINCT d.case_key, t.token_key
FROM documents AS d JOIN name_tokens AS t USING (doc_id)
WHERE d.linked_by = 'personnummer';

UPDATE documents AS d
SET case_key = n.case_key,
    linked_by = CASE WHEN n.cases = 1 THEN 'name' END,
    link_note = CASE WHEN n.cases > 1 THEN 'not linked: ' || n.cases || ' cases share the name' END
FROM (
    SELECT doc_id,
           count(*) AS cases,
           CASE WHEN count(*) = 1 THEN any_value(case_key) END AS case_key
    FROM (
        SELECT w.doc_id, c.case_key
        FROM (
            SELECT t.doc_id, t.token_key, count(*) OVER (PARTITION BY t.doc_id) AS words
            FROM name_tokens AS t JOIN documents AS u USING (doc_id)
            WHERE u.linked_by IS NULL AND u.link_note IS NULL AND u.name_key IS NOT NULL
        ) AS w
        JOIN case_name_words AS c USING (token_key)
        WHERE w.words >= 2
        GROUP BY w.doc_id, c.case_key, w.words
        HAVING count(*) = w.words
    )
    GROUP BY doc_id
) AS n
WHERE d.doc_id = n.doc_id;

DROP TABLE case_name_words;

UPDATE documents AS d
SET case_key = f.case_key, linked_by = 'folder'
FROM (
    SELECT folder_key, any_value(case_key) AS case_key
    FROM documents
    WHERE linked_by IN ('personnummer', 'name') AND folder_key IS NOT NULL
    GROUP BY folder_key
    HAVING count(DISTINCT case_key) = 1
) AS f
WHERE d.linked_by IS NULL AND d.name_key IS NULL AND d.status = 'ok' AND d.folder_key = f.folder_key;

UPDATE documents
SET link_note = CASE
    WHEN name_key IS NULL THEN 'not linked: no personnummer, no name, and a folder shared by several cases'
    ELSE 'not linked: no document gives this name with a personnummer'
END
WHERE case_key IS NULL AND link_note IS NULL AND status = 'ok';

UPDATE items AS i SET case_key = d.case_key FROM documents AS d
WHERE i.doc_id = d.doc_id AND i.case_key IS DISTINCT FROM d.case_key;

UPDATE mentions AS m SET case_key = d.case_key FROM documents AS d
WHERE m.doc_id = d.doc_id AND m.case_key IS DISTINCT FROM d.case_key;

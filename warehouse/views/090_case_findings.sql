-- One row per case: what an inspector checks first.
CREATE OR REPLACE VIEW case_findings AS
WITH cases AS (
    SELECT case_key,
           mode(gender) FILTER (WHERE linked_by = 'personnummer') AS gender,
           mode(birth_year) FILTER (WHERE linked_by = 'personnummer') AS birth_year,
           arg_max(district, doc_date) FILTER (WHERE district IS NOT NULL) AS newest_district
    FROM case_documents
    GROUP BY case_key
),
current_order AS (
    SELECT c.case_key, d.district, d.provider
    FROM current_documents AS c JOIN documents AS d USING (doc_id)
    WHERE c.role = 'order'
)
SELECT cases.case_key,
       coalesce(o.district, cases.newest_district) AS district,
       cases.gender,
       cases.birth_year,
       o.provider
FROM cases LEFT JOIN current_order AS o USING (case_key)
ORDER BY district, case_key;

-- The cases whose plan does not carry out their order as ordered: what the order asks that the plan
-- lacks, and what the plan adds. One row per case whose verdict is not 'match'.
CREATE OR REPLACE VIEW mismatches AS
WITH lacking AS (
    SELECT case_key, list(order_text ORDER BY order_item_no) AS order_items_missing_in_plan
    FROM item_alignment
    WHERE NOT matched
    GROUP BY case_key
),
adding AS (
    SELECT case_key, list(text ORDER BY item_no) AS plan_items_not_in_order
    FROM added_items
    GROUP BY case_key
)
SELECT c.case_key, c.verdict, c.order_items, c.matched, c.changed, c.added,
       c.order_doc_id, c.plan_doc_id,
       coalesce(l.order_items_missing_in_plan, []) AS order_items_missing_in_plan,
       coalesce(a.plan_items_not_in_order, []) AS plan_items_not_in_order
FROM comparisons AS c
LEFT JOIN lacking AS l USING (case_key)
LEFT JOIN adding AS a USING (case_key)
WHERE c.verdict <> 'match';

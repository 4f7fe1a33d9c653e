-- Cases whose plan replaces the order, per district, with what the order asked for
-- (for one district only, add: AND f.district = 'Farsta')
SELECT f.district, m.case_key, f.provider, m.order_items, m.order_items_missing_in_plan
FROM mismatches AS m JOIN case_findings AS f USING (case_key)
WHERE m.verdict = 'replaced'
ORDER BY f.district, f.provider;

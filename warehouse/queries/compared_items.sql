-- The items of the documents being compared (registered as compared_docs), in document order.
SELECT doc_id, item_no, kind, text
FROM items
WHERE doc_id IN (SELECT doc_id FROM compared_docs)
ORDER BY doc_id, item_no

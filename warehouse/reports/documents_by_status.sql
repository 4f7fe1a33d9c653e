-- The warehouse's documents by what became of them: read (ok), waiting for OCR (needs_ocr), refused
-- (quarantined), a copy of another file's bytes (copy), or no longer in the export (gone).
SELECT CASE WHEN gone_at IS NOT NULL THEN 'gone' WHEN copy_of IS NOT NULL THEN 'copy' ELSE status END AS status,
       count(*) AS documents
FROM documents
GROUP BY ALL
ORDER BY 1

-- Every stored file's masked path, folder key and name date, as the run found them (registered as
-- file_places): a newly known name masks older paths too, and rows loaded before a column existed get it.
UPDATE documents AS d
SET source_path = p.source_path, folder_key = p.folder_key, file_date = p.file_date
FROM file_places AS p
WHERE d.path_key = p.path_key
  AND (d.source_path <> p.source_path
       OR d.folder_key IS DISTINCT FROM p.folder_key
       OR d.file_date IS DISTINCT FROM p.file_date)

-- Files that leave the export, and the same content exported under a second name.
-- gone_at: when the run first found the file missing; NULL while it is in the export. A gone file's rows
-- stay for the record but no longer count as current.
-- copy_of: the doc_id of the document with the same bytes that counts; NULL for the one that counts.
ALTER TABLE documents ADD COLUMN gone_at TIMESTAMP;
ALTER TABLE documents ADD COLUMN copy_of VARCHAR;
-- interrupted: a run that was killed or lost its machine; the next run marks it and does its work.
ALTER TABLE runs ADD COLUMN documents_gone INTEGER;
ALTER TABLE runs ADD COLUMN documents_copies INTEGER;

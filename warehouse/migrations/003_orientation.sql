-- The orientation of the service a document names: arbetsinriktad | traditionell.
ALTER TABLE documents ADD COLUMN orientation VARCHAR;

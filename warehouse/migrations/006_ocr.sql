-- Scans read by OCR (Tesseract, Swedish): how many of the document's pages were, and Tesseract's mean word
-- confidence over them (0-100). NULL confidence: the text came from the file's own text layer.
ALTER TABLE documents ADD COLUMN ocr_pages INTEGER DEFAULT 0;
ALTER TABLE documents ADD COLUMN ocr_confidence DOUBLE;

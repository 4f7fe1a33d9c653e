-- Why a finding is what it is: the evidence sentences and pages behind the violence findings
SELECT case_key, finding, basis, doc_type, page, detail, evidence
FROM finding_evidence
WHERE finding = 'violence_status' AND basis <> 'absence'
ORDER BY case_key, page
LIMIT 20;

-- Per case and topic, the deciding status: the highest-ranked one any of its documents gives.
CREATE OR REPLACE VIEW topic_findings AS
SELECT case_key, topic, arg_max(status, rank) AS status
FROM case_mentions
GROUP BY case_key, topic;

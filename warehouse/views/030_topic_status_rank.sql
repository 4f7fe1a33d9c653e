-- Which status of a topic decides a case when its documents say different things: the highest rank.
-- Exposure disclosed anywhere in the file outweighs a "no" elsewhere, and a documented refusal to
-- answer outweighs the bare note that the question was put; an existing SIP outweighs one
-- being set up; any documented cooperation or follow-up outweighs its absence elsewhere.
CREATE OR REPLACE VIEW topic_status_rank AS
SELECT * FROM (VALUES
    ('violence', 'disclosed', 4), ('violence', 'declined', 3), ('violence', 'asked', 2),
    ('violence', 'not_asked', 1),
    ('sip', 'exists', 4), ('sip', 'in_progress', 3), ('sip', 'declined', 2), ('sip', 'none', 1),
    ('psychiatry', 'cooperation', 2), ('psychiatry', 'no_cooperation', 1),
    ('fk', 'cooperation', 2), ('fk', 'no_cooperation', 1),
    ('af', 'cooperation', 2), ('af', 'no_cooperation', 1),
    ('personal_ombud', 'cooperation', 2), ('personal_ombud', 'no_cooperation', 1),
    ('followup', 'documented', 2), ('followup', 'booked', 1),
    ('children', 'yes', 2), ('children', 'no', 1),
    ('child_impact_analysis', 'done', 2), ('child_impact_analysis', 'not_done', 1)
) AS ranks(topic, status, rank);

-- What each stored comparison was made from: its order, its plan, and whether the plan was unreadable.
SELECT case_key, order_doc_id, plan_doc_id, verdict = 'unreadable_plan' AS unreadable_plan
FROM comparisons

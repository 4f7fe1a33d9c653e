-- The current order against the current plan, per case (issue 4).

-- Where a file lies: a keyed hash of its folder (files of one case usually share one), and a date its
-- name gives ("skannat_20191106.pdf"). Both place and date a scan that could not be read.
ALTER TABLE documents ADD COLUMN folder_key VARCHAR;
ALTER TABLE documents ADD COLUMN file_date DATE;

-- One row per case that has a current order.
CREATE TABLE comparisons (
    case_key      VARCHAR PRIMARY KEY,
    order_doc_id  VARCHAR NOT NULL,
    plan_doc_id   VARCHAR,                    -- the current plan; NULL when none could be read
    verdict       VARCHAR NOT NULL,           -- match | partial | replaced | no_plan | unreadable_plan
    order_items   INTEGER NOT NULL,           -- goals, sub-goals and activities of the order
    matched       INTEGER NOT NULL,           -- of them, with a counterpart in the plan
    changed       INTEGER NOT NULL,           -- of them, without one
    added         INTEGER NOT NULL            -- plan items without a counterpart in the order
);

-- Each order item with its most similar plan item.
CREATE TABLE item_alignment (
    case_key       VARCHAR NOT NULL,
    order_doc_id   VARCHAR NOT NULL,
    order_item_no  INTEGER NOT NULL,
    order_kind     VARCHAR NOT NULL,
    order_text     VARCHAR NOT NULL,
    plan_doc_id    VARCHAR,
    plan_item_no   INTEGER,
    plan_kind      VARCHAR,
    plan_text      VARCHAR,
    similarity     DOUBLE NOT NULL,
    matched        BOOLEAN NOT NULL
);

-- Plan items without a counterpart in the order.
CREATE TABLE added_items (
    case_key     VARCHAR NOT NULL,
    plan_doc_id  VARCHAR NOT NULL,
    item_no      INTEGER NOT NULL,
    kind         VARCHAR NOT NULL,
    text         VARCHAR NOT NULL
);

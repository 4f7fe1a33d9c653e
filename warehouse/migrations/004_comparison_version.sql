-- Which version of the comparison rules made the stored comparisons: when the rules change (a new
-- synonym in compare.yaml, a new threshold), every case is compared again.
CREATE TABLE comparison_version (
    version  VARCHAR NOT NULL
);

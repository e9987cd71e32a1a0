-- Customers as records: who they are, what they pay, and how to recognise them in feedback. Only the Customers
-- feature reads and writes these tables. Times are unix milliseconds (UTC).
CREATE TABLE customers (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL,
    -- The name lower-cased (by the bot, so beyond ASCII too): one record per name, matched case-insensitively.
    name_key        TEXT    NOT NULL UNIQUE,
    tier            TEXT,
    -- Whole currency units per year.
    annual_revenue  INTEGER,
    segment         TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

-- Other names people write for a customer ("ACME Corp", "Acme Inc."), lower-cased like name_key.
CREATE TABLE customer_aliases (
    alias_key    TEXT    PRIMARY KEY,
    alias        TEXT    NOT NULL,
    customer_id  INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE
);

CREATE INDEX ix_customer_aliases_customer ON customer_aliases(customer_id);

-- Email domains of a customer's people (never a free-mail domain): a reporter whose Slack email is on one is that customer.
CREATE TABLE customer_domains (
    domain       TEXT    PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE
);

CREATE INDEX ix_customer_domains_customer ON customer_domains(customer_id);

-- One-off data sets loaded into this database, one row each (e.g. 'demo-catalog', see catalog.control.DemoCatalog).
-- The primary key is what makes loading one safe when several servers start at once: each server inserts the row in
-- the loading transaction, a second insert waits for the first transaction and then finds the row there (INSERT
-- IGNORE: nothing inserted, so that server loads nothing), or inserts it if the first one rolled back.
CREATE TABLE data_seed (
    name      VARCHAR(64)  NOT NULL,
    seeded_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

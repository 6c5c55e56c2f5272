#pragma once

namespace fsr::schema {

/// PRAGMA application_id of every workbench database: "FSRW" in ASCII. Files that carry another
/// id, or none and tables that are not the workbench's, belong to some other program (see
/// Store::open).
constexpr int kApplicationId = 0x46535257;

// Migration steps, applied in order; PRAGMA user_version records how many have run.
// Ratings use dense per-dataset indices. A dataset's ratings are one contiguous rowid range
// (written in one transaction, sorted by user and item), recorded in its datasets row: reads and
// deletes walk the table's own b-tree, so a bulk import builds no secondary index at all.
inline const char* const kMigrations[] = {
    R"sql(
CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL,
  source TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (datetime('now')),
  rating_min REAL NOT NULL,
  rating_max REAL NOT NULL,
  rating_count INTEGER NOT NULL,
  user_count INTEGER NOT NULL,
  item_count INTEGER NOT NULL,
  first_rating INTEGER NOT NULL DEFAULT 0,  -- rowid range of its ratings
  last_rating INTEGER NOT NULL DEFAULT -1
);
CREATE TABLE genres (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (dataset_id, idx)
) WITHOUT ROWID;
CREATE TABLE users (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  external_id TEXT NOT NULL,
  age INTEGER NOT NULL DEFAULT 0,
  gender TEXT NOT NULL DEFAULT '',
  occupation TEXT NOT NULL DEFAULT '',
  zip TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (dataset_id, idx)
) WITHOUT ROWID;
CREATE TABLE items (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  external_id TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  year INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (dataset_id, idx)
) WITHOUT ROWID;
CREATE TABLE item_genres (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  item_idx INTEGER NOT NULL,
  genre_idx INTEGER NOT NULL,
  PRIMARY KEY (dataset_id, item_idx, genre_idx)
) WITHOUT ROWID;
CREATE TABLE ratings (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL,
  user_idx INTEGER NOT NULL,
  item_idx INTEGER NOT NULL,
  rating REAL NOT NULL,
  ts INTEGER NOT NULL
);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  dataset_name TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  model TEXT NOT NULL,
  method TEXT NOT NULL,
  config TEXT NOT NULL,
  seed INTEGER NOT NULL,
  device TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,            -- running | finished | failed | cancelled | interrupted
  message TEXT NOT NULL DEFAULT '',
  pid INTEGER NOT NULL DEFAULT 0,  -- process that runs it, to tell interrupted runs apart
  created_at TEXT NOT NULL DEFAULT (datetime('now')),
  train_seconds REAL NOT NULL DEFAULT 0,
  eval_seconds REAL NOT NULL DEFAULT 0,
  result_json TEXT NOT NULL DEFAULT '',
  model_blob BLOB
);
CREATE TABLE run_curves (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  series TEXT NOT NULL,
  step INTEGER NOT NULL,
  value REAL NOT NULL
);
CREATE INDEX run_curves_by_run ON run_curves(run_id, series, step);
CREATE TABLE run_metrics (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  support_size TEXT NOT NULL,      -- a number, 'all' or 'warm'
  metric TEXT NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (run_id, support_size, metric)
) WITHOUT ROWID;
CREATE TABLE run_user_results (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  support_size TEXT NOT NULL,
  user_idx INTEGER NOT NULL,
  result TEXT NOT NULL,            -- JSON: support/query rows, predictions, per-user metrics
  PRIMARY KEY (run_id, support_size, user_idx)
) WITHOUT ROWID;
)sql",
    // 2: a run names the exact dataset it trained on. Row ids come back after a delete (the
    // highest id is reused), so a dataset also gets a random import id, new on every save: a
    // re-import under the same name, even of the same file, is another dataset. Runs of older
    // versions are tied by name to the dataset of that name that existed when they were made.
    R"sql(
ALTER TABLE datasets ADD COLUMN import_id TEXT NOT NULL DEFAULT '';
UPDATE datasets SET import_id = lower(hex(randomblob(16)));
ALTER TABLE runs ADD COLUMN dataset_id INTEGER;  -- datasets.id at training time; NULL: not known
ALTER TABLE runs ADD COLUMN dataset_import_id TEXT NOT NULL DEFAULT '';
UPDATE runs SET (dataset_id, dataset_import_id) = (
  SELECT d.id, d.import_id FROM datasets d WHERE d.name = runs.dataset_name AND d.created_at <= runs.created_at)
WHERE EXISTS (SELECT 1 FROM datasets d WHERE d.name = runs.dataset_name AND d.created_at <= runs.created_at);
)sql",
};

} // namespace fsr::schema

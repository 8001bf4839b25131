-- The workspace file's schema, version 1 (PRAGMA user_version). A fresh
-- file gets this whole script in one transaction; a file of an older
-- version gets the numbered migrations after its version instead
-- (storage/src/migrations.cpp). Keys are the engine's 64-bit keys. Values
-- (variables, headers, locals) are JSON text in the lossless encoding of
-- storage/src/value_codec.h.

-- Counters: next_key (the next unused engine key), next_sequence (the next
-- history sequence number).
CREATE TABLE meta (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (name, value) VALUES ('next_key', 1), ('next_sequence', 1);

CREATE TABLE deployments (
  id            INTEGER PRIMARY KEY,  -- commit order
  key           INTEGER NOT NULL,     -- the engine's key for it
  process_id    TEXT NOT NULL,
  version       INTEGER NOT NULL,
  resource_name TEXT NOT NULL,
  checksum      TEXT NOT NULL,        -- FNV-1a 64 of the resource, hex
  resource      TEXT NOT NULL,        -- the BPMN XML as deployed
  deployed_at   INTEGER NOT NULL,     -- milliseconds since the epoch
  UNIQUE (process_id, version)
);

CREATE TABLE instances (
  key                   INTEGER PRIMARY KEY,
  process_id            TEXT NOT NULL,
  version               INTEGER NOT NULL,
  state                 TEXT NOT NULL,     -- active, completed, incident, terminated, cancelled
  revision              INTEGER NOT NULL,  -- optimistic concurrency
  parent_instance       INTEGER,           -- the caller, for a called instance
  parent_token          INTEGER,
  start_correlation_key TEXT,              -- started by a message with this key
  business_key          TEXT,
  started_at            INTEGER NOT NULL,
  ended_at              INTEGER,
  trace                 TEXT NOT NULL,     -- JSON array: completed element ids in order
  state_tables          INTEGER NOT NULL   -- bit i: the i-th state table below has rows of it
);
CREATE INDEX instances_by_state ON instances (state, process_id);
CREATE INDEX instances_started_by ON instances (process_id, start_correlation_key)
  WHERE start_correlation_key IS NOT NULL;
CREATE INDEX instances_by_end ON instances (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX instances_by_business_key ON instances (business_key) WHERE business_key IS NOT NULL;

-- The state of each instance, one table per kind, in this order (the bits
-- of instances.state_tables): scopes, variables, tokens, jobs, user_tasks,
-- incidents, complex_gateways, timers, message_subscriptions,
-- signal_subscriptions, condition_subscriptions, compensations. Rows keep
-- the snapshot's order by rowid and are replaced whole when the instance
-- changes; tables without rows of it are neither read nor cleared.
CREATE TABLE scopes (
  instance     INTEGER NOT NULL,
  key          INTEGER NOT NULL,
  parent_key   INTEGER NOT NULL,
  element_id   TEXT NOT NULL,
  token_key    INTEGER NOT NULL,
  kind         TEXT NOT NULL,  -- flow, loop body, loop iteration, compensation
  loop_items   TEXT,           -- JSON array
  loop_count   INTEGER NOT NULL,
  loop_started INTEGER NOT NULL,
  loop_index   INTEGER NOT NULL,
  compensating TEXT NOT NULL,
  pending      TEXT            -- JSON array of element ids
);
CREATE INDEX scopes_by_instance ON scopes (instance);

CREATE TABLE variables (
  instance INTEGER NOT NULL,
  scope    INTEGER NOT NULL,
  name     TEXT NOT NULL,
  value    TEXT NOT NULL  -- JSON
);
CREATE INDEX variables_by_instance ON variables (instance);
CREATE INDEX variables_by_name ON variables (name);

CREATE TABLE tokens (
  instance         INTEGER NOT NULL,
  key              INTEGER NOT NULL,
  scope            INTEGER NOT NULL,
  element_id       TEXT NOT NULL,
  arrived_via      TEXT NOT NULL,
  state            TEXT NOT NULL,  -- ready, waiting, at join
  element_instance INTEGER NOT NULL,
  child_instance   INTEGER NOT NULL,
  locals           TEXT            -- JSON object, the element's inputs while it runs
);
CREATE INDEX tokens_by_instance ON tokens (instance);

CREATE TABLE jobs (
  instance      INTEGER NOT NULL,
  key           INTEGER NOT NULL,
  token         INTEGER NOT NULL,
  element_id    TEXT NOT NULL,
  type          TEXT NOT NULL,
  state         TEXT NOT NULL,  -- activatable, failed, completed
  retries       INTEGER NOT NULL,
  retry_at      INTEGER NOT NULL,
  error_message TEXT NOT NULL,
  headers       TEXT,           -- JSON object
  lock_owner    TEXT NOT NULL,
  lock_deadline INTEGER NOT NULL
);
CREATE INDEX jobs_by_instance ON jobs (instance);
CREATE INDEX jobs_activatable ON jobs (type, state, key);

CREATE TABLE user_tasks (
  instance         INTEGER NOT NULL,
  token            INTEGER NOT NULL,
  element_id       TEXT NOT NULL,
  assignee         TEXT NOT NULL,
  candidate_groups TEXT NOT NULL,
  candidate_users  TEXT NOT NULL,
  due_date         TEXT NOT NULL,
  follow_up_date   TEXT NOT NULL,
  form_key         TEXT NOT NULL
);
CREATE INDEX user_tasks_by_instance ON user_tasks (instance);

CREATE TABLE incidents (
  instance   INTEGER NOT NULL,
  key        INTEGER NOT NULL,
  token      INTEGER NOT NULL,
  job        INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  message    TEXT NOT NULL
);
CREATE INDEX incidents_by_instance ON incidents (instance);

CREATE TABLE complex_gateways (
  instance          INTEGER NOT NULL,
  scope             INTEGER NOT NULL,
  element_id        TEXT NOT NULL,
  waiting_for_reset INTEGER NOT NULL,
  activated_flows   TEXT NOT NULL  -- JSON array
);
CREATE INDEX complex_gateways_by_instance ON complex_gateways (instance);

CREATE TABLE timers (
  instance    INTEGER NOT NULL,
  key         INTEGER NOT NULL,
  token       INTEGER NOT NULL,
  element_id  TEXT NOT NULL,
  due         INTEGER NOT NULL,  -- milliseconds since the epoch
  repetitions INTEGER NOT NULL,
  interval    INTEGER NOT NULL,
  scope       INTEGER NOT NULL
);
CREATE INDEX timers_by_instance ON timers (instance);
CREATE INDEX timers_due ON timers (due, instance, key);

CREATE TABLE message_subscriptions (
  instance        INTEGER NOT NULL,
  token           INTEGER NOT NULL,
  element_id      TEXT NOT NULL,
  name            TEXT NOT NULL,
  correlation_key TEXT NOT NULL,
  scope           INTEGER NOT NULL
);
CREATE INDEX message_subscriptions_by_instance ON message_subscriptions (instance);
CREATE INDEX message_subscriptions_by_key ON message_subscriptions (name, correlation_key);

CREATE TABLE signal_subscriptions (
  instance   INTEGER NOT NULL,
  token      INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  name       TEXT NOT NULL,
  scope      INTEGER NOT NULL
);
CREATE INDEX signal_subscriptions_by_instance ON signal_subscriptions (instance);
CREATE INDEX signal_subscriptions_by_name ON signal_subscriptions (name);

CREATE TABLE condition_subscriptions (
  instance   INTEGER NOT NULL,
  token      INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  scope      INTEGER NOT NULL,
  satisfied  INTEGER NOT NULL
);
CREATE INDEX condition_subscriptions_by_instance ON condition_subscriptions (instance);

CREATE TABLE compensations (
  instance     INTEGER NOT NULL,
  key          INTEGER NOT NULL,
  scope        INTEGER NOT NULL,
  element_id   TEXT NOT NULL,
  handler_id   TEXT NOT NULL,
  within       TEXT NOT NULL,
  variables    TEXT,  -- JSON object
  parked_under INTEGER NOT NULL
);
CREATE INDEX compensations_by_instance ON compensations (instance);

-- Published messages kept for their time to live.
CREATE TABLE messages (
  key             INTEGER PRIMARY KEY,  -- publish order
  name            TEXT NOT NULL,
  correlation_key TEXT NOT NULL,
  variables       TEXT,                 -- JSON object
  expires_at      INTEGER NOT NULL,
  message_id      TEXT NOT NULL,
  reached         TEXT NOT NULL,        -- JSON array of instance keys
  targets         TEXT NOT NULL         -- JSON array of [process id, element id]
);
CREATE INDEX messages_by_name ON messages (name, expires_at);
CREATE INDEX messages_by_id ON messages (message_id) WHERE message_id <> '';

-- The next firing of each timer start event.
CREATE TABLE start_timers (
  process_id  TEXT NOT NULL,
  version     INTEGER NOT NULL,
  element_id  TEXT NOT NULL,
  due         INTEGER NOT NULL,
  repetitions INTEGER NOT NULL,
  interval    INTEGER NOT NULL
);

-- The append-only history log: the live view, replay and audit read it.
CREATE TABLE history (
  sequence         INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL,  -- "element completed", ...
  instance         INTEGER NOT NULL,
  element_id       TEXT NOT NULL,
  element_type     TEXT NOT NULL,
  element_instance INTEGER NOT NULL,
  time             INTEGER NOT NULL,
  detail           TEXT NOT NULL
);
CREATE INDEX history_by_instance ON history (instance, sequence);

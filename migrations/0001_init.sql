-- Kling Frames: jobs, idempotency keys and the daily usage ledger. Times are Unix milliseconds (UTC).

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,                      -- job_<ULID>; also Kling's external_task_id
  owner TEXT NOT NULL,                      -- from CLIENT_TOKENS; every query filters on it
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
  operation TEXT NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  prompt TEXT,
  negative_prompt TEXT,
  aspect_ratio TEXT,
  resolution TEXT,
  n INTEGER NOT NULL,
  expansion TEXT,                           -- JSON {top,bottom,left,right} for expand
  options TEXT,                             -- JSON of model options (image_reference, *_fidelity)
  client_ref TEXT,
  has_input INTEGER NOT NULL DEFAULT 0,     -- the input image is in R2 at inputs/<id> (for resubmission)
  task_id TEXT,                             -- the provider's task id once it accepted the job
  images TEXT NOT NULL DEFAULT '[]',        -- JSON [{index,width,height,content_type}], set at success
  error_code TEXT,
  error_message TEXT,
  charged INTEGER NOT NULL DEFAULT 0,       -- images charged to the owner's budget; 0 once refunded
  charge_day TEXT NOT NULL,                 -- the UTC day (YYYY-MM-DD) the charge went to
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  poll_after INTEGER NOT NULL DEFAULT 0,    -- earliest time of the next upstream read (about 1/s per job)
  lease_until INTEGER NOT NULL DEFAULT 0,   -- a refresh or submission holds the job until then
  watched_until INTEGER NOT NULL DEFAULT 0  -- a client is polling it; the cron sweep leaves it alone
);

-- GET /v1/jobs: an owner's jobs newest first, keyset-paginated on (created_at, id).
CREATE INDEX jobs_owner_created ON jobs (owner, created_at DESC, id DESC);
-- POST /v1/jobs: counting an owner's unfinished jobs.
CREATE INDEX jobs_owner_active ON jobs (owner) WHERE status IN ('queued', 'running');
-- The cron sweep: unfinished jobs, oldest first.
CREATE INDEX jobs_active_created ON jobs (created_at) WHERE status IN ('queued', 'running');

CREATE TABLE idempotency_keys (
  owner TEXT NOT NULL,
  key TEXT NOT NULL,
  job_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,              -- a key is honoured for 24 h from here
  PRIMARY KEY (owner, key)                  -- decides between concurrent requests with the same key
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TABLE usage_ledger (
  owner TEXT NOT NULL,
  day TEXT NOT NULL,                        -- UTC day, YYYY-MM-DD
  used INTEGER NOT NULL DEFAULT 0,          -- images charged that day, net of refunds
  PRIMARY KEY (owner, day)
);

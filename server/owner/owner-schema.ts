/**
 * The tables of one owner's object (SQLite storage). Times are Unix milliseconds (UTC). Every statement is
 * idempotent, so running them at each object start is the whole migration story.
 */
export const OWNER_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,                 -- job_<ULID>
    owner TEXT NOT NULL,
    status TEXT NOT NULL,                -- queued | running | succeeded | failed | canceled
    operation TEXT NOT NULL,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    prompt TEXT,
    negative_prompt TEXT,
    aspect_ratio TEXT,
    resolution TEXT,
    n INTEGER NOT NULL,
    expansion TEXT,                      -- JSON {top,bottom,left,right} for expand
    options TEXT,                        -- JSON of model options (image_reference, *_fidelity)
    client_ref TEXT,
    has_input INTEGER NOT NULL,          -- the input image is in R2 at inputs/<id>
    images TEXT NOT NULL,                -- JSON [{index,width,height,content_type}], set at success
    error_code TEXT,
    error_message TEXT,
    charged INTEGER NOT NULL,            -- images charged to the day's budget; 0 once refunded
    charge_day TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    queue_position INTEGER,
    cost TEXT,
    change_seq INTEGER NOT NULL          -- the change feed's position of this job's latest visible change
  )`,
  `CREATE INDEX IF NOT EXISTS jobs_created ON jobs (created_at DESC, id DESC)`,
  `CREATE INDEX IF NOT EXISTS jobs_change ON jobs (change_seq)`,
  `CREATE INDEX IF NOT EXISTS jobs_active ON jobs (status) WHERE status IN ('queued', 'running')`,
  // The retention purge: finished jobs by when they ended.
  `CREATE INDEX IF NOT EXISTS jobs_ended ON jobs (updated_at) WHERE status IN ('succeeded', 'failed', 'canceled')`,
  // A job's upstream tasks: one, or several when its n exceeds the account's slots. Provider-neutral: the
  // seller's handle and whatever else an adapter needs to keep live here.
  `CREATE TABLE IF NOT EXISTS tasks (
    job_id TEXT NOT NULL,
    part INTEGER NOT NULL,
    task_key TEXT NOT NULL UNIQUE,       -- our id for the task upstream (external task id) and in the queue
    n INTEGER NOT NULL,
    first_index INTEGER NOT NULL,        -- the job's image index of this task's first image
    state TEXT NOT NULL,                 -- queued | admitted | submitted | done
    task_id TEXT,                        -- the seller's task handle
    provider_data TEXT,                  -- JSON the provider adapter keeps with the task
    images TEXT,                         -- JSON of this task's stored images, once copied
    released INTEGER NOT NULL DEFAULT 0, -- its slots were given back to the upstream queue
    PRIMARY KEY (job_id, part)
  )`,
  `CREATE TABLE IF NOT EXISTS idempotency_keys (
    key TEXT PRIMARY KEY,
    job_id TEXT NOT NULL,
    created_at INTEGER NOT NULL          -- honoured for 24 h from here
  )`,
  `CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys (created_at)`,
  `CREATE TABLE IF NOT EXISTS usage (day TEXT PRIMARY KEY, used INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
]

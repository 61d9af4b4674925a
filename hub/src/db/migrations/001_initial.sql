-- The hub's first schema: accounts, scenarios, classes and their devices,
-- decision logs stored event by event, instructor notes, settings.

CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'instructor')),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Instructor sessions; the cookie holds a random token, the table its SHA-256.
CREATE TABLE auth_sessions (
  token_hash text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX auth_sessions_expiry ON auth_sessions (expires_at);

-- Published scenario versions, immutable: a version's text never changes.
CREATE TABLE scenarios (
  id text NOT NULL,
  version text NOT NULL,
  digest text NOT NULL UNIQUE,
  title text NOT NULL,
  -- The document as published (exact text); the digest is of its canonical JSON.
  document text NOT NULL,
  published_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);

CREATE TABLE classes (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('training', 'assessment')),
  join_code text NOT NULL,
  created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
-- A code is unique among open classes; closed classes give theirs back.
CREATE UNIQUE INDEX classes_open_code ON classes (join_code) WHERE closed_at IS NULL;

CREATE TABLE class_scenarios (
  class_id uuid NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
  digest text NOT NULL REFERENCES scenarios (digest),
  position int NOT NULL,
  PRIMARY KEY (class_id, digest)
);

-- A joined tablet. The token is shown once; the table keeps its SHA-256.
CREATE TABLE devices (
  id uuid PRIMARY KEY,
  class_id uuid NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
  trainee_id text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  joined_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX devices_class ON devices (class_id);
CREATE INDEX devices_trainee ON devices (trainee_id);

-- One row per drill: its header and where its chain has reached.
CREATE TABLE logs (
  session_id uuid PRIMARY KEY,
  class_id uuid NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
  device_id uuid REFERENCES devices (id) ON DELETE SET NULL,
  trainee_id text NOT NULL,
  scenario_digest text NOT NULL REFERENCES scenarios (digest),
  -- The log without its events, as JSON text.
  header text NOT NULL,
  started_at timestamptz NOT NULL,
  last_seq int NOT NULL DEFAULT 0,
  head_hash text NOT NULL,
  complete boolean NOT NULL DEFAULT false,
  outcome jsonb,
  received_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX logs_class ON logs (class_id, updated_at DESC);
CREATE INDEX logs_trainee ON logs (trainee_id);
CREATE INDEX logs_scenario ON logs (scenario_digest);
CREATE INDEX logs_updated ON logs (updated_at DESC);

-- Events, append-only, keyed by (session, seq): a retry cannot duplicate one.
CREATE TABLE log_events (
  session_id uuid NOT NULL REFERENCES logs (session_id) ON DELETE CASCADE,
  seq int NOT NULL,
  hash text NOT NULL,
  -- The event as RFC 8785 canonical JSON: exactly what its hash covers.
  event text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, seq)
);

-- Instructor notes, outside the chain on purpose.
CREATE TABLE notes (
  id uuid PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES logs (session_id) ON DELETE CASCADE,
  seq int,
  author_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  author_name text NOT NULL,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notes_session ON notes (session_id, created_at);

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);

-- Rate-limit counters (sign-in, join), shared by every hub process on the database.
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  hits int NOT NULL,
  window_ends timestamptz NOT NULL
);

-- Portal sessions are stored like every other object: with the insertion order beside the id.
ALTER TABLE portal_sessions ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;

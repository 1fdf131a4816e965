-- Registry.Ingest schema, version 9: the stale-digest triggers of version 4 trust ingest's own
-- updates. Ingest sets the digest of the content it leaves on every patient and vaccination it
-- updates, and that digest can be the one already stored: content changed and changed back within
-- one chunk of a file (X, then Y, then X again). The trigger took such an update for someone
-- else's (digest unchanged, message moved) and forgot the digest, so the next unchanged resend
-- was rewritten, and how a file was cut into chunks changed what was stored. An ingest
-- transaction says it is one (SET LOCAL registry.writes_digests = 'on'); any other update is
-- judged as before.
CREATE OR REPLACE FUNCTION registry.forget_stale_content_hash() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb;
    new_row jsonb;
BEGIN
    IF current_setting('registry.writes_digests', true) = 'on' THEN
        RETURN NEW;
    END IF;

    old_row := to_jsonb(OLD);
    new_row := to_jsonb(NEW);
    IF EXISTS (SELECT 1 FROM unnest(TG_ARGV) AS c (name) WHERE new_row -> c.name IS DISTINCT FROM old_row -> c.name) THEN
        NEW.content_hash := NULL;
    END IF;
    RETURN NEW;
END
$$;

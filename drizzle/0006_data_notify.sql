-- Every change of the data writes the audit log in its own transaction: a statement trigger there
-- tells every listening app instance (channel pacer_data) when that transaction commits, so open
-- wall screens update at once instead of at the next poll. The payload is empty: listeners read the
-- data version themselves, and PostgreSQL folds identical notifications of one transaction into one.
CREATE OR REPLACE FUNCTION pacer_notify_data() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('pacer_data', '');
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_notify AFTER INSERT ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION pacer_notify_data();

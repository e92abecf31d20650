-- Notifications an alert still owes (issue 7). The evaluation that stores a live alert marks it
-- in the same transaction; the notification job clears the mark once the inbox rows, mail jobs
-- and webhook delivery are handed on (each idempotent). So a crash between the commit and
-- queueing the job loses nothing: what is still marked is queued again by the evaluation's
-- next run for the person, at every start, and by a dispatcher every few minutes.
ALTER TABLE alerts ADD COLUMN notify_pending boolean NOT NULL DEFAULT false;
-- Few rows at any time: the marked ones, by person for the evaluation's look after its commit.
CREATE INDEX alerts_notify_pending_idx ON alerts (tenant_id, user_id) WHERE notify_pending;
GRANT UPDATE (notify_pending) ON alerts TO vitalis_app;

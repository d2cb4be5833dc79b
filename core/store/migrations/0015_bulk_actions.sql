-- Issue 17, part 1 (bulk retry and re-run) was given this number. Its jobs live in the core's memory (one job at a
-- time per connector, the last 20 reports kept until Flowdeck restarts) and every run it touches has its own row in
-- audit_log, so it changes no table. The file keeps the numbering whole.
SELECT 1;

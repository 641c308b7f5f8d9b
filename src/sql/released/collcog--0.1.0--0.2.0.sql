-- collcog 0.1.0 -> 0.2.0: the SQL objects of 0.2.0 are those of 0.1.0 (test/integration/
-- 50_upgrade.t.sh compares them with a fresh install); CHANGELOG.md says what changed.
\echo Use "ALTER EXTENSION collcog UPDATE TO '0.2.0'" to load this file. \quit

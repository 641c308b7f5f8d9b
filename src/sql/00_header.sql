-- collcog: install script, built by concatenating src/sql/*.sql in name order.
\echo Use "CREATE EXTENSION collcog" to load this file. \quit

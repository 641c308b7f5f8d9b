-- collcog: install script, built from src/sql/ in name order (NN_topic.sql as written, the
-- SQL that NN_topic.sh prints); shipped versions are frozen in src/sql/released/.
\echo Use "CREATE EXTENSION collcog" to load this file. \quit

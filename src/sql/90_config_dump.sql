-- pg_dump keeps the rows of every collcog table (they are extension members) but the DTI
-- watcher's state, which is rebuilt from events (71_dti_watch.sql).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.runs', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.agents', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.events', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.messages', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.rejects', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.claims', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.subtasks', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.cascades', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.event_sizes', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.run_builds', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.cascade_agents', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.dti_watch_triggers', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.dti_watch_triggers_trigger_id_seq', '');

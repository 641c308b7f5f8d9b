-- Scaling out (DESIGN section 9): a coordinator whose partitioned tables have postgres_fdw
-- foreign partitions on shard servers that run collcog too. Each shard computes a state
-- (tail_hist, effort_hist) of its partition, the coordinator checks that every shard runs its
-- collcog and merges the states. Reference: docs/reference/shard_states.md; the recipe is
-- docs/guide-scaling-out.md.

-- What a coordinator compares with each shard. The literal names the release of this SQL and
-- the formats of the stored states (the version byte of their binary forms); a release that
-- changes either changes it (test/integration/60_shards.t.sh checks it against extversion).
CREATE FUNCTION @extschema@.collcog_build(anchor bigint)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$BEGIN RETURN 'collcog 0.2.0 (tail_hist format 1, effort_hist format 1)'; END$$;
COMMENT ON FUNCTION @extschema@.collcog_build(bigint) IS
    'The collcog release and state formats of the server that evaluates it; the argument is ignored (an aggregate over a foreign table as argument makes postgres_fdw evaluate the call on the shard).';

-- The states of column_name in every leaf partition of rel, computed where the partition
-- lives (one remote aggregate per foreign partition, all in one query so that partitions
-- whose server is async_capable work at the same time), in binary form (format version
-- included), after checking that each partition's server runs the coordinator's build.
CREATE FUNCTION @extschema@.shard_states(rel regclass, column_name name, state text)
RETURNS TABLE (partition regclass, build text, rows_seen bigint, state_bytes bytea)
LANGUAGE plpgsql STABLE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ext   text := (SELECT quote_ident(n.nspname) FROM pg_extension e
                   JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'collcog');
    mine  text;
    coltype regtype;
    parts regclass[];
    query text;
    msg   text;
    r     record;
BEGIN
    IF state NOT IN ('tail_hist', 'effort_hist') THEN
        RAISE EXCEPTION 'unknown state "%"', state
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The states a shard can compute are tail_hist and effort_hist.';
    END IF;
    -- The column's type, checked here: a type the state takes no values of is the caller's
    -- error, not a shard's (and text would read as a cast to the state type).
    SELECT coalesce(nullif(t.typbasetype, 0), t.oid)::regtype INTO coltype
    FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
    WHERE a.attrelid = rel AND a.attname = column_name AND a.attnum > 0 AND NOT a.attisdropped;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'column "%" of relation "%" does not exist', column_name, rel
            USING ERRCODE = 'undefined_column';
    ELSIF coltype NOT IN ('smallint', 'integer', 'bigint', 'real', 'double precision') THEN
        RAISE EXCEPTION 'column "%" of relation "%" is %, not a number type % takes', column_name, rel, coltype, state
            USING ERRCODE = 'datatype_mismatch',
                  DETAIL = 'The states take smallint, integer, bigint, real and double precision values.';
    END IF;
    EXECUTE format('SELECT %s.collcog_build(0)', ext) INTO mine;
    SELECT array_agg(t.relid ORDER BY t.relid::text) INTO parts
    FROM pg_partition_tree(rel) t WHERE t.isleaf;
    IF parts IS NULL OR cardinality(parts) = 1 AND parts[1] = rel THEN
        RAISE EXCEPTION 'relation "%" is not a partitioned table with partitions', rel
            USING ERRCODE = 'wrong_object_type';
    END IF;
    -- The partition goes by its ordinal: a constant of the query is sent to the shard.
    SELECT string_agg(format('SELECT %s AS i, %s.collcog_build(count(*)) AS build,'
                             ' count(%I) AS rows_seen, %s.%I(%I)::bytea AS state_bytes FROM ONLY %s',
                             i, ext, column_name, ext, state, column_name, p), ' UNION ALL ')
    INTO query FROM unnest(parts) WITH ORDINALITY AS u(p, i);
    BEGIN
        FOR r IN EXECUTE query LOOP
            partition := parts[r.i];
            IF r.build IS DISTINCT FROM mine THEN
                RAISE EXCEPTION 'partition "%" runs another collcog build than the coordinator', partition
                    USING ERRCODE = 'object_not_in_prerequisite_state',
                          DETAIL = format('The partition''s server runs %s, the coordinator %s.', r.build, mine),
                          HINT = 'Install the same collcog on every shard and run ALTER EXTENSION collcog UPDATE there.';
            END IF;
            -- A state the coordinator cannot read (another format) is named by its partition.
            BEGIN
                EXECUTE format('SELECT $1::%s.%I', ext, state) USING r.state_bytes;
            EXCEPTION WHEN invalid_binary_representation THEN
                RAISE EXCEPTION 'partition "%" sent a % the coordinator cannot read', partition, state
                    USING ERRCODE = SQLSTATE, DETAIL = SQLERRM,
                          HINT = 'Install the same collcog on every shard and run ALTER EXTENSION collcog UPDATE there.';
            END;
            build := r.build; rows_seen := r.rows_seen;
            state_bytes := r.state_bytes;
            RETURN NEXT;
        END LOOP;
    EXCEPTION WHEN undefined_function THEN
        -- The query was planned here, where every function exists: a shard lacks one.
        GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT;
        RAISE EXCEPTION 'a partition''s server runs another collcog build than the coordinator'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = format('A shard reported: %s. The coordinator runs %s.', msg, mine),
                  HINT = 'Install the same collcog on every shard and run ALTER EXTENSION collcog UPDATE there.';
    END;
END
$$;
COMMENT ON FUNCTION @extschema@.shard_states(regclass, name, text) IS
    'Per leaf partition of rel: the collcog build of its server, the non-NULL values of column_name and their state (tail_hist or effort_hist, binary form), each computed where the partition lives (postgres_fdw pushes the aggregate down); an error when a server runs another build.';

CREATE FUNCTION @extschema@.shard_tail_hist(rel regclass, column_name name)
RETURNS @extschema@.tail_hist
LANGUAGE sql STABLE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT @extschema@.tail_hist_merge(s.state_bytes::@extschema@.tail_hist)
    FROM @extschema@.shard_states(rel, column_name, 'tail_hist') s;
END;
COMMENT ON FUNCTION @extschema@.shard_tail_hist(regclass, name) IS
    'The tail_hist of column_name over every partition of rel, merged from the states each partition''s server computes (see shard_states); NULL for no values.';

CREATE FUNCTION @extschema@.shard_effort_hist(rel regclass, column_name name)
RETURNS @extschema@.effort_hist
LANGUAGE sql STABLE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT @extschema@.effort_hist_merge(s.state_bytes::@extschema@.effort_hist)
    FROM @extschema@.shard_states(rel, column_name, 'effort_hist') s;
END;
COMMENT ON FUNCTION @extschema@.shard_effort_hist(regclass, name) IS
    'The effort_hist of column_name over every partition of rel, merged from the states each partition''s server computes (see shard_states); NULL for no values.';

-- build_cascades() on the server of every foreign partition of rel, started from the
-- coordinator through dblink (postgres_fdw runs no functions on its own), all servers at the
-- same time; each server builds all of its runs and commits on its own.
CREATE FUNCTION @extschema@.shard_build_cascades(rel regclass)
RETURNS TABLE (server name, runs_built bigint, runs_skipped bigint, claims bigint, cascades bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ext     text := (SELECT quote_ident(n.nspname) FROM pg_extension e
                     JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'collcog');
    dbl     text := (SELECT quote_ident(n.nspname) FROM pg_extension e
                     JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'dblink');
    mine    text;
    theirs  text;
    servers name[];
    open    text[] := '{}';
    s       name;
    c       text;
BEGIN
    IF dbl IS NULL THEN
        RAISE EXCEPTION 'shard_build_cascades needs the dblink extension'
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'CREATE EXTENSION dblink;';
    END IF;
    SELECT array_agg(DISTINCT fs.srvname ORDER BY fs.srvname) INTO servers
    FROM pg_partition_tree(rel) t
    JOIN pg_foreign_table ft ON ft.ftrelid = t.relid
    JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
    WHERE t.isleaf;
    IF servers IS NULL THEN
        RAISE EXCEPTION 'relation "%" has no foreign partitions', rel
            USING ERRCODE = 'wrong_object_type';
    END IF;
    EXECUTE format('SELECT %s.collcog_build(0)', ext) INTO mine;
    BEGIN
        FOREACH s IN ARRAY servers LOOP
            c := 'collcog_build_cascades_' || s;
            EXECUTE format('SELECT %s.dblink_connect(%L, %L)', dbl, c, s);
            open := open || c;
            EXECUTE format('SELECT b FROM %s.dblink(%L, %L) AS t(b text)', dbl, c,
                           format('SELECT %s.collcog_build(0)', ext)) INTO theirs;
            IF theirs IS DISTINCT FROM mine THEN
                RAISE EXCEPTION 'server "%" runs another collcog build than the coordinator', s
                    USING ERRCODE = 'object_not_in_prerequisite_state',
                          DETAIL = format('The server runs %s, the coordinator %s.', theirs, mine),
                          HINT = 'Install the same collcog on every shard and run ALTER EXTENSION collcog UPDATE there.';
            END IF;
        END LOOP;
        FOREACH c IN ARRAY open LOOP
            EXECUTE format('SELECT %s.dblink_send_query(%L, %L)', dbl, c,
                           format('SELECT runs_built, runs_skipped, claims, cascades FROM %s.build_cascades()', ext));
        END LOOP;
        FOR i IN 1 .. cardinality(servers) LOOP
            server := servers[i];
            EXECUTE format('SELECT * FROM %s.dblink_get_result(%L) AS t(a bigint, b bigint, c bigint, d bigint)',
                           dbl, open[i]) INTO runs_built, runs_skipped, claims, cascades;
            RETURN NEXT;
        END LOOP;
    EXCEPTION WHEN OTHERS THEN
        -- Named dblink connections outlive the statement: close them before the error goes on.
        FOREACH c IN ARRAY open LOOP
            EXECUTE format('SELECT %s.dblink_disconnect(%L)', dbl, c);
        END LOOP;
        IF SQLSTATE = '42883' THEN
            RAISE EXCEPTION 'a shard''s server runs another collcog build than the coordinator'
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = format('A shard reported: %s. The coordinator runs %s.', SQLERRM, mine),
                      HINT = 'Install the same collcog on every shard and run ALTER EXTENSION collcog UPDATE there.';
        END IF;
        RAISE;
    END;
    FOREACH c IN ARRAY open LOOP
        EXECUTE format('SELECT %s.dblink_disconnect(%L)', dbl, c);
    END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.shard_build_cascades(regclass) IS
    'Run build_cascades() for all runs on the server of every foreign partition of rel, all at the same time, through dblink (which must be installed); one row per server; an error when a server runs another build.';

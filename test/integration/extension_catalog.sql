-- Every object of the collcog extension and its definition, one fact per line and no OIDs, so
-- that the sorted output of two databases can be diffed (test/integration/50_upgrade.t.sh):
-- the members (pg_depend deptype 'e'); functions (pg_get_functiondef line by line, and the
-- pg_proc columns, which also cover aggregates); aggregates (pg_aggregate with function
-- names); types (pg_type, composite attributes and enum labels in order, domain constraints);
-- relations (pg_class, columns in order with type, default, NOT NULL and collation,
-- constraints, indexes, triggers, rules, policies, view definitions, sequences); casts;
-- comments on all of these and on columns; ACLs and pg_init_privs; and the extension row
-- (version, schema, config tables with their conditions).
WITH ext AS (
    SELECT * FROM pg_extension WHERE extname = 'collcog'
), member AS (
    SELECT d.classid, d.objid, pg_describe_object(d.classid, d.objid, d.objsubid) AS object
    FROM pg_depend d JOIN ext ON d.refobjid = ext.oid
    WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
), rel AS (
    SELECT c.*, m.object FROM pg_class c JOIN member m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
), typ AS (
    SELECT t.*, m.object FROM pg_type t JOIN member m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
), con AS (
    -- Constraints of the extension's tables and domains.
    SELECT k.oid, coalesce(r.object, t.object) AS object, k.conname, pg_get_constraintdef(k.oid) AS def
    FROM pg_constraint k LEFT JOIN rel r ON k.conrelid = r.oid LEFT JOIN typ t ON k.contypid = t.oid
    WHERE r.oid IS NOT NULL OR t.oid IS NOT NULL
), idx AS (
    SELECT i.indexrelid, r.object, i.indisclustered, i.indisreplident FROM pg_index i JOIN rel r ON i.indrelid = r.oid
), trg AS (
    SELECT g.oid, r.object, g.tgname, g.tgenabled FROM pg_trigger g JOIN rel r ON g.tgrelid = r.oid
    WHERE NOT g.tgisinternal
), col AS (
    SELECT a.*, r.object, row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) AS position,
           -- The server here puts a pg_attver entry, different in every table, in attoptions.
           nullif(array(SELECT o FROM unnest(a.attoptions) o WHERE o NOT LIKE 'pg_attver=%'), '{}') AS options
    FROM pg_attribute a JOIN rel r ON a.attrelid = r.oid WHERE a.attnum > 0 AND NOT a.attisdropped
), fact (object, property, value) AS (
    SELECT object, 'member', '' FROM member
    UNION ALL
    -- Functions, procedures and aggregates.
    SELECT m.object, f.k, f.v
    FROM member m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
    CROSS JOIN LATERAL (VALUES
        ('arguments', pg_get_function_arguments(p.oid)),
        ('result', pg_get_function_result(p.oid)),
        ('kind', p.prokind::text), ('language', (SELECT lanname FROM pg_language WHERE oid = p.prolang)::text),
        ('strict', p.proisstrict::text), ('volatility', p.provolatile::text),
        ('parallel', p.proparallel::text), ('security definer', p.prosecdef::text),
        ('leakproof', p.proleakproof::text), ('returns set', p.proretset::text),
        ('cost', p.procost::text), ('rows', p.prorows::text), ('support', p.prosupport::text),
        ('config', p.proconfig::text), ('source', p.prosrc), ('library', p.probin),
        ('acl', p.proacl::text),
        ('owner', pg_get_userbyid(p.proowner)::text)) AS f(k, v)
    UNION ALL
    SELECT m.object, 'definition ' || lpad(l.n::text, 4, '0'), l.line
    FROM member m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
    CROSS JOIN LATERAL regexp_split_to_table(pg_get_functiondef(p.oid), E'\n') WITH ORDINALITY AS l(line, n)
    WHERE p.prokind <> 'a'
    UNION ALL
    SELECT m.object, f.k, f.v
    FROM member m JOIN pg_aggregate a ON m.classid = 'pg_proc'::regclass AND m.objid = a.aggfnoid
    CROSS JOIN LATERAL (VALUES
        ('aggkind', a.aggkind::text), ('direct args', a.aggnumdirectargs::text),
        ('transfn', a.aggtransfn::oid::regprocedure::text),
        ('finalfn', nullif(a.aggfinalfn::oid, 0)::regprocedure::text),
        ('combinefn', nullif(a.aggcombinefn::oid, 0)::regprocedure::text),
        ('serialfn', nullif(a.aggserialfn::oid, 0)::regprocedure::text),
        ('deserialfn', nullif(a.aggdeserialfn::oid, 0)::regprocedure::text),
        ('mtransfn', nullif(a.aggmtransfn::oid, 0)::regprocedure::text),
        ('minvtransfn', nullif(a.aggminvtransfn::oid, 0)::regprocedure::text),
        ('mfinalfn', nullif(a.aggmfinalfn::oid, 0)::regprocedure::text),
        ('finalfn extra', a.aggfinalextra::text), ('mfinalfn extra', a.aggmfinalextra::text),
        ('finalfn modify', a.aggfinalmodify::text), ('mfinalfn modify', a.aggmfinalmodify::text),
        ('sortop', nullif(a.aggsortop, 0)::regoperator::text),
        ('transtype', a.aggtranstype::regtype::text), ('transspace', a.aggtransspace::text),
        ('mtranstype', nullif(a.aggmtranstype, 0)::regtype::text),
        ('mtransspace', a.aggmtransspace::text),
        ('initval', a.agginitval), ('minitval', a.aggminitval)) AS f(k, v)
    UNION ALL
    -- Types: base, composite, enum, domain.
    SELECT t.object, f.k, f.v
    FROM typ t CROSS JOIN LATERAL (VALUES
        ('type', t.typtype::text), ('length', t.typlen::text), ('by value', t.typbyval::text),
        ('category', t.typcategory::text), ('preferred', t.typispreferred::text),
        ('delimiter', t.typdelim::text), ('element', nullif(t.typelem, 0)::regtype::text),
        ('array', nullif(t.typarray, 0)::regtype::text),
        ('input', t.typinput::oid::regprocedure::text), ('output', t.typoutput::oid::regprocedure::text),
        ('receive', nullif(t.typreceive::oid, 0)::regprocedure::text),
        ('send', nullif(t.typsend::oid, 0)::regprocedure::text),
        ('typmod in', nullif(t.typmodin::oid, 0)::regprocedure::text),
        ('typmod out', nullif(t.typmodout::oid, 0)::regprocedure::text),
        ('analyze', nullif(t.typanalyze::oid, 0)::regprocedure::text),
        ('subscript', nullif(t.typsubscript::oid, 0)::regprocedure::text),
        ('alignment', t.typalign::text), ('storage', t.typstorage::text),
        ('not null', t.typnotnull::text), ('base type', nullif(t.typbasetype, 0)::regtype::text),
        ('typmod', t.typtypmod::text), ('dimensions', t.typndims::text),
        ('collation', (SELECT collname FROM pg_collation WHERE oid = t.typcollation)::text),
        ('default', t.typdefault), ('acl', t.typacl::text),
        ('owner', pg_get_userbyid(t.typowner)::text)) AS f(k, v)
    UNION ALL
    SELECT t.object, 'attribute ' || lpad(a.n::text, 4, '0'),
           a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
           || coalesce(' COLLATE ' || (SELECT collname FROM pg_collation WHERE oid = a.attcollation), '')
    FROM typ t CROSS JOIN LATERAL (
        SELECT attname, atttypid, atttypmod, attcollation, row_number() OVER (ORDER BY attnum) AS n
        FROM pg_attribute WHERE attrelid = t.typrelid AND attnum > 0 AND NOT attisdropped) a
    WHERE t.typrelid <> 0
    UNION ALL
    SELECT t.object, 'label ' || lpad(e.n::text, 4, '0'), e.enumlabel::text
    FROM typ t CROSS JOIN LATERAL (
        SELECT enumlabel, row_number() OVER (ORDER BY enumsortorder) AS n
        FROM pg_enum WHERE enumtypid = t.oid) e
    UNION ALL
    -- Relations and what hangs off them.
    SELECT r.object, f.k, f.v
    FROM rel r CROSS JOIN LATERAL (VALUES
        ('kind', r.relkind::text), ('persistence', r.relpersistence::text),
        ('access method', (SELECT amname FROM pg_am WHERE oid = r.relam)::text),
        ('options', r.reloptions::text), ('row security', r.relrowsecurity::text),
        ('force row security', r.relforcerowsecurity::text),
        ('replica identity', r.relreplident::text),
        ('partition key', pg_get_partkeydef(r.oid)), ('acl', r.relacl::text),
        ('owner', pg_get_userbyid(r.relowner)::text)) AS f(k, v)
    UNION ALL
    SELECT c.object, 'column ' || lpad(c.position::text, 4, '0'),
           c.attname || ' ' || format_type(c.atttypid, c.atttypmod)
           || coalesce(' COLLATE ' || (SELECT collname FROM pg_collation WHERE oid = c.attcollation), '')
           || CASE WHEN c.attnotnull THEN ' NOT NULL' ELSE '' END
           || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
           || CASE WHEN c.attidentity <> '' THEN ' IDENTITY ' || c.attidentity::text ELSE '' END
           || CASE WHEN c.attgenerated <> '' THEN ' GENERATED ' || c.attgenerated::text ELSE '' END
           || ' STORAGE ' || c.attstorage::text || ' STATISTICS ' || c.attstattarget
           || coalesce(' OPTIONS ' || c.options::text, '') || coalesce(' ACL ' || c.attacl::text, '')
    FROM col c LEFT JOIN pg_attrdef d ON d.adrelid = c.attrelid AND d.adnum = c.attnum
    UNION ALL
    SELECT object, 'constraint ' || conname, def FROM con
    UNION ALL
    SELECT object, 'index ' || indexrelid::regclass::text,
           pg_get_indexdef(indexrelid)
           || CASE WHEN indisclustered THEN ' CLUSTERED' ELSE '' END
           || CASE WHEN indisreplident THEN ' REPLICA IDENTITY' ELSE '' END
    FROM idx
    UNION ALL
    SELECT object, 'trigger ' || tgname, pg_get_triggerdef(oid) || ' ENABLED ' || tgenabled::text FROM trg
    UNION ALL
    SELECT r.object, 'rule ' || w.rulename, pg_get_ruledef(w.oid)
    FROM rel r JOIN pg_rewrite w ON w.ev_class = r.oid WHERE r.relkind NOT IN ('v', 'm')
    UNION ALL
    SELECT r.object, 'policy ' || p.polname,
           p.polcmd::text || ' ' || p.polpermissive::text || ' ' || p.polroles::text || ' USING '
           || coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' CHECK '
           || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
    FROM rel r JOIN pg_policy p ON p.polrelid = r.oid
    UNION ALL
    SELECT r.object, 'view definition ' || lpad(l.n::text, 4, '0'), l.line
    FROM rel r CROSS JOIN LATERAL regexp_split_to_table(pg_get_viewdef(r.oid), E'\n') WITH ORDINALITY AS l(line, n)
    WHERE r.relkind IN ('v', 'm')
    UNION ALL
    SELECT r.object, 'sequence',
           format('%s start %s increment %s min %s max %s cache %s cycle %s', s.seqtypid::regtype,
                  s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle)
    FROM rel r JOIN pg_sequence s ON s.seqrelid = r.oid
    UNION ALL
    -- Casts.
    SELECT m.object, 'cast',
           format('function %s context %s method %s', nullif(c.castfunc, 0)::regprocedure,
                  c.castcontext, c.castmethod)
    FROM member m JOIN pg_cast c ON m.classid = 'pg_cast'::regclass AND m.objid = c.oid
    UNION ALL
    -- Comments: on members, columns, constraints, indexes and triggers.
    SELECT m.object, 'comment', obj_description(m.objid, m.classid::regclass::name) FROM member m
    UNION ALL
    SELECT c.object, 'comment on column ' || c.attname, col_description(c.attrelid, c.attnum) FROM col c
    UNION ALL
    SELECT object, 'comment on constraint ' || conname, obj_description(oid, 'pg_constraint') FROM con
    UNION ALL
    SELECT object, 'comment on index ' || indexrelid::regclass::text, obj_description(indexrelid, 'pg_class')
    FROM idx
    UNION ALL
    SELECT object, 'comment on trigger ' || tgname, obj_description(oid, 'pg_trigger') FROM trg
    UNION ALL
    -- Initial privileges recorded for the extension's objects (pg_dump restores them).
    SELECT pg_describe_object(i.classoid, i.objoid, i.objsubid), 'initial privileges ' || i.privtype::text,
           i.initprivs::text
    FROM pg_init_privs i JOIN member m ON i.classoid = m.classid AND i.objoid = m.objid
    UNION ALL
    -- The extension itself.
    SELECT 'extension ' || extname, f.k, f.v
    FROM ext CROSS JOIN LATERAL (VALUES
        ('version', extversion), ('schema', extnamespace::regnamespace::text),
        ('relocatable', extrelocatable::text), ('owner', pg_get_userbyid(extowner)::text)) AS f(k, v)
    UNION ALL
    SELECT 'extension ' || extname, 'config table ' || c.t::regclass::text,
           coalesce((extcondition)[c.n], 'NULL')
    FROM ext CROSS JOIN LATERAL unnest(extconfig) WITH ORDINALITY AS c(t, n)
)
SELECT line FROM (
    SELECT object || ' | ' || property || ' = ' || replace(coalesce(value, 'NULL'), E'\n', '\n') AS line FROM fact) s
ORDER BY line COLLATE "C";

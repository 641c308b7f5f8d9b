-- propagation(): h_k and r_k of paper 001, Sec. 5.3, against counts written out by hand.
CREATE EXTENSION collcog;
CREATE TABLE outcome (run_id text, round int, agent_id text, hallucinated boolean, correct boolean);
-- run q: 4 agents; round 1: a hallucinates, b correct; round 2: a, b, c hallucinate, d correct
-- (agent d does not report at round 1 and still counts in |V|)
INSERT INTO outcome VALUES
    ('q', 1, 'a', true, false), ('q', 1, 'b', false, true), ('q', 1, 'c', false, false),
    ('q', 2, 'a', true, false), ('q', 2, 'b', true, false), ('q', 2, 'c', true, false),
    ('q', 2, 'd', false, true),
    ('s', 1, 'x', false, true), ('s', 1, 'y', false, true);
SELECT * FROM propagation('outcome');
DROP TABLE outcome;
DROP EXTENSION collcog;

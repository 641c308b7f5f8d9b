#!/usr/bin/env python3
"""Write the bundled sample traces (data/sample-traces.jsonl) in the collcog trace format.

A small, seeded placeholder for the README demo: three runs for each of the seven
topologies of paper 000, with 4 to 8 agents and 40 to 160 events each. Claims are chosen
for revision, contradiction, merging and endorsement with probability proportional to
(1 + activity)^gamma (the reinforced routing of paper 000, Sec. 4), where activity counts
the earlier events that referenced the claim; gamma and the event mix vary by topology
so that the per-topology summaries differ. The topology only labels the run: who may see
whose claims is not modelled here (the simulators of collcog do that).

Python's random.Random(seed) is the Mersenne Twister with a documented, stable sequence,
so the same seed writes the same file everywhere:

    scripts/gen-sample.py --seed 20261122 > data/sample-traces.jsonl
"""
import argparse
import json
from datetime import datetime, timedelta, timezone
from random import Random

TOPOLOGIES = {
    # topology: (gamma, weights of propose, revise, contradict, merge, delegate, endorse)
    "chain": (0.4, (4, 5, 1, 1, 1, 2)),
    "star": (1.2, (3, 3, 2, 2, 2, 3)),
    "tree": (0.9, (3, 3, 2, 1, 3, 2)),
    "hierarchical": (1.0, (3, 3, 2, 2, 3, 2)),
    "fully_connected": (1.5, (3, 3, 3, 2, 1, 3)),
    "sparse_mesh": (0.7, (4, 3, 2, 1, 1, 2)),
    "reputation": (1.8, (3, 3, 3, 2, 1, 4)),
}
EVENT_TYPES = ("propose", "revise", "contradict", "merge", "delegate", "endorse")
TASK_FAMILIES = ("qa", "coding", "planning")
RUNS_PER_TOPOLOGY = 3
START = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


def pick_claim(rng, claims, activity, gamma, exclude=()):
    """A claim chosen with probability proportional to (1 + activity)^gamma."""
    pool = [c for c in claims if c not in exclude]
    weights = [(1 + activity[c]) ** gamma for c in pool]
    return rng.choices(pool, weights)[0]


def run_records(rng, run_id, topology, family, seed, started_at):
    gamma, mix = TOPOLOGIES[topology]
    n_agents = rng.randint(4, 8)
    n_events = rng.randint(40, 160)
    agents = [f"a{i}" for i in range(n_agents)]
    claims, activity, owner = [], {}, {}
    subtasks = ["T0"]
    assigned = {a: "T0" for a in agents}
    events, messages = [], {}

    for step in range(n_events):
        agent = rng.choice(agents)
        kind = "propose" if not claims else rng.choices(EVENT_TYPES, mix)[0]
        if kind == "merge" and len(claims) < 2:
            kind = "revise"
        ev = {"record": "event", "run_id": run_id, "step_id": step,
              "ts": (started_at + timedelta(seconds=7 * step)).isoformat(),
              "agent_id": agent, "event_type": kind,
              "subtask_id": assigned[agent],
              "message_length": rng.randint(20, 900)}
        referenced = []
        if kind == "propose":
            pass
        elif kind in ("revise", "contradict"):
            referenced = [pick_claim(rng, claims, activity, gamma)]
            ev["parent_claim_ids"] = referenced
        elif kind == "merge":
            fan_in = min(len(claims), rng.choice((2, 2, 3, 3, 4)))
            while len(referenced) < fan_in:
                referenced.append(pick_claim(rng, claims, activity, gamma, referenced))
            ev["parent_claim_ids"] = referenced
        elif kind == "endorse":
            referenced = [pick_claim(rng, claims, activity, gamma)]
            ev["target_claim_id"] = referenced[0]
        elif kind == "delegate":
            new = f"T{len(subtasks)}"
            ev["parent_subtask_id"] = rng.choice(subtasks)
            ev["subtask_id"] = new
            subtasks.append(new)
            assigned[rng.choice(agents)] = new
            if rng.random() < 0.5:
                referenced = [pick_claim(rng, claims, activity, gamma)]
                ev["target_claim_id"] = referenced[0]
        if kind in ("propose", "revise", "contradict", "merge"):
            claim = f"c{len(claims) + 1}"
            ev["claim_id"] = claim
            claims.append(claim)
            activity[claim] = 0
            owner[claim] = agent
        for c in referenced:
            activity[c] += 1
            if owner[c] != agent:
                key = (step // 10, agent, owner[c])
                w = messages.setdefault(key, [0.0, 0.0])
                w[0] += ev["message_length"]
                w[1] += 1
        events.append(ev)

    size_factor = len(claims) / n_events
    success = rng.random() < 0.35 + 0.4 * size_factor
    yield {"record": "run", "run_id": run_id, "benchmark": "sample", "task_family": family,
           "topology": topology, "n_agents": n_agents, "model": "sample-model", "seed": seed,
           "success": success, "score": round(rng.uniform(0.5, 1.0) if success else rng.uniform(0, 0.5), 3),
           "started_at": started_at.isoformat(), "meta": {"generator": "scripts/gen-sample.py"}}
    for i, a in enumerate(agents):
        yield {"record": "agent", "run_id": run_id, "agent_id": a,
               "agent_type": "large" if i % 3 == 0 else "small", "model": "sample-model",
               "role": "orchestrator" if i == 0 else "worker"}
    yield from events
    for (t, source, target), w in sorted(messages.items()):
        yield {"record": "message", "run_id": run_id, "t": t, "source": source,
               "target": target, "weight": w}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=20261122)
    args = ap.parse_args()
    rng = Random(args.seed)
    n = 0
    for topology in TOPOLOGIES:
        for k in range(RUNS_PER_TOPOLOGY):
            n += 1
            family = TASK_FAMILIES[k % len(TASK_FAMILIES)]
            run_id = f"sample/{topology}/{k + 1}"
            for rec in run_records(rng, run_id, topology, family, args.seed + n,
                                   START + timedelta(hours=n)):
                print(json.dumps(rec, separators=(",", ":")))


if __name__ == "__main__":
    main()

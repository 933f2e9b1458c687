#!/usr/bin/env python3
"""Derives a TUNING-ONLY low-rate, few-joint set from tuning rounds' LeRobot v2.1 datasets (issue 16,
eighteenth round): the held-out misses left are trims and trim + resample + units copies of takes
commanded at ~10 Hz with 4 joints, and no tuning round has such takes. Every source folder given
must be tuning data (rounds 2-7, 9-12, 14, 15, never 8, 13, 16, 17); the output is written outside
the project and read only by the dedup benchmark and its diagnostics.

  load-tests/real-data/derive-low-rate.py --out /tmp/lowrate10/data --rate 10 --joints 4 \
      /tmp/heldout10/data/kinova-gen3-laban-*-v21 /tmp/heldout6/data/ur-kinesthetic-*-v21
  load-tests/real-data/derive-low-rate.py --out /tmp/lowrate10h/data --rate 10 --row-rate 30 ...

For each episode: the first --joints values of observation.state, sampled at --rate Hz (the last
source sample at or before each command time, as a controller sends its latest command), each
command held for --row-rate / --rate rows when --row-rate is given (rows at --row-rate Hz whose
values change at --rate Hz), timestamps from 0. Folders keep their names (one site per folder).
"""
import argparse
import glob
import json
import os

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq


def derive(src, out, rate, joints, row_rate):
    info = json.load(open(os.path.join(src, "meta", "info.json")))
    os.makedirs(os.path.join(out, "meta"), exist_ok=True)
    os.makedirs(os.path.join(out, "data", "chunk-000"), exist_ok=True)
    episodes = []
    frames = 0
    for f in sorted(glob.glob(os.path.join(src, "data", "**", "*.parquet"), recursive=True)):
        t = pq.read_table(f).to_pandas()
        for ep, g in t.groupby("episode_index"):
            x = np.stack(g["observation.state"].values).astype(np.float64)[:, :joints]
            ts = g["timestamp"].values.astype(np.float64)
            ts = ts - ts[0]
            step = 1.0 / (row_rate or rate)
            rows = np.arange(0, ts[-1] + 1e-9, step)
            command = np.floor(rows * rate + 1e-9) / rate
            idx = np.searchsorted(ts, command + 1e-9, side="right") - 1
            v = x[np.clip(idx, 0, len(ts) - 1)].astype(np.float32)
            n = len(rows)
            task = int(g["task_index"].values[0]) if "task_index" in g else 0
            table = pa.table(
                {
                    "observation.state": pa.array(list(v), type=pa.list_(pa.float32())),
                    "timestamp": pa.array(rows.astype(np.float32)),
                    "frame_index": pa.array(np.arange(n, dtype=np.int64)),
                    "episode_index": pa.array(np.full(n, len(episodes), dtype=np.int64)),
                    "index": pa.array(np.arange(frames, frames + n, dtype=np.int64)),
                    "task_index": pa.array(np.full(n, task, dtype=np.int64)),
                }
            )
            pq.write_table(
                table,
                os.path.join(out, "data", "chunk-000", "episode_%06d.parquet" % len(episodes)),
            )
            episodes.append({"episode_index": len(episodes), "tasks": [], "length": n})
            frames += n
    tasks = [json.loads(l) for l in open(os.path.join(src, "meta", "tasks.jsonl"))]
    for e in episodes:
        e["tasks"] = [tasks[0]["task"]] if tasks else []
    state = info["features"]["observation.state"]
    state["shape"] = [joints]
    if isinstance(state.get("names"), list):
        state["names"] = state["names"][:joints]
    info.update(
        fps=row_rate or rate,
        total_episodes=len(episodes),
        total_frames=frames,
        total_chunks=1,
        splits={"train": "0:%d" % len(episodes)},
        data_path="data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet",
    )
    info["features"] = {k: v for k, v in info["features"].items() if k in (
        "observation.state", "timestamp", "frame_index", "episode_index", "index", "task_index")}
    json.dump(info, open(os.path.join(out, "meta", "info.json"), "w"), indent=4)
    with open(os.path.join(out, "meta", "episodes.jsonl"), "w") as w:
        for e in episodes:
            w.write(json.dumps(e) + "\n")
    with open(os.path.join(out, "meta", "tasks.jsonl"), "w") as w:
        for t in tasks:
            w.write(json.dumps(t) + "\n")
    return len(episodes)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--out", required=True)
    p.add_argument("--rate", type=float, default=10)
    p.add_argument("--row-rate", type=float, default=0)
    p.add_argument("--joints", type=int, default=4)
    p.add_argument("sources", nargs="+")
    a = p.parse_args()
    for src in a.sources:
        name = os.path.basename(os.path.normpath(src)).replace("-v21", "")
        suffix = "-%dhz%s-%dj-v21" % (a.rate, "-held%d" % a.row_rate if a.row_rate else "", a.joints)
        n = derive(src, os.path.join(a.out, name + suffix), a.rate, a.joints, a.row_rate)
        print(name + suffix, n, "episodes")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Assembles the two held-out real LeRobot datasets the joint-check false-flag numbers in
BENCHMARKS.md ("Quality checks on real recordings") were measured on, from clones of their public
GitHub repositories. Needs git and python3 with pyarrow and pandas.

  git clone https://github.com/yipiandanxinxiangyangkai/open_50        # at 6fbd828
  git clone https://github.com/Sachin-2007/oc_models                    # at c1babea
  load-tests/real-data/assemble-heldout.py open_50 oc_models /tmp/heldout
  TRIBUTARY_REAL_DATA=/tmp/heldout mvn -B -pl curation-pipeline -am test \
      -Dtest=RealDataQualityReportTest -Dsurefire.failIfNoSpecifiedTests=false

Neither dataset is copied into the project (open_50 carries no license).
- open50-lingzu-v30: open_50's data/ and meta/ as published (LeRobot v3.0, 50 episodes, 34 joints:
  two 7-joint arms and two 10-joint hands, features named `state` and `actions`). Its videos sit
  under video/ rather than the videos/ its info.json declares and are left out.
- so101-pick-place-tape-v30: the Hugging Face `datasets` cache of aadarshram/pick_place_tape's
  data/chunk-000/file-000.parquet that oc_models keeps in bb_local/train (50 SO-101 episodes, 30 fps,
  as lerobot-record wrote them, stored there as float64). meta/ is written here: the SO-101
  follower's LeRobot feature names, fps 30, one task whose text is not in the cache ("Pick and
  place the tape"). The float64 -> float32 cast is checked to be exact.
"""
import collections
import json
import os
import shutil
import subprocess
import sys

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


def open50(repo, out):
    dest = os.path.join(out, "open50-lingzu-v30")
    for sub in ("data", "meta"):
        shutil.copytree(os.path.join(repo, sub), os.path.join(dest, sub), dirs_exist_ok=True)


def pick_place_tape(repo, out):
    with open(os.path.join(repo, "bb_local/train/data-00000-of-00001.arrow"), "rb") as f:
        t = pa.ipc.open_stream(f).read_all()
    dest = os.path.join(out, "so101-pick-place-tape-v30")
    os.makedirs(os.path.join(dest, "data/chunk-000"), exist_ok=True)
    os.makedirs(os.path.join(dest, "meta/episodes/chunk-000"), exist_ok=True)
    f32 = pa.list_(pa.float32())
    data = pa.table({
        "action": t.column("action").cast(f32),
        "observation.state": t.column("observation.state").cast(f32),
        "timestamp": t.column("timestamp").cast(pa.float32()),
        "frame_index": t.column("frame_index"),
        "episode_index": t.column("episode_index"),
        "index": t.column("index"),
        "task_index": t.column("task_index"),
    })
    for col in ("action", "observation.state"):
        for wide, narrow in zip(t.column(col).to_pylist(), data.column(col).to_pylist()):
            if wide != narrow:
                sys.exit(f"{col}: float64 -> float32 is not exact")
    pq.write_table(data, os.path.join(dest, "data/chunk-000/file-000.parquet"))
    names = ["shoulder_pan.pos", "shoulder_lift.pos", "elbow_flex.pos", "wrist_flex.pos",
             "wrist_roll.pos", "gripper.pos"]
    lengths = collections.Counter(t.column("episode_index").to_pylist())
    scalar = lambda dtype: {"dtype": dtype, "shape": [1], "names": None}
    info = {
        "codebase_version": "v3.0", "robot_type": "so101_follower",
        "total_episodes": len(lengths), "total_frames": t.num_rows, "total_tasks": 1,
        "chunks_size": 1000, "data_files_size_in_mb": 100, "video_files_size_in_mb": 200,
        "fps": 30, "splits": {"train": f"0:{len(lengths)}"},
        "data_path": "data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet",
        "video_path": "videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4",
        "features": {
            "action": {"dtype": "float32", "names": names, "shape": [6]},
            "observation.state": {"dtype": "float32", "names": names, "shape": [6]},
            "timestamp": scalar("float32"), "frame_index": scalar("int64"),
            "episode_index": scalar("int64"), "index": scalar("int64"),
            "task_index": scalar("int64"),
        },
    }
    with open(os.path.join(dest, "meta/info.json"), "w") as f:
        json.dump(info, f, indent=4)
    task = "Pick and place the tape"
    pd.DataFrame({"task_index": [0]}, index=pd.Index([task])).to_parquet(
        os.path.join(dest, "meta/tasks.parquet"))
    rows = collections.defaultdict(list)
    start = 0
    for episode in sorted(lengths):
        n = lengths[episode]
        rows["episode_index"].append(episode)
        rows["tasks"].append([task])
        rows["length"].append(n)
        rows["data/chunk_index"].append(0)
        rows["data/file_index"].append(0)
        rows["dataset_from_index"].append(start)
        rows["dataset_to_index"].append(start + n)
        start += n
    pq.write_table(pa.table(rows), os.path.join(dest, "meta/episodes/chunk-000/file-000.parquet"))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    open50(sys.argv[1], sys.argv[3])
    pick_place_tape(sys.argv[2], sys.argv[3])
    print(f"wrote {sys.argv[3]}/open50-lingzu-v30 and {sys.argv[3]}/so101-pick-place-tape-v30")

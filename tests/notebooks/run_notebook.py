#!/usr/bin/python3
"""Executes a Jupyter notebook headless and writes the executed copy, without losing late outputs.

Deno's kernel sometimes sends a cell's last output after it has reported the cell idle; stock nbconvert and
nbclient stop listening at idle and drop it (5 of 20 runs kept every output in our measurements). This runner
is nbclient with one change: after idle it keeps reading the cell's IOPub messages until the channel has been
quiet for `--grace` seconds (default 0.3), capped at `--grace-cap` seconds after idle.

Usage:
    /usr/bin/python3 tests/notebooks/run_notebook.py IN.ipynb OUT.ipynb [--kernel deno] [--timeout 600]
        [--grace 0.3] [--grace-cap 5] [--cwd DIR] [--stop-on-error]

The kernel inherits this process's environment (set ASGE_NOTEBOOK_MODE=small before calling). By default every
cell runs even after an error (the errors are recorded in the executed notebook); with --stop-on-error the run
stops at the first failing cell. Prints one JSON line with the counts (cells, errors, outputs per MIME type,
late messages caught, seconds) and exits 0 when no cell failed, 1 when one did, 2 on usage errors.
"""

import argparse
import asyncio
import json
import os
import queue
import sys
import time

try:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionComplete, CellExecutionError
except ImportError as error:  # pragma: no cover - reported to the caller, who skips
    print(
        f"run_notebook.py: cannot import nbclient/nbformat ({error}); "
        "install Debian's python3-nbclient and jupyter-nbconvert",
        file=sys.stderr,
    )
    sys.exit(3)


class GraceNotebookClient(NotebookClient):
    """A NotebookClient that keeps listening for a cell's outputs for a short while after idle."""

    def __init__(self, nb, grace=0.3, grace_cap=5.0, **kw):
        super().__init__(nb, **kw)
        self.grace = grace
        self.grace_cap = grace_cap
        self.late_messages = 0

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        assert self.kc is not None
        while True:
            msg = await self.kc.iopub_channel.get_msg(timeout=None)
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                break
        # Idle was reported: drain what the kernel still sends for this cell until it is quiet.
        cap = time.monotonic() + self.grace_cap
        while True:
            wait = min(self.grace, cap - time.monotonic())
            if wait <= 0:
                return
            try:
                msg = await self.kc.iopub_channel.get_msg(timeout=wait)
            except (queue.Empty, asyncio.TimeoutError):
                return
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            if msg["msg_type"] != "status":
                self.late_messages += 1
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                pass


def count_outputs(nb):
    """Counts code cells, cells with an error output and outputs per MIME type (or per output type)."""
    counts = {"codeCells": 0, "errorCells": 0, "outputs": {}}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        counts["codeCells"] += 1
        if any(o.output_type == "error" for o in cell.get("outputs", [])):
            counts["errorCells"] += 1
        for output in cell.get("outputs", []):
            keys = list(output.get("data", {}).keys()) or [output.output_type]
            for key in keys:
                counts["outputs"][key] = counts["outputs"].get(key, 0) + 1
    return counts


def main(argv):
    parser = argparse.ArgumentParser(description="Execute a notebook headless, keeping late outputs.")
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--kernel", default="deno", help="kernel name (default deno)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    parser.add_argument("--startup-timeout", type=int, default=120, help="kernel start seconds")
    parser.add_argument("--grace", type=float, default=0.3, help="quiet seconds to wait after idle")
    parser.add_argument("--grace-cap", type=float, default=5.0, help="most seconds to wait after idle")
    parser.add_argument("--cwd", default=None, help="kernel working folder (default: the notebook's)")
    parser.add_argument("--stop-on-error", action="store_true", help="stop at the first failing cell")
    args = parser.parse_args(argv)
    if not os.path.isfile(args.input):
        print(f"run_notebook.py: no notebook at {args.input!r}; pass an existing .ipynb", file=sys.stderr)
        return 2
    nb = nbformat.read(args.input, as_version=4)
    cwd = args.cwd or os.path.dirname(os.path.abspath(args.input))
    client = GraceNotebookClient(
        nb,
        grace=args.grace,
        grace_cap=args.grace_cap,
        kernel_name=args.kernel,
        timeout=args.timeout,
        startup_timeout=args.startup_timeout,
        allow_errors=not args.stop_on_error,
        record_timing=False,
        resources={"metadata": {"path": cwd}},
    )
    start = time.monotonic()
    failed = None
    try:
        client.execute()
    except CellExecutionError as error:
        failed = str(error).splitlines()[0] if str(error) else "cell failed"
    finally:
        os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
        temporary = args.output + ".part"
        nbformat.write(nb, temporary)
        os.replace(temporary, args.output)
    counts = count_outputs(nb)
    counts.update(
        notebook=args.input,
        lateMessages=client.late_messages,
        seconds=round(time.monotonic() - start, 2),
        stoppedAt=failed,
    )
    print(json.dumps(counts))
    return 1 if counts["errorCells"] or failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

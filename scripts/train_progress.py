"""Shortens `rasa train` output to visible progress: each component, then its epochs in steps.

Reads Rasa's log and tqdm bars (separated by carriage returns) from stdin; prints a line per
component and one per 10% of epochs; warnings and errors pass through unchanged. Used by
scripts/train.sh so a first `make run` does not look frozen.
"""

import re
import sys

COMPONENT = re.compile(r"Starting to train component '([^']+)'")
EPOCH = re.compile(r"Epochs:\s+\d+%.*?\|\s*(\d+)/(\d+)")
PASS = re.compile(r"(ERROR|WARNING|Error|Traceback|Your Rasa model is trained)")


def main() -> None:
    component = ""
    shown = -1
    buffer = ""
    while True:
        chunk = sys.stdin.read(256)
        if not chunk:
            break
        buffer += chunk
        *lines, buffer = re.split(r"[\r\n]", buffer)
        for line in lines:
            if match := COMPONENT.search(line):
                component, shown = match.group(1), -1
                print(f"  · {component}", flush=True)
            elif match := EPOCH.search(line):
                done, total = int(match.group(1)), int(match.group(2))
                step = done * 10 // max(1, total)
                if step > shown and done:
                    shown = step
                    print(f"      {component}: epoch {done}/{total}", flush=True)
            elif PASS.search(line) and "Warning:" not in line:
                print(line, flush=True)


if __name__ == "__main__":
    main()

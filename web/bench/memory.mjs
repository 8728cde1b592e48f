// The memory of a process's descendants (Chromium's processes under a benchmark script), as
// proportional set size (PSS: shared pages split between the processes that map them, so shared
// memory is not counted twice). Sampled while a benchmark runs: the peak growth over the idle page
// shows whether memory stays flat.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function treeMemory(rootPid) {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=']).toString().trim().split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const children = new Map();
  for (const [pid, ppid] of rows) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let total = 0;
  const stack = [...(children.get(rootPid) ?? [])];
  while (stack.length) {
    const pid = stack.pop();
    try {
      total += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch { /* the process ended */ }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

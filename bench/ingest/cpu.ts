/**
 * Where the machine's CPU goes during a measured window (Linux /proc): the app server's process
 * tree, every PostgreSQL process, this benchmark process (the load generator) and the rest, as
 * microseconds of CPU per accepted event. This is what a throughput target must fit into.
 */
import fs from "node:fs";

/** Clock ticks per second of /proc times (USER_HZ; 100 on every Linux this runs on). */
const HZ = 100;

export interface CpuSnapshot {
  /** CPU seconds so far, per group. */
  server: number;
  postgres: number;
  client: number;
  /** Whole machine: busy and total CPU seconds (all cores). */
  busy: number;
  total: number;
}

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  seconds: number;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      // The command sits in parentheses and may contain spaces; fields after it are fixed.
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      out.push({ pid: Number(name), ppid: Number(fields[1]), comm, seconds: (Number(fields[11]) + Number(fields[12])) / HZ });
    } catch {
      // the process ended while being read
    }
  }
  return out;
}

/** CPU used so far by the server (with its child processes), PostgreSQL, and this process; null off Linux. */
export function cpuSnapshot(serverPid: number): CpuSnapshot | null {
  if (!fs.existsSync("/proc/stat")) return null;
  const procs = processes();
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  let server = 0;
  const stack = procs.filter((p) => p.pid === serverPid);
  while (stack.length) {
    const p = stack.pop()!;
    server += p.seconds;
    stack.push(...(children.get(p.pid) ?? []));
  }
  const postgres = procs.filter((p) => p.comm === "postgres").reduce((sum, p) => sum + p.seconds, 0);
  const usage = process.cpuUsage();
  const [, ...ticks] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0) / HZ;
  const idle = (ticks[3] + ticks[4]) / HZ; // idle + iowait
  return { server, postgres, client: (usage.user + usage.system) / 1e6, busy: total - idle, total };
}

export interface CpuPerEvent {
  /** Microseconds of CPU per accepted event. */
  serverUs: number;
  postgresUs: number;
  clientUs: number;
  otherUs: number;
  /** Share of the machine's CPU that was idle. */
  idle: number;
}

export function cpuPerEvent(a: CpuSnapshot, b: CpuSnapshot, events: number): CpuPerEvent {
  const per = (x: number) => (events > 0 ? (x * 1e6) / events : 0);
  const server = b.server - a.server;
  const postgres = b.postgres - a.postgres;
  const client = b.client - a.client;
  const busy = b.busy - a.busy;
  return {
    serverUs: per(server),
    postgresUs: per(postgres),
    clientUs: per(client),
    otherUs: per(Math.max(0, busy - server - postgres - client)),
    idle: 1 - busy / (b.total - a.total),
  };
}

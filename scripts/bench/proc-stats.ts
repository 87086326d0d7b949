/** Memory and CPU of a process from /proc (Linux), and of the whole host. */
import fs from "node:fs";
import { monoMs } from "./clock";

// USER_HZ: 100 on every Linux architecture Node supports.
const TICKS_PER_SECOND = 100;

/** Resident set size in KB (VmRSS). */
export function rssKb(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match?.[1]) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

/** CPU time (user + system, all threads) in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may contain spaces; fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Busy and total CPU seconds of the host, summed over its cores. */
function hostCpu(): { busy: number; total: number } {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
}

/** A process, or a group of processes (e.g. PostgreSQL's postmaster and its backends) listed when read. */
export type Measured = number | (() => number[]);

/** CPU use of some processes over an interval, as % of one core; the host's as % of all cores. */
export class CpuMeter {
  private readonly start = new Map<string, { measured: Measured; cpu: number }>();
  private readonly startedAt = monoMs();
  private readonly host = hostCpu();

  constructor(processes: Record<string, Measured>) {
    for (const [name, measured] of Object.entries(processes))
      this.start.set(name, { measured, cpu: cpuOf(measured) });
  }

  read(): { percentOfCore: Record<string, number>; hostBusyPercent: number } {
    const seconds = (monoMs() - this.startedAt) / 1000;
    const percentOfCore: Record<string, number> = {};
    for (const [name, { measured, cpu }] of this.start)
      percentOfCore[name] = ((cpuOf(measured) - cpu) / seconds) * 100;
    const host = hostCpu();
    const hostBusyPercent =
      ((host.busy - this.host.busy) / Math.max(1e-9, host.total - this.host.total)) * 100;
    return { percentOfCore, hostBusyPercent };
  }
}

function cpuOf(measured: Measured): number {
  if (typeof measured === "number") return safeCpu(measured);
  return measured().reduce((sum, pid) => sum + (safeCpu(pid) || 0), 0);
}

/** A process and its direct children (PostgreSQL: the postmaster and its backends). */
export function withChildren(pid: number): number[] {
  const pids = [pid];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

/** The first process whose command line contains every one of `parts`. */
export function findProcess(parts: string[]): number | null {
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      if (parts.every((part) => cmdline.includes(part))) return Number(entry);
    } catch {
      // Gone meanwhile.
    }
  }
  return null;
}

function safeCpu(pid: number): number {
  try {
    return cpuSeconds(pid);
  } catch {
    return Number.NaN;
  }
}

/** The soft limit on open files of this process (children inherit it). */
export function openFilesLimit(): number {
  const match = /^Max open files\s+(\d+|unlimited)/m.exec(fs.readFileSync("/proc/self/limits", "utf8"));
  return !match?.[1] || match[1] === "unlimited" ? Number.POSITIVE_INFINITY : Number(match[1]);
}

/** Connections the kernel dropped because a listen queue was full (host-wide, since boot). */
export function listenOverflows(): number {
  const lines = fs.readFileSync("/proc/net/netstat", "utf8").split("\n");
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const names = lines[i]?.split(/\s+/) ?? [];
    const values = lines[i + 1]?.split(/\s+/) ?? [];
    const at = names.indexOf("ListenOverflows");
    if (names[0] === "TcpExt:" && at !== -1) return Number(values[at]);
  }
  return 0;
}

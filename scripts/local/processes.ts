import { type ChildProcess, spawn } from "node:child_process";

/**
 * Starts a detached watchdog that kills `childPid` (and its process group) as soon as
 * `parentPid` is gone. Java children such as DynamoDB Local outlive a Node parent that
 * dies by SIGKILL or a crash; the watchdog makes sure nothing is left behind.
 */
export function killWithParent(childPid: number, parentPid = process.pid): void {
  const script = `
    const [parent, child] = process.argv.slice(1).map(Number);
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    setInterval(() => {
      if (!alive(child)) process.exit(0);
      if (!alive(parent)) {
        try { process.kill(-child, "SIGKILL"); } catch {}
        try { process.kill(child, "SIGKILL"); } catch {}
        process.exit(0);
      }
    }, 500);`;
  const watchdog = spawn(process.execPath, ["-e", script, String(parentPid), String(childPid)], {
    detached: true,
    stdio: "ignore",
  });
  watchdog.unref();
}

/** Stops a child (and its process group when it leads one), escalating to SIGKILL. */
export async function stopProcess(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Debian's chromium for the browser tests, driven by playwright-core: no browser is ever
 * downloaded. `.ci/run` installs chromium, so in CI a missing binary fails the run instead of
 * skipping it; locally a test file skips with `warning` as the reason.
 */
export function findChromium(warning: string): string | undefined {
  const path = chromiumOnThisMachine();
  if (!path) {
    if (process.env.CI) throw new Error("No chromium binary found; CI must install it (apt-get install chromium).");
    console.warn(`${warning}: no chromium binary (install Debian's chromium or set CHROMIUM_PATH).`);
  }
  return path;
}

function chromiumOnThisMachine(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      const path = execFileSync("which", [name], { encoding: "utf8" }).trim();
      if (path) return path;
    } catch {
      // not on PATH under this name
    }
  }
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
}

/** Headless, and quiet: nothing of its own goes to the network. */
export const CHROMIUM_LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

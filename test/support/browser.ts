import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * What the browser tests share: Debian's chromium, found and never downloaded, the flags that keep
 * it from reaching the network, and axe-core's source to inject. `.ci/run` installs chromium, so in
 * CI a missing binary fails the run instead of skipping it.
 */
function findChromium(): string | undefined {
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

export const chromiumPath = findChromium();
if (!chromiumPath) {
  if (process.env.CI) throw new Error("No chromium binary found; CI must install it (apt-get install chromium).");
  console.warn("Skipping the browser tests: no chromium binary (install Debian's chromium or set CHROMIUM_PATH).");
}

export const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const require = createRequire(import.meta.url);
export const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const axeVersion = (
  JSON.parse(readFileSync(require.resolve("axe-core/package.json"), "utf8")) as { version: string }
).version;

/** Reports what the page's CSP blocks, from outside the policy, as a console error. */
export const REPORT_CSP_VIOLATIONS = `document.addEventListener("securitypolicyviolation", (event) => {
  console.error("CSP violation: " + event.violatedDirective + " blocked " + (event.blockedURI || "inline"));
});`;

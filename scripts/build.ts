/**
 * npm run build: bundles every function in serverless.yml on its own, with exactly the
 * esbuild options serverless-esbuild uses for deployment (read out of custom.esbuild, so
 * the two cannot drift), into dist/<function>/index.mjs with a source map and a metafile
 * (dist/<function>/meta.json: which inputs make up the bundle), and prints their sizes.
 * The bench (bench/run.ts) builds its bundles through the same functions.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { type BuildOptions, build, type Metafile, type Plugin } from "esbuild";
import { parse } from "yaml";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const DIST = join(ROOT, "dist");
const SERVERLESS_YML = join(ROOT, "serverless.yml");

interface ServerlessConfig {
  custom?: { esbuild?: Record<string, unknown>; access?: Record<string, unknown> };
  functions?: Record<string, { handler?: string }>;
}

function readServerless(): ServerlessConfig {
  return parse(readFileSync(SERVERLESS_YML, "utf8"), { logLevel: "error" }) as ServerlessConfig;
}

export interface FunctionEntry {
  /** The function's name in serverless.yml, e.g. listHistory. */
  name: string;
  /** Its source file, relative to the repository root, e.g. functions/list-history.ts. */
  file: string;
  /** The exported handler, e.g. handler. */
  exportName: string;
}

/** Every function serverless.yml declares: `functions/x.handler` lives in functions/x.ts. */
export function declaredFunctions(): FunctionEntry[] {
  return Object.entries(readServerless().functions ?? {}).map(([name, fn]) => {
    const handler = fn.handler;
    const dot = handler?.lastIndexOf(".") ?? -1;
    if (!handler || dot < 1) throw new Error(`serverless.yml: function ${name} has no handler of the form path.export`);
    return { name, file: `${handler.slice(0, dot)}.ts`, exportName: handler.slice(dot + 1) };
  });
}

/** Options serverless-esbuild keeps for itself and does not pass to esbuild (its bundle.ts list). */
const PLUGIN_ONLY = new Set([
  "concurrency",
  "zipConcurrency",
  "exclude",
  "nativeZip",
  "packager",
  "packagePath",
  "watch",
  "keepOutputDirectory",
  "packagerOptions",
  "installExtraArgs",
  "outputFileExtension",
  "outputBuildFolder",
  "outputWorkFolder",
  "nodeExternals",
  "skipBuild",
  "skipRebuild",
  "skipBuildExcludeFns",
  "stripEntryResolveExtensions",
  "disposeContext",
  "config",
]);

/**
 * The esbuild options deployment uses, translated the way serverless-esbuild translates
 * them: plugin-only keys dropped, `outputFileExtension` becomes `outExtension`, `exclude`
 * becomes `external`. Everything else passes through untouched.
 */
export function deploymentBuildOptions(): BuildOptions & { outExtension: Record<string, string> } {
  const declared = readServerless().custom?.esbuild;
  if (!declared) throw new Error("serverless.yml declares no custom.esbuild");
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(declared)) {
    if (PLUGIN_ONLY.has(key)) continue;
    if (JSON.stringify(value).includes("${")) {
      throw new Error(`custom.esbuild.${key} uses a serverless variable; scripts/build.ts cannot resolve it`);
    }
    options[key] = value;
  }
  const extension = typeof declared.outputFileExtension === "string" ? declared.outputFileExtension : ".js";
  const exclude = Array.isArray(declared.exclude) ? declared.exclude.filter((x) => typeof x === "string") : [];
  const external = Array.isArray(options.external) ? options.external.filter((x) => typeof x === "string") : [];
  return {
    ...(options as BuildOptions),
    plugins: loadPlugins(declared.plugins),
    external: [...external, ...(exclude.includes("*") ? [] : exclude)],
    outExtension: { ".js": extension },
  };
}

/** `plugins` as serverless-esbuild reads it: an array, or a file (relative to the service) exporting one. */
function loadPlugins(declared: unknown): Plugin[] {
  if (declared === undefined) return [];
  if (Array.isArray(declared)) return declared as Plugin[];
  if (typeof declared !== "string") throw new Error("custom.esbuild.plugins must be a list or a file path");
  let plugins: unknown = createRequire(import.meta.url)(join(ROOT, declared));
  if (plugins && typeof plugins === "object" && "default" in plugins) plugins = plugins.default;
  // A plugin factory gets the serverless instance there; this build has none to give.
  if (typeof plugins === "function") plugins = plugins(undefined);
  if (!Array.isArray(plugins)) throw new Error(`${declared} does not export a list of esbuild plugins`);
  return plugins as Plugin[];
}

export interface BuiltBundle {
  name: string;
  /** Absolute path of the bundle (dist/<name>/index.mjs). */
  path: string;
  /** Bytes a cold start reads: the bundle and the chunks it imports statically (`loadedAtStart`). */
  bytes: number;
  gzipBytes: number;
  metafile: Metafile;
}

/**
 * The outputs a cold start loads: the entry and, transitively, the chunks it imports statically.
 * Chunks behind a dynamic import() (serverless.yml sets `splitting`) load only on the path that asks.
 */
export function loadedAtStart(metafile: Metafile, bundlePath: string): string[] {
  const loaded = new Set<string>();
  const pending = [relative(ROOT, bundlePath)];
  for (let output = pending.pop(); output !== undefined; output = pending.pop()) {
    if (loaded.has(output)) continue;
    loaded.add(output);
    for (const { path, kind } of metafile.outputs[output]?.imports ?? []) {
      if (kind === "import-statement" && metafile.outputs[path]) pending.push(path);
    }
  }
  return [...loaded];
}

/** Bundles one source file into dist/<name>/index.mjs, with its source map and metafile. */
export async function buildBundle(name: string, file: string, outRoot = DIST): Promise<BuiltBundle> {
  const options = deploymentBuildOptions();
  const outdir = join(outRoot, name);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    ...options,
    entryPoints: { index: join(ROOT, file) },
    outdir,
    // Paths in the metafile are relative to the repository, wherever the build is started from.
    absWorkingDir: ROOT,
    metafile: true,
    write: true,
    logLevel: "warning",
  });
  const path = join(outdir, `index${options.outExtension[".js"]}`);
  const code = Buffer.concat(loadedAtStart(result.metafile, path).map((output) => readFileSync(join(ROOT, output))));
  writeFileSync(join(outdir, "meta.json"), JSON.stringify(result.metafile, null, 2));
  return { name, path, bytes: code.byteLength, gzipBytes: gzipSync(code).byteLength, metafile: result.metafile };
}

/** The biggest inputs a cold start of the bundle loads, by bytes they contribute, grouped by package. */
export function largestInputs(bundle: BuiltBundle, top = 5): Array<{ input: string; bytes: number }> {
  const byInput = new Map<string, number>();
  for (const name of loadedAtStart(bundle.metafile, bundle.path)) {
    const output = bundle.metafile.outputs[name];
    if (!output) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const group = packageOf(input);
      byInput.set(group, (byInput.get(group) ?? 0) + bytesInOutput);
    }
  }
  return [...byInput.entries()]
    .map(([input, bytes]) => ({ input, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

/** node_modules/@aws-sdk/client-dynamodb/dist-es/x.js -> @aws-sdk/client-dynamodb; own files stay as they are. */
export function packageOf(input: string): string {
  const parts = input.split("node_modules/");
  const last = parts[parts.length - 1];
  if (parts.length === 1 || last === undefined) return input;
  const segments = last.split("/");
  return segments[0]?.startsWith("@") ? `${segments[0]}/${segments[1]}` : (segments[0] ?? input);
}

export const kb = (bytes: number) => (bytes / 1024).toFixed(1);

export async function buildAll(): Promise<BuiltBundle[]> {
  return Promise.all(declaredFunctions().map((fn) => buildBundle(fn.name, fn.file)));
}

async function main() {
  const started = performance.now();
  const bundles = await buildAll();
  const rows = bundles.map((b) => [b.name, kb(b.bytes), kb(b.gzipBytes), largestInputs(b, 3).map((i) => i.input)]);
  const width = Math.max(8, ...bundles.map((b) => b.name.length));
  console.log(`${"function".padEnd(width)}  ${"size KB".padStart(8)}  ${"gzip KB".padStart(8)}  largest inputs`);
  for (const [name, size, gzip, inputs] of rows) {
    console.log(
      `${String(name).padEnd(width)}  ${String(size).padStart(8)}  ${String(gzip).padStart(8)}  ${(inputs as string[]).join(", ")}`,
    );
  }
  console.log(
    `\n${bundles.length} bundles in dist/<function>/index${deploymentBuildOptions().outExtension[".js"]} (+ .map, meta.json) in ${Math.round(performance.now() - started)} ms`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

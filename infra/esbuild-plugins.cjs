// esbuild plugins for serverless-esbuild (loaded with require, so CommonJS).
"use strict";

const { mkdirSync, writeFileSync } = require("node:fs");
const path = require("node:path");

// Bundles are ESM in .js files. A package.json saying so sits next to them in every
// artifact, so Lambda and `osls invoke local` both load them as modules. (serverless-esbuild
// leaves the root package.json out of artifacts, but keeps this one.)
const markOutputAsModule = {
  name: "mark-output-as-module",
  setup(build) {
    build.onEnd(() => {
      const outdir = build.initialOptions.outdir ?? path.dirname(build.initialOptions.outfile);
      mkdirSync(outdir, { recursive: true });
      writeFileSync(path.join(outdir, "package.json"), '{ "type": "module" }\n');
    });
  },
};

// With splitting, every function is built into the same folder, and serverless-esbuild packs
// that folder's files into each function's zip except the other functions' bundles
// (`<function>.*`). Chunks named `<function>.<chunk>-<hash>.js` count as their function's, so
// each zip holds its own chunks only.
const nameChunksAfterEntry = {
  name: "name-chunks-after-entry",
  setup(build) {
    const entries = build.initialOptions.entryPoints;
    const first = Array.isArray(entries) ? entries[0] : Object.keys(entries ?? {})[0];
    if (!first) return;
    const entryName = typeof first === "string" ? path.basename(first, path.extname(first)) : first.out;
    build.initialOptions.chunkNames = `${entryName}.[name]-[hash]`;
  },
};

module.exports = [markOutputAsModule, nameChunksAfterEntry];

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

module.exports = [markOutputAsModule];

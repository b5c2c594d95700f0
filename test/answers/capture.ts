/**
 * Captures every GET route's answer for the seeded treaties from a freshly started local stack, so a
 * refactoring can be checked to change no answer: `npx tsx test/answers/capture.ts <out.json>` writes
 * them in full, `--digests <out.json>` writes one SHA-256 per route, and `--check` compares them with the
 * digests in test/answers/before.json and lists every route whose answer differs. The baseline is main as the
 * desk, the exact response schemas and the cold-start work landed (re-captured then: the clause forms and the
 * catalogue had changed answers on purpose since the refactor was checked against 83600fe), and once more for
 * /openapi.json alone when its Problem schema became exact.
 * Timestamps the seed stamps at load time (createdAt, DTSTAMP) and ETags are normalised away.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { freePort } from "../../scripts/local/ports.ts";
import { readSeedFiles } from "../../scripts/local/seed-data.ts";
import { startLocalStack } from "../../scripts/local/stack.ts";

const mode = process.argv[2];
const check = mode === "--check";
const digestsOnly = mode === "--digests";
const out = check ? undefined : ((digestsOnly ? process.argv[3] : mode) ?? "answers.json");
const BEFORE = new URL("./before.json", import.meta.url);
/** Answers meant to change, and why. */
const EXPECTED_CHANGES: Record<string, string> = {};
const apiKey = "answers-capture-key";
process.env.TREATY_CLOCK_QUIET = "true";
process.env.ESBUILD_WORK_FOLDER = ".esbuild-answers";
const stack = await startLocalStack({
  apiKey: { key: apiKey, name: "answers" },
  apiPort: await freePort(),
  quietApi: true,
});

export function normalise(text: string): string {
  return (
    text
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, "<instant>")
      .replace(/DTSTAMP:\d{8}T\d{6}Z/g, "DTSTAMP:<instant>")
      // A cursor is signed with a secret made per run; its payload must still match.
      .replace(/("nextCursor":"[\w-]+)\.[\w-]+"/g, '$1.<signature>"')
  );
}

try {
  const base = stack.api?.url ?? "";
  const answers: Record<string, { status: number; type: string | null; body: string }> = {};
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, { headers });
    answers[path] = {
      status: response.status,
      type: response.headers.get("content-type"),
      // Links carry the run's own origin (a free port each time).
      body: normalise((await response.text()).replaceAll(base, "<api>").replaceAll(encodeURIComponent(base), "<api>")),
    };
    return answers[path];
  };
  const asOfs = ["1988-06-01", "2019-07-04", "2019-08-02", "2019-08-03", "2021-02-04", "2026-02-05", "2030-01-01"];
  await get("/treaties");
  await get("/openapi.json");
  await get("/deadlines?from=1970-01-01&to=2100-01-01");
  await get("/deadlines?from=2019-01-01&to=2019-12-31");
  await get("/calendar.ics");
  await get("/calendar.ics?alarms=none");
  await get("/corrections");
  await get("/subscriptions", { "x-api-key": apiKey });
  await get("/treaties/no-such-treaty");
  for (const { treaty } of readSeedFiles()) {
    const t = `/treaties/${treaty.id}`;
    await get(t);
    await get(`${t}/deadlines`);
    await get(`${t}/parties`);
    await get(`${t}/parties?asOf=2019-07-04&format=csv`);
    await get(`${t}/parties?asOf=2019-07-04T23:30:00-04:00&tz=Asia/Tokyo`);
    const history = await get(`${t}/history?limit=200`);
    await get(`${t}/history?order=desc&limit=3`);
    await get(`${t}/history?from=2000&to=2019-06`);
    await get(`${t}/history?type=withdrawal_notice,statement`);
    await get(`${t}/history?format=timelinejs`);
    await get(`${t}/history?format=csv`);
    await get(`${t}/calendar.ics`);
    await get(`${t}/calendar.ics?alarms=30,7,1`);
    await get(`${t}/days-until-exit?asOf=not-a-date`);
    await get(`${t}/days-until-exit?asOf=2019-07-04T23:30:00-04:00&tz=America/New_York`);
    await get(`${t}/days-until-exit?asOf=2019-07-04T23:30:00-04:00&tz=Asia/Tokyo`);
    await get(`${t}/days-until-exit?noticeOn=2031-01-31&asOf=2030-12-01`);
    await get(`${t}/days-until-exit?noticeOn=2031-01-31&asOf=2030-12-01&format=text`);
    for (const asOf of asOfs) {
      await get(`${t}/days-until-exit?asOf=${asOf}`);
      await get(`${t}/days-until-exit?asOf=${asOf}&format=text`);
      await get(`${t}/embed?asOf=${asOf}`);
    }
    for (const party of treaty.parties) {
      await get(`${t}/history?party=${party.code}`);
      await get(`${t}/days-until-exit?asOf=2019-07-04&party=${party.code}`);
      await get(`${t}/days-until-exit?asOf=2019-07-04&party=${party.code}&format=text`);
    }
    const events = (JSON.parse(history.body) as { events?: Array<{ id: string }> }).events ?? [];
    for (const event of events.slice(0, 3)) await get(`${t}/events/${event.id}/revisions`);
  }
  const digests = Object.fromEntries(
    Object.entries(answers).map(([route, answer]) => [
      route,
      createHash("sha256").update(JSON.stringify(answer)).digest("hex"),
    ]),
  );
  if (out !== undefined) {
    writeFileSync(out, `${JSON.stringify(digestsOnly ? digests : answers, null, 2)}\n`);
    console.log(`${Object.keys(answers).length} answers written to ${out}`);
  } else {
    const before = JSON.parse(readFileSync(BEFORE, "utf8")) as typeof digests;
    const routes = new Set([...Object.keys(before), ...Object.keys(digests)]);
    const differing = [...routes].filter((route) => before[route] !== digests[route]);
    for (const route of differing)
      console.log(`differs: ${route}${EXPECTED_CHANGES[route] ? ` (expected: ${EXPECTED_CHANGES[route]})` : ""}`);
    console.log(`${routes.size - differing.length} of ${routes.size} answers as before`);
    process.exitCode = differing.every((route) => EXPECTED_CHANGES[route]) ? 0 : 1;
  }
} finally {
  await stack.stop();
}

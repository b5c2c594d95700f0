import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { listWholeHistory } from "#store/events";
import { givenTreaty } from "../support/fixtures.ts";

/** npm run import:timeline -- <file.csv> --treaty <id>, against the suite's DynamoDB Local table. */
const run = promisify(execFile);

const SHEET = [
  "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background",
  ",,,,,,,,,Test Treaty,<p>A title slide</p>,,,,,title,,",
  '2019,2,1,,,,,,,A statement,"<p>Said in Moscow.</p><ul><li><a href=""https://example.org/s"">Transcript</a></li></ul>",,,,,,Statement,',
  "1999,,,,,,,,,A year with its source as Media,,https://example.org/m,Archive,,,,Other,",
].join("\r\n");

async function importTimeline(args: string[]) {
  return run("npx", ["tsx", "scripts/import-timeline.ts", ...args], { env: process.env });
}

describe("npm run import:timeline", () => {
  it("dry-runs a sheet file, then imports it once however often it runs", async () => {
    const treatyId = await givenTreaty();
    const file = join(mkdtempSync(join(tmpdir(), "sheet-")), "timeline.csv");
    writeFileSync(file, SHEET);

    const dry = await importTimeline([file, "--treaty", treatyId, "--dry-run"]);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, stored: 2, refused: 0 });
    expect(await listWholeHistory(treatyId)).toEqual([]);

    const real = await importTimeline([file, "--treaty", treatyId]);
    expect(real.stderr).toContain("2 new, 0 already stored, 0 refused");
    const again = await importTimeline([file, "--treaty", treatyId]);
    expect(again.stderr).toContain("0 new, 2 already stored, 0 refused");

    const events = await listWholeHistory(treatyId);
    expect(
      events.map(({ date, type, title, description, sources }) => ({ date, type, title, description, sources })),
    ).toEqual([
      {
        date: "1999",
        type: "other",
        title: "A year with its source as Media",
        description: undefined,
        sources: [{ url: "https://example.org/m", publisher: "Archive" }],
      },
      {
        date: "2019-02-01",
        type: "statement",
        title: "A statement",
        description: "Said in Moscow.",
        sources: [{ url: "https://example.org/s", title: "Transcript" }],
      },
    ]);
    expect(events.every((event) => event.createdBy === "import:timeline" && event.id.startsWith("sheet-"))).toBe(true);
  }, 60_000);

  it("exits 2 with the reason when the treaty does not exist", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "sheet-")), "timeline.csv");
    writeFileSync(file, SHEET);
    await expect(importTimeline([file, "--treaty", "no-such-treaty"])).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});

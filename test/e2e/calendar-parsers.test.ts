import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ICAL from "ical.js";
import { afterAll, describe, expect, inject, it } from "vitest";

/**
 * Every seeded calendar feed, over HTTP, through two iCalendar parsers the project did not write:
 * ical.js (npm) and Python's icalendar (Debian's python3-icalendar, which `.ci/run` installs).
 */
const base = inject("apiUrl");

/** A Python that can import icalendar: Debian's first, as pyenv or a venv may shadow it. */
function findPythonWithIcalendar(): string | undefined {
  for (const python of ["/usr/bin/python3", "python3"]) {
    try {
      execFileSync(python, ["-c", "import icalendar"], { stdio: "ignore" });
      return python;
    } catch {
      // not this one
    }
  }
  return undefined;
}

const python = findPythonWithIcalendar();
if (!python) {
  if (process.env.CI)
    throw new Error("No python3 with icalendar; CI must install it (apt-get install python3-icalendar).");
  console.warn("Skipping the Python icalendar check: apt-get install python3-icalendar.");
}

// Parses each file strictly enough to fail on a malformed feed, and checks what every event must carry.
const PYTHON_CHECK = `
import sys, icalendar
total = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        data = f.read()
    assert data.endswith(b"END:VCALENDAR\\r\\n"), path + ": no CRLF after END:VCALENDAR"
    cal = icalendar.Calendar.from_ical(data)
    assert cal.errors == [], (path, cal.errors)
    for event in cal.walk("VEVENT"):
        assert event.errors == [], (path, event.errors)
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE"):
            assert prop in event, path + ": an event lacks " + prop
        total += 1
print("icalendar", icalendar.__version__, "parsed", len(sys.argv) - 1, "feeds,", total, "events")
`;

const dir = mkdtempSync(join(tmpdir(), "treaty-clock-ics-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The catalogue's treaties (data/treaties), not those other tests add to the shared table. */
const SEEDED = readdirSync(new URL("../../data/treaties/", import.meta.url))
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.replace(/\.json$/, ""));

async function seededFeeds(): Promise<Array<{ name: string; text: string }>> {
  const paths = ["/calendar.ics", ...SEEDED.map((id) => `/treaties/${id}/calendar.ics`)];
  return Promise.all(
    paths.map(async (path) => {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(200);
      return { name: path, text: await response.text() };
    }),
  );
}

describe("every seeded calendar feed, through third-party parsers", () => {
  it("parses in ical.js, every event with a UID, a stamp, an all-day start and a summary", async () => {
    const feeds = await seededFeeds();
    expect(feeds.length).toBeGreaterThanOrEqual(23);
    let events = 0;
    for (const { name, text } of feeds) {
      expect(text.endsWith("END:VCALENDAR\r\n"), name).toBe(true);
      const calendar = new ICAL.Component(ICAL.parse(text));
      for (const vevent of calendar.getAllSubcomponents("vevent")) {
        const event = new ICAL.Event(vevent);
        expect(event.uid, name).toMatch(/@treaty-clock$/);
        expect(event.startDate.isDate, name).toBe(true);
        expect(event.summary, name).toBeTruthy();
        expect(vevent.getFirstPropertyValue("dtstamp"), name).toBeTruthy();
        events++;
      }
    }
    console.log(`ical.js parsed ${feeds.length} feeds, ${events} events`);
    expect(events).toBeGreaterThan(0);
  }, 120_000);

  it.skipIf(!python)(
    "parses in Python's icalendar, every event with UID, DTSTAMP, DTSTART, DTEND, SUMMARY and SEQUENCE",
    async () => {
      const feeds = await seededFeeds();
      const files = feeds.map(({ text }, i) => {
        const file = join(dir, `feed-${i}.ics`);
        writeFileSync(file, text);
        return file;
      });
      const output = execFileSync(python ?? "python3", ["-c", PYTHON_CHECK, ...files], { encoding: "utf8" });
      console.log(output.trim());
      expect(output).toMatch(new RegExp(`parsed ${files.length} feeds, [1-9]\\d* events`));
    },
  );
});

import { parse as parseCsv } from "csv-parse/sync";
import ICAL from "ical.js";
import { describe, expect, inject, it } from "vitest";

/** The newsroom formats over HTTP, against the API that the global setup started with serverless-offline. */
const base = inject("apiUrl");

interface TimelineJs {
  title: { text: { headline: string } };
  events: Array<{ start_date: { year: number; month?: number; day?: number } }>;
  eras: Array<{ start_date: unknown; end_date: unknown }>;
}

const fetchPath = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

describe("newsroom formats over HTTP", () => {
  it("answers the Ottawa sentence with Estonia, Latvia and Lithuania, as text, in every language", async () => {
    const say = async (query: string) => {
      const response = await fetchPath(`/treaties/ottawa/days-until-exit?asOf=2025-08-01&format=text${query}`);
      expect(response.status).toBe(200);
      return response.text();
    };
    expect(await say("")).toBe(
      "Estonia, Latvia and Lithuania's withdrawals from the Ottawa Convention (Mine Ban Treaty) take effect in 148 days, on Dec. 27, 2025, the first three of four pending withdrawals.",
    );
    expect(await say("&lang=de")).toBe(
      "Die Austritte Estlands, Lettlands und Litauens aus der Ottawa-Konvention zum Verbot von Antipersonenminen werden in 148 Tagen, am 27. Dezember 2025, wirksam – die ersten drei von vier anstehenden Austritten.",
    );
    expect(await say("&lang=es")).toBe(
      "Las retiradas de Estonia, Letonia y Lituania de la Convención de Ottawa sobre minas antipersona se harán efectivas dentro de 148 días, el 27 de diciembre de 2025, las tres primeras de cuatro retiradas pendientes.",
    );
    const json = (await (await fetchPath("/treaties/ottawa/days-until-exit?asOf=2025-08-01")).json()) as {
      parties: string[];
    };
    expect(json.parties).toEqual(["EE", "LV", "LT"]);
  });

  it("says the INF Treaty ended, and refuses lang=it with a problem listing the languages", async () => {
    const ended = await fetchPath("/treaties/inf/days-until-exit?asOf=2026-11-30&format=text&style=uk");
    expect(await ended.text()).toBe("The INF Treaty ended on 2 August 2019, when the US withdrawal took effect.");
    const refused = await fetchPath("/treaties/inf/days-until-exit?lang=it");
    expect(refused.status).toBe(400);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(((await refused.json()) as { detail: string }).detail).toContain("en, fr, de, es");
  });

  it("serves the INF deadlines as an iCalendar feed a calendar parser reads", async () => {
    const response = await fetchPath("/treaties/inf/calendar.ics?alarms=7,1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("INF Treaty deadlines");
    const exit = calendar
      .getAllSubcomponents("vevent")
      .map((component) => new ICAL.Event(component))
      .find((event) => event.uid === "inf-withdrawal_effective-US@treaty-clock");
    expect(exit?.startDate.toString()).toBe("2019-08-02");
    expect(exit?.endDate.toString()).toBe("2019-08-03");
    expect(exit?.summary).toBe("INF Treaty: U.S. withdrawal takes effect");
  });

  it("answers 304 to a calendar client that sends back the ETag", async () => {
    const first = await fetchPath("/calendar.ics");
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    await first.text();
    const again = await fetchPath("/calendar.ics", { "if-none-match": etag ?? "" });
    expect(again.status).toBe(304);
  });

  it("downloads the INF timeline CSV that a CSV parser reads back row for row", async () => {
    const response = await fetchPath("/treaties/inf/history?format=csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="inf-timeline.csv"');
    const rows: Record<string, string>[] = parseCsv(await response.text(), { columns: true });
    expect(rows[0]).toMatchObject({ Type: "title", Headline: "INF Treaty" });
    expect(rows.find((row) => row.Year === "1991")).toMatchObject({ Month: "5", Day: "" });
    expect(rows.at(-1)).toMatchObject({ Type: "era", "End Year": "2019" });
  });

  it("serves TimelineJS JSON with a title slide, a month-only 1991 event and the in-force era", async () => {
    const response = await fetchPath("/treaties/inf/history?format=timelinejs");
    expect(response.status).toBe(200);
    const timeline = (await response.json()) as TimelineJs;
    expect(timeline.title.text.headline).toBe("INF Treaty");
    expect(timeline.events.find((slide) => slide.start_date.year === 1991)?.start_date).toEqual({
      year: 1991,
      month: 5,
    });
    expect(timeline.eras[0]).toMatchObject({
      start_date: { year: 1988, month: 6, day: 1 },
      end_date: { year: 2019, month: 8, day: 2 },
    });
  });

  it("answers the countdown as one sentence of plain text", async () => {
    const response = await fetchPath("/treaties/inf/days-until-exit?asOf=2019-07-04&format=text");
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await response.text()).toBe(
      "The U.S. withdrawal from the INF Treaty takes effect in 29 days, on Aug. 2, 2019.",
    );
  });

  it("serves the embed page with its CSP and without X-Frame-Options, and 304 on a repeat", async () => {
    const response = await fetchPath("/treaties/inf/embed?asOf=2019-07-04");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-frame-options")).toBeNull();
    expect(await response.text()).toContain("takes effect in 29 days, on Aug. 2, 2019.");
    const again = await fetchPath("/treaties/inf/embed?asOf=2019-07-04", {
      "if-none-match": response.headers.get("etag") ?? "",
    });
    expect(again.status).toBe(304);
  });

  it("refuses paging a whole-timeline format with a 400 problem", async () => {
    const response = await fetchPath("/treaties/inf/history?format=timelinejs&limit=5");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(((await response.json()) as { detail: string }).detail).toContain("limit");
  });
});

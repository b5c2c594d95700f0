import { createHash } from "node:crypto";
import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { DESK_CONTENT_SECURITY_POLICY, DESK_SCRIPT, renderDesk } from "#formats/desk";

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

function inlineBlocks(html: string, tag: "style" | "script"): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"))].map((match) => match[1] ?? "");
}

interface Node {
  name?: string;
  attribs?: Record<string, string>;
  children?: Node[];
}

function elements(node: Node): Node[] {
  return (node.children ?? []).flatMap((child) => (child.name ? [child, ...elements(child)] : elements(child)));
}

describe("the desk page", () => {
  const html = renderDesk();
  const all = elements(parseDocument(html) as unknown as Node);

  it("allows exactly its one stylesheet and one script by hash, and nothing inline besides", () => {
    const styles = inlineBlocks(html, "style");
    const scripts = inlineBlocks(html, "script");
    expect(styles).toHaveLength(1);
    expect(scripts).toEqual([DESK_SCRIPT]);
    const directives = Object.fromEntries(
      DESK_CONTENT_SECURITY_POLICY.split("; ").map((directive) => {
        const [name, ...values] = directive.split(" ");
        return [name, values.join(" ")];
      }),
    );
    expect(directives).toEqual({
      "default-src": "'none'",
      "style-src": sha256(styles[0] ?? ""),
      "script-src": sha256(DESK_SCRIPT),
      "connect-src": "'self'",
      "base-uri": "'none'",
      "form-action": "'none'",
      "frame-ancestors": "'none'",
    });
    expect(all.filter((node) => Object.keys(node.attribs ?? {}).some((name) => /^on/i.test(name)))).toEqual([]);
    expect(all.filter((node) => node.attribs?.style !== undefined)).toEqual([]);
  });

  it("loads nothing from anywhere: no src, no link, no URL in its markup", () => {
    expect(all.filter((node) => node.attribs?.src !== undefined || node.name === "link")).toEqual([]);
    expect(html.replace(DESK_SCRIPT, "")).not.toMatch(/https?:\/\//);
  });

  it("ships a script that parses on its own and never writes HTML", () => {
    expect(() => new Function(DESK_SCRIPT)).not.toThrow();
    expect(DESK_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    expect(DESK_SCRIPT).not.toMatch(/localStorage|document\.cookie/);
  });

  it("labels every control, and points each at its error note", () => {
    const ids = all.map((node) => node.attribs?.id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    const labelled = new Set(all.filter((node) => node.name === "label").map((node) => node.attribs?.for));
    const controls = all.filter((node) => ["input", "select", "textarea"].includes(node.name ?? ""));
    expect(controls.length).toBeGreaterThan(5);
    for (const control of controls) {
      const id = control.attribs?.id ?? "";
      expect(labelled.has(id), `label for ${id}`).toBe(true);
      expect(control.attribs?.["aria-describedby"]?.split(" "), id).toContain(`${id}-error`);
      expect(ids, `${id}-error`).toContain(`${id}-error`);
    }
  });
});

import { describe, expect, it } from "vitest";
import { oembedRich } from "../../../lib/formats/oembed.ts";

describe("oEmbed answer", () => {
  const input = {
    embedUrl: 'https://api.example/treaties/inf/embed?asOf=2019-07-04&tz="x"',
    title: 'INF <Treaty> & "friends"',
    providerUrl: "https://api.example",
  };

  it("is 600 by 600 when the consumer sets no limit, and shrinks to maxwidth and maxheight", () => {
    expect(oembedRich(input)).toMatchObject({ width: 600, height: 600 });
    expect(oembedRich({ ...input, maxwidth: 320, maxheight: 240 })).toMatchObject({ width: 320, height: 240 });
    expect(oembedRich({ ...input, maxwidth: 2000 })).toMatchObject({ width: 600 });
  });

  it("escapes the URL and the title inside the iframe's attributes", () => {
    expect(oembedRich(input).html).toBe(
      '<iframe src="https://api.example/treaties/inf/embed?asOf=2019-07-04&amp;tz=&quot;x&quot;" title="INF &lt;Treaty&gt; &amp; &quot;friends&quot;" width="600" height="600" frameborder="0" loading="lazy"></iframe>',
    );
  });
});

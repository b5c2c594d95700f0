import * as z from "zod/mini";

/** A size in CSS pixels, as oEmbed consumers send maxwidth and maxheight. */
const pixels = /* @__PURE__ */ z.lazy(() =>
  z.pipe(
    z.string().check(
      z.regex(/^\d{1,5}$/, "must be a whole number of pixels"),
      z.refine((value) => Number(value) >= 1, "must be at least 1"),
    ),
    z.transform(Number),
  ),
);

/**
 * GET /oembed. `format` is any text here: oEmbed 1.0 answers a format it does not serve with
 * 501 Not Implemented rather than 400, so the route decides.
 */
export const oembedQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    url: z.string().check(z.minLength(1), z.maxLength(2048)),
    maxwidth: z.optional(pixels),
    maxheight: z.optional(pixels),
    format: z.optional(z.string().check(z.maxLength(16))),
  }),
);

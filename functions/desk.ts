import { DESK_CONTENT_SECURITY_POLICY, renderDesk } from "#formats/desk";
import { httpHandler } from "#http/handler";
import { noQueryParameters } from "#http/request";

const page = renderDesk();

/** GET /desk: the newsroom's page for keeping timelines; it talks to this API from the browser. No reads here. */
export const handler = httpHandler(async (event) => {
  noQueryParameters(event);
  return {
    status: 200,
    text: page,
    contentType: "text/html; charset=utf-8",
    headers: {
      "content-security-policy": DESK_CONTENT_SECURITY_POLICY,
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "no-referrer",
    },
  };
});

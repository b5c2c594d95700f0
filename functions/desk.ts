import { DESK_CONTENT_SECURITY_POLICY, renderDesk } from "#formats/desk";
import { htmlPage, httpHandler } from "#http/handler";
import { noQueryParameters } from "#http/request";

const page = renderDesk();

/** GET /desk: the newsroom's page for keeping timelines; it talks to this API from the browser. No reads here. */
export const handler = httpHandler(async (event) => {
  noQueryParameters(event);
  return htmlPage(page, DESK_CONTENT_SECURITY_POLICY, { "x-frame-options": "DENY" });
});

import { HttpError } from "#http/errors";
import { httpHandler } from "#http/handler";

/** Not built yet: answers 501 so the route exists and says so. */
export const handler = httpHandler(async () => {
  throw new HttpError(501, "Not implemented", "This route is not available yet.");
});

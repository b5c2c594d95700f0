/** The cold-start floor of any function: a handler that imports nothing. */
export const handler = async () => ({ statusCode: 200, body: "ok" });

/** Not built yet. */
export const handler = async (): Promise<{ delivered: number }> => ({ delivered: 0 });

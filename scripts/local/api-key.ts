/** Provisions an API key by its hash; provisioning the same key twice changes nothing. */
export async function provisionApiKey(key: string, name: string, now = new Date()): Promise<void> {
  const { apiKeyHash, putApiKey } = await import("#store/api-keys");
  const hash = apiKeyHash(key);
  await putApiKey({ id: hash.slice(0, 12), name, hash, createdAt: now.toISOString() });
}

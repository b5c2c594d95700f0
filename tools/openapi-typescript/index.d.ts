/** The TypeScript types (`paths`, `components`, `operations`, ...) of an OpenAPI document. */
export declare function typesFromDocument(document: Record<string, unknown>): Promise<string>;

/**
 * Warm latency of a read handler, in this process, against the raw DynamoDB call that
 * fetches the same items: what the handler adds on top of the database (parsing, domain,
 * JSON, ETag, logging). The two are alternated, so a busy moment hits both alike.
 */
import { quantile } from "./cold-start.ts";

export interface LatencyPair {
  name: string;
  raw: string;
  iterations: number;
  handlerMedianMs: number;
  handlerP90Ms: number;
  rawMedianMs: number;
  rawP90Ms: number;
  ratio: number;
}

export async function comparePair(
  name: string,
  raw: string,
  handler: () => Promise<unknown>,
  rawCall: () => Promise<unknown>,
  iterations: number,
): Promise<LatencyPair> {
  for (let i = 0; i < 10; i++) {
    await handler();
    await rawCall();
  }
  const handlerTimes: number[] = [];
  const rawTimes: number[] = [];
  const time = async (work: () => Promise<unknown>, into: number[]) => {
    const started = performance.now();
    await work();
    into.push(performance.now() - started);
  };
  for (let i = 0; i < iterations; i++) {
    // Alternate which goes first, so neither always runs on a freshly used connection.
    if (i % 2 === 0) {
      await time(handler, handlerTimes);
      await time(rawCall, rawTimes);
    } else {
      await time(rawCall, rawTimes);
      await time(handler, handlerTimes);
    }
  }
  const handlerMedianMs = quantile(handlerTimes, 0.5);
  const rawMedianMs = quantile(rawTimes, 0.5);
  return {
    name,
    raw,
    iterations,
    handlerMedianMs,
    handlerP90Ms: quantile(handlerTimes, 0.9),
    rawMedianMs,
    rawP90Ms: quantile(rawTimes, 0.9),
    ratio: handlerMedianMs / rawMedianMs,
  };
}

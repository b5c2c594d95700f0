import { handler as addEvent } from "../../functions/add-event.ts";
import { handler as createTreaty } from "../../functions/create-treaty.ts";
import { call, eventInput, sampleEvent, treatyInput, uniqueId } from "./lambda.ts";

/** Creates a fresh treaty through the real handler and returns its id. */
export async function givenTreaty(change: Record<string, unknown> = {}): Promise<string> {
  const id = uniqueId();
  const answer = await call(createTreaty, sampleEvent("create-treaty.json", { body: treatyInput(id, change) }));
  if (answer.status !== 201) throw new Error(`could not create treaty: ${answer.text}`);
  return id;
}

/** Adds an event through the real handler and returns the stored event. */
export async function givenEvent(treatyId: string, change: Record<string, unknown> = {}) {
  const answer = await call(addEvent, sampleEvent("add-event.json", { path: { treatyId }, body: eventInput(change) }));
  if (answer.status !== 201) throw new Error(`could not add event: ${answer.text}`);
  return answer.body;
}

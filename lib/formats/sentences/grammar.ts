/**
 * How every language puts a sentence together from its words: lists, capitals, the full stop, and when an exit
 * mentions the withdrawals pending beside it. The words are each language's own (lib/formats/sentences/<lang>.ts).
 */
import type { ExitWords } from "#formats/sentences/phrasebook";

/** "A, B and C" with the language's conjunction; no serial comma (AP, AFP, dpa and EFE all leave it out). */
export function joinList(items: readonly string[], and: (next: string) => string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${and(items.at(-1) ?? "")} ${items.at(-1)}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Words made a sentence: capitalised, with a full stop. */
export function sentence(text: string): string {
  return `${capitalise(text)}.`;
}

/**
 * The words after an exit on the withdrawals pending beside it ("the first of five pending withdrawals"): only
 * before the exit, and only when more are pending than it names; otherwise nothing.
 */
export function pendingAfter(exit: ExitWords, words: (shown: number, pending: number) => string): string {
  const shown = exit.parties.length;
  if (exit.daysUntil < 0 || exit.pendingWithdrawals <= shown) return "";
  return words(shown, exit.pendingWithdrawals);
}

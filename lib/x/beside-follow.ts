/**
 * Where buttons beside a Follow button go: just before the outermost element that holds the Follow button
 * alone, inside `scope`. X wraps the button in views of its own, and every view of X's is a column: beside
 * the button itself our buttons stacked above it and the person's row grew by their height. Beside the
 * wrapper they join the row X lays it out in. Inserting there leaves the wrapper alone with the button, so
 * the next search finds the same place.
 */
export function besideFollow(follow: Element, scope: Element): { parent: Element; before: Element } | null {
  let before = follow;
  while (before.parentElement && before.parentElement !== scope && before.parentElement.childElementCount === 1) before = before.parentElement;
  return before.parentElement ? { parent: before.parentElement, before } : null;
}

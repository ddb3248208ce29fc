import { $createListItemNode, $createListNode, type ListItemNode, type ListNode } from '@lexical/list';

/**
 * Subparagraphs as one numbered list, as Lexical nests them: an item deeper
 * than the one before opens a nested list in an item of its own. `fill`
 * puts an item's words into its list item.
 */
export function $nestedList<T extends { depth: number }>(items: readonly T[], fill: (li: ListItemNode, item: T) => void): ListNode {
  const top = $createListNode('number');
  // The list open at each depth.
  const open: ListNode[] = [top];
  for (const item of items) {
    const depth = Math.min(item.depth, open.length);
    while (open.length > depth + 1) open.pop();
    if (depth === open.length) {
      const nested = $createListNode('number');
      const holder = $createListItemNode();
      holder.append(nested);
      open[depth - 1].append(holder);
      open.push(nested);
    }
    const li = $createListItemNode();
    fill(li, item);
    open[depth].append(li);
  }
  return top;
}
